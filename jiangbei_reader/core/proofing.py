"""The proofing view's data: one edition file's source, highlighted, and what it parses to.

An editor finishing an importer draft keeps the file open in an editor and the
「校对」 view beside it; every save is read again with :func:`load_proof`. The source
is coloured by the same Pygments lexer as `jiangbei-reader check`, with the lines
that have problems marked, so the view shows what `check` would say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.style import Style
from pygments.token import Comment, Generic, Keyword, Name, Punctuation, String, Token, _TokenType

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.fontcheck import font_diagnostics
from jiangbei_reader.core.lexer import (
    ARTICLE_ID,
    COMMENT,
    FIELD_NAME,
    FIELD_VALUE,
    FIGURE,
    HEADLINE,
    JUMP_MARKER,
    MISSING_PAGE,
    PAGE_HEADING,
    REVIEW_COMMENT,
    SUBHEAD,
    EditionLexer,
)
from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.core.model import Article, Edition

#: Anchor names of source lines in :func:`source_html`: ``line-12``.
LINE_ANCHOR = "line"
#: Line numbers: grey, 5.0:1 on white.
LINE_NUMBER_COLOUR = "#6f6f6f"
_LINE_NUMBER = re.compile(r'<span style="color: inherit;[^"]*">(\s*\d+)</span>')


class EditionSourceStyle(Style):
    """Colours for edition source on white; every colour at least 4.5:1 against it."""

    background_color = "#ffffff"
    highlight_color = "#ffe9a8"
    styles: ClassVar[dict[_TokenType, str]] = {
        Token: "#1a1a1a",
        PAGE_HEADING: "bold #7a1f00",
        HEADLINE: "bold #0b3d91",
        SUBHEAD: "bold #2f4f4f",
        FIELD_NAME: "#6a1b9a",
        FIELD_VALUE: "#1b5e20",
        ARTICLE_ID: "#5d4037",
        JUMP_MARKER: "bold #b00020",
        MISSING_PAGE: "bold #7a1f00",
        FIGURE: "#00695c",
        COMMENT: "italic #5f5f5f",
        REVIEW_COMMENT: "bold #8a4b00 bg:#fff3cd",
        Punctuation: "#5f5f5f",
        Name.Variable: "#6a1b9a",
        String: "#1b5e20",
        Keyword: "bold #7a1f00",
        Generic: "#1a1a1a",
        Comment: "italic #5f5f5f",
    }


@dataclass(frozen=True, slots=True)
class Proof:
    """One reading of an edition file: its text, the edition it parses to, the problems."""

    path: Path
    #: The decoded source; ``None`` when the file cannot be read or is not text.
    text: str | None
    edition: Edition | None
    diagnostics: tuple[Diagnostic, ...]

    def count(self, severity: Severity) -> int:
        """How many problems of one severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def article_at(self, line: int) -> Article | None:
        """The article whose source holds ``line`` (1-based), if any.

        That is the last article of the line's page starting at or before it.
        """
        if self.edition is None:
            return None
        found: Article | None = None
        for page in self.edition.pages:
            if page.line > line:
                break
            found = None
            for article in page.articles:
                if article.line > line:
                    break
                found = article
        return found


def load_proof(path: Path) -> Proof:
    """Read ``path`` now; an unreadable or broken file is a Proof with diagnostics."""
    result = load_edition_file(path)
    diagnostics = result.diagnostics
    if result.text is not None:
        diagnostics += tuple(font_diagnostics(path, result.text))
    ordered = tuple(sorted(diagnostics, key=lambda d: (d.line, d.col, -d.severity)))
    return Proof(path, result.text, result.edition, ordered)


def problem_lines(diagnostics: Iterable[Diagnostic]) -> list[int]:
    """Lines with a warning or an error (notes do not mark a line)."""
    return sorted({d.line for d in diagnostics if d.line >= 1 and d.severity >= Severity.WARNING})


def source_html(text: str, marked_lines: Iterable[int] = ()) -> str:
    """The source as HTML: coloured tokens, line numbers, an anchor per line, marked lines.

    Qt's rich text reads inline styles only, so the colours are written on each span.
    """
    formatter = HtmlFormatter(
        style=EditionSourceStyle,
        noclasses=True,
        linenos="inline",
        lineanchors=LINE_ANCHOR,
        hl_lines=list(marked_lines),
        nowrap=False,
    )
    # The lexer must see the text as it is: a stripped first line would move every anchor.
    lexer = EditionLexer(stripnl=False, stripall=False, ensurenl=True)
    out = highlight(text, lexer, formatter)
    # Qt's rich text ignores padding: give the line numbers a colour and a gap of their
    # own, and let long lines (a paragraph is one line) wrap instead of scrolling sideways.
    out = _LINE_NUMBER.sub(rf'<span style="color: {LINE_NUMBER_COLOUR}">\1 </span>', out)
    return out.replace('<pre style="', '<pre style="white-space: pre-wrap; ', 1)


def diagnostic_text(diagnostic: Diagnostic) -> str:
    """One problem as the proofing list shows it: ``12:3 错误 message``."""
    word = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}
    where = f"{diagnostic.line}:{diagnostic.col}" if diagnostic.line else "文件"
    return f"{where}  {word[diagnostic.severity]}  {diagnostic.message}"
