"""Running a parsed query: candidates from FTS5, ranking, one hit per story, snippets.

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

from jiangbei_reader.core.search.normalize import (
    may_fold_to,
    normalize,
    normalized_plain,
    one_for_one_fold,
)
from jiangbei_reader.core.search.partitions import partitions
from jiangbei_reader.core.search.prepare import decode_text
from jiangbei_reader.core.search.query import Query, Term
from jiangbei_reader.core.search.results import SearchHit
from jiangbei_reader.core.search.snippet import make_snippet
from jiangbei_reader.core.search.store import SLOTS

HEAD_WEIGHT = 5.0
#: How many of the newest matching articles are ranked (their text is read to
#: rank single characters, hence the smaller window there).
WINDOW = 1000
CHARS_WINDOW = 300
#: When checks leave fewer than MIN_POOL candidates, older pages are read for up to
#: PAGE_SECONDS.
MIN_POOL = 200
#: A single character in fewer articles than this leads a query that also has longer terms.
RARE = 2000
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
class _Candidate:
    rowid: int
    score: float
    story: int
    parts: list[str] | None
    head_parts: int


def _fts_term(term: Term) -> str | None:
    """FTS expression of a term's multi-character pieces, or None if a variant has none."""
    variants = []
    for variant in term.variants:
        long = tuple(p for p in variant if len(p) > 1)
        if not long:
            return None
        variants.append(long)
    return Query("", (Term(term.raw, tuple(variants)),), ()).fts_expression()


def _chars_term(term: Term) -> str:
    # A longer piece asks for each of its characters: a superset, verified later.
    variants = [
        " AND ".join(f'"{c}"' for c in sorted({c for p in v for c in p if c != " "}))
        for v in term.variants
    ]
    return " OR ".join(f"({v})" for v in variants)


def _combine(required: list[str], excluded: list[str]) -> str:
    expression = " AND ".join(f"({e})" for e in required)
    for term in excluded:
        expression = f"({expression}) NOT ({term})"
    return expression


@dataclass(slots=True)
class _Plan:
    """Which table a query runs on, with what, and what checks its candidates."""

    table: str
    other: str
    window: int
    expression: str
    checks: list[tuple[str, bool]]
    score: str
    verify: bool


@dataclass(slots=True)
class Found:
    """The candidates a query found, and whether they are all its matches."""

    candidates: list[_Candidate]
    #: Every match was read (within the filters).
    complete: bool
    #: Reading stopped for time while checks left few candidates (not for having enough).
    timed_out: bool = False


def _plan(conn: sqlite3.Connection, query: Query) -> _Plan:
    """How to run a query: its table, expression, checks and score.

    Terms of two or more characters are matched in the bigram tables, terms of
    single characters in the character table; the table a query is not run on
    checks its terms over the candidates' rowid range. Terms mixing both (a
    piece of one character beside a longer one) are checked in Python.
    """
    long_terms = [t for t in query.required if not _has_single(t)]
    char_terms = [t for t in query.required if t.single_chars]
    mixed = [t for t in query.required if t not in long_terms and t not in char_terms]
    long_out = [t for t in query.excluded if not _has_single(t)]
    char_out = [t for t in query.excluded if t.single_chars]
    mixed_out = [t for t in query.excluded if t not in long_out and t not in char_out]
    fts_forms = [e for e in map(_fts_term, mixed) if e is not None]
    verify = bool(mixed or mixed_out)
    if long_terms and char_terms and not mixed and _rare(conn, char_terms):
        # A rare character (罕) beside a common word: start from the character.
        expression = _combine(
            [_chars_term(t) for t in char_terms], [_chars_term(t) for t in char_out]
        )
        checks = [(_combine([_fts_term(t) or "" for t in long_terms], []), True)]
        checks += [(_fts_term(t) or "", False) for t in long_out]
        return _Plan("chars", "fts", CHARS_WINDOW, expression, checks, "0.0", verify)
    if long_terms or fts_forms:
        expression = _combine(
            [_fts_term(t) or "" for t in long_terms] + fts_forms,
            [_fts_term(t) or "" for t in long_out],
        )
        checks = [(_chars_term(t), True) for t in char_terms]
        checks += [(_chars_term(t), False) for t in char_out]
        score = f"-bm25({{0}}, 1.0, {HEAD_WEIGHT})"
        return _Plan("fts", "chars", WINDOW, expression, checks, score, verify)
    expression = _combine(
        [_chars_term(t) for t in char_terms + mixed], [_chars_term(t) for t in char_out]
    )
    checks = [(_fts_term(t) or "", False) for t in long_out]
    return _Plan("chars", "fts", CHARS_WINDOW, expression, checks, "0.0", verify)


