"""The importer: raw page text, as extracted from the printed pages, to a draft edition.

The steps, one module each: ``decode`` (bytes to text), ``lines`` (the raw line joiner),
``paragraphs`` (where paragraphs end), ``structure`` (bodies, bylines, markers, subheads
and title runs), ``titles`` (which body each headline, caption and ad line belongs to),
``pages`` (page breaks), ``draft`` (the edition text). ``quality`` measures a draft
against a hand-made edition; ``rawify`` makes raw text from an edition for that test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jiangbei_reader.core.importer.decode import DecodeProblem, decode_raw
from jiangbei_reader.core.importer.draft import DraftPage, DraftStats, write_draft
from jiangbei_reader.core.importer.pages import split_pages
from jiangbei_reader.core.importer.paragraphs import read_lines, split_paragraphs
from jiangbei_reader.core.importer.structure import Article, Kind, lay_out
from jiangbei_reader.core.importer.titles import assign
from jiangbei_reader.core.markers import find_jump_markers, normalize_page_id
from jiangbei_reader.core.model import JumpDirection

DRAFT_NOTE = "导入初稿：段落、标题与文章归属由程序推断；请核对带“待核”注释之处，核对后删除注释。"


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the command line says about the edition being imported."""

    date: dt.date
    paper: str = "江北报"
    #: Page ids in printed order; empty: inferred from form feeds and jump markers.
    pages: tuple[str, ...] = ()
    #: The raw file's name, for the ``source`` field.
    source_name: str = ""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The draft (None when the input is not text) and what the summary reports."""

    text: str | None
    encoding: str
    stats: DraftStats = field(default_factory=DraftStats)
    pages: tuple[str, ...] = ()
    missing_pages: tuple[str, ...] = ()
    problems: tuple[DecodeProblem, ...] = ()
    error: str = ""
    warnings: tuple[str, ...] = ()


def _marker_pages(text: str) -> tuple[set[str], set[str]]:
    sources: set[str] = set()
    targets: set[str] = set()
    for marker in find_jump_markers(text):
        (sources if marker.direction is JumpDirection.FROM else targets).add(marker.page)
    return sources, targets


def _default_pages(count: int, sources: set[str], named: set[str]) -> tuple[str, ...]:
    """Consecutive page numbers after the pages the continuations come from."""
    numbers = [int(p) for p in sources if p.isdigit()]
    start = max(numbers, default=0) + 1
    while any(str(n) in named for n in range(start, start + count)):
        start += 1
    return tuple(str(n) for n in range(start, start + count))


def _more_pages(pages: Sequence[str], count: int, named: set[str]) -> tuple[str, ...]:
    out = list(pages)
    match = re.fullmatch(r"([A-Z]?)([0-9]+)", out[-1]) if out else None
    prefix, number = (match.group(1), int(match.group(2))) if match else ("", 0)
    while len(out) < count:
        number += 1
        candidate = f"{prefix}{number}"
        if candidate not in out and candidate not in named:
            out.append(candidate)
    return tuple(out)


def _first_items(article: Article) -> list[str]:
    return [i.text for s in article.sections for i in s.items if i.kind is not Kind.TITLE]


def _link_continuations(pages: Sequence[DraftPage]) -> None:
    """Give the two fragments of a story split across imported pages one explicit id."""
    by_id = {page.id: page for page in pages}
    for page in pages:
        for article in page.articles:
            for text in _first_items(article):
                for marker in find_jump_markers(text):
                    if marker.direction is not JumpDirection.TO or marker.page not in by_id:
                        continue
                    other = next(
                        (
                            a
                            for a in by_id[marker.page].articles
                            if a.explicit_id == ""
                            and any(
                                m.direction is JumpDirection.FROM and m.page == page.id
                                for t in _first_items(a)
                                for m in find_jump_markers(t)
                            )
                        ),
                        None,
                    )
                    if other is None or article.explicit_id:
                        continue
                    slug = f"jump-{page.id}-{marker.page}-{article.order + 1}".lower()
                    article.explicit_id = other.explicit_id = slug
                    note = "跨版续接按接版标记配对（两段标题不同时须保留相同的 {#id}）"
                    article.notes.append(note)
                    other.notes.append(note)


def import_text(text: str, options: ImportOptions, encoding: str = "UTF-8") -> ImportResult:
    """Structure decoded raw text into a draft edition."""
    parts: list[list[Article]] = []
    line = 1
    for chunk in text.split("\f"):
        blocks = split_paragraphs(read_lines(chunk, line))
        line += chunk.count("\n")
        if blocks:
            layout = lay_out(blocks)
            assign(layout)
            parts.append(layout.articles)
    sources, targets = _marker_pages(text)
    named = sources | targets
    warnings: list[str] = []
    notes: list[str] = []
    ids = tuple(normalize_page_id(p) or p for p in options.pages)
    if not ids:
        ids = _default_pages(max(1, len(parts)), sources, named)
        notes.append(f"未给出 --page，版次按接版标记推断为第{'、'.join(ids)}版")
    articles_by_page, guessed = split_pages(parts or [[]], len(ids))
    if guessed:
        notes.append("原文没有分页符，本版与相邻版的分界为推断")
    if len(articles_by_page) > len(ids):
        ids = _more_pages(ids, len(articles_by_page), named)
        warnings.append(f"the text has more pages than --page names; numbered {', '.join(ids)}")
        notes.append("原文的分页多于 --page 给出的版数，版次为推断")
    elif len(articles_by_page) < len(ids):
        warnings.append(
            f"--page names {len(ids)} pages but only {len(articles_by_page)} could be told apart"
        )
        ids = ids[: len(articles_by_page)]
    pages = [
        DraftPage(page_id, articles, list(notes))
        for page_id, articles in zip(ids, articles_by_page, strict=True)
    ]
    _link_continuations(pages)
    missing = tuple(sorted(named - set(ids)))
    source = f"导入自 {options.source_name or '原文'}（{encoding}，jiangbei-reader import）"
    draft, stats = write_draft(
        pages,
        paper=options.paper,
        date=options.date,
        source=source,
        note=DRAFT_NOTE,
        missing_pages=missing,
    )
    return ImportResult(draft, encoding, stats, ids, missing, warnings=tuple(warnings))


def import_bytes(data: bytes, options: ImportOptions) -> ImportResult:
    """Decode raw bytes (naming the encoding and every bad byte) and structure them."""
    decoded = decode_raw(data)
    if decoded.text is None:
        return ImportResult(None, decoded.encoding, error=decoded.error)
    result = import_text(decoded.text, options, decoded.encoding)
    return ImportResult(
        result.text,
        decoded.encoding,
        result.stats,
        result.pages,
        result.missing_pages,
        decoded.problems,
        warnings=result.warnings,
    )


__all__ = ["ImportOptions", "ImportResult", "import_bytes", "import_text"]
