"""The 长辈版 bottom bar: big 「上一篇」「下一篇」 and, between them, the status line.

In 长辈版 the status bar's own row is folded away and what it says (where the
reader is, short messages) is shown between the two big buttons, so the article
keeps another row at the largest steps. A message too long for that room brings
the status bar back until it goes, so nothing is ever cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QToolButton, QWidget

from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.window import ReaderWindow
from jiangbei_reader.ui.zoom import big_button

#: The bar's margins and the spacing around the label (px).
_MARGINS = 48


def _spacer(bar: QToolBar, name: str) -> QWidget:
    spacer = QWidget(bar)
    spacer.setObjectName(name)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return spacer


class ElderNavBar(QObject):
    """The bottom 翻篇 bar of 长辈版, carrying the status line."""

    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.setObjectName("elderNav")
        self.window = window
        self.active = False
        bar = QToolBar(self.tr("翻篇"), window)
        bar.setObjectName("elderNavBar")
        bar.setAccessibleName(self.tr("翻篇"))
        bar.setMovable(False)
        previous = big_button(
            window.reader_actions[ActionId.PREVIOUS_ARTICLE], "button_elderPrevious", bar
        )
        following = big_button(
            window.reader_actions[ActionId.NEXT_ARTICLE], "button_elderNext", bar
        )
        for button in (previous, following):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status = QLabel(bar)
        self.status.setObjectName("elderStatusLabel")
        self.status.setAccessibleName(self.tr("状态"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Centred between the buttons by two spacers; as wide as its text.
        bar.addWidget(previous)
        bar.addWidget(_spacer(bar, "elderNavSpacer"))
        bar.addWidget(self.status)
        bar.addWidget(_spacer(bar, "elderNavSpacer2"))
        bar.addWidget(following)
        # The first bottom bar, above the read-aloud bar if that was made before it.
        bottom = Qt.ToolBarArea.BottomToolBarArea
        later = [b for b in window.findChildren(QToolBar) if window.toolBarArea(b) == bottom]
        if later:
            window.insertToolBar(later[0], bar)
        else:
            window.addToolBar(bottom, bar)
        bar.setVisible(False)
        self.bar = bar
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        window.statusBar().messageChanged.connect(self._on_status_message_changed)
        window.route_changed.connect(self._on_route_changed)
        self.status.installEventFilter(self)
        window.installEventFilter(self)

    def set_active(self, on: bool) -> None:
        """Show the bar (长辈版) or hide it and give the status bar its row back."""
        self.active = on
        self.bar.setVisible(on)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A new width or font: choose the wording again. Hover tips go to the label."""
        if watched is self.status and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self._timer.start()
        elif (
            watched is self.window
            and self.active
            and event.type() == QEvent.Type.StatusTip
            and isinstance(event, QStatusTipEvent)
        ):
            # A tip under the mouse must not bring the status bar's row in and out as the
            # mouse moves: shown here when it fits, else only as the tooltip it also is.
            tip = event.tip()
            if tip and self.status.fontMetrics().horizontalAdvance(tip) <= self._room():
                self.status.setText(tip)
            else:
                self.refresh()
            return True
        return super().eventFilter(watched, event)

    def _room(self) -> int:
        """What the two big buttons leave of the window's width.

        Never the label's own width: a long text would widen the label and squeeze
        the buttons.
        """
        buttons = [b for b in self.bar.findChildren(QToolButton) if b.objectName()]
        return self.window.width() - sum(b.sizeHint().width() for b in buttons) - _MARGINS

    @Slot()
    def refresh(self) -> None:
        """Show the message, or else where the reader is, in the room between the buttons."""
        status_bar = self.window.statusBar()
        if not self.active:
            status_bar.setVisible(True)
            return
        message = status_bar.currentMessage()
        metrics = self.status.fontMetrics()
        room = self._room()
        fits = metrics.horizontalAdvance(message) <= room
        if message and fits:
            self.status.setText(message)
        else:
            self.status.setText(self.window.status.position_fitting(metrics, room))
        # A message too long for the room: the status bar comes back while it is shown.
        status_bar.setVisible(bool(message) and not fits)

    @Slot(str)
    def _on_status_message_changed(self, _message: str) -> None:
        self.refresh()

    @Slot(object)
    def _on_route_changed(self, _route: object) -> None:
        self.refresh()
