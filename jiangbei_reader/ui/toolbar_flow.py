"""The main toolbar at big font steps: labels stay, the last button groups go under 「更多」.

The main toolbar (``ui/chrome.py``) shows labels beside its icons when they fit
and icons alone when they do not. From 125 %, and in 长辈版, the labelled buttons
and the search box no longer fit 1280 px; a reader at 300 % must still see what
every button does. So instead of dropping the labels, the last button groups move,
whole and in order, into the 「更多」 menu at the end of the buttons (a menu lists
them by name, in the same big font), and come back when the step goes down. Extra
toolbar rows were tried first: at 300 % in 长辈版 they left the article 260 of 800 px.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton

from jiangbei_reader.ui.a11y import name_qt_parts
from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.chrome import TOOLBAR_GROUPS
from jiangbei_reader.ui.window import ReaderWindow

#: Room left for the toolbar's margins and handle (px).
_SLACK = 24


def labelled_width(bar: QToolBar) -> int:
    """Width ``bar`` needs with labels beside the icons."""
    style = bar.toolButtonStyle()
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    layout = bar.layout()
    if layout is not None:
        layout.invalidate()
    width = bar.sizeHint().width()
    bar.setToolButtonStyle(style)
    return width


class ToolbarFlow(QObject):
    """Moves the main toolbar's last button groups into a 「更多」 menu when they do not fit."""

    def __init__(self, window: ReaderWindow, active: Callable[[], bool]) -> None:
        super().__init__(window)
        self.setObjectName("toolbarFlow")
        self.window = window
        #: True when the font is bigger than the standard one. At the standard size a
        #: narrow window keeps chrome's own rule (icons alone, every button on the bar).
        self.active = active
        self.main = window.toolbar
        self._ids = {window.reader_actions[a]: a for a in ActionId}
        self._groups = [[window.reader_actions[a] for a in group] for group in TOOLBAR_GROUPS]
        self.menu = QMenu(self.tr("更多"), window)
        self.menu.setObjectName("moreMenu")
        self.menu.setAccessibleName(self.tr("更多按钮"))
        self.button = QToolButton(self.main)
        self.button.setObjectName("button_more")
        self.button.setText(self.tr("更多"))
        self.button.setToolTip(self.tr("放不下的按钮在这里"))
        self.button.setAccessibleName(self.tr("更多"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        extra = self._first_extra()
        self._holder = (
            self.main.insertWidget(extra, self.button)
            if extra is not None
            else self.main.addWidget(self.button)
        )
        self._holder.setVisible(False)
        #: How many groups are on the main bar now (the others are in the menu).
        self.kept = len(self._groups)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit)
        window.installEventFilter(self)

    def _first_extra(self) -> QAction | None:
        """The first item after the grouped buttons: an added button, the spacer or the box."""
        grouped = {a for group in self._groups for a in group}
        for action in self.main.actions():
            if action not in grouped and not action.isSeparator():
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit after the window is resized (chrome fits its own bar first)."""
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return super().eventFilter(watched, event)

    def _need(self) -> int:
        return labelled_width(self.main) + self.main.search_box.minimumWidth()

    @Slot()
    def refit(self) -> None:
        """Keep on the bar the first groups that fit with the search box; the rest in 「更多」."""
        room = self.window.width() - _SLACK
        keep = len(self._groups)
        self._place(keep)
        while self.active() and keep > 1 and self._need() > room:
            keep -= 1
            self._place(keep)
        # Chrome measures its labels again on a font change and keeps them if they fit now.
        QApplication.sendEvent(self.main, QEvent(QEvent.Type.FontChange))
        self.main.fit(self.window.width())

    def _place(self, keep: int) -> None:
        """The first ``keep`` groups on the bar, the others in the menu."""
        if keep == self.kept:
            return
        grouped = {a for group in self._groups for a in group}
        for action in self.main.actions():
            if action in grouped or (action.isSeparator() and action is not self._holder):
                if self.main.actions().index(action) < self.main.actions().index(self._holder):
                    self.main.removeAction(action)
                    if action.isSeparator():  # insertSeparator makes new ones: free the old
                        action.deleteLater()
        for number, group in enumerate(self._groups[:keep]):
            if number:
                self.main.insertSeparator(self._holder)
            for action in group:
                self.main.insertAction(self._holder, action)
                self._name(action)
        self.menu.clear()
        for number, group in enumerate(self._groups[keep:]):
            if number:
                self.menu.addSeparator()
            self.menu.addActions(group)
        self._holder.setVisible(keep < len(self._groups))
        self.kept = keep
        name_qt_parts(self.main)  # the new separators

    def _name(self, action: QAction) -> None:
        button = self.main.widgetForAction(action)
        action_id = self._ids.get(action)
        if isinstance(button, QToolButton) and action_id is not None:
            button.setObjectName(f"button_{action_id.value}")
            button.setAccessibleName(action.text())
            button.setAccessibleDescription(action.toolTip())
