"""The search results list: a model over search hits and a delegate that draws them.

Each row shows the headline, the date and 版次, and the snippet with every hit
highlighted. The text for screen readers is the same information as one sentence.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from jiangbei_reader.core.display import ArticleColours

if TYPE_CHECKING:
    from jiangbei_reader.core.search import SearchHit

#: The hit itself (a SearchHit) of a row.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
_PADDING = 8

AnyIndex = QModelIndex | QPersistentModelIndex


def hit_label(hit: SearchHit) -> str:
    """Date and 版次 of a hit, as shown under its headline."""
    return f"{hit.date.year}年{hit.date.month}月{hit.date.day}日 · 第{hit.page_id}版"


def snippet_html(hit: SearchHit, colours: ArticleColours | None = None) -> str:
    """The snippet as HTML with each hit marked (escaped: snippets are plain text)."""
    colours = colours or ArticleColours()
    mark = f'<span style="background-color:{colours.search_hit};color:{colours.search_hit_text}">'
    out, last = [], 0
    for start, end in hit.snippet_spans:
        out.append(html.escape(hit.snippet[last:start]))
        out.append(f"{mark}{html.escape(hit.snippet[start:end])}</span>")
        last = end
    out.append(html.escape(hit.snippet[last:]))
    return "".join(out)


class SearchResultsModel(QAbstractListModel):
    """The hits of the last search, best first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        """Show new hits (replaces the old ones)."""
        self.beginResetModel()
        self._hits = tuple(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        """The hit of a row, or ``None`` outside the list."""
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of hits (a list: no children)."""
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Headline (display), a spoken sentence (accessibility, tooltip) or the hit."""
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.headline
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.headline}，{hit_label(hit)}：{hit.snippet}"
        if role == HIT_ROLE:
            return hit
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Rows can be selected, nothing is editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class SearchResultDelegate(QStyledItemDelegate):
    """Draws a hit: headline (bold), date and 版次 (muted), the snippet with hits marked."""

    #: The theme's colours for the hits (the window sets them with its display settings).
    colours = ArticleColours()

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        if option.state & QStyle.StateFlag.State_Selected:
            # Muted grey is unreadable on the selection colour: the selection's text.
            muted = option.palette.color(QPalette.ColorRole.HighlightedText)
        else:
            muted = option.palette.color(
                QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText
            )
        doc.setHtml(
            f"<div style='font-weight:bold'>{html.escape(hit.headline)}</div>"
            f"<div style='color:{muted.name()};font-size:small'>{html.escape(hit_label(hit))}</div>"
            f"<div>{snippet_html(hit, self.colours)}</div>"
        )
        doc.setTextWidth(max(80, option.rect.width() - 2 * _PADDING))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """The row's background and selection by the style, the text as rich text."""
        hit = index.data(HIT_ROLE)  # a SearchHit, or None for a row that has none
        if hit is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        doc = self._document(option, hit)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + _PADDING, option.rect.top() + _PADDING)
        painter.setClipRect(QRectF(0, 0, doc.textWidth(), option.rect.height() - _PADDING))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """As tall as the laid-out text at the view's width."""
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().sizeHint(option, index)
        self.initStyleOption(option, index)
        widget = option.widget
        if isinstance(widget, QListView):
            option.rect.setWidth(widget.viewport().width())
        doc = self._document(option, hit)
        return QSize(
            round(doc.textWidth()) + 2 * _PADDING, round(doc.size().height()) + 2 * _PADDING
        )


class SearchResultsView(QListView):
    """The list of hits (objectName ``searchResults``)."""

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName(self.tr("搜索结果"))
        self.setAccessibleDescription(self.tr("按回车键打开选中的文章"))
        self.setModel(model)
        self.setItemDelegate(SearchResultDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        # Rows wrap to the width: never a sideways scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
