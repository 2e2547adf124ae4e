"""How a parsed query runs: on which table, with what FTS5 expression, checked how.

Terms of two or more characters are matched in the bigram tables, terms of
single characters in the character table; the table a query is not run on
checks its terms over the candidates' rowid range. Terms mixing both (a piece
of one character beside a longer one) are checked in Python.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from jiangbei_reader.core.search.query import Query, Term

#: A single character in fewer articles than this leads a query that also has longer terms.
RARE = 2000
#: The headline counts this many times the body in BM25.
HEAD_WEIGHT = 5.0


@dataclass(slots=True)
class Plan:
    """Which table a query runs on, with what, and what checks its candidates."""

    #: "fts" (the years' bigram tables) or "chars"; ``other`` is the other one.
    table: str
    other: str
    #: The FTS5 MATCH expression on ``table``.
    expression: str
    #: Expressions on ``other`` a candidate must match (True) or must not (False).
    checks: list[tuple[str, bool]]
    #: The score column, ``{0}`` standing for the table's name.
    score: str
    #: Terms mixing one-character and longer pieces: checked in Python on the text.
    verify: bool


def plan_query(conn: sqlite3.Connection, query: Query) -> Plan:
    """How to run a query: its table, expression, checks and score."""
    long_terms = [t for t in query.required if not has_single(t)]
    char_terms = [t for t in query.required if t.single_chars]
    mixed = [t for t in query.required if t not in long_terms and t not in char_terms]
    long_out = [t for t in query.excluded if not has_single(t)]
    char_out = [t for t in query.excluded if t.single_chars]
    mixed_out = [t for t in query.excluded if t not in long_out and t not in char_out]
    fts_forms = [e for e in map(fts_term, mixed) if e is not None]
    verify = bool(mixed or mixed_out)
    if long_terms and char_terms and not mixed and rare(conn, char_terms):
        # A rare character (罕) beside a common word: start from the character.
        expression = combine([chars_term(t) for t in char_terms], [chars_term(t) for t in char_out])
        checks = [(combine([fts_term(t) or "" for t in long_terms], []), True)]
        checks += [(fts_term(t) or "", False) for t in long_out]
        return Plan("chars", "fts", expression, checks, "0.0", verify)
    if long_terms or fts_forms:
        expression = combine(
            [fts_term(t) or "" for t in long_terms] + fts_forms,
            [fts_term(t) or "" for t in long_out],
        )
        checks = [(chars_term(t), True) for t in char_terms]
        checks += [(chars_term(t), False) for t in char_out]
        score = f"-bm25({{0}}, 1.0, {HEAD_WEIGHT})"
        return Plan("fts", "chars", expression, checks, score, verify)
    expression = combine(
        [chars_term(t) for t in char_terms + mixed], [chars_term(t) for t in char_out]
    )
    checks = [(fts_term(t) or "", False) for t in long_out]
    return Plan("chars", "fts", expression, checks, "0.0", verify)


def fts_term(term: Term) -> str | None:
    """FTS expression of a term's multi-character pieces, or None if a variant has none."""
    variants = []
    for variant in term.variants:
        long = tuple(p for p in variant if len(p) > 1)
        if not long:
            return None
        variants.append(long)
    return Query("", (Term(term.raw, tuple(variants)),), ()).fts_expression()


def chars_term(term: Term) -> str:
    # A longer piece asks for each of its characters: a superset, verified later.
    variants = [
        " AND ".join(f'"{c}"' for c in sorted({c for p in v for c in p if c != " "}))
        for v in term.variants
    ]
    return " OR ".join(f"({v})" for v in variants)


def combine(required: list[str], excluded: list[str]) -> str:
    expression = " AND ".join(f"({e})" for e in required)
    for term in excluded:
        expression = f"({expression}) NOT ({term})"
    return expression


def rare(conn: sqlite3.Connection, terms: list[Term]) -> bool:
    """True when fewer than RARE articles hold these single characters."""
    (count,) = conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM chars WHERE chars MATCH ? LIMIT ?)",
        (combine([chars_term(t) for t in terms], []), RARE),
    ).fetchone()
    return bool(count < RARE)


def has_single(term: Term) -> bool:
    return any(len(p) == 1 for v in term.variants for p in v)
