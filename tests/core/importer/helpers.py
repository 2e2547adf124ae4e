"""Shared helpers for the importer tests: import, parse back, read the draft's content."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.importer import ImportOptions, ImportResult, import_text
from jiangbei_reader.core.importer.quality import DocArticle, doc_from_edition, squeeze
from jiangbei_reader.core.parser import ParseResult, parse_edition

DATE = dt.date(2023, 7, 13)


def run_import(text: str, pages: tuple[str, ...] = ()) -> tuple[ImportResult, ParseResult]:
    result = import_text(text, ImportOptions(date=DATE, pages=pages))
    assert result.text is not None
    return result, parse_edition(result.text)


def errors(parsed: ParseResult) -> list[str]:
    return [d.format() for d in parsed.diagnostics if d.severity is Severity.ERROR]


def articles(parsed: ParseResult) -> list[DocArticle]:
    assert parsed.edition is not None
    return doc_from_edition(parsed.edition)


def content(parsed: ParseResult) -> str:
    """Every title and block of the draft, squeezed (whitespace and escapes removed)."""
    parts = []
    for article in articles(parsed):
        parts += [article.kicker, article.headline, article.subtitle]
        parts += [block.text for block in article.blocks]
    return squeeze("".join(parts))


def missing_characters(raw: str, parsed: ParseResult) -> Counter[str]:
    """Characters of the raw text (apart from whitespace) that the draft does not have."""
    return Counter(squeeze(raw)) - Counter(content(parsed))


def lines_not_kept_in_order(raw: str, parsed: ParseResult) -> list[str]:
    """Raw lines whose characters do not appear, in order, in one piece of the draft."""
    have = content(parsed)
    return [line for line in raw.splitlines() if squeeze(line) not in have]
