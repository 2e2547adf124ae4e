"""The section tree's model: edition → page (版) → article, grouped by year and month when many.

Editions are listed from their front matter only; an edition's pages and
articles are parsed when its row is expanded (``canFetchMore``/``fetchMore``),
so a ten-year archive opens without reading every article.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from jiangbei_reader.core.library import EditionRef
from jiangbei_reader.core.model import Article, Edition, Page
from jiangbei_reader.core.navigation import Route

#: More editions than this and the top level groups them by year, then month.
GROUP_THRESHOLD = 7
#: The route of a row, as ``str(Route)`` (empty for year and month rows).
RouteRole = Qt.ItemDataRole.UserRole + 1
#: The :class:`NodeKind` value of a row.
KindRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("SectionModel", text)


class NodeKind(enum.Enum):
    """What a row of the tree stands for."""

    YEAR = "year"
    MONTH = "month"
    EDITION = "edition"
    PAGE = "page"
    ARTICLE = "article"
    #: A headline known to start on a 未收录 page, from its continuation elsewhere.
    KNOWN_HEADLINE = "known-headline"


class _Node:
    """A row of the tree; compared by identity, as the model's internal pointers are."""

    # A plain class: a dataclass costs ~0.5 ms of start-up to make (docs/performance.md).
    __slots__ = ("children", "fetched", "kind", "label", "missing", "parent", "refs", "route",
                 "row", "tooltip", "uid")  # fmt: skip

    def __init__(
        self,
        uid: int,
        kind: NodeKind,
        label: str,
        parent: _Node | None,
        row: int,
        route: Route | None = None,
    ) -> None:
        self.uid = uid
        self.kind = kind
        self.label = label
        self.parent = parent
        self.row = row
        self.route = route
        self.tooltip = ""
        self.missing = False
        #: False until the children are made: editions are parsed, years and months
        #: listed, when first expanded or looked up.
        self.fetched = True
        #: The editions under a year or month not yet fetched, newest first.
        self.refs: tuple[EditionRef, ...] = ()
        self.children: list[_Node] = []


