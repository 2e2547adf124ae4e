"""The search box's little language: terms (AND), "quoted phrases", -excluded terms.

Parsing never fails: any string is a query, possibly an empty one. User text
never reaches FTS syntax unquoted; every piece becomes a quoted token phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from jiangbei_reader.core.search.normalize import (
    SOFT,
    NormalizedText,
    clean_text,
    normalize_query_text,
    phrase_tokens,
)

#: Longer queries are cut here (a pasted article is not a search).
MAX_QUERY_CHARS = 200
#: At most this many terms are used.
MAX_TERMS = 12
_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "＂": "＂"}
_MINUS = ("-", "－", "−")


@dataclass(frozen=True, slots=True)
class Term:
    """One term as typed, and the normalised pieces each variant must contain.

    A variant is the text as typed or a converted form (繁體 → 简体); the term
    matches when every piece of at least one variant occurs (pieces are split at
    punctuation, which no hit spans).
    """

    raw: str
    variants: tuple[tuple[str, ...], ...]
    phrase: bool = False

    @property
    def pieces(self) -> tuple[str, ...]:
        """Every piece of every variant, for highlighting."""
        return tuple(dict.fromkeys(p for v in self.variants for p in v))

    @property
    def single_chars(self) -> bool:
        """True when every variant is made only of one-character pieces."""
        return all(len(p) == 1 for v in self.variants for p in v)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: required and excluded terms, and what was dropped on the way."""

    text: str
    required: tuple[Term, ...]
    excluded: tuple[Term, ...]
    #: Chinese notices for the user (cut-off query, ignored pieces).
    notices: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for (only punctuation, only exclusions …)."""
        return not self.required

    @property
    def contradiction(self) -> tuple[Term, Term] | None:
        """A required term and an excluded term it always contains, or ``None``.

        ``江北 -江北`` and ``江北嘴 -江北`` can match no text.
        """
        for term in self.required:
            for out in self.excluded:
                if _implies(term, out):
                    return term, out
        return None

    def fts_expression(self) -> str:
        """The FTS5 MATCH expression; only quoted token phrases, never user syntax."""
        expression = " AND ".join(f"({_term_expression(t)})" for t in self.required)
        for term in self.excluded:
            expression = f"({expression}) NOT ({_term_expression(term)})"
        return expression

    def highlight_pieces(self) -> tuple[str, ...]:
        """Normalised pieces to highlight, longest first (so a longer hit wins)."""
        pieces = {p for t in self.required for p in t.pieces}
        return tuple(sorted(pieces, key=len, reverse=True))

    def matches(self, text: str) -> bool:
        """True when a normalised text satisfies the query."""
        return all(_term_in(t, text) for t in self.required) and not any(
            _term_in(t, text) for t in self.excluded
        )

    def spans(self, normalized: NormalizedText) -> list[tuple[int, int]]:
        """Every hit of a required term in a text, as sorted, merged original spans."""
        hits = self._piece_hits(normalized.text)
        return merge_spans(normalized.original_span(*span) for span in hits)

    def folded_spans(self, folded: str) -> list[tuple[int, int]]:
        """``spans`` of a text given as its ``one_for_one_fold``: found at the same offsets."""
        return merge_spans(self._piece_hits(folded))

    def _piece_hits(self, text: str) -> Iterator[tuple[int, int]]:
        """Where each highlight piece occurs in a normalised or folded text (overlaps too)."""
        for piece in self.highlight_pieces():
            start = text.find(piece)
            while start >= 0:
                yield start, start + len(piece)
                start = text.find(piece, start + 1)


def _implies(term: Term, out: Term) -> bool:
    """True when every text that matches ``term`` also matches ``out``."""
    return all(
        any(all(any(p in q for q in variant) for p in other) for other in out.variants)
        for variant in term.variants
    )


def _term_in(term: Term, text: str) -> bool:
    return any(all(piece in text for piece in variant) for variant in term.variants)


def _quote(tokens: Iterable[str], prefix: bool) -> str:
    body = " ".join(tokens).replace('"', '""')
    return f'"{body}"' + (" *" if prefix else "")


def _term_expression(term: Term) -> str:
    variants = []
    for variant in term.variants:
        phrases = [_quote(*phrase_tokens(piece.split(SOFT))) for piece in variant]
        variants.append(" AND ".join(phrases))
    return " OR ".join(f"({v})" for v in variants)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or touching ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def split_terms(text: str) -> list[tuple[str, bool, bool]]:
    """Cut query text into (term, is_phrase, is_excluded); unclosed quotes run to the end."""
    terms: list[tuple[str, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        excluded = False
        if char in _MINUS and i + 1 < n and not text[i + 1].isspace():
            excluded = True
            i += 1
            char = text[i]
        if char in _QUOTES:
            close = _QUOTES[char]
            end = text.find(close, i + 1)
            if end < 0:
                end = n
            terms.append((text[i + 1 : end], True, excluded))
            i = end + 1
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] not in _QUOTES:
            end += 1
        terms.append((text[i:end], False, excluded))
        i = end
    return terms


def parse_query(text: str, convert: Callable[[str], str] | None = None) -> Query:
    """Parse what the user typed; ``convert`` adds a variant (繁體 → 简体) when it differs."""
    notices: list[str] = []
    text = clean_text(text)
    if len(text) > MAX_QUERY_CHARS:
        notices.append(f"检索词过长，只用了前{MAX_QUERY_CHARS}个字。")
        text = text[:MAX_QUERY_CHARS]
    required: list[Term] = []
    excluded: list[Term] = []
    # Required and excluded terms are deduplicated apart: "江北 -江北" keeps both.
    seen: dict[bool, set[tuple[tuple[str, ...], ...]]] = {False: set(), True: set()}
    for raw, phrase, is_excluded in split_terms(text):
        term = make_term(raw, phrase, convert)
        if term is None or term.variants in seen[is_excluded]:
            continue
        seen[is_excluded].add(term.variants)
        (excluded if is_excluded else required).append(term)
    if len(required) + len(excluded) > MAX_TERMS:
        notices.append(f"检索词太多，只用了前{MAX_TERMS}个。")
        required = required[:MAX_TERMS]
        excluded = excluded[: max(0, MAX_TERMS - len(required))]
    if not required and excluded:
        notices.append("只有排除词（以“-”开头），请再输入要找的词。")
    query = Query(text, tuple(required), tuple(excluded), tuple(notices))
    conflict = query.contradiction
    if conflict is not None:
        term, out = conflict
        if term.variants == out.variants:
            notice = f"“{term.raw}”既要找又要排除，不会有结果。"
        else:
            notice = f"含有“{term.raw}”的文章都含有要排除的“{out.raw}”，不会有结果。"
        query = Query(text, query.required, query.excluded, (*query.notices, notice))
    return query


def make_term(raw: str, phrase: bool, convert: Callable[[str], str] | None) -> Term | None:
    """A term from raw text, or ``None`` when nothing searchable is left."""
    variants: list[tuple[str, ...]] = []
    for candidate in (raw, convert(raw) if convert else raw):
        # A line break in a query (pasted across paragraphs) separates pieces.
        pieces = tuple(p for line in candidate.splitlines() for p in normalize_query_text(line))
        if pieces and pieces not in variants:
            variants.append(pieces)
    if not variants:
        return None
    return Term(raw, tuple(variants), phrase)
