"""Writing the draft edition: front matter, pages, articles, fields and review comments."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jiangbei_reader.core.importer.lines import display_width
from jiangbei_reader.core.importer.patterns import byline_author
from jiangbei_reader.core.importer.structure import Article, Item, Kind
from jiangbei_reader.core.markers import find_jump_markers, page_sort_key
from jiangbei_reader.core.model import JumpDirection
from jiangbei_reader.core.parser import REVIEW_PREFIX

#: Shown as the headline of an article whose headline was not found; never news text.
PLACEHOLDER_HEADLINE = "（标题待补）"
#: A paragraph this long (in characters) is rather a text whose line breaks were lost.
_LONG_PARAGRAPH = 1500
_EXPLICIT_ID = re.compile(r"\{#[^}]*\}\s*$")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")


@dataclass
class DraftPage:
    """One page of the draft: its id, articles in reading order, and page-level notes."""

    id: str
    articles: list[Article]
    notes: list[str] = field(default_factory=list)


@dataclass
class DraftStats:
    """What the draft contains, for the summary."""

    articles: int = 0
    paragraphs: int = 0
    subheads: int = 0
    figures: int = 0
    jumps_from: int = 0
    jumps_to: int = 0
    reviews: int = 0


@dataclass(frozen=True, slots=True)
class Titles:
    """An article's titles in their roles; ``extra`` are title lines with no role left."""

    headline: str
    kicker: str = ""
    subtitle: str = ""
    extra: tuple[str, ...] = ()
    unsure: bool = False


def roles(titles: Sequence[Item], moved: Sequence[Item] = ()) -> Titles:
    """Titles in their roles, in printed order: 主题 then 副题, 引题 above when there are three.

    A title printed away from its body (``moved``, found by its words) is the 主题: a
    banner headline across columns comes out of the extraction apart from its story.
    """
    if not titles:
        return Titles("")
    ordered = sorted(titles, key=lambda t: t.order)
    main = 1 if len(ordered) >= 3 else 0
    if moved:
        banner = max(moved, key=lambda t: display_width(t.text))
        main = ordered.index(banner)
    rest = [t.text for i, t in enumerate(ordered) if i != main]
    kicker = rest.pop(0) if len(ordered) >= 3 and main > 0 else ""
    subtitle = rest.pop(0) if rest else ""
    return Titles(ordered[main].text, kicker, subtitle, tuple(rest), unsure=len(ordered) >= 3)


def escape_inline(text: str) -> str:
    """Text as a paragraph line that the parser and Markdown read back as the same text."""
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    if text.startswith("#"):
        text = "\\" + text
    # A comment opens anywhere in a line, and the reader would hide what follows.
    text = text.replace("<!--", "<\\!--")
    if text.startswith("!["):
        text = "!\\[" + text[2:]
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def review(note: str) -> str:
    """A review comment that `check` warns about until an editor removes it."""
    return f"<!-- {REVIEW_PREFIX}：{_one_line(note).replace('-->', '—>')} -->"


def _count_jumps(text: str, stats: DraftStats) -> None:
    for marker in find_jump_markers(text):
        if marker.direction is JumpDirection.FROM:
            stats.jumps_from += 1
        else:
            stats.jumps_to += 1


def _article_lines(article: Article, stats: DraftStats) -> list[str]:
    titles = roles(article.titles, article.moved_titles)
    notes = list(article.notes)
    headline = _one_line(titles.headline)
    if not headline:
        headline = PLACEHOLDER_HEADLINE
        notes.insert(0, "未找到本文标题，请补写")
    elif titles.unsure:
        notes.append("引题、主题、副题的区分为推断")
    if article.explicit_id:
        headline += f" {{#{article.explicit_id}}}"
    elif _EXPLICIT_ID.search(headline):
        # A headline that ends like an id, {#…}, keeps it as text behind an id of its own.
        headline += f" {{#imported-{stats.articles + 1}}}"
    lines = [f"## {headline}"]
    if titles.kicker:
        lines.append(f"引题：{_one_line(titles.kicker)}")
    if titles.subtitle:
        lines.append(f"副题：{_one_line(titles.subtitle)}")
    author = next(
        (byline_author(i.text) for s in article.sections for i in s.items if i.kind is Kind.BYLINE),
        "",
    )
    if author:
        lines.append(f"作者：{_one_line(author)}")
    if article.kind != "新闻":
        lines.append(f"类型：{article.kind}")
    lines.append("")
    for note in notes:
        lines += [review(note), ""]
    stats.reviews += len(notes)
    body: list[str] = []
    for text in titles.extra:
        body += [review("此行原为标题行，归属不明"), escape_inline(_one_line(text))]
        stats.reviews += 1
        stats.paragraphs += 1
    for section in article.sections:
        if section.subhead is not None:
            body.append(f"### {_one_line(section.subhead.text)}")
            stats.subheads += 1
        for item in section.items:
            if len(item.text) > _LONG_PARAGRAPH:
                body.append(review(f"这一段有 {len(item.text)} 字：原文可能没有换行，段落待分"))
                stats.reviews += 1
            if "\ufffd" in item.text:
                body.append(review(f"第{item.block.line}行起的原文含无法解码的字节（�）"))
                stats.reviews += 1
            body.append(escape_inline(item.text))
            _count_jumps(item.text, stats)
            stats.paragraphs += 1
    for item in article.extras:
        body.append(escape_inline(item.text))
        stats.paragraphs += 1
    for item in article.figures:
        caption = _one_line(item.text)
        if "]" in caption or ")" in caption:
            body += [review("图片说明"), escape_inline(caption)]
            stats.reviews += 1
            stats.paragraphs += 1
        else:
            body.append(f"![{caption}]()")
            stats.figures += 1
    if not body:
        body = [review("本文没有正文"), "（正文待补）"]
        stats.reviews += 1
    for line in body:
        lines += [line, ""]
    stats.articles += 1
    return lines


def write_draft(
    pages: Sequence[DraftPage],
    *,
    paper: str,
    date: dt.date,
    source: str,
    note: str,
    missing_pages: Sequence[str] = (),
) -> tuple[str, DraftStats]:
    """The draft edition's text and what it contains."""
    stats = DraftStats()
    lines = [
        "---",
        f"paper: {_one_line(paper)}",
        f"date: {date.isoformat()}",
        f"source: {_one_line(source)}",
        f"note: {_one_line(note)}",
        "---",
        "",
    ]
    by_id: dict[str, DraftPage | None] = {page.id: page for page in pages}
    for page_id in missing_pages:
        by_id.setdefault(page_id, None)
    for page_id in sorted(by_id, key=page_sort_key):
        lines.append(f"# 第{page_id}版")
        page = by_id[page_id]
        if page is None:
            lines += ["未收录", ""]
            continue
        lines.append("")
        for page_note in page.notes:
            lines += [review(page_note), ""]
            stats.reviews += 1
        for article in page.articles:
            lines += _article_lines(article, stats)
    return "\n".join(lines).rstrip("\n") + "\n", stats
