"""Article → HTML for the reading pane: pure functions of edition data and display settings.

Edition files are untrusted. Body text goes through a Python-Markdown instance
that knows only paragraphs and inline markup, with raw HTML escaped; every link
is checked (internal routes and web links only) and pictures load only through
the ``edition-image:`` scheme, which the view resolves inside the edition's folder.

QTextDocument understands a subset of CSS: font sizes use the keywords it scales
from the base font (``small`` 0.8, ``large`` 1.2, ``x-large`` 1.5, ``xx-large``
2.0), margins use ``em``, and ``text-indent`` takes only pixels, so the 2em
首行缩进 is written as two ideographic spaces, which grow with any font. Qt's
proportional line height multiplies the font's own line spacing, so the CSS
line height is divided by it (``DisplaySettings.font_line_spacing``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.markers import JUMP_RE, normalize_page_id
from jiangbei_reader.core.model import Article, Edition, Figure, Page, Paragraph, Story, Subhead

if TYPE_CHECKING:
    from jiangbei_reader.core.render_markdown import InlineMarkdown
from jiangbei_reader.core.navigation import (
    ARTICLE_SCHEME,
    EDITION_SCHEME,
    JUMP_SCHEME,
    PAGE_SCHEME,
    jump_link,
    page_link,
)

#: Scheme of picture sources; the article view maps it to a file in the edition's folder.
IMAGE_SCHEME = "edition-image"
#: Two ideographic spaces: the typographic 2em first-line indent of Chinese text.
INDENT = "\u3000\u3000"
#: The indent as HTML: Qt's parser drops leading white space unless told to keep it.
_INDENT_HTML = f'<span class="indent">{INDENT}</span>'
_INTERNAL_SCHEMES = frozenset({JUMP_SCHEME, ARTICLE_SCHEME, PAGE_SCHEME, EDITION_SCHEME})
_INLINE_TAGS = frozenset({"em", "strong", "code", "br", "a", "span"})
#: Block syntax a paragraph never has: the format's blocks are parsed by the loader.
_BLOCK_PROCESSORS_DROPPED = (
    "indent",
    "code",
    "hashheader",
    "setextheader",
    "hr",
    "olist",
    "ulist",
    "quote",
    "reference",
)
_FONT_NAME_DROP = re.compile(r"[\"';{}<>\\]")
#: What makes a paragraph more than plain text for Python-Markdown: inline markup,
#: escapes, entities, tags, control characters (tabs, line ends, its STX/ETX
#: placeholders), spaces at either end or two in a row. A paragraph without any of
#: these, and without a jump marker, comes out of Markdown unchanged, so it skips
#: Markdown (and showing the first article need not import it).
_NOT_PLAIN = re.compile(r"[\\`*_\[\]()<>&!#\x00-\x1f\x7f]|^\s|\s$|\s\s")


def escape_html(text: str) -> str:
    """``html.escape(text)``: ``& < > " '`` as character references.

    The first article is rendered before anything else needs the ``html`` module,
    whose entity tables cost 1.5 ms of the start-up to import.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def marker_href(hrefs: dict[str, list[str]], edition_key: str, match: re.Match[str]) -> str:
    """The link of a printed jump marker (a JUMP_PATTERN match), here or in Markdown.

    The next link the loader made for that marker text, in the order they are
    printed; without one, the page the marker names (not bundled, or not linked).
    """
    queue = hrefs.get(match.group(0))
    if queue:
        return queue.pop(0)
    return page_link(edition_key, normalize_page_id(match.group("page")) or match.group("page"))


def is_plain_paragraph(text: str) -> bool:
    """True when Markdown would give ``text`` back as it is (see :data:`_NOT_PLAIN`)."""
    return bool(text) and _NOT_PLAIN.search(text) is None and JUMP_RE.search(text) is None


def fragment_anchor(article_id: str) -> str:
    """The anchor name of an article (or story fragment) inside rendered HTML."""
    return "frag-" + re.sub(r"[^A-Za-z0-9-]", "_", article_id)


def image_source(edition_key: str, src: str) -> str | None:
    """The ``edition-image:`` URL for a figure path, or ``None`` when the path may not be loaded.

    Only plain relative paths inside the edition's folder are allowed: no scheme,
    no absolute path, no ``..``, no backslashes.
    """
    if not src or "\\" in src or ":" in src or src.startswith(("/", "~")):
        return None
    path = PurePosixPath(src)
    if any(part in ("..", "") for part in path.parts) or path.is_absolute():
        return None
    return f"{IMAGE_SCHEME}:{edition_key}/{path.as_posix()}"


def resolve_image(edition_file: Path, relative: str) -> Path | None:
    """The file an ``edition-image:`` path names, when it exists inside the edition's folder.

    Symbolic links are resolved first, so a link pointing out of the folder is refused.
    """
    if image_source("x", relative) is None:
        return None
    folder = edition_file.resolve().parent
    target = (folder / relative).resolve()
    if folder not in target.parents or not target.is_file():
        return None
    return target


