"""Navigation routes (``article/<id>``, ``page/<edition>/<page>`` …) and back/forward history."""

from __future__ import annotations

import enum
from typing import NamedTuple
from urllib.parse import parse_qs, quote, urlencode

from jiangbei_reader.core.model import Article, Edition, Page
from jiangbei_reader.core.value import Value, set_field

#: Schemes of the links the renderer writes into article HTML.
JUMP_SCHEME = "jump"
ARTICLE_SCHEME = "article"
PAGE_SCHEME = "page"
EDITION_SCHEME = "edition"
#: Links to web sites: never loaded in the pane, at most opened in the system browser.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


class RouteError(ValueError):
    """A route or link that cannot be understood."""


class RouteKind(enum.Enum):
    """What a route shows."""

    ARTICLE = "article"
    PAGE = "page"
    EDITION = "edition"
    SEARCH = "search"


class Route(Value):
    """A place in the reader.

    ``target`` is an article id, ``<edition>/<page>``, an edition's date or a query.
    """

    __slots__ = ("kind", "target")
    kind: RouteKind
    target: str

    def __init__(self, kind: RouteKind, target: str) -> None:
        set_field(self, "kind", kind)
        set_field(self, "target", target)

    @classmethod
    def article(cls, article_id: str) -> Route:
        """The route of an article (``2023-07-13/3/tan-xun``)."""
        return cls(RouteKind.ARTICLE, article_id)

    @classmethod
    def page(cls, edition: str, page: str) -> Route:
        """The route of a page of an edition."""
        return cls(RouteKind.PAGE, f"{edition}/{page}")

    @classmethod
    def edition(cls, edition: str) -> Route:
        """The route of an edition by its date key."""
        return cls(RouteKind.EDITION, edition)

    @classmethod
    def search(cls, query: str) -> Route:
        """The route of a search."""
        return cls(RouteKind.SEARCH, query)

    @property
    def edition_key(self) -> str | None:
        """The edition this route belongs to (``None`` for a search)."""
        if self.kind is RouteKind.SEARCH:
            return None
        return self.target.split("/", 1)[0]

    @property
    def page_id(self) -> str | None:
        """The page of an article or page route."""
        parts = self.target.split("/")
        if self.kind in (RouteKind.ARTICLE, RouteKind.PAGE) and len(parts) >= 2:
            return parts[1]
        return None

    def __str__(self) -> str:
        if self.kind is RouteKind.SEARCH:
            return f"search?{urlencode({'q': self.target})}"
        return f"{self.kind.value}/{self.target}"

    @classmethod
    def parse(cls, text: str) -> Route:
        """The route written as ``str(route)``; raises :class:`RouteError`."""
        if text.startswith("search?"):
            query = parse_qs(text.removeprefix("search?")).get("q", [""])[0]
            if query:
                return cls.search(query)
            raise RouteError(f"a search route without a query: {text!r}")
        kind_text, _, target = text.partition("/")
        try:
            kind = RouteKind(kind_text)
        except ValueError:
            raise RouteError(f"unknown route: {text!r}") from None
        parts = target.split("/")
        expected = {RouteKind.ARTICLE: 3, RouteKind.PAGE: 2, RouteKind.EDITION: 1}[kind]
        if len(parts) != expected or not all(parts):
            raise RouteError(f"a {kind.value} route needs {expected} parts: {text!r}")
        return cls(kind, target)


def jump_link(article_id: str) -> str:
    """The href of a jump marker whose other end is bundled."""
    return f"{JUMP_SCHEME}:{quote(article_id, safe='/-')}"


def article_link(article_id: str) -> str:
    """The href of a link to an article."""
    return f"{ARTICLE_SCHEME}:{quote(article_id, safe='/-')}"


def page_link(edition: str, page: str) -> str:
    """The href of a link to a page (a jump marker whose other end is not bundled)."""
    return f"{PAGE_SCHEME}:{quote(edition, safe='-')}/{quote(page, safe='')}"


def route_for_link(href: str) -> Route | None:
    """The route an internal link leads to; ``None`` for web links and anything unknown."""
    scheme, colon, rest = href.partition(":")
    if not colon:
        return None
    try:
        if scheme in (JUMP_SCHEME, ARTICLE_SCHEME):
            return Route.parse(f"article/{rest}")
        if scheme == PAGE_SCHEME:
            return Route.parse(f"page/{rest}")
        if scheme == EDITION_SCHEME:
            return Route.parse(f"edition/{rest}")
    except RouteError:
        return None
    return None


def is_external_link(href: str) -> bool:
    """True for links to web sites and mail addresses."""
    scheme, colon, _ = href.partition(":")
    return bool(colon) and scheme.lower() in EXTERNAL_SCHEMES


class HistoryEntry(NamedTuple):
    """A visited route and where the reader was in it (the view's reading position)."""

    route: Route
    position: int = 0


