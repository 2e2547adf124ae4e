"""Running a parsed query: candidates from FTS5, their scores, one result per story.

Queries with a piece of two or more characters go to the bigram index and are
ranked by FTS5's BM25 (headline weighted HEAD_WEIGHT times the body). Queries of
single characters only go to the per-article character table and are ranked
here with the same BM25 saturation. Either way the ranking looks at the newest
WINDOW matching articles: on a ten-year archive a common word matches tens of
thousands, and the reader wants the best of the recent ones, fast.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from jiangbei_reader.core.search.normalize import normalized_plain
from jiangbei_reader.core.search.partitions import partitions
from jiangbei_reader.core.search.plan import HEAD_WEIGHT, Plan, plan_query
from jiangbei_reader.core.search.prepare import decode_text
from jiangbei_reader.core.search.query import Query
from jiangbei_reader.core.search.store import SLOTS, rows_by_id

#: How many of the newest matching articles are ranked (their text is read to
#: rank single characters, hence the smaller window there).
WINDOW = 1000
CHARS_WINDOW = 300
#: When checks leave fewer than MIN_POOL candidates, older pages are read for up to
#: PAGE_SECONDS.
MIN_POOL = 200
PAGE_SECONDS = 0.05
#: About how many continued fragments (``stories`` rows) an edition has.
JUMPS_A_DAY = 4
#: Decoded texts kept (about 1.5 KB each).
TEXT_CACHE = 3000
_K1, _B = 1.2, 0.75


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions on where to search."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    #: An edition id (its ISO date).
    edition: str | None = None
    page: str | None = None

    def rowids(self) -> tuple[int | None, int | None]:
        """The article rowids [low, high) the dates allow (None: no bound)."""
        first, last = self.date_from, self.date_to
        if self.edition is not None:
            try:
                day = dt.date.fromisoformat(self.edition)
            except ValueError:
                return 0, 0
            first = max(first, day) if first else day
            last = min(last, day) if last else day
        low = first.toordinal() * SLOTS if first is not None else None
        high = (last.toordinal() + 1) * SLOTS if last is not None else None
        return low, high

    def where(self, table: str) -> tuple[str, list[object]]:
        """SQL conditions (to AND with the MATCH) and their parameters."""
        low, high = self.rowids()
        sql, params = "", list[object]()
        if low is not None:
            sql += f" AND {table}.rowid >= ?"
            params.append(low)
        if high is not None:
            sql += f" AND {table}.rowid < ?"
            params.append(high)
        if self.page is not None:
            sql += " AND docs.page = ?"
            params.append(self.page)
        return sql, params


class TextCache:
    """Decoded stored texts of recently read articles, by rowid (shared by threads).

    Rankings look at the newest matches, so the same recent articles are read
    query after query (a single character reads the text of 300 to score them).
    An entry holds for the ``epoch`` it was read in: the index bumps the epoch
    after every commit of an update, so no text of a re-indexed edition is
    served from before.
    """

    def __init__(self, capacity: int = TEXT_CACHE) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[int, tuple[int, list[str]]] = OrderedDict()
        self._lock = threading.Lock()
        self.epoch = 0

    def bump(self) -> None:
        """The index changed: forget every text read before."""
        with self._lock:
            self.epoch += 1
            self._entries.clear()

    def parts(self, rowid: int, blob: bytes, epoch: int) -> list[str]:
        """The parts of a stored text (decoded now, or from an earlier read in ``epoch``)."""
        with self._lock:
            entry = self._entries.get(rowid)
            if entry is not None and entry[0] == epoch:
                self._entries.move_to_end(rowid)
                return entry[1]
        parts = decode_text(blob)
        with self._lock:
            if epoch == self.epoch:
                self._entries[rowid] = (epoch, parts)
                if len(self._entries) > self._capacity:
                    self._entries.popitem(last=False)
        return parts


@dataclass(slots=True)
class Candidate:
    rowid: int
    score: float
    story: int
    parts: list[str] | None
    head_parts: int


@dataclass(slots=True)
class Found:
    """The candidates a query found, and whether they are all its matches."""

    candidates: list[Candidate]
    #: Every match was read (within the filters).
    complete: bool
    #: Reading stopped for time while checks left few candidates (not for having enough).
    timed_out: bool = False


def find_candidates(
    conn: sqlite3.Connection, query: Query, filters: Filters, texts: TextCache
) -> Found:
    """Matching articles, newest first, verified and scored.

    At most WINDOW of the newest (CHARS_WINDOW for single characters). The
    bigram tables are read a year at a time, newest first, and once a year's
    matches leave MIN_POOL candidates the older years are not read.
    """
    plan = plan_query(conn, query)
    window = WINDOW if plan.table == "fts" else CHARS_WINDOW
    checking = bool(plan.checks or plan.verify)
    need_text = plan.verify or plan.table == "chars"
    # Without text or a page to read, docs is not joined (a lookup per candidate):
    # the story of the few fragments of a longer story comes from ``stories``.
    joined = need_text or filters.page is not None
    sources = _tables(conn, plan.table, *filters.rowids())
    found = Found([], complete=True)
    candidates = found.candidates
    fetched = 0
    deadline = time.perf_counter() + PAGE_SECONDS
    epoch = texts.epoch

    def stopped(timed_out: bool) -> Found:
        """Not every match was read: for having enough, or (``timed_out``) for time."""
        found.complete, found.timed_out = False, timed_out
        return _scored(found, plan, query)

    for position, source in enumerate(sources):
        if position and len(candidates) >= MIN_POOL:
            # Enough of the newest years' matches to rank: older years are not read.
            return stopped(timed_out=False)
        if position and checking and time.perf_counter() > deadline:
            return stopped(timed_out=True)
        where, params = filters.where(source)
        if need_text:
            columns = "docs.story, docs.text, docs.head_parts"
        else:
            columns = "docs.story, NULL, 0" if joined else f"{source}.rowid, NULL, 0"
        join = f" JOIN docs ON docs.id = {source}.rowid" if joined else ""
        upper: list[object] = []
        while True:
            limit = window if checking else window - fetched
            rows = conn.execute(
                f"SELECT {source}.rowid, {plan.score.format(source)}, {columns} "
                f"FROM {source}{join} WHERE {source} MATCH ?{where}"
                f"{f' AND {source}.rowid < ?' if upper else ''} "
                f"ORDER BY {source}.rowid DESC LIMIT ?",
                [plan.expression, *params, *upper, limit],
            ).fetchall()
            stories = {} if joined or not rows else _stories(conn, [r[0] for r in rows])
            batch = [
                Candidate(
                    r[0],
                    r[1],
                    stories.get(r[0], r[2]),
                    texts.parts(r[0], r[3], epoch) if r[3] is not None else None,
                    r[4],
                )
                for r in rows
            ]
            candidates += _checked(
                conn, plan.other, plan.checks, batch, query if plan.verify else None
            )
            fetched += len(rows)
            if len(rows) < limit:
                break  # this table has no more
            # The window is full; or checks left few: older rows, for a while.
            upper = [rows[-1][0]]
            if not checking or len(candidates) >= MIN_POOL:
                return stopped(timed_out=False)
            if time.perf_counter() > deadline:
                return stopped(timed_out=True)
    return _scored(found, plan, query)


def _scored(found: Found, plan: Plan, query: Query) -> Found:
    """The candidates with their scores (bigram tables score in SQL, characters here)."""
    if plan.table == "chars":
        _score_chars(found.candidates, query)
    return found


def _tables(conn: sqlite3.Connection, kind: str, low: int | None, high: int | None) -> list[str]:
    """The tables of a kind that hold rowids in [low, high): "chars", or "fts", the years'.

    The years' bigram tables come newest first.
    """
    if kind == "chars":
        return ["chars"]
    return [p.name for p in partitions(conn, low, high)]


def _stories(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, int]:
    """Fragment → the story's first fragment, for those of these rowids (newest first)."""
    low, high = rowids[-1], rowids[0]
    if (high - low) // SLOTS * JUMPS_A_DAY <= len(rowids):
        return dict(
            conn.execute("SELECT id, story FROM stories WHERE id BETWEEN ? AND ?", (low, high))
        )
    # Few matches over a long time: looking them up reads fewer rows than the range.
    return dict(rows_by_id(conn, "SELECT id, story FROM stories", rowids))


