"""The hidden way out: a 5-second press in a screen corner (or Ctrl+Alt+Shift+L), then the PIN.

The PIN is typed on a big numeric keypad drawn inside the kiosk window (no OS
dialog). Wrong PINs go through the core rate limiter, so each one makes the
next try wait longer; the right one calls `on_unlocked` (the app quits).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiangbei_reader.core.kiosk.pin import PIN_MAX_DIGITS, AdminUnlock, UnlockOutcome
from jiangbei_reader.ui.kiosk.events import KioskEvents
from jiangbei_reader.ui.kiosk.touch import follow_app_font

#: How long the corner must be held, and how big a corner is (px).
HOLD_MS = 5000
CORNER_PX = 100
#: Big enough for a finger (kiosk targets are at least 80 px).
KEY_PX = 96

_ENDS = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
#: Every event type the gesture looks at.
ADMIN_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchUpdate,
        *_ENDS,
    }
)


class PinPad(QFrame):
    """A numeric keypad overlay: digits, 删除, 取消, 确定; shows dots, never the digits."""

    accepted = Signal()

    def __init__(self, unlock: AdminUnlock, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPinPad")
        self.setAccessibleName(self.tr("管理员密码键盘"))
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "#kioskPinPad { background: #f4f1ea; border: 3px solid #444; border-radius: 12px; }"
            # Sizes here, not setMinimumSize: the kiosk style sheet's 80 px minimum would win.
            f"#kioskPinPad QPushButton {{ min-width: {KEY_PX + 40}px; min-height: {KEY_PX}px; }}"
        )
        self.unlock = unlock
        self._digits = ""
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("管理员：请输入密码"), self)
        title.setObjectName("kioskPinTitle")
        follow_app_font(title, 1.75, bold=True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = QLabel("", self)
        self.dots.setObjectName("kioskPinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setStyleSheet("min-height: 48px;")
        follow_app_font(self.dots, 2.25)
        self.message = QLabel("", self)
        self.message.setObjectName("kioskPinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #a00;")
        follow_app_font(self.message, 1.4)
        layout.addWidget(title)
        layout.addWidget(self.dots)
        layout.addWidget(self.message)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "删除", "0", "确定"]
        for index, label in enumerate(labels):
            button = self._key(label, f"kioskPinKey_{index}")
            grid.addWidget(button, index // 3, index % 3)
        cancel = self._key(self.tr("取消"), "kioskPinCancel")
        grid.addWidget(cancel, 4, 0, 1, 3)
        layout.addLayout(grid)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self.refresh)
        self.hide()

    def _key(self, label: str, name: str) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(name)
        button.setAccessibleName(label)
        button.setMinimumSize(KEY_PX + 40, KEY_PX)
        follow_app_font(button, 1.9)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.press(label))
        self.keys[label] = button
        return button

    @property
    def typed(self) -> str:
        """The digits typed so far (tests only; never shown)."""
        return self._digits

    def open(self) -> None:
        """Show the keypad in the middle of the window, empty."""
        self.clear()
        parent = self.parentWidget()
        self.adjustSize()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 2)
        self.show()
        self.raise_()
        self.refresh()

    def close_pad(self) -> None:
        """Hide it and drop whatever was typed (also the idle reset's job)."""
        self.clear()
        self.hide()

    def clear(self) -> None:
        """Forget the typed digits and the message."""
        self._digits = ""
        self.dots.setText("")
        self.message.setText("")

    def press(self, label: str) -> None:
        """One key of the keypad."""
        if label.isdigit():
            if len(self._digits) < PIN_MAX_DIGITS:
                self._digits += label
        elif label == "删除":
            self._digits = self._digits[:-1]
        elif label == "确定":
            self.submit()
            return
        else:
            self.close_pad()
            return
        self.dots.setText("●" * len(self._digits))

    def submit(self) -> UnlockOutcome:
        """Check the typed PIN through the rate limiter."""
        pin, self._digits = self._digits, ""
        self.dots.setText("")
        result = self.unlock.try_pin(pin)
        if result.outcome is UnlockOutcome.ACCEPTED:
            self.hide()
            self.accepted.emit()
        elif result.wait > 0:
            self._lock_out()
        else:
            self.message.setText(self.tr("密码不对"))
        return result.outcome

    def _lock_out(self) -> None:
        wait = self.unlock.seconds_remaining()
        self.message.setText(self.tr("密码不对，请 {0} 秒后再试").format(max(1, round(wait))))
        for label, button in self.keys.items():
            button.setEnabled(label == self.tr("取消"))
        self._wait.start(max(1, int(wait * 1000)))

    @Slot()
    def refresh(self) -> None:
        """Enable the keys, unless the rate limiter still says wait."""
        for button in self.keys.values():
            button.setEnabled(True)
        if self.unlock.seconds_remaining() > 0:
            self._lock_out()


class AdminGesture(QObject):
    """Watches the whole application for the admin gesture and opens the keypad."""

    def __init__(
        self,
        window: QWidget,
        unlock: AdminUnlock,
        on_unlocked: Callable[[], object],
        hold_ms: int = HOLD_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.pad = PinPad(unlock, window)
        self.pad.accepted.connect(on_unlocked)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self.pad.open)

    def install(self, events: KioskEvents | None = None) -> None:
        """Start watching input application-wide (through the kiosk's shared filter when given)."""
        if events is not None:
            events.subscribe(ADMIN_EVENTS, self.eventFilter)
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def in_corner(self, global_pos: QPointF) -> bool:
        """True when a point (screen coordinates) is in one of the window's corners."""
        local = self.window.mapFromGlobal(global_pos.toPoint())
        x, y, w, h = local.x(), local.y(), self.window.width(), self.window.height()
        near_x = x < CORNER_PX or x >= w - CORNER_PX
        near_y = y < CORNER_PX or y >= h - CORNER_PX
        return 0 <= x < w and 0 <= y < h and near_x and near_y

    @property
    def holding(self) -> bool:
        """True while a corner press is being timed."""
        return self._hold.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Time corner presses; Ctrl+Alt+Shift+L opens the keypad at once."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            wanted = (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.ShiftModifier
            )
            if event.key() == Qt.Key.Key_L and event.modifiers() == wanted:
                self.pad.open()
                return True
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            if isinstance(watched, QWidget) and watched.window() is self.window:
                pos = _global_pos(event)
                if pos is not None and self.in_corner(pos):
                    self._hold.start()
                else:
                    self._hold.stop()
        elif kind in _ENDS:
            self._hold.stop()
        elif kind in (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate) and self._hold.isActive():
            pos = _global_pos(event)
            if pos is not None and not self.in_corner(pos):
                self._hold.stop()
        return False


def _global_pos(event: QEvent) -> QPointF | None:
    if isinstance(event, QMouseEvent):
        return event.globalPosition()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].globalPosition()
    return None
