"""The section tree (版面目录): choosing a row navigates; navigating elsewhere selects a row.

Rows show the whole headline at every font step: long ones wrap onto more lines
instead of being cut off with 「…」, and the row grows to hold them.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.section_model import NodeKind, SectionModel


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text needs when wrapped to the width the tree gives them.

    Qt's own item layout does the wrapping, as it does when it paints the row:
    given a width (``option.rect``) it wraps the text there, less its text margins.
    Asking the style for those margins from Python would make PySide6 build
    QStyle's enums, 4 % of the start-up's instructions, which the first paint
    needs for nothing else.
    """

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def row_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width a row has: the viewport less the indentation of its depth."""
        tree = self.tree
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = tree.indentation() * (depth + (1 if tree.rootIsDecorated() else 0))
        return max(1, tree.viewport().width() - indent)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The style's row size with some air, made taller by the lines the wrapped text adds."""
        size = super().sizeHint(option, index)
        if not index.data():
            return size
        width = self.row_width(index)
        measure = QStyleOptionViewItem(option)
        measure.rect = QRect(0, 0, width, 1)
        # The view asks without a width (one line of text): what wrapping adds is the rest.
        wrapped = super().sizeHint(measure, index).height()
        # A quarter line of air above and below a row's text, at every font step: easier
        # to read and to hit than the style's tight rows.
        single = option.fontMetrics.height()
        height = max(size.height(), single + single // 4)
        return QSize(min(size.width(), width), height + max(0, wrapped - size.height()))


class SectionTree(QTreeView):
    """A tree of editions, pages and articles over a :class:`SectionModel`."""

    #: The reader chose a row that leads somewhere.
    route_activated = Signal(object)

    def __init__(self, model: SectionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionTree")
        self.setAccessibleName(self.tr("版面目录"))
        self.setAccessibleDescription(self.tr("报纸的期、版面和文章；选中文章即可阅读"))
        self.setHeaderHidden(True)
        # Whole headlines: wrapped, never elided; rows differ in height then.
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(WrappingDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setExpandsOnDoubleClick(True)
        self._following = False
        self._section_model = model
        self.show_model(model)

    def show_model(self, model: SectionModel) -> None:
        """Show another model (the listing changed); the old one is deleted."""
        old = self.model()
        self._section_model = model
        self.setModel(model)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        if isinstance(old, SectionModel) and old is not model:
            old.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width wraps the headlines differently: measure the rows again."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def changeEvent(self, event: QEvent) -> None:
        """A new font step changes every row's height."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.scheduleDelayedItemsLayout()

    @property
    def section_model(self) -> SectionModel:
        """The model shown."""
        return self._section_model

    def select_route(self, route: Route) -> bool:
        """Select the row for ``route`` without navigating again; ``False`` when there is none."""
        index = self._section_model.index_for_route(route)
        if not index.isValid():
            return False
        self._following = True
        try:
            parent = index.parent()
            while parent.isValid():
                self.expand(parent)
                parent = parent.parent()
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._following = False
        return True

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex
    ) -> None:
        if self._following or not current.isValid():
            return
        kind = self._section_model.kind(current)
        if kind in (NodeKind.YEAR, NodeKind.MONTH):
            return
        route = self._section_model.route(current)
        if route is not None:
            self.route_activated.emit(route)