def find_candidates(
    conn: sqlite3.Connection, query: Query, filters: Filters, texts: TextCache
) -> Found:
    """Matching articles, newest first, verified and scored.

    At most WINDOW of the newest (CHARS_WINDOW for single characters). The
    bigram tables are read a year at a time, newest first, and once a year's
    matches leave MIN_POOL candidates the older years are not read.
    """
    plan = _plan(conn, query)
    checking = bool(plan.checks or plan.verify)
    need_text = plan.verify or plan.table == "chars"
    # Without text or a page to read, docs is not joined (a lookup per candidate):
    # the story of the few fragments of a longer story comes from ``stories``.
    joined = need_text or filters.page is not None
    sources = ["chars"] if plan.table == "chars" else _bigram_tables(conn, filters)
    found = Found([], complete=True)
    candidates = found.candidates
    fetched = 0
    deadline = time.perf_counter() + PAGE_SECONDS
    epoch = texts.epoch
    for position, source in enumerate(sources):
        if position and len(candidates) >= MIN_POOL:
            # Enough of the newest years' matches to rank: older years are not read.
            found.complete = False
            return _scored(found, plan, query)
        if position and checking and time.perf_counter() > deadline:
            found.complete, found.timed_out = False, True
            return _scored(found, plan, query)
        where, params = filters.where(source)
        if need_text:
            columns = "docs.story, docs.text, docs.head_parts"
        else:
            columns = "docs.story, NULL, 0" if joined else f"{source}.rowid, NULL, 0"
        join = f" JOIN docs ON docs.id = {source}.rowid" if joined else ""
        upper: list[object] = []
        while True:
            limit = plan.window if checking else plan.window - fetched
            rows = conn.execute(
                f"SELECT {source}.rowid, {plan.score.format(source)}, {columns} "
                f"FROM {source}{join} WHERE {source} MATCH ?{where}"
                f"{f' AND {source}.rowid < ?' if upper else ''} "
                f"ORDER BY {source}.rowid DESC LIMIT ?",
                [plan.expression, *params, *upper, limit],
            ).fetchall()
            stories = {} if joined or not rows else _stories(conn, [r[0] for r in rows])
            batch = [
                _Candidate(
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
                found.complete = False
                return _scored(found, plan, query)
            if time.perf_counter() > deadline:
                found.complete, found.timed_out = False, True
                return _scored(found, plan, query)
    return _scored(found, plan, query)


def _scored(found: Found, plan: _Plan, query: Query) -> Found:
    """The candidates with their scores (bigram tables score in SQL, characters here)."""
    if plan.table == "chars":
        _score_chars(found.candidates, query)
    return found


def _bigram_tables(conn: sqlite3.Connection, filters: Filters) -> list[str]:
    """The years' bigram tables a search with these filters reads, newest first."""
    return [p.name for p in partitions(conn, *filters.rowids())]


def _stories(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, int]:
    """Fragment → the story's first fragment, for those of these rowids (newest first)."""
    low, high = rowids[-1], rowids[0]
    if (high - low) // SLOTS * JUMPS_A_DAY <= len(rowids):
        return dict(
            conn.execute("SELECT id, story FROM stories WHERE id BETWEEN ? AND ?", (low, high))
        )
    # Few matches over a long time: looking them up reads fewer rows than the range.
    found: dict[int, int] = {}
    for start in range(0, len(rowids), 500):
        batch = rowids[start : start + 500]
        found.update(conn.execute(f"SELECT id, story FROM stories {_in_rows(batch)}", batch))
    return found


def _checked(
    conn: sqlite3.Connection,
    other: str,
    checks: list[tuple[str, bool]],
    batch: list[_Candidate],
    query: Query | None,
) -> list[_Candidate]:
    """The candidates that pass the other table's checks (and Python's, given a query)."""
    if batch and checks:
        low, high = batch[-1].rowid, batch[0].rowid
        tables = [other] if other == "chars" else [p.name for p in partitions(conn, low, high + 1)]
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


def _rare(conn: sqlite3.Connection, terms: list[Term]) -> bool:
    """True when fewer than RARE articles hold these single characters."""
    (count,) = conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM chars WHERE chars MATCH ? LIMIT ?)",
        (_combine([_chars_term(t) for t in terms], []), RARE),
    ).fetchone()
    return bool(count < RARE)