def _checked(
    conn: sqlite3.Connection,
    other: str,
    checks: list[tuple[str, bool]],
    batch: list[Candidate],
    query: Query | None,
) -> list[Candidate]:
    """The candidates that pass the other table's checks (and Python's, given a query)."""
    if batch and checks:
        low, high = batch[-1].rowid, batch[0].rowid
        tables = _tables(conn, other, low, high + 1)
        for check, wanted in checks:
            found = {
                r[0]
                for table in tables
                for r in conn.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?",
                    (check, low, high),
                )
            }
            batch = [c for c in batch if (c.rowid in found) == wanted]
    if query is not None:
        batch = [c for c in batch if query.matches(normalized_plain(c.parts or []))]
    return batch


def _score_chars(candidates: list[Candidate], query: Query) -> None:
    """BM25-like score for single-character queries: headline hits count HEAD_WEIGHT times.

    Counted in the stored text as printed (the character table already checked
    the folded form is there): cheap, and a ranking needs no more.
    """
    chars = tuple({p for t in query.required for p in t.pieces})
    heads: list[str] = []
    bodies: list[str] = []
    for c in candidates:
        parts = c.parts or []
        heads.append("\n".join(parts[: c.head_parts]))
        bodies.append("\n".join(parts[c.head_parts :]))
    if not candidates:
        return
    avg_head = max(1.0, sum(map(len, heads)) / len(heads))
    avg_body = max(1.0, sum(map(len, bodies)) / len(bodies))
    for candidate, head, body in zip(candidates, heads, bodies, strict=True):
        if len(chars) == 1:
            in_head, in_body = head.count(chars[0]), body.count(chars[0])
        else:
            in_head = sum(head.count(c) for c in chars)
            in_body = sum(body.count(c) for c in chars)
        candidate.score = HEAD_WEIGHT * _saturate(in_head, len(head), avg_head) + _saturate(
            in_body, len(body), avg_body
        )


def _saturate(tf: int, length: int, average: float) -> float:
    return tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average)) if tf else 0.0


def rank(candidates: list[Candidate], limit: int) -> list[tuple[Candidate, list[int]]]:
    """Best first, one per story; scores within 1 % of the best score's scale tie: newer first.

    Relative, because BM25's scale depends on the corpus (a term found in most
    articles gets an IDF near zero, and every score with it).
    """
    best = max((c.score for c in candidates), default=0.0)
    # Hundredths of the best score (rounded half up): a stable sort keeps ties newest first.
    hundredths = 100 / (best if best > 0 else 1.0)
    ordered = sorted(candidates, key=lambda c: -int(c.score * hundredths + 0.5))
    stories: dict[int, tuple[Candidate, list[int]]] = {}
    for candidate in ordered:
        entry = stories.get(candidate.story)
        if entry is not None:
            entry[1].append(candidate.rowid)
        elif len(stories) < limit:
            stories[candidate.story] = (candidate, [candidate.rowid])
    return list(stories.values())
