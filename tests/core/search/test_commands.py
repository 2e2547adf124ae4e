"""`jiangbei-reader search` and `jiangbei-reader index` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jiangbei_reader.cli import main

from .conftest import BUNDLED


def _args(tmp_path: Path) -> list[str]:
    return ["--editions", str(BUNDLED.parent), "--index", str(tmp_path / "i.sqlite3")]


def test_index_command_builds_and_reports_throughput(tmp_path, capsys):
    assert main(["index", *_args(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "新增 1" in out and "MB/s" in out
    assert main(["index", *_args(tmp_path)]) == 0
    assert "未变 1" in capsys.readouterr().out
    assert main(["index", "--rebuild", *_args(tmp_path)]) == 0
    assert "新增 1" in capsys.readouterr().out


def test_search_command_prints_ranked_hits_with_marks(tmp_path, capsys):
    assert main(["search", "江北嘴", "--limit", "2", *_args(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "【江北嘴】" in out and "2023-07-13 第" in out
    assert out.count("[2023-07-13/") == 2


def test_search_command_json(tmp_path, capsys):
    assert main(["search", "专精特新", "--json", *_args(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hits"] and data["query"] == "专精特新"
    hit = data["hits"][0]
    start, end = hit["snippet_spans"][0]
    assert hit["snippet"][start:end] == "专精特新"
    assert set(hit) >= {"article_id", "edition", "page", "headline", "spans", "score"}


def test_search_command_not_found_exits_1(tmp_path, capsys):
    assert main(["search", "不存在的合成词语", *_args(tmp_path)]) == 1
    assert "没有找到" in capsys.readouterr().out


def test_search_command_filters(tmp_path, capsys):
    assert main(["search", "江北嘴", "--page", "2", *_args(tmp_path)]) == 1
    capsys.readouterr()
    assert (
        main(["search", "江北嘴", "--from", "2023-07-13", "--to", "2023-07-13", *_args(tmp_path)])
        == 0
    )


def test_search_command_rejects_a_bad_date(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["search", "江北嘴", "--from", "July", *_args(tmp_path)])
    assert "YYYY-MM-DD" in capsys.readouterr().err
