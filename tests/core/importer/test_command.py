"""`jiangbei-reader import`: writes a draft `check` accepts, prints a summary, never clobbers."""

import argparse
import io
from pathlib import Path

import pytest

from jiangbei_reader.cli import main
from jiangbei_reader.core.check import check_paths
from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.importer import command
from tests.conftest import SEED


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    out, err = io.StringIO(), io.StringIO()
    code = command.run(parser.parse_args(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_writes_a_draft_that_check_accepts_and_summarises_it(tmp_path):
    target = tmp_path / "editions" / "2023-07-13.md"
    code, out, err = run(str(SEED), "--page", "2", "3", "-o", str(target))
    assert code == 0, err
    report = check_paths([target])
    assert report.count(Severity.ERROR) == 0
    assert report.count(Severity.WARNING) > 0  # the review comments
    assert "UTF-8" in out
    for label in ("articles", "paragraphs", "jumps found", "items to review", "encoding"):
        assert label in out
    assert "文章 articles:        8" in out


def test_the_cli_dispatches_to_the_import_command(tmp_path, capsys):
    target = tmp_path / "2023-07-13.md"
    assert main(["import", str(SEED), "--page", "2", "3", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("---\npaper: 江北报\ndate: 2023-07-13\n")
    assert "编码 encoding" in capsys.readouterr().out


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "2023-07-13.md"
    target.write_text("编辑的成果", encoding="utf-8")
    code, _, err = run(str(SEED), "-o", str(target))
    assert code == 1 and "--force" in err
    assert target.read_text(encoding="utf-8") == "编辑的成果"
    code, _, _ = run(str(SEED), "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("---")


def test_the_date_comes_from_the_option_or_a_file_name(tmp_path):
    code, _, _ = run(str(SEED), "--date", "2023-07-14", "-o", str(tmp_path / "draft.md"))
    assert code == 0
    assert "date: 2023-07-14" in (tmp_path / "draft.md").read_text(encoding="utf-8")
    code, _, err = run(str(SEED), "-o", str(tmp_path / "undated.md"))
    assert code == 1 and "--date" in err
    code, _, err = run(str(SEED), "--date", "13/07/2023", "-o", str(tmp_path / "x.md"))
    assert code == 1 and "YYYY-MM-DD" in err


@pytest.mark.parametrize(
    ("pages", "message"),
    [(["3", "2"], "printed order"), (["x"], "not a page id"), (["2", "第二版"], "twice")],
)
def test_bad_page_ids_are_refused(tmp_path, pages, message):
    code, _, err = run(str(SEED), "--page", *pages, "-o", str(tmp_path / "2023-07-13.md"))
    assert code == 1 and message in err
    assert not (tmp_path / "2023-07-13.md").exists()


def bad_file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 64, "not a text file"),
    ],
)
def test_input_that_is_not_page_text_writes_nothing_and_says_why(tmp_path, data, message):
    raw = bad_file(tmp_path, "raw.txt", data)
    target = tmp_path / "2023-07-13.md"
    code, _, err = run(str(raw), "-o", str(target))
    assert code == 1 and message in err and str(raw) in err
    assert not target.exists()


def test_a_50_mb_file_is_refused_with_a_clear_message(tmp_path):
    raw = tmp_path / "huge.txt"
    with raw.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    code, _, err = run(str(raw), "-o", str(tmp_path / "2023-07-13.md"))
    assert code == 1 and "50 MB" in err and "split it by page" in err


def test_a_missing_input_file_is_named(tmp_path):
    code, _, err = run(str(tmp_path / "nope.txt"), "-o", str(tmp_path / "2023-07-13.md"))
    assert code == 1 and "nope.txt" in err


def test_mixed_encodings_and_bad_bytes_are_named_in_the_summary(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    data = (
        "".join(lines[:20]).encode("utf-8")
        + "".join(lines[20:40]).encode("gbk")
        + b"\xff"
        + "".join(lines[40:]).encode("utf-8")
    )
    raw = bad_file(tmp_path, "mixed.txt", data)
    target = tmp_path / "2023-07-13.md"
    code, out, _ = run(str(raw), "--page", "2", "3", "-o", str(target))
    assert code == 0
    assert "mixed: GB18030 + UTF-8" in out
    bad_offset = data.index(b"\xff")
    assert f"byte offset {bad_offset}" in out
    assert check_paths([target]).count(Severity.ERROR) == 0


def test_a_file_without_line_breaks_gives_a_draft_check_accepts(tmp_path):
    raw = bad_file(
        tmp_path, "one-line.txt", "".join(SEED.read_text(encoding="utf-8").split()).encode()
    )
    target = tmp_path / "2023-07-13.md"
    code, out, _ = run(str(raw), "-o", str(target))
    assert code == 0 and "items to review" in out
    assert check_paths([target]).count(Severity.ERROR) == 0


def test_only_punctuation_gives_a_draft_check_accepts(tmp_path):
    raw = bad_file(tmp_path, "punct.txt", "。。，，！？\n\n（）\n".encode())
    target = tmp_path / "2023-07-13.md"
    assert run(str(raw), "-o", str(target))[0] == 0
    assert check_paths([target]).count(Severity.ERROR) == 0
