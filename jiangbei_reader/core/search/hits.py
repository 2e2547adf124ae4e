"""Search hits: the ranked candidates' texts, with a snippet around the first hit."""

from __future__ import annotations

import datetime as dt
import sqlite3

from jiangbei_reader.core.search.normalize import may_fold_to, normalize, one_for_one_fold
from jiangbei_reader.core.search.query import Query
from jiangbei_reader.core.search.results import SearchHit
from jiangbei_reader.core.search.searcher import Candidate, TextCache
from jiangbei_reader.core.search.snippet import make_snippet
from jiangbei_reader.core.search.store import SLOTS, rows_by_id


def first_spans(query: Query, parts: list[str], head_parts: int) -> list[tuple[int, int]]:
    """Hits in the first body part that has any (else in the title parts), as plain-text spans.

    A part is passed over when no piece has all its characters in the folded
    part (``may_fold_to``: exact for pieces of one character, and it folds
    nothing); the others are searched until one has a hit: in their folded text
    when it maps one for one (most paragraphs), else normalised with the offset map.
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


def make_hits(
    conn: sqlite3.Connection,
    query: Query,
    ranked: list[tuple[Candidate, list[int]]],
    texts: TextCache,
) -> list[SearchHit]:
    """Hits with snippets and highlight spans for ranked candidates (two reads in all)."""
    if not ranked:
        return []
    shown = [candidate.rowid for candidate, _ in ranked]
    epoch = texts.epoch
    select = "SELECT id, article_id, page, head_parts, headline_at, text FROM docs"
    rows = {r[0]: r[1:] for r in rows_by_id(conn, select, shown)}
    others = list({f for c, fragments in ranked for f in (*fragments, c.story) if f not in rows})
    names = {k: v[0] for k, v in rows.items()}
    names.update(rows_by_id(conn, "SELECT id, article_id FROM docs", others))
    hits = []
    for candidate, fragments in ranked:
        article_id, page, head_parts, headline_at, blob = rows[candidate.rowid]
        story_id = names.get(candidate.story, article_id)
        parts = texts.parts(candidate.rowid, blob, epoch)
        plain = "\n".join(parts)
        body_start = len("\n".join(parts[:head_parts])) + 1 if head_parts else 0
        snippet, snippet_spans = make_snippet(
            plain, first_spans(query, parts, head_parts), body_start
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
