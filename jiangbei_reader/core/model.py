"""The edition model: immutable, typed objects for an edition, its pages and articles."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from pathlib import Path

from jiangbei_reader.core.diagnostics import Diagnostic
from jiangbei_reader.core.value import Value, set_field


class JumpDirection(enum.Enum):
    """Which way a jump marker points."""

    #: 上接N版 / 接N版: this fragment continues a story that starts on page N.
    FROM = "from"
    #: 下转N版 / 转N版: this fragment continues on page N.
    TO = "to"


class Jump(Value):
    """A printed jump marker and, when the loader found it, the fragment at its other end."""

    __slots__ = ("col", "direction", "line", "target_id", "target_page", "text")

    direction: JumpDirection
    #: The page the marker names, normalised (``"3"``, ``"A1"``).
    target_page: str
    #: The marker exactly as printed, e.g. ``（下转3版）``; the renderer turns it into a link.
    text: str
    line: int
    col: int
    #: Id of the article at the other end, or ``None`` when it is missing or not bundled.
    target_id: str | None

    def __init__(
        self,
        direction: JumpDirection,
        target_page: str,
        text: str,
        line: int,
        col: int,
        target_id: str | None = None,
    ) -> None:
        set_field(self, "direction", direction)
        set_field(self, "target_page", target_page)
        set_field(self, "text", text)
        set_field(self, "line", line)
        set_field(self, "col", col)
        set_field(self, "target_id", target_id)


class Paragraph(Value):
    """A body paragraph (Markdown inline text, lines already joined)."""

    __slots__ = ("line", "text")
    text: str
    line: int

    def __init__(self, text: str, line: int) -> None:
        set_field(self, "text", text)
        set_field(self, "line", line)


class Subhead(Value):
    """A 小标题 inside an article body."""

    __slots__ = ("line", "text")
    text: str
    line: int

    def __init__(self, text: str, line: int) -> None:
        set_field(self, "text", text)
        set_field(self, "line", line)


class Figure(Value):
    """A picture with its caption; ``src`` is ``None`` when the image file is not bundled."""

    __slots__ = ("caption", "line", "src")
    caption: str
    src: str | None
    line: int

    def __init__(self, caption: str, src: str | None, line: int) -> None:
        set_field(self, "caption", caption)
        set_field(self, "src", src)
        set_field(self, "line", line)


Block = Paragraph | Subhead | Figure


#: Field names as the newsroom writes them, mapped to Article attributes.
FIELD_NAMES: dict[str, str] = {
    "引题": "kicker",
    "副题": "subtitle",
    "作者": "author",
    "摄影": "photographer",
    "类型": "kind",
    "来源": "source",
}

#: Article kinds the reader knows how to present; others are warned about, not refused.
KNOWN_KINDS: frozenset[str] = frozenset(
    {"新闻", "通讯", "评论", "简讯", "专题", "公益广告", "广告", "图片", "图片新闻", "公告"}
)


class Article(Value):
    """One article (or one fragment of a story printed across pages)."""

    __slots__ = (
        "author",
        "blocks",
        "explicit_slug",
        "headline",
        "id",
        "jumps",
        "kicker",
        "kind",
        "line",
        "page_id",
        "photographer",
        "slug",
        "source",
        "subtitle",
    )
    #: Stable id: ``<date>/<page>/<slug>``, e.g. ``2023-07-13/3/tan-xun``.
    id: str
    slug: str
    #: True when the slug came from an explicit ``{#id}`` in the file.
    explicit_slug: bool
    headline: str
    page_id: str
    line: int
    kicker: str
    subtitle: str
    author: str
    photographer: str
    kind: str
    source: str
    blocks: tuple[Block, ...]
    jumps: tuple[Jump, ...]

    def __init__(
        self,
        id: str,
        slug: str,
        explicit_slug: bool,
        headline: str,
        page_id: str,
        line: int,
        kicker: str = "",
        subtitle: str = "",
        author: str = "",
        photographer: str = "",
        kind: str = "新闻",
        source: str = "",
        blocks: tuple[Block, ...] = (),
        jumps: tuple[Jump, ...] = (),
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "slug", slug)
        set_field(self, "explicit_slug", explicit_slug)
        set_field(self, "headline", headline)
        set_field(self, "page_id", page_id)
        set_field(self, "line", line)
        set_field(self, "kicker", kicker)
        set_field(self, "subtitle", subtitle)
        set_field(self, "author", author)
        set_field(self, "photographer", photographer)
        set_field(self, "kind", kind)
        set_field(self, "source", source)
        set_field(self, "blocks", blocks)
        set_field(self, "jumps", jumps)

    @property
    def continued_from(self) -> Jump | None:
        """The 上接 marker, when this fragment continues a story from another page."""
        return next((j for j in self.jumps if j.direction is JumpDirection.FROM), None)

    @property
    def continues_to(self) -> Jump | None:
        """The 下转 marker, when this fragment continues on another page."""
        return next((j for j in self.jumps if j.direction is JumpDirection.TO), None)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body paragraphs, without subheads and figures."""
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    def plain_text(self) -> str:
        """Headline, fields and body as plain text (for search and read-aloud)."""
        parts = [p for p in (self.kicker, self.headline, self.subtitle) if p]
        for block in self.blocks:
            parts.append(block.caption if isinstance(block, Figure) else block.text)
        return "\n".join(parts)


