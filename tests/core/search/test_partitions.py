"""The bigram index is one table a year: routing, removal, filters and the newest years first."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex, indexer, searcher
from jiangbei_reader.core.search.partitions import partition_of, partitions
from jiangbei_reader.core.search.store import SLOTS

from .conftest import IndexFactory, write

ARTICLE = [("合成标题", "江北嘴的合成文字。")]


def _index(tmp_path: Path, make_index: IndexFactory, *dates: str) -> SearchIndex:
    """An index over one synthetic article an edition, an edition a date."""
    folder = tmp_path / "ed"
    for date in dates:
        write(folder, date, {"1": ARTICLE})
    return make_index(folder)


def _year_of(rowid: int) -> int:
    return dt.date.fromordinal(rowid // SLOTS).year


def _tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [p.name for p in partitions(conn)]
    finally:
        conn.close()


def test_a_year_holds_exactly_its_own_rowids() -> None:
    for year in (1, 1999, 2000, 2024, 9999):
        table = partition_of(year)
        assert table.name == f"fts{year:04d}"
        assert _year_of(table.low) == year and _year_of(table.high - 1) == year
        if year < 9999:
            assert partition_of(year + 1).low == table.high


def test_articles_go_to_their_years_table_and_leave_it(
    tmp_path: Path, make_index: IndexFactory, monkeypatch
) -> None:
    folder = tmp_path / "ed"
    index = _index(tmp_path, make_index, "2029-12-31", "2030-01-01", "2031-06-01")
    path = tmp_path / "cache" / "search.sqlite3"
    assert _tables(path) == ["fts2031", "fts2030", "fts2029"]
    assert [h.edition for h in index.search("江北嘴").hits] == [
        "2031-06-01",
        "2030-01-01",
        "2029-12-31",
    ]
    conn = sqlite3.connect(path)
    rows = {
        t: conn.execute(f"SELECT count(*) FROM {t}_docsize").fetchone()[0] for t in _tables(path)
    }
    conn.close()
    assert rows == {"fts2031": 1, "fts2030": 1, "fts2029": 1}
    # Removed: no longer found; the emptied year's table goes at the next compaction.
    (folder / "2030-01-01.md").unlink()
    index.close()
    monkeypatch.setattr(indexer, "OPTIMIZE_AFTER", 1)
    index = SearchIndex.open(path, Library([folder]))  # a new listing
    assert index.update().removed == 1
    assert [h.edition for h in index.search("江北嘴").hits] == ["2031-06-01", "2029-12-31"]
    assert _tables(path) == ["fts2031", "fts2029"]
    index.close()


def test_date_filters_read_only_the_years_they_cover(
    tmp_path: Path, make_index: IndexFactory, monkeypatch
) -> None:
    index = _index(tmp_path, make_index, "2028-03-01", "2029-03-01", "2030-03-01")
    read: list[str] = []
    real = searcher._tables

    def spy(conn: sqlite3.Connection, kind: str, low: int | None, high: int | None) -> list[str]:
        tables = real(conn, kind, low, high)
        read.extend(tables)
        return tables

    monkeypatch.setattr(searcher, "_tables", spy)
    results = index.search("江北嘴", date_from=dt.date(2029, 1, 1), date_to=dt.date(2029, 12, 31))
    assert [h.edition for h in results.hits] == ["2029-03-01"] and results.exact_total
    assert read == ["fts2029"]
    read.clear()
    assert [h.edition for h in index.search("江北嘴", edition="2028-03-01").hits] == ["2028-03-01"]
    assert read == ["fts2028"]


def test_older_years_are_not_read_once_the_newest_hold_enough(
    tmp_path: Path, make_index: IndexFactory, monkeypatch
) -> None:
    index = _index(tmp_path, make_index, "2029-05-01", "2030-05-01", "2030-05-02", "2030-05-03")
    assert index.search("江北嘴").total == 4
    monkeypatch.setattr(searcher, "MIN_POOL", 3)
    results = index.search("江北嘴")
    assert [h.edition for h in results.hits] == ["2030-05-03", "2030-05-02", "2030-05-01"]
    assert results.total == 3 and not results.exact_total
    assert any("最新的3篇" in n for n in results.notices)
    # A year with fewer than MIN_POOL matches: the year before is read too.
    monkeypatch.setattr(searcher, "MIN_POOL", 4)
    assert index.search("江北嘴").total == 4 and index.search("江北嘴").exact_total
