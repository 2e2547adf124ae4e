"""Reading order to articles: bodies, bylines, jump markers, subheads and title runs."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from jiangbei_reader.core.importer.paragraphs import Block
from jiangbei_reader.core.importer.patterns import (
    AD_CREDIT,
    AD_LABEL,
    BYLINE,
    CAPTION,
    QR,
    is_marker_only,
    looks_like_title,
)
from jiangbei_reader.core.importer.similarity import containment, grams
from jiangbei_reader.core.markers import find_jump_markers
from jiangbei_reader.core.model import JumpDirection

#: A title sharing this share of its word pairs with the body before it sums that body up …
_SUMS_UP = 0.5
#: … when it shares clearly fewer with the section after it.
_SUMS_UP_MARGIN = 0.2
#: Ad lines (slogans, numbered tips) are short; a longer paragraph is body text.
_AD_LINE = 30
#: Columns this much wider or narrower (in em) are another story's.
_COLUMN_CHANGE = 2.0


class Kind(enum.Enum):
    """What a block of raw text is."""

    BODY = "body"
    BYLINE = "byline"
    MARKER = "marker"
    TITLE = "title"
    CAPTION = "caption"
    QR = "qr"
    AD_LABEL = "ad-label"
    AD_CREDIT = "ad-credit"


@dataclass(frozen=True, slots=True)
class Item:
    """A classified block; ``order`` is its place in the raw text."""

    kind: Kind
    block: Block
    order: int

    @property
    def text(self) -> str:
        """The block's joined text."""
        return self.block.text


def classify(block: Block) -> Kind:
    """The kind of a paragraph candidate."""
    text = block.text
    if is_marker_only(text):
        return Kind.MARKER
    if AD_LABEL.match(text):
        return Kind.AD_LABEL
    if AD_CREDIT.match(text) and len(text) <= 25:
        return Kind.AD_CREDIT
    if QR.match(text) and len(text) <= 60:
        return Kind.QR
    if CAPTION.search(text) and len(text) <= 80 and len(block.lines) <= 4:
        return Kind.CAPTION
    if BYLINE.match(text):
        return Kind.BYLINE
    if looks_like_title(text, len(block.lines)):
        return Kind.TITLE
    return Kind.BODY


@dataclass
class Section:
    """A run of body items, opened by a subhead (except an article's first section)."""

    subhead: Item | None
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    """An article being assembled."""

    order: int
    sections: list[Section] = field(default_factory=lambda: [Section(None)])
    titles: list[Item] = field(default_factory=list)
    #: Titles printed away from the body, given to it because they are about it.
    moved_titles: list[Item] = field(default_factory=list)
    figures: list[Item] = field(default_factory=list)
    extras: list[Item] = field(default_factory=list)
    kind: str = "新闻"
    notes: list[str] = field(default_factory=list)
    #: An explicit ``{#id}`` shared by the two fragments of a story across pages.
    explicit_id: str = ""
    #: The article split off this one's end (see ``titles``), which follows it.
    continued_in: Article | None = None
    #: No more body belongs here: titles followed it, or it ended with 下转.
    closed: bool = False
    _grams: frozenset[str] | None = None

    def has_body(self) -> bool:
        """True once a body paragraph (not just a marker or subhead) is in it."""
        return any(i.kind is not Kind.MARKER for s in self.sections for i in s.items)

    def body_text(self) -> str:
        """Subheads and paragraphs, for measuring what the article is about."""
        parts = []
        for section in self.sections:
            if section.subhead is not None:
                parts.append(section.subhead.text)
            parts.extend(item.text for item in section.items)
        return "\n".join(parts)

    def grams(self) -> frozenset[str]:
        """The grams of the paragraphs, not the subheads (cached; see ``forget``)."""
        if self._grams is None:
            self._grams = grams(
                "\n".join(item.text for section in self.sections for item in section.items)
            )
        return self._grams

    def forget(self) -> None:
        """Drop cached grams after the body changed."""
        self._grams = None

    @property
    def first_line(self) -> int:
        """The raw line the article's first block starts at."""
        lines = [i.block.line for s in self.sections for i in s.items]
        lines += [s.subhead.block.line for s in self.sections if s.subhead is not None]
        return min(lines, default=0)


@dataclass
class TitleRun:
    """Consecutive title lines and the articles either side of them."""

    titles: list[Item]
    after: Article | None
    before: Article | None = None
    ad_items: list[Item] = field(default_factory=list)


@dataclass
class Layout:
    """Everything found on one page, in reading order."""

    articles: list[Article]
    runs: list[TitleRun]
    #: Captions and QR blurbs, with the article open when they were met.
    floaters: list[tuple[Item, Article | None]]


def _starts_story(item: Item) -> bool:
    if item.kind is Kind.BYLINE:
        return True
    if item.kind is Kind.MARKER:
        return any(m.direction is JumpDirection.FROM for m in find_jump_markers(item.text))
    return False


def _ends_story(item: Item) -> bool:
    markers = list(find_jump_markers(item.text))
    return bool(markers) and markers[-1].direction is JumpDirection.TO