class Router:
    """Where the reader is, with back and forward stacks like a browser's."""

    def __init__(self, limit: int = 500) -> None:
        self._limit = limit
        self._back: list[HistoryEntry] = []
        self._forward: list[HistoryEntry] = []
        self._current: HistoryEntry | None = None

    @property
    def current(self) -> HistoryEntry | None:
        """The entry on screen."""
        return self._current

    @property
    def can_go_back(self) -> bool:
        """True when there is somewhere to go back to."""
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        """True after going back, until the reader goes somewhere new."""
        return bool(self._forward)

    def navigate(
        self, route: Route, position: int = 0, *, leaving_position: int = 0
    ) -> HistoryEntry:
        """Go to ``route``; the entry left behind remembers ``leaving_position``.

        Going to the route already on screen only updates its reading position.
        """
        entry = HistoryEntry(route, position)
        if self._current is not None:
            if self._current.route == route:
                self._current = entry
                return entry
            self._back.append(self._current._replace(position=leaving_position))
            del self._back[: -self._limit]
        self._forward.clear()
        self._current = entry
        return entry

    def back(self, leaving_position: int = 0) -> HistoryEntry | None:
        """Step back; ``None`` (and nothing changes) when there is no history."""
        if not self._back or self._current is None:
            return None
        self._forward.append(self._current._replace(position=leaving_position))
        self._current = self._back.pop()
        return self._current

    def forward(self, leaving_position: int = 0) -> HistoryEntry | None:
        """Step forward again after going back."""
        if not self._forward or self._current is None:
            return None
        self._back.append(self._current._replace(position=leaving_position))
        self._current = self._forward.pop()
        return self._current

    def replace_current(self, route: Route, position: int = 0) -> HistoryEntry:
        """Change the entry on screen without adding history (a page shown as its first article)."""
        self._current = HistoryEntry(route, position)
        return self._current

    def reset(self, route: Route | None = None) -> None:
        """Forget all history (the kiosk's 回到首页 after idle); optionally start at ``route``."""
        self._back.clear()
        self._forward.clear()
        self._current = HistoryEntry(route) if route is not None else None

    def back_entries(self) -> tuple[HistoryEntry, ...]:
        """The back stack, oldest first (for a history menu)."""
        return tuple(self._back)

    def forward_entries(self) -> tuple[HistoryEntry, ...]:
        """The forward stack, next first."""
        return tuple(reversed(self._forward))


def resolve_route(edition: Edition | None, route: Route) -> Route | None:
    """The route to show for ``route``: an edition, or a bundled page, opens at its first article.

    A 未收录 page stays a page route (the pane says it is not in the collection);
    ``None`` when the edition, page or article does not exist.
    """
    if edition is None or route.kind is RouteKind.SEARCH:
        return None
    if route.kind is RouteKind.EDITION:
        first = edition.first_readable_article()
        if first is not None:
            return Route.article(first.id)
        return Route.page(edition.key, edition.pages[0].id) if edition.pages else None
    if route.kind is RouteKind.PAGE:
        page = edition.page(route.page_id or "")
        if page is None:
            return None
        return Route.article(page.articles[0].id) if page.articles else route
    return route if edition.article(route.target) is not None else None


def _is_continuation(article: Article) -> bool:
    jump = article.continued_from
    return jump is not None and jump.target_id is not None


def neighbour_article(
    edition: Edition, route: Route, step: int, *, whole_story: bool = False
) -> Article | None:
    """The next (``step=1``) or previous (``-1``) article of the edition, in page order.

    In whole-story reading a continuation whose start is bundled is skipped: it
    was read as part of its story. From a page route (a 未收录 page) the
    neighbour is the first article after, or the last before, that page.
    """
    articles = list(edition.articles())
    if route.kind is RouteKind.ARTICLE:
        ids = [article.id for article in articles]
        if route.target not in ids:
            return None
        i = ids.index(route.target)
        after, before = articles[i + 1 :], articles[:i]
    elif route.kind is RouteKind.PAGE:
        ranks = {page.id: rank for rank, page in enumerate(edition.pages)}
        rank = ranks.get(route.page_id or "")
        if rank is None:
            return None
        after = [a for a in articles if ranks[a.page_id] > rank]
        before = [a for a in articles if ranks[a.page_id] < rank]
    else:
        return None
    candidates = after if step > 0 else before[::-1]
    for article in candidates:
        if not (whole_story and _is_continuation(article)):
            return article
    return None


def neighbour_page(edition: Edition, page_id: str, step: int) -> Page | None:
    """The page ``step`` pages after (or before) ``page_id`` in printed order."""
    ids = [page.id for page in edition.pages]
    if page_id not in ids:
        return None
    index = ids.index(page_id) + step
    return edition.pages[index] if 0 <= index < len(ids) else None
