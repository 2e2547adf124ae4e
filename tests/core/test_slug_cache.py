"""Slugs worked out before are kept in a cache file, so a start need not load pypinyin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jiangbei_reader.core import slug as slug_module
from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.resources import editions_dir

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = editions_dir() / "2023-07-13.md"


#: Ids the bundled file names only so that its first start needs no pypinyin: they
#: are the slugs pypinyin gives (the others pair fragments or keep an older id).
SLUG_IDS = (
    "qu-zheng-fa-wei",
    "yong-jing-tou-he",
    "ti-sheng-jiang-bei",
    "shu-qi-ni-shui",
    "yao-zi-qiu-shu",
    "liang-jiang-ben-yong",
)


@pytest.fixture
def edition_without_ids(tmp_path: Path) -> Path:
    """The bundled edition without its :data:`SLUG_IDS`: real headlines, slugs to work out."""
    text = BUNDLED.read_text(encoding="utf-8")
    for slug_id in SLUG_IDS:
        assert f" {{#{slug_id}}}\n" in text
        text = text.replace(f" {{#{slug_id}}}\n", "\n")
    path = tmp_path / "editions" / BUNDLED.name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


#: Parse an edition file with a slug cache; print the ids and whether pypinyin was loaded.
SCRIPT = """
import json, sys
from pathlib import Path
from jiangbei_reader.core import slug
from jiangbei_reader.core.library import load_edition_file
cache = Path(sys.argv[1])
slug.load_known_slugs(cache)
edition = load_edition_file(Path(sys.argv[2])).edition
ids = [a.id for a in edition.articles()]
saved = slug.save_known_slugs(cache)
print(json.dumps({"ids": ids, "pypinyin": "pypinyin" in sys.modules, "saved": saved}))
"""


def _parse_in_a_new_process(cache: Path, edition: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(cache), str(edition)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer = json.loads(result.stdout.splitlines()[-1])
    assert isinstance(answer, dict)
    return answer


def test_the_second_parse_uses_the_cache_and_not_pypinyin(
    tmp_path: Path, edition_without_ids: Path
) -> None:
    cache = tmp_path / "cache" / "slugs.json"
    first = _parse_in_a_new_process(cache, edition_without_ids)
    assert first["pypinyin"] and first["saved"]
    assert cache.is_file()
    second = _parse_in_a_new_process(cache, edition_without_ids)
    assert second["ids"] == first["ids"]
    assert not second["pypinyin"]
    assert not second["saved"]  # nothing new to write
    # The ids are the ones pypinyin gives (the same as without a cache), which are
    # the ones the bundled file names.
    edition = load_edition_file(BUNDLED).edition
    assert edition is not None
    assert second["ids"] == [a.id for a in edition.articles()]


def test_the_bundled_edition_needs_no_pypinyin(tmp_path: Path) -> None:
    answer = _parse_in_a_new_process(tmp_path / "slugs.json", BUNDLED)
    assert answer["pypinyin"] is False


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01not json", b"[1, 2]", b'{"slugs": ["a"]}', b'{"slugs": {"\\u4e2d": "NOT A SLUG"}}'],
)
def test_a_bad_cache_file_is_not_used(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "slugs.json"
    cache.write_bytes(content)
    assert slug_module.load_known_slugs(cache) == 0
    assert slug_module.slug_for_headline("中") == "zhong"


def test_saving_writes_json_that_loads_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slug_module, "_known", {})
    monkeypatch.setattr(slug_module, "_learned", set())
    assert slug_module.slug_for_headline("“碳”寻发展新路径") == "tan-xun-fa-zhan"
    cache = tmp_path / "slugs.json"
    assert slug_module.save_known_slugs(cache)
    assert json.loads(cache.read_text("utf-8"))["slugs"] == {"“碳”寻发展新路径": "tan-xun-fa-zhan"}
    monkeypatch.setattr(slug_module, "_known", {})
    assert slug_module.load_known_slugs(cache) == 1
    assert slug_module._known == {"“碳”寻发展新路径": "tan-xun-fa-zhan"}


def test_the_file_keeps_the_headlines_asked_for_first_then_the_latest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Indexing an archive learns far more slugs than the file keeps: the ones the next
    # start needs (given as ``first``) must not be pushed out by them.
    monkeypatch.setattr(slug_module, "_known", {})
    monkeypatch.setattr(slug_module, "_learned", set())
    monkeypatch.setattr(slug_module, "KNOWN_SLUGS_LIMIT", 3)
    for headline in ("甲", "乙", "丙", "丁", "戊"):
        slug_module.slug_for_headline(headline)
    cache = tmp_path / "slugs.json"
    assert slug_module.save_known_slugs(cache, first=["甲", "不认识的标题"])
    saved = json.loads(cache.read_text("utf-8"))["slugs"]
    assert saved == {"甲": "jia", "戊": "wu", "丁": "ding"}