class Page(Value):
    """A page (版) of an edition; ``missing`` pages are declared but not bundled (未收录)."""

    __slots__ = ("articles", "id", "line", "missing", "name")
    id: str
    name: str
    line: int
    missing: bool
    articles: tuple[Article, ...]

    def __init__(
        self,
        id: str,
        name: str,
        line: int,
        missing: bool = False,
        articles: tuple[Article, ...] = (),
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "name", name)
        set_field(self, "line", line)
        set_field(self, "missing", missing)
        set_field(self, "articles", articles)

    @property
    def label(self) -> str:
        """``第3版`` followed by the page name, as printed in the paper's index."""
        head = f"第{self.id}版"
        return f"{head} {self.name}" if self.name else head


class Story(Value):
    """A story as the reader reads it whole: its fragments in reading order."""

    __slots__ = ("fragments", "missing_end_page", "missing_start_page")
    fragments: tuple[Article, ...]
    #: Page of the story's start when that page is not bundled (未收录) or lacks the start.
    missing_start_page: str | None
    #: Page of the story's end when the continuation is not bundled.
    missing_end_page: str | None

    def __init__(
        self,
        fragments: tuple[Article, ...],
        missing_start_page: str | None = None,
        missing_end_page: str | None = None,
    ) -> None:
        set_field(self, "fragments", fragments)
        set_field(self, "missing_start_page", missing_start_page)
        set_field(self, "missing_end_page", missing_end_page)

    @property
    def is_whole(self) -> bool:
        """True when every fragment of the story is bundled."""
        return self.missing_start_page is None and self.missing_end_page is None


class Edition(Value):
    """One issue of the paper: front matter, pages in order, and load diagnostics."""

    #: ``_by_id``, derived from the pages, is no field: see :class:`Value`.
    __slots__ = (
        "_by_id",
        "date",
        "diagnostics",
        "note",
        "number",
        "pages",
        "paper",
        "path",
        "source",
    )
    paper: str
    date: dt.date
    pages: tuple[Page, ...]
    path: Path | None
    number: str
    source: str
    note: str
    diagnostics: tuple[Diagnostic, ...]
    _by_id: dict[str, Article]

    def __init__(
        self,
        paper: str,
        date: dt.date,
        pages: tuple[Page, ...],
        path: Path | None = None,
        number: str = "",
        source: str = "",
        note: str = "",
        diagnostics: tuple[Diagnostic, ...] = (),
    ) -> None:
        set_field(self, "paper", paper)
        set_field(self, "date", date)
        set_field(self, "pages", pages)
        set_field(self, "path", path)
        set_field(self, "number", number)
        set_field(self, "source", source)
        set_field(self, "note", note)
        set_field(self, "diagnostics", diagnostics)
        by_id: dict[str, Article] = {}
        for article in self.articles():
            by_id.setdefault(article.id, article)
        set_field(self, "_by_id", by_id)

    @property
    def key(self) -> str:
        """The edition's id, its date in ISO form (the first part of every article id)."""
        return self.date.isoformat()

    @property
    def title(self) -> str:
        """``江北报 2023年7月13日`` (and 期号 when known)."""
        text = f"{self.paper} {self.date.year}年{self.date.month}月{self.date.day}日"
        return f"{text} 第{self.number}期" if self.number else text

    def articles(self) -> Iterator[Article]:
        """Every article in page order."""
        for page in self.pages:
            yield from page.articles

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""
        return self._by_id.get(article_id)

    def page(self, page_id: str) -> Page | None:
        """The page with this id, or ``None``."""
        return next((p for p in self.pages if p.id == page_id), None)

    def page_of(self, article: Article) -> Page:
        """The page an article of this edition is printed on."""
        page = self.page(article.page_id)
        if page is None:  # pragma: no cover - articles are built from their pages
            raise KeyError(article.page_id)
        return page

    def first_readable_article(self) -> Article | None:
        """The first article of the first bundled page."""
        return next(self.articles(), None)

    def known_headlines(self, page_id: str) -> tuple[str, ...]:
        """Headlines known to start on a page, from the continuations that point to it.

        A 未收录 page has no articles of its own; its stories are known from the
        fragments elsewhere that say 上接N版.
        """
        found: list[str] = []
        for article in self.articles():
            jump = article.continued_from
            if jump is not None and jump.target_page == page_id and jump.target_id is None:
                if article.headline not in found:
                    found.append(article.headline)
        return tuple(found)

    def story(self, article_id: str) -> Story | None:
        """The whole story an article belongs to, fragments in reading order."""
        article = self.article(article_id)
        if article is None:
            return None
        seen = {article.id}
        first = article
        while (back := first.continued_from) is not None and back.target_id is not None:
            previous = self._by_id.get(back.target_id)
            if previous is None or previous.id in seen:
                break
            seen.add(previous.id)
            first = previous
        fragments = [first]
        last = first
        while (ahead := last.continues_to) is not None and ahead.target_id is not None:
            following = self._by_id.get(ahead.target_id)
            if following is None or following.id in {f.id for f in fragments}:
                break
            fragments.append(following)
            last = following
        back = first.continued_from
        ahead = last.continues_to
        return Story(
            fragments=tuple(fragments),
            missing_start_page=back.target_page if back and back.target_id is None else None,
            missing_end_page=ahead.target_page if ahead and ahead.target_id is None else None,
        )
