"""How good a draft is: paragraphs, articles, headlines, jumps and characters against a reference.

Both the draft and the reference are located in the raw text (whitespace removed), so
the comparison does not depend on the order the articles are written in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jiangbei_reader.core.markers import normalize_headline
from jiangbei_reader.core.model import Edition, Figure, Paragraph, Subhead
from jiangbei_reader.core.parser import parse_edition

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*[”’」』）)]*")
_ESCAPED = re.compile(r"\\([\\`*_\[\]!<#])")
_ANCHOR = 12
#: A list item's number as an editor writes it in front (``1.``); print may set it elsewhere.
_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])")


@dataclass(frozen=True, slots=True)
class DocBlock:
    """A paragraph (``p``), subhead (``h``) or picture caption (``fig``)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class DocArticle:
    """An article reduced to what the measurements compare."""

    page: str
    headline: str
    blocks: tuple[DocBlock, ...]
    kicker: str = ""
    subtitle: str = ""
    kind: str = "新闻"
    #: (direction, page) of each jump marker: ``("from", "1")``.
    jumps: tuple[tuple[str, str], ...] = ()

    @property
    def titles(self) -> frozenset[str]:
        """Normalised kicker, headline and subtitle."""
        found = (normalize_headline(t) for t in (self.kicker, self.headline, self.subtitle))
        return frozenset(t for t in found if t)


def doc_from_edition(edition: Edition) -> list[DocArticle]:
    """The articles of an edition, in file order."""
    out = []
    for article in edition.articles():
        blocks = []
        for block in article.blocks:
            if isinstance(block, Paragraph):
                blocks.append(DocBlock("p", block.text))
            elif isinstance(block, Subhead):
                blocks.append(DocBlock("h", block.text))
            elif isinstance(block, Figure):
                blocks.append(DocBlock("fig", block.caption))
        out.append(
            DocArticle(
                article.page_id,
                article.headline,
                tuple(blocks),
                article.kicker,
                article.subtitle,
                article.kind,
                tuple((j.direction.value, j.target_page) for j in article.jumps),
            )
        )
    return out