class SectionModel(QAbstractItemModel):
    """Editions, their pages and articles, for the section tree."""

    def __init__(
        self,
        refs: Sequence[EditionRef],
        load: Callable[[str], Edition | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._ids = itertools.count(1)
        self._nodes: dict[int, _Node] = {}
        self._root = self._node(NodeKind.YEAR, "", None)
        self._by_route: dict[Route, _Node] = {}
        self._refs = {ref.key: ref for ref in refs}
        self._grouped = len(refs) > GROUP_THRESHOLD
        newest_first = sorted(refs, key=lambda r: r.date, reverse=True)
        if self._grouped:
            # Only the years are made now; months and editions when a year is opened.
            for year, group in itertools.groupby(newest_first, key=lambda r: r.date.year):
                node = self._node(NodeKind.YEAR, _tr("{0}年").format(year), self._root)
                node.fetched, node.refs = False, tuple(group)
        else:
            self._edition_nodes(self._root, newest_first)

    # -- building -------------------------------------------------------------------

    def _node(
        self, kind: NodeKind, label: str, parent: _Node | None, route: Route | None = None
    ) -> _Node:
        row = len(parent.children) if parent is not None else 0
        node = _Node(next(self._ids), kind, label, parent, row, route)
        self._nodes[node.uid] = node
        if parent is not None:
            parent.children.append(node)
        if route is not None:
            self._by_route[route] = node
        return node

    def _edition_nodes(self, parent: _Node, refs: Sequence[EditionRef]) -> None:
        for ref in refs:
            label = self._edition_label(ref, with_year=not self._grouped)
            node = self._node(NodeKind.EDITION, label, parent, Route.edition(ref.key))
            node.fetched = False
            node.tooltip = f"{ref.paper or '江北报'} {label}"

    def _make_children(self, staging: _Node, node: _Node) -> bool:
        """Children of an unfetched node, built under ``staging``; ``False`` if unreadable."""
        if node.kind is NodeKind.YEAR:
            for month, group in itertools.groupby(node.refs, key=lambda r: r.date.month):
                child = self._node(NodeKind.MONTH, _tr("{0}月").format(month), staging)
                child.fetched, child.refs = False, tuple(group)
        elif node.kind is NodeKind.MONTH:
            self._edition_nodes(staging, node.refs)
        else:
            assert node.route is not None
            edition = self._load(node.route.target)
            if edition is None or not edition.pages:
                return False
            self._fill(staging, edition)
        node.refs = ()
        return True

    @staticmethod
    def _edition_label(ref: EditionRef, *, with_year: bool) -> str:
        date = ref.date
        text = (
            _tr("{0}年{1}月{2}日").format(date.year, date.month, date.day)
            if with_year
            else _tr("{0}月{1}日").format(date.month, date.day)
        )
        return f"{text} {_tr('第{0}期').format(ref.number)}" if ref.number else text

    def _fill(self, node: _Node, edition: Edition) -> None:
        for page in edition.pages:
            page_node = self._node(
                NodeKind.PAGE, page.label, node, Route.page(edition.key, page.id)
            )
            if page.missing:
                self._fill_missing(page_node, edition, page)
            for article in page.articles:
                child = self._node(
                    NodeKind.ARTICLE, article.headline, page_node, Route.article(article.id)
                )
                child.tooltip = self._article_tooltip(article)

    def _fill_missing(self, page_node: _Node, edition: Edition, page: Page) -> None:
        page_node.missing = True
        page_node.label = _tr("{0}（未收录）").format(page.label)
        page_node.tooltip = _tr("本版未收录；下面是从其他版面的续文得知的标题")
        for headline in edition.known_headlines(page.id):
            known = self._node(NodeKind.KNOWN_HEADLINE, headline, page_node)
            # Choosing it shows the page's message, which links to the continuation.
            known.route = page_node.route
            known.missing = True
            known.tooltip = _tr("本篇开头刊于未收录的{0}").format(page.label)

    @staticmethod
    def _article_tooltip(article: Article) -> str:
        lines = [article.kicker, article.headline, article.subtitle]
        if article.continued_from is not None:
            lines.append(_tr("（上接{0}版）").format(article.continued_from.target_page))
        if article.continues_to is not None:
            lines.append(_tr("（下转{0}版）").format(article.continues_to.target_page))
        return "\n".join(line for line in lines if line)

    # -- lookup ---------------------------------------------------------------------

    def _node_of(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def _index_of(self, node: _Node) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.uid)

    def index_for_route(self, route: Route) -> QModelIndex:
        """The row showing ``route`` (opening its year, month and edition if needed)."""
        ref = self._refs.get(route.edition_key or "")
        if ref is None:
            return QModelIndex()
        if self._grouped:
            year = _tr("{0}年").format(ref.date.year)
            month = _tr("{0}月").format(ref.date.month)
            node = self._root
            for label in (year, month):
                node = next((n for n in node.children if n.label == label), node)
                if not node.fetched:
                    self.fetchMore(self._index_of(node))
        edition = self._by_route.get(Route.edition(ref.key))
        if edition is not None and not edition.fetched:
            self.fetchMore(self._index_of(edition))
        found = self._by_route.get(route)
        return self._index_of(found) if found is not None else QModelIndex()

    def route(self, index: Index) -> Route | None:
        """The route a row leads to (``None`` for year and month rows)."""
        return self._node_of(index).route if index.isValid() else None

    def kind(self, index: Index) -> NodeKind | None:
        """What a row stands for."""
        return self._node_of(index).kind if index.isValid() else None

    # -- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a child row."""
        node = self._node_of(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row].uid)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """The parent of a row."""
        if not index.isValid():
            return QModelIndex()
        parent = self._node_of(index).parent
        return self._index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows under ``parent`` (0 for an edition not yet parsed)."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node_of(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """True for rows with children, and for editions that are not parsed yet."""
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node_of(parent)
        return bool(node.children) or not node.fetched

    def canFetchMore(self, parent: Index) -> bool:
        """True for a year, month or edition whose rows are not made yet."""
        return parent.isValid() and not self._node_of(parent).fetched

    def fetchMore(self, parent: Index) -> None:
        """Make the rows of a year or month, or parse an edition and insert its pages."""
        if not self.canFetchMore(parent):
            return
        node = self._node_of(parent)
        node.fetched = True
        staging = _Node(0, node.kind, "", None, 0)
        # Build first, then announce: the view must see the rows appear in one go.
        if not self._make_children(staging, node):
            node.tooltip = _tr("无法读取这一期")
            return
        if not staging.children:
            return
        self.beginInsertRows(parent, 0, len(staging.children) - 1)
        node.children = staging.children
        for child in node.children:
            child.parent = node
        self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every row is enabled and selectable, 未收录 ones too (they explain themselves)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Label, tooltip, greyed colour for 未收录, route and kind."""
        if not index.isValid():
            return None
        node = self._node_of(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole and node.missing:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and node.missing:
            return _tr("未收录")
        if role == RouteRole:
            return str(node.route) if node.route is not None else ""
        if role == KindRole:
            return node.kind.value
        return None