def _has_single(term: Term) -> bool:
    return any(len(p) == 1 for v in term.variants for p in v)


def _score_chars(candidates: list[_Candidate], query: Query) -> None:
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


def rank(candidates: list[_Candidate], limit: int) -> list[tuple[_Candidate, list[int]]]:
    """Best first, one per story; scores within 1 % of the best score's scale tie: newer first.

    Relative, because BM25's scale depends on the corpus (a term found in most
    articles gets an IDF near zero, and every score with it).
    """
    best = max((c.score for c in candidates), default=0.0)
    # Hundredths of the best score (rounded half up): a stable sort keeps ties newest first.
    hundredths = 100 / (best if best > 0 else 1.0)
    ordered = sorted(candidates, key=lambda c: -int(c.score * hundredths + 0.5))
    stories: dict[int, tuple[_Candidate, list[int]]] = {}
    for candidate in ordered:
        entry = stories.get(candidate.story)
        if entry is not None:
            entry[1].append(candidate.rowid)
        elif len(stories) < limit:
            stories[candidate.story] = (candidate, [candidate.rowid])
    return list(stories.values())


def _first_spans(query: Query, parts: list[str], head_parts: int) -> list[tuple[int, int]]:
    """Hits in the first body part that has any (else in the title parts), as plain-text spans.

    A part is passed over when no piece has all its characters in the folded
    part (``may_fold_to``: exact for pieces of one character, and it folds
    nothing); the others are normalised until one
    has a hit. (Checking their normalised text without the offset map first cost
    more than it saved.)
    """
    pieces = query.highlight_pieces()
    offsets = []
    position = 0
    for part in parts:
        offsets.append(position)
        position += len(part) + 1
    for index in [*range(head_parts, len(parts)), *range(head_parts)]:
        if not any(may_fold_to(parts[index], piece) for piece in pieces):
            continue
        folded = one_for_one_fold(parts[index])
        if folded is not None:
            spans = query.folded_spans(folded)
        else:
            spans = query.spans(normalize(parts[index]))
        if spans:
            base = offsets[index]
            return [(start + base, end + base) for start, end in spans]
    return []


def _in_rows(ids: list[int]) -> str:
    return f"WHERE id IN ({','.join('?' * len(ids))})"


def make_hits(
    conn: sqlite3.Connection,
    query: Query,
    ranked: list[tuple[_Candidate, list[int]]],
    texts: TextCache,
) -> list[SearchHit]:
    """Hits with snippets and highlight spans for ranked candidates (two reads in all)."""
    if not ranked:
        return []
    shown = [candidate.rowid for candidate, _ in ranked]
    epoch = texts.epoch
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT id, article_id, page, head_parts, headline_at, text FROM docs "
            + _in_rows(shown),
            shown,
        )
    }
    others = list({f for c, fragments in ranked for f in (*fragments, c.story) if f not in rows})
    names = {k: v[0] for k, v in rows.items()}
    for start in range(0, len(others), 500):
        batch = others[start : start + 500]
        names.update(
            conn.execute(f"SELECT id, article_id FROM docs {_in_rows(batch)}", batch).fetchall()
        )
    hits = []
    for candidate, fragments in ranked:
        article_id, page, head_parts, headline_at, blob = rows[candidate.rowid]
        story_id = names.get(candidate.story, article_id)
        parts = texts.parts(candidate.rowid, blob, epoch)
        plain = "\n".join(parts)
        body_start = len("\n".join(parts[:head_parts])) + 1 if head_parts else 0
        snippet, snippet_spans = make_snippet(
            plain, _first_spans(query, parts, head_parts), body_start
        )
        edition = dt.date.fromordinal(candidate.rowid // SLOTS)
        hits.append(
            SearchHit(
                article_id=article_id,
                edition=edition.isoformat(),
                date=edition,
                page_id=page,
                headline=parts[headline_at] if headline_at < len(parts) else "",
                snippet=snippet,
                snippet_spans=snippet_spans,
                score=candidate.score,
                story_id=story_id,
                fragment_ids=tuple(names[f] for f in fragments if f in names),
                text_parts=tuple(parts),
                query=query,
            )
        )
    return hits