class _Writer:
    """Builds the HTML of one render call."""

    def __init__(self, edition: Edition, display: DisplaySettings) -> None:
        self.edition = edition
        self.display = display
        self._markdown: InlineMarkdown | None = None
        self.hrefs: dict[str, list[str]] = {}
        self.parts: list[str] = []
        self.pending_anchor = ""

    def inline(self, text: str) -> str:
        if text and _NOT_PLAIN.search(text) is None:
            # Markdown gives plain text back as it is; jump markers become links here
            # just as its jump processor makes them, so a page-1 story's （下转3版）
            # does not import Python-Markdown to show the first article.
            return JUMP_RE.sub(self._jump_link, text)
        if self._markdown is None:
            from jiangbei_reader.core.render_markdown import InlineMarkdown

            self._markdown = InlineMarkdown(self.edition.key)
        return self._markdown.convert(text, self.hrefs)

    def _jump_link(self, match: re.Match[str]) -> str:
        marker = match.group(0)
        href = marker_href(self.hrefs, self.edition.key, match)
        # Hrefs are %-quoted links; the marker is plain text (no & < > in it).
        return f'<a class="jump" href="{escape_html(href)}">{marker}</a>'

    def add(self, tag: str, css: str, content: str) -> None:
        # An anchor goes inside the next block: on its own Qt would make an empty line of it.
        anchor, self.pending_anchor = self.pending_anchor, ""
        self.parts.append(f'<{tag} class="{css}">{anchor}{content}</{tag}>')

    def heading(self, article: Article) -> None:
        if article.kicker:
            self.add("p", "kicker", escape_html(article.kicker))
        self.add("h1", "headline", escape_html(article.headline))
        if article.subtitle:
            self.add("p", "subtitle", escape_html(article.subtitle))
        credits = [
            f"{label}：{escape_html(value)}"
            for label, value in (
                ("作者", article.author),
                ("摄影", article.photographer),
                ("来源", article.source),
            )
            if value
        ]
        if article.kind != "新闻":
            credits.insert(0, f"〔{escape_html(article.kind)}〕")
        if credits:
            self.add("p", "byline", "\u3000".join(credits))

    def body(self, article: Article) -> None:
        self.hrefs = {}
        for jump in article.jumps:
            href = (
                jump_link(jump.target_id)
                if jump.target_id
                else page_link(self.edition.key, jump.target_page)
            )
            self.hrefs.setdefault(jump.text, []).append(href)
        for block in article.blocks:
            if isinstance(block, Paragraph):
                self.add("p", "body", _INDENT_HTML + self.inline(block.text))
            elif isinstance(block, Subhead):
                self.add("h2", "subhead", escape_html(block.text))
            elif isinstance(block, Figure):
                self.figure(block)

    def figure(self, figure: Figure) -> None:
        source = image_source(self.edition.key, figure.src) if figure.src else None
        if source:
            alt = escape_html(figure.caption)
            self.add("p", "picture", f'<img src="{escape_html(source)}" alt="{alt}" />')
        self.add("p", "caption", escape_html(figure.caption))

    def seam(self, text: str, href: str | None = None) -> None:
        content = escape_html(text)
        if href:
            content = f'<a class="jump" href="{escape_html(href)}">{content}</a>'
        self.add("p", "seam", f"—— {content} ——")

    def anchor(self, article_id: str) -> None:
        self.pending_anchor = f'<a name="{fragment_anchor(article_id)}"></a>'

    def document(self, title: str) -> str:
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8" />'
            f"<title>{escape_html(title)}</title>"
            f"<style>{stylesheet(self.display)}</style></head>"
            f"<body>{''.join(self.parts)}</body></html>"
        )


#: CSS size keywords a headline may take (anything else would be written into the CSS).
_SIZE_KEYWORDS = frozenset({"medium", "large", "x-large", "xx-large"})


