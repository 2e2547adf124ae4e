"""The bigram index, one FTS5 table a year (``fts2023``, ``fts2024`` …).

FTS5's ``bm25()`` works out each phrase's IDF with a pass over every match of
the phrase in its table, whatever the query's LIMIT: on one ten-year table that
pass was most of a query's time (9 ms of a 6-character one). The searcher ranks
the newest matches, which one year's table usually holds, so the pass covers a
year. BM25's statistics (IDF, average length) are then a year's: the same
ranking within a year, and a close one across years (docs/search.md).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from jiangbei_reader.core.search.store import SLOTS, TOKENIZER


@dataclass(frozen=True, slots=True)
class Partition:
    """One year's bigram table and the rowids [low, high) it can hold."""

    name: str
    low: int
    high: int


def partition_of(year: int) -> Partition:
    """The table of a year's articles."""
    low = dt.date(year, 1, 1).toordinal()
    high = dt.date(year, 12, 31).toordinal() + 1
    return Partition(f"fts{year:04d}", low * SLOTS, high * SLOTS)


def ensure_partition(conn: sqlite3.Connection, partition: Partition) -> None:
    """Create a year's table unless it is there (in the caller's transaction)."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {partition.name} "
        f"USING fts5(body, head, tokenize=\"{TOKENIZER}\", content='')"
    )


def partitions(
    conn: sqlite3.Connection, low: int | None = None, high: int | None = None
) -> list[Partition]:
    """The years' tables, newest first; given a rowid range [low, high), those it meets."""
    # The shadow tables (fts2023_data …) have longer names than the pattern.
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name GLOB 'fts[0-9][0-9][0-9][0-9]' ORDER BY name DESC"
    ).fetchall()
    found = [partition_of(int(name[3:])) for (name,) in names]
    return [p for p in found if (low is None or p.high > low) and (high is None or p.low < high)]
