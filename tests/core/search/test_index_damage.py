"""An index whose header and schema are sound but whose FTS5 data is damaged is rebuilt.

``PRAGMA quick_check`` runs at most once a day, and does not look inside FTS5's
blobs at all: the failed search itself must lead to the rebuild.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jiangbei_reader.cli import main
from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex
from jiangbei_reader.core.search.partitions import partitions

from .conftest import BUNDLED


def damage_fts_pages(path: Path) -> int:
    """Overwrite the leaf pages of the bigram tables' data (not page 1: header and schema)."""
    conn = sqlite3.connect(path)
    try:
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name GLOB 'fts[0-9][0-9][0-9][0-9]_data' "
                "AND pagetype = 'leaf'"
            )
        ]
    finally:
        conn.close()
    assert pages, "no bigram table pages to damage"
    data = bytearray(path.read_bytes())
    for page in pages:
        assert page > 1
        start = (page - 1) * page_size
        data[start : start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    return len(pages)


def damage_fts_blobs(path: Path) -> None:
    """Garbage in FTS5's blobs, in sound b-tree pages: quick_check finds nothing."""
    conn = sqlite3.connect(path)
    with conn:
        tables = [p.name for p in partitions(conn)]
        assert tables
        for table in tables:
            # The same garbage every run: random bytes read as a valid, empty leaf about
            # one time in thirty, and the test then failed by chance.
            conn.execute(
                f"UPDATE {table}_data SET block = "
                "CAST(replace(hex(zeroblob(length(block))), '00', 'FF') AS BLOB) WHERE id > 10"
            )
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    conn.close()


def _built(tmp_path: Path) -> Path:
    path = tmp_path / "i.sqlite3"
    index = SearchIndex.open(path, Library([BUNDLED.parent]))
    index.update()
    assert index.search("江北嘴").hits
    index.close()
    return path


@pytest.mark.parametrize("damage", [damage_fts_pages, damage_fts_blobs])
def test_a_failed_search_makes_the_next_update_rebuild(tmp_path: Path, damage) -> None:
    path = _built(tmp_path)
    damage(path)
    index = SearchIndex.open(path, Library([BUNDLED.parent]))
    try:
        # The cheap checks pass and the daily page check is not due: nothing is noticed.
        assert index.update().rebuilt is False
        failed = index.search("江北嘴")
        assert failed.hits == () and failed.damaged and index.damaged
        assert any("重建" in n for n in failed.notices)
        report = index.update()
        assert report.rebuilt and report.added == 1
        assert not index.damaged
        assert index.search("江北嘴").hits
        assert any("损坏" in w for w in index.warnings)
    finally:
        index.close()


def test_a_search_that_fails_again_after_a_rebuild_does_not_rebuild_in_a_loop(
    tmp_path: Path,
) -> None:
    path = _built(tmp_path)
    index = SearchIndex.open(path, Library([BUNDLED.parent]))
    try:
        damage_fts_blobs(path)
        assert index.search("江北嘴").damaged
        assert index.update().rebuilt
        damage_fts_blobs(path)
        again = index.search("江北嘴")
        assert again.hits == () and not again.damaged and not index.damaged
        assert any("重新启动" in n for n in again.notices)
    finally:
        index.close()


@pytest.mark.parametrize("damage", [damage_fts_pages, damage_fts_blobs])
def test_the_search_command_rebuilds_and_answers_in_the_same_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage
) -> None:
    path = _built(tmp_path)
    damage(path)
    args = ["--editions", str(BUNDLED.parent), "--index", str(path)]
    assert main(["search", "江北嘴", "--limit", "2", *args]) == 0
    captured = capsys.readouterr()
    assert "【江北嘴】" in captured.out
    assert "重建" in captured.err
    # And the file is sound for the next run.
    assert main(["search", "专精特新", *args]) == 0
    assert "重建" not in capsys.readouterr().err
