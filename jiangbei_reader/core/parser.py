"""The edition file parser: Markdown-like text to an `Edition` plus diagnostics.

The grammar is documented with examples in ``docs/edition-format.md``. The parser
never raises on bad input: whatever it cannot read becomes a diagnostic with the
file, line and column, and everything it can read is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.front_matter import FrontMatter, edition_date, read_front_matter
from jiangbei_reader.core.linker import ArticleDraft, link_jumps
from jiangbei_reader.core.markers import PAGE_TOKEN, normalize_page_id, page_sort_key
from jiangbei_reader.core.model import (
    FIELD_NAMES,
    KNOWN_KINDS,
    Block,
    Edition,
    Figure,
    Page,
    Paragraph,
    Subhead,
)
from jiangbei_reader.core.slug import is_valid_slug, slug_for_headline
from jiangbei_reader.core.textio import source_lines

MISSING_PAGE_LINE = "未收录"
REVIEW_PREFIX = "待核"

_FIELD_RE = re.compile(r"^(?P<name>[^\s:：]{1,6})\s*[:：]\s*(?P<value>.*)$")
_PAGE_RE = re.compile(rf"^(?:第\s*)?(?P<id>{PAGE_TOKEN})\s*(?:版)?(?:\s+(?P<name>.*))?$")
_EXPLICIT_ID_RE = re.compile(r"\s*\{#(?P<id>[^}]*)\}\s*$")
_FIGURE_RE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<src>[^)]*)\)\s*$")


#: ``#``, ``##`` or ``###`` and the heading text; ``####`` and more are body text.
_HEADING = re.compile(r"^(#{1,3})(?!#)(\s*)(.*)$")
#: A hashtag as papers print them (``#江北新闻#``): body text, not a heading.
_HASHTAG = re.compile(r"^#[^#\s][^#]*#")


class ParseResult(NamedTuple):
    """What came out of one file: the edition (when a date was found) and every problem."""

    edition: Edition | None
    diagnostics: tuple[Diagnostic, ...]
    #: The decoded source, when the file was text (``check`` and 校对 show its lines).
    text: str | None = None


class _PageDraft:
    """A page while its file is being read."""

    # A plain class: a dataclass costs ~0.5 ms of start-up to make (docs/performance.md).
    __slots__ = ("articles", "id", "line", "missing", "name")

    def __init__(self, page_id: str, name: str, line: int) -> None:
        self.id = page_id
        self.name = name
        self.line = line
        self.missing = False
        self.articles: list[ArticleDraft] = []


class _Parser:
    def __init__(self, text: str, path: Path | None) -> None:
        self.lines = source_lines(text)
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.front = FrontMatter()
        self.pages: list[_PageDraft] = []
        self.article: ArticleDraft | None = None
        self.paragraph: list[tuple[int, str]] = []
        self.in_fields = False
        self.stray_blocks: list[int] = []

    def report(self, line: int, col: int, severity: Severity, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, code, message))

    # -- body -----------------------------------------------------------------------------
    def flush_paragraph(self) -> None:
        if not self.paragraph:
            return
        if self.article is None:
            self.stray_blocks.append(self.paragraph[0][0])
        else:
            self.article.add_paragraph(self.paragraph)
        self.paragraph = []

    def current_page(self, line: int) -> _PageDraft | None:
        if not self.pages:
            self.report(
                line,
                1,
                Severity.ERROR,
                "no-page",
                "article before any page: start a page with '# 第1版'",
            )
            return None
        return self.pages[-1]

    def start_page(self, index: int, heading: str) -> None:
        self.flush_paragraph()
        self.article = None
        self.in_fields = False
        match = _PAGE_RE.match(heading)
        page_id = normalize_page_id(match.group("id")) if match else None
        if match is None or page_id is None:
            self.report(
                index + 1,
                3,
                Severity.ERROR,
                "page-heading",
                f"page heading needs a page id, like '# 第2版 综合新闻': {heading!r}",
            )
            return
        if any(p.id == page_id for p in self.pages):
            self.report(
                index + 1, 3, Severity.ERROR, "duplicate-page", f"page {page_id} is declared twice"
            )
            return
        if self.pages and page_sort_key(page_id) < page_sort_key(self.pages[-1].id):
            self.report(
                index + 1,
                3,
                Severity.ERROR,
                "page-order",
                f"page {page_id} comes after page {self.pages[-1].id}: "
                "pages must be in printed order",
            )
        self.pages.append(_PageDraft(page_id, (match.group("name") or "").strip(), index + 1))

    def start_article(self, index: int, heading: str) -> None:
        self.flush_paragraph()
        self.article = None
        self.in_fields = False
        page = self.current_page(index + 1)
        if page is None:
            return
        if page.missing:
            self.report(
                index + 1,
                1,
                Severity.ERROR,
                "missing-page-content",
                f"page {page.id} is declared 未收录 but has articles",
            )
        slug, explicit = "", False
        id_match = _EXPLICIT_ID_RE.search(heading)
        if id_match:
            heading = heading[: id_match.start()].strip()
            slug = id_match.group("id").strip()
            explicit = True
            if not is_valid_slug(slug):
                self.report(
                    index + 1,
                    id_match.start() + 4,
                    Severity.ERROR,
                    "bad-id",
                    f"id {{#{slug}}} must be lower-case letters, digits and hyphens",
                )
                slug, explicit = "", False
        if not heading:
            self.report(
                index + 1,
                1,
                Severity.ERROR,
                "no-headline",
                "article without headline: write it after '## '",
            )
        self.article = ArticleDraft(
            headline=heading,
            page_id=page.id,
            line=index + 1,
            slug=slug,
            explicit_slug=explicit,
            path=self.path,
        )
        page.articles.append(self.article)
        self.in_fields = True

    def read_field(self, index: int, line: str) -> bool:
        """Read a field line under a headline; False when the line is body text."""
        assert self.article is not None
        match = _FIELD_RE.match(line.strip())
        if match is None:
            self.report(
                index + 1,
                1,
                Severity.WARNING,
                "fields",
                "expected a field ('副题：…') or a blank line after the headline; "
                "read as body text",
            )
            return False
        name, value = match.group("name"), match.group("value").strip()
        attr = FIELD_NAMES.get(name)
        if attr is None:
            self.report(
                index + 1,
                1,
                Severity.ERROR,
                "unknown-field",
                f"unknown field {name!r} (known: {'、'.join(FIELD_NAMES)})",
            )
            return True
        if attr in self.article.fields:
            self.report(
                index + 1, 1, Severity.ERROR, "duplicate-field", f"field {name!r} is given twice"
            )
        if attr == "kind" and value not in KNOWN_KINDS:
            self.report(
                index + 1,
                len(name) + 2,
                Severity.WARNING,
                "unknown-kind",
                f"unknown 类型 {value!r} (known: {'、'.join(sorted(KNOWN_KINDS))})",
            )
        self.article.fields[attr] = value
        return True

    def figure(self, index: int, line: str) -> Block | None:
        match = _FIGURE_RE.match(line.strip())
        if match is None:
            return None
        caption, src = match.group("caption").strip(), match.group("src").strip()
        if src:
            pure = PurePosixPath(src)
            if (
                re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", src)
                or pure.is_absolute()
                or ".." in pure.parts
            ):
                self.report(
                    index + 1,
                    1,
                    Severity.ERROR,
                    "image-path",
                    f"image {src!r} must be a relative path inside the edition's folder",
                )
                src = ""
            elif self.path is not None and not (self.path.parent / pure).is_file():
                self.report(
                    index + 1,
                    1,
                    Severity.WARNING,
                    "image-missing",
                    f"image file {src!r} not found; the caption is kept",
                )
        return Figure(caption=caption, src=src or None, line=index + 1)

    def parse(self) -> None:
        self.front = read_front_matter(self.lines, self.report)
        index = self.front.body_index
        in_comment_since: int | None = None
        while index < len(self.lines):
            line = self.lines[index].rstrip()
            if in_comment_since is not None:
                end = line.find("-->")
                if end < 0:
                    index += 1
                    continue
                in_comment_since = None
                line = line[end + 3 :]
                if not line.strip():
                    index += 1
                    continue
            if line.lstrip().startswith("<!--"):
                line, opened, _removed = self.strip_comments(index, line)
                if opened:
                    in_comment_since = index
                if not line.strip():
                    # A line holding only a comment is not a blank line: it ends no paragraph.
                    index += 1
                    continue
            stripped = line.strip()
            heading_match = _HEADING.match(stripped)
            if heading_match is not None and not _HASHTAG.match(stripped):
                level = len(heading_match.group(1))
                heading = heading_match.group(3).strip()
                if not heading_match.group(2) and heading:
                    self.report(
                        index + 1,
                        level + 1,
                        Severity.WARNING,
                        "heading-space",
                        f"write a space after {'#' * level} (Markdown needs one)",
                    )
                if level == 1:
                    self.start_page(index, heading)
                elif level == 2:
                    self.start_article(index, heading)
                else:
                    self.subhead(index, heading)
                index += 1
                continue
            if not stripped:
                self.flush_paragraph()
                self.in_fields = False
            elif self.in_fields and self.article is not None and self.read_field(index, line):
                pass
            elif stripped == MISSING_PAGE_LINE and self.article is None and self.pages:
                self.pages[-1].missing = True
                if self.pages[-1].articles:
                    self.report(
                        index + 1,
                        1,
                        Severity.ERROR,
                        "missing-page-content",
                        f"page {self.pages[-1].id} is declared 未收录 but has articles",
                    )
            elif (figure := self.figure(index, line)) is not None:
                self.flush_paragraph()
                self.in_fields = False
                if self.article is None:
                    self.report(
                        index + 1, 1, Severity.ERROR, "stray-text", "image outside any article"
                    )
                else:
                    self.article.blocks.append(figure)
            else:
                self.in_fields = False
                # Inside body text a comment may stand anywhere; headings and fields are
                # taken as written.
                text, opened, removed = self.strip_comments(index, line)
                if opened:
                    in_comment_since = index
                if text.strip() or not removed:
                    self.paragraph.append((index + 1, text))
            index += 1
        if in_comment_since is not None:
            self.report(
                in_comment_since + 1,
                1,
                Severity.ERROR,
                "comment",
                "comment '<!--' is never closed with '-->'",
            )
        self.flush_paragraph()

    def strip_comments(self, index: int, line: str) -> tuple[str, bool, bool]:
        """``line`` without its ``<!-- … -->`` comments (the reader never shows them).

        Returns the text left, whether a comment opens and runs on to later lines, and
        whether anything was removed. 待核 comments are reported as review warnings.
        """
        kept: list[str] = []
        position = 0
        removed = False
        while (start := line.find("<!--", position)) >= 0:
            removed = True
            kept.append(line[position:start])
            end = line.find("-->", start + 4)
            body = line[start + 4 : end if end >= 0 else len(line)].strip()
            if body.startswith(REVIEW_PREFIX):
                self.report(
                    index + 1,
                    start + 1,
                    Severity.WARNING,
                    "review",
                    f"review comment left by the importer: {body}",
                )
            if end < 0:
                return "".join(kept), True, True
            position = end + 3
        kept.append(line[position:])
        return "".join(kept), False, removed

    def subhead(self, index: int, heading: str) -> None:
        self.flush_paragraph()
        self.in_fields = False
        if self.article is None:
            self.report(index + 1, 1, Severity.ERROR, "stray-text", "subhead outside any article")
        elif not heading:
            self.report(index + 1, 1, Severity.WARNING, "empty-subhead", "empty subhead")
        else:
            self.article.blocks.append(Subhead(heading, index + 1))

    def check_pages(self) -> None:
        if self.stray_blocks:
            more = len(self.stray_blocks) - 1
            self.report(
                self.stray_blocks[0],
                1,
                Severity.ERROR,
                "stray-text",
                "text outside any article: start an article with '## 标题'"
                + (f" (and {more} more such block(s) below)" if more else ""),
            )
        for page in self.pages:
            if not page.missing and not page.articles:
                self.report(
                    page.line,
                    1,
                    Severity.WARNING,
                    "empty-page",
                    f"page {page.id} has no articles; write 未收录 under its heading "
                    "when its content is not bundled",
                )
            for article in page.articles:
                if not any(isinstance(b, Paragraph | Figure) for b in article.blocks):
                    self.report(
                        article.line,
                        1,
                        Severity.ERROR,
                        "no-body",
                        f"article {article.headline!r} has no body",
                    )
        if not self.pages:
            self.report(
                len(self.lines) or 1,
                1,
                Severity.ERROR,
                "no-pages",
                "the edition has no pages: start one with '# 第1版'",
            )

    def assign_slugs(self, date: dt.date) -> None:
        for page in self.pages:
            taken: dict[str, ArticleDraft] = {}
            for article in page.articles:
                if article.explicit_slug:
                    if article.slug in taken:
                        self.report(
                            article.line,
                            1,
                            Severity.ERROR,
                            "duplicate-id",
                            f"id {{#{article.slug}}} is used twice on page {page.id} "
                            f"(first at line {taken[article.slug].line})",
                        )
                        article.slug = self.free_slug(article.slug, taken)
                else:
                    article.slug = self.free_slug(slug_for_headline(article.headline), taken)
                taken[article.slug] = article
                article.id = f"{date.isoformat()}/{page.id}/{article.slug}"

    @staticmethod
    def free_slug(base: str, taken: dict[str, ArticleDraft]) -> str:
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


def parse_edition(text: str, path: Path | None = None) -> ParseResult:
    """Parse the text of one edition file; never raises on bad input."""
    parser = _Parser(text, path)
    parser.parse()
    parser.check_pages()
    date = edition_date(parser.front, parser.lines, path, parser.report)
    if date is None:
        return ParseResult(None, tuple(parser.diagnostics))
    parser.assign_slugs(date)
    drafts = {page.id: page.articles for page in parser.pages}
    missing = {page.id for page in parser.pages if page.missing}
    articles, link_diagnostics = link_jumps(drafts, missing)
    diagnostics = tuple(parser.diagnostics) + link_diagnostics
    pages = tuple(
        Page(
            page.id,
            page.name,
            page.line,
            page.missing,
            tuple(articles[a.id] for a in page.articles),
        )
        for page in parser.pages
    )
    edition = Edition(
        paper=parser.front.meta.get("paper", ""),
        date=date,
        pages=pages,
        path=path,
        number=parser.front.meta.get("number", ""),
        source=parser.front.meta.get("source", ""),
        note=parser.front.meta.get("note", ""),
        diagnostics=tuple(sorted(diagnostics, key=lambda d: (d.line, d.col))),
    )
    return ParseResult(edition, edition.diagnostics)