def _column_width(blocks: Sequence[Block]) -> float | None:
    """The width of a full line in these blocks (their paragraphs' inner lines)."""
    widths = sorted(line.width for block in blocks for line in block.lines[1:-1])
    if len(widths) < 3:
        return None
    # High, not middle: lines running around a picture are narrower, never wider.
    return widths[int(0.8 * (len(widths) - 1) + 0.5)]


def _section_text(items: Sequence[Item]) -> str:
    return "\n".join(item.text for item in items)


class _Walker:
    """Walks the items once, opening and closing articles."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        self.articles: list[Article] = []
        self.runs: list[TitleRun] = []
        self.floaters: list[tuple[Item, Article | None]] = []
        self.current: Article | None = None

    def new_article(self) -> Article:
        article = Article(order=len(self.articles))
        self.articles.append(article)
        for run in self.runs[-1:]:
            if run.before is None and run.after is not article:
                run.before = article
        self.current = article
        return article

    def next_body(self, index: int) -> list[Item]:
        """The body items from ``index`` up to the next title or other block."""
        out: list[Item] = []
        for item in self.items[index:]:
            if item.kind not in (Kind.BODY, Kind.BYLINE) or (out and item.kind is Kind.BYLINE):
                break
            out.append(item)
        return out

    def column_changes(self, end: int) -> bool:
        """True when the text after a title is set in another column width than before it.

        A subhead sits inside its story's column; a story laid out in another width is
        another story.
        """
        current = self.current
        assert current is not None
        before = [item.block for s in current.sections for item in s.items][-3:]
        after = [item.block for item in self.next_body(end)][:3]
        width_before, width_after = _column_width(before), _column_width(after)
        if width_before is None or width_after is None:
            return False
        return abs(width_before - width_after) >= _COLUMN_CHANGE

    def title_run(self, index: int) -> int:
        end = index
        while end < len(self.items) and self.items[end].kind is Kind.TITLE:
            end += 1
        run = list(self.items[index:end])
        following = self.items[end] if end < len(self.items) else None
        current = self.current
        open_body = current is not None and not current.closed
        opens = following is not None and following.kind in (Kind.BODY, Kind.BYLINE)
        if opens and open_body:
            assert following is not None and current is not None
            opener = run[-1]
            mine = grams(opener.text)
            ahead = containment(mine, grams(_section_text(self.next_body(end))))
            behind = containment(mine, current.grams())
            if len(run) == 1 and following.kind is Kind.BODY:
                # One title between bodies is a subhead, unless it clearly sums up
                # the body before it: then it is that body's headline, printed after it.
                sums_up = behind >= _SUMS_UP and behind - ahead >= _SUMS_UP_MARGIN
                if not sums_up and not self.column_changes(end):
                    current.sections.append(Section(run[0]))
                    current.forget()
                    return end
            # Titles, then a body: the last may be the subhead opening the next article.
            elif len(run) > 1 and ahead > behind:
                self.close_run(run[:-1])
                self.new_article().sections[0] = Section(opener)
                return end
        self.close_run(run)
        end = self.ad_tail(end)
        return end

    def close_run(self, titles: list[Item]) -> None:
        self.runs.append(TitleRun(titles, self.current))
        if self.current is not None:
            self.current.closed = True

    def ad_tail(self, index: int) -> int:
        """Attach an ad label and credit that follow a title run to it."""
        run = self.runs[-1]
        while index < len(self.items) and self.items[index].kind in (
            Kind.AD_LABEL,
            Kind.AD_CREDIT,
        ):
            run.ad_items.append(self.items[index])
            index += 1
        return index

    def ad_end(self, index: int) -> int | None:
        """Where an ad's label or credit ends the short lines from ``index``, if it does."""
        for end in range(index, len(self.items)):
            item = self.items[end]
            if item.kind in (Kind.AD_LABEL, Kind.AD_CREDIT):
                return end
            if item.kind is Kind.BODY and len(item.text) <= _AD_LINE:
                continue
            if item.kind is not Kind.TITLE:
                return None
        return None

    def walk(self) -> Layout:
        index = 0
        while index < len(self.items):
            item = self.items[index]
            if item.kind is Kind.TITLE and (end := self.ad_end(index)) is not None:
                # Titles, then the lines of an ad up to its label or credit.
                self.close_run(list(self.items[index:end]))
                index = self.ad_tail(end)
                continue
            if item.kind is Kind.TITLE:
                index = self.title_run(index)
                continue
            if item.kind in (Kind.AD_LABEL, Kind.AD_CREDIT):
                self.close_run([])
                index = self.ad_tail(index)
                continue
            if item.kind in (Kind.CAPTION, Kind.QR):
                self.floaters.append((item, self.current))
                index += 1
                continue
            current = self.current
            if current is None or current.closed or (_starts_story(item) and current.has_body()):
                current = self.new_article()
            current.sections[-1].items.append(item)
            current.forget()
            if _ends_story(item):
                current.closed = True
            index += 1
        return Layout(self.articles, self.runs, self.floaters)


def lay_out(blocks: Sequence[Block]) -> Layout:
    """Classify the blocks of one page and group them into articles and title runs."""
    items = [Item(classify(block), block, order) for order, block in enumerate(blocks)]
    return _Walker(items).walk()