def squeeze(text: str) -> str:
    """Text without whitespace and without Markdown escapes, as located in the raw text."""
    return "".join(_ESCAPED.sub(r"\1", text).split())


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits`` out of ``total`` (1.0 when there is nothing to get right)."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        """The ratio."""
        return self.hits / self.total if self.total else 1.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.total})"


@dataclass(frozen=True, slots=True)
class Quality:
    """The figures issue 7 asks for."""

    boundary_precision: Ratio
    boundary_recall: Ratio
    sentences: Ratio
    headlines: Ratio
    titles: Ratio
    #: Jump markers of the reference that the draft recognised as markers.
    jumps: Ratio
    #: … and that are in the right article.
    jumps_placed: Ratio
    jumps_spurious: int
    characters: Ratio
    articles_reference: int
    articles_draft: int

    @property
    def boundary_f1(self) -> float:
        """Harmonic mean of boundary precision and recall."""
        p, r = self.boundary_precision.value, self.boundary_recall.value
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Quality) -> Quality:
        return Quality(
            self.boundary_precision + other.boundary_precision,
            self.boundary_recall + other.boundary_recall,
            self.sentences + other.sentences,
            self.headlines + other.headlines,
            self.titles + other.titles,
            self.jumps + other.jumps,
            self.jumps_placed + other.jumps_placed,
            self.jumps_spurious + other.jumps_spurious,
            self.characters + other.characters,
            self.articles_reference + other.articles_reference,
            self.articles_draft + other.articles_draft,
        )


class _Locator:
    """Finds texts in the squeezed raw text, in reading order where it can."""

    def __init__(self, raw: str) -> None:
        self.stream = squeeze(raw)
        self.cursor = 0

    def find(self, text: str) -> tuple[int, int] | None:
        if not text:
            return None
        number = _ITEM_NUMBER.match(text)
        if number is not None and len(text) > number.end():
            # The seed prints the ad's tip numbers as pictures after each tip; the edition
            # writes them in front: the tip's own words are what the raw text has.
            return self.find(text[number.end() :])
        for needle, shift in (
            (text, 0),
            (text[:_ANCHOR], 0),
            (text[-_ANCHOR:], len(text) - len(text[-_ANCHOR:])),
        ):
            if len(needle) < min(len(text), 4):
                continue
            at = self.stream.find(needle, self.cursor)
            if at < 0:
                at = self.stream.find(needle)
            if at >= 0:
                start = max(0, at - shift)
                self.cursor = start + len(text)
                return start, start + len(text)
        return None


def _spans(raw: str, articles: Sequence[DocArticle]) -> list[tuple[int, int, int, str, str]]:
    """(start, end, article index, kind, text) of every located body block."""
    locator = _Locator(raw)
    found = []
    for index, article in enumerate(articles):
        for block in article.blocks:
            piece = DocBlock(block.kind, squeeze(block.text))
            span = locator.find(piece.text)
            if span is not None:
                found.append((span[0], span[1], index, piece.kind, piece.text))
    return found


def _boundaries(spans: Iterable[tuple[int, int, int, str, str]]) -> set[int]:
    return {start for start, _, _, kind, _ in spans if kind in ("p", "h")}


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _owner_lookup(
    spans: list[tuple[int, int, int, str, str]],
) -> tuple[list[int], list[int], list[int]]:
    ordered = sorted(spans)
    return [s[0] for s in ordered], [s[1] for s in ordered], [s[2] for s in ordered]


def _owner(lookup: tuple[list[int], list[int], list[int]], position: int) -> int | None:
    starts, ends, owners = lookup
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and starts[index] <= position < ends[index]:
        return owners[index]
    return None


def _characters(raw: str, draft: Sequence[DocArticle]) -> Ratio:
    wanted = Counter(squeeze(raw))
    have: Counter[str] = Counter()
    for article in draft:
        for text in (article.kicker, article.headline, article.subtitle):
            have.update(squeeze(text))
        for block in article.blocks:
            have.update(squeeze(block.text))
    return Ratio(sum(min(n, have[ch]) for ch, n in wanted.items()), sum(wanted.values()))


def measure(raw: str, draft: Sequence[DocArticle], reference: Sequence[DocArticle]) -> Quality:
    """Compare a draft with a reference made by hand (or generated) from the same raw text."""
    ref_spans = _spans(raw, reference)
    draft_spans = _spans(raw, draft)
    ref_bounds = _boundaries(ref_spans)
    draft_bounds = _boundaries(draft_spans)
    common = len(ref_bounds & draft_bounds)
    lookup = _owner_lookup(draft_spans)
    pairs: Counter[tuple[int, int | None]] = Counter()
    per_ref: Counter[int] = Counter()
    for start, _, ref_index, kind, text in ref_spans:
        if kind != "p":
            continue
        for s, e in _sentences(text):
            pairs[(ref_index, _owner(lookup, start + (s + e) // 2))] += 1
            per_ref[ref_index] += 1
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for (ref_index, draft_index), _ in pairs.most_common():
        if draft_index is None or ref_index in mapping or draft_index in used:
            continue
        mapping[ref_index] = draft_index
        used.add(draft_index)
    sentences = Ratio(sum(pairs[(r, d)] for r, d in mapping.items()), sum(per_ref.values()))
    measured = [r for r in per_ref if per_ref[r]]
    headlines = Ratio(
        sum(
            1
            for r in measured
            if r in mapping
            and normalize_headline(draft[mapping[r]].headline)
            == normalize_headline(reference[r].headline)
        ),
        len(measured),
    )
    titles = Ratio(
        sum(
            1 for r in measured if r in mapping and draft[mapping[r]].titles == reference[r].titles
        ),
        len(measured),
    )
    jump_hits = jump_total = 0
    for r, article in enumerate(reference):
        wanted = Counter(article.jumps)
        jump_total += sum(wanted.values())
        if r in mapping:
            got = Counter(draft[mapping[r]].jumps)
            jump_hits += sum(min(n, got[j]) for j, n in wanted.items())
    wanted_all = Counter(j for a in reference for j in a.jumps)
    found_all = Counter(j for a in draft for j in a.jumps)
    recognised = sum(min(n, found_all[j]) for j, n in wanted_all.items())
    return Quality(
        Ratio(common, len(draft_bounds)),
        Ratio(common, len(ref_bounds)),
        sentences,
        headlines,
        titles,
        Ratio(recognised, jump_total),
        Ratio(jump_hits, jump_total),
        sum(found_all.values()) - recognised,
        _characters(raw, draft),
        len(reference),
        len(draft),
    )


def import_and_measure(
    raw: str, reference: Sequence[DocArticle], date: dt.date, pages: tuple[str, ...]
) -> Quality:
    """Import raw text as the given pages and measure the draft against a reference."""
    from jiangbei_reader.core.importer import ImportOptions, import_text

    result = import_text(raw, ImportOptions(date=date, pages=pages))
    parsed = parse_edition(result.text or "")
    draft = doc_from_edition(parsed.edition) if parsed.edition is not None else []
    return measure(raw, draft, reference)


def report(quality: Quality, label: str) -> str:
    """The figures as lines of text."""
    return "\n".join(
        [
            f"{label}",
            f"  paragraph boundaries: precision {quality.boundary_precision}, "
            f"recall {quality.boundary_recall}, F1 {quality.boundary_f1:.3f}",
            f"  sentences in the right article: {quality.sentences}",
            f"  headline right: {quality.headlines}; all titles (引题/主题/副题) right: "
            f"{quality.titles}",
            f"  jump markers found: {quality.jumps}, in the right article: "
            f"{quality.jumps_placed}; spurious: {quality.jumps_spurious}",
            f"  characters preserved: {quality.characters}",
            f"  articles: reference {quality.articles_reference}, draft {quality.articles_draft}",
        ]
    )
