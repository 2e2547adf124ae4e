"""The section tree (版面目录): choosing a row navigates; navigating elsewhere selects a row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.section_model import NodeKind, SectionModel


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
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setExpandsOnDoubleClick(True)
        self.setModel(model)
        self._section_model = model
        self._following = False
        self.selectionModel().currentChanged.connect(self._on_current_changed)

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