def stylesheet(display: DisplaySettings) -> str:
    """The CSS of the reading pane: colours from the theme, every size relative to the base font."""
    c = display.colours
    family = _FONT_NAME_DROP.sub("", display.typeface).strip()
    font = f" font-family: '{family}';" if family else ""
    spacing = display.font_line_spacing if display.font_line_spacing > 0 else 1.0
    line = round(max(1.6, display.line_height) / spacing * 100)
    caption_line = round(1.5 / spacing * 100)
    # Below 100 % Qt lets the lines of a two-line headline touch.
    headline_line = max(100, round(1.3 / spacing * 100))
    gap = max(0.0, display.paragraph_spacing)
    headline = display.headline_size if display.headline_size in _SIZE_KEYWORDS else "xx-large"
    return (
        f"body {{ color: {c.text}; background-color: {c.background};{font} }}"
        f"p.kicker {{ color: {c.kicker}; font-size: large; text-align: center;"
        " margin: 0.8em 0 0.2em 0; }"
        f"h1.headline {{ color: {c.headline}; font-size: {headline}; font-weight: bold;"
        f" text-align: center; line-height: {headline_line}%; margin: 0.2em 0 0.3em 0; }}"
        f"p.subtitle {{ color: {c.subtitle}; font-size: large; text-align: center;"
        " margin: 0.2em 0 0.4em 0; }"
        f"p.byline {{ color: {c.secondary}; font-size: small; text-align: center;"
        " margin: 0.4em 0 1.4em 0; }"
        f"p.body {{ line-height: {line}%; text-align: justify; margin: 0 0 {gap}em 0; }}"
        f"h2.subhead {{ color: {c.headline}; font-size: large; font-weight: bold;"
        " margin: 1.2em 0 0.6em 0; }"
        "p.picture { text-align: center; margin: 1em 0 0.2em 0; }"
        f"p.caption {{ color: {c.secondary}; font-size: small; text-align: center;"
        f" line-height: {caption_line}%; margin: 0.3em 2em 1.4em 2em; }}"
        f"p.seam {{ color: {c.secondary}; font-size: small; text-align: center;"
        " margin: 1.6em 0 1.2em 0; }"
        f"p.notice {{ line-height: {line}%; margin: 0 0 {gap}em 0; }}"
        f"a {{ color: {c.link}; }}"
        f"a.jump {{ color: {c.jump}; text-decoration: none; font-weight: bold; }}"
        "a.external { text-decoration: underline; }"
        "span.indent { white-space: pre; }"
    )


def _page_label(edition: Edition, page_id: str) -> str:
    page = edition.page(page_id)
    return page.label if page else f"第{page_id}版"


def render_article(edition: Edition, article: Article, display: DisplaySettings) -> str:
    """One article (or one fragment of a story) as a full HTML document."""
    writer = _Writer(edition, display)
    writer.anchor(article.id)
    writer.heading(article)
    writer.body(article)
    return writer.document(article.headline)


def render_story(
    edition: Edition, story: Story, display: DisplaySettings, *, focus: str | None = None
) -> str:
    """A story printed across pages as one article: 全文连读.

    Each fragment starts with an anchor (:func:`fragment_anchor`) so the view can
    land on the part that was clicked; every seam names the page the next part
    comes from. ``focus`` is not needed by the HTML; it is accepted so callers
    can pass what they show.
    """
    del focus  # the view scrolls to the anchor; the HTML is the same for every fragment
    first = story.fragments[0]
    writer = _Writer(edition, display)
    if story.missing_start_page:
        writer.seam(
            f"本文开头刊于{_page_label(edition, story.missing_start_page)}（未收录）",
            page_link(edition.key, story.missing_start_page),
        )
    writer.anchor(first.id)
    writer.heading(first)
    if len(story.fragments) > 1:
        writer.seam(f"全文连读：以下刊于{_page_label(edition, first.page_id)}")
    writer.body(first)
    for fragment in story.fragments[1:]:
        writer.anchor(fragment.id)
        label = f"以下接{_page_label(edition, fragment.page_id)}"
        if fragment.headline != first.headline:
            label += f"《{fragment.headline}》"
        writer.seam(label)
        writer.body(fragment)
    if story.missing_end_page:
        writer.seam(
            f"下文刊于{_page_label(edition, story.missing_end_page)}（未收录）",
            page_link(edition.key, story.missing_end_page),
        )
    return writer.document(first.headline)


def render_missing_page(edition: Edition, page: Page, display: DisplaySettings) -> str:
    """The pane for a 未收录 page: it is not in the collection, and what is known of it."""
    writer = _Writer(edition, display)
    writer.add("p", "kicker", escape_html(edition.title))
    writer.add("h1", "headline", escape_html(f"{page.label}（未收录）"))
    writer.add("p", "notice", _INDENT_HTML + "本版未收录在本阅读器中，没有可以显示的正文。")
    continuations = [
        article
        for article in edition.articles()
        if (jump := article.continued_from) is not None
        and jump.target_page == page.id
        and jump.target_id is None
    ]
    if continuations:
        writer.add("p", "notice", _INDENT_HTML + "从其他版面的续文可知，本版刊有：")
        for article in continuations:
            link = f'<a class="jump" href="{escape_html(jump_link(article.id))}">'
            where = _page_label(edition, article.page_id)
            headline = escape_html(article.headline)
            writer.add(
                "p", "notice", f"{_INDENT_HTML}《{headline}》　{link}续文见{escape_html(where)}</a>"
            )
    return writer.document(page.label)


def render_message(title: str, text: str, display: DisplaySettings) -> str:
    """A short message in the pane (an article that cannot be found, an empty library)."""
    css = stylesheet(display)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8" />'
        f"<title>{escape_html(title)}</title><style>{css}</style></head><body>"
        f'<h1 class="headline">{escape_html(title)}</h1>'
        f'<p class="notice">{_INDENT_HTML}{escape_html(text)}</p></body></html>'
    )
