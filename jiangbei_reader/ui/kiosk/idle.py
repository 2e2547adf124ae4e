"""Idle watch: feeds input to the core idle policy, shows 「还在阅读吗？」 and asks for the reset.

The policy (jiangbei_reader.core.kiosk.idle) decides; this module only polls it
from a single-shot QTimer, reports input seen by an application-wide event
filter, and draws the notice inside the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from jiangbei_reader.core.kiosk.idle import IdlePhase, IdlePolicy, IdleStatus, ViewKind
from jiangbei_reader.ui.kiosk.events import KioskEvents
from jiangbei_reader.ui.kiosk.touch import follow_app_font

#: Events that mean someone is there.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleNotice(QFrame):
    """The large 「还在阅读吗？」 notice with its countdown and a big 「继续阅读」 button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskIdleNotice")
        self.setAccessibleName(self.tr("还在阅读吗？"))
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#kioskIdleNotice { background: #fffbe8; border: 4px solid #8a5a00;"
            " border-radius: 16px; }"
            # Sizes here, not setMinimumSize: the kiosk style sheet's 80 px minimum would win.
            "#kioskContinueButton { min-width: 360px; min-height: 110px; padding: 0 32px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.setSpacing(24)
        self.title = QLabel(self.tr("还在阅读吗？"), self)
        self.title.setObjectName("kioskIdleTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("color: #222;")
        follow_app_font(self.title, 3.0, bold=True)
        self.countdown = QLabel("", self)
        self.countdown.setObjectName("kioskIdleCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setStyleSheet("color: #333;")
        self.countdown.setWordWrap(True)
        follow_app_font(self.countdown, 1.9)
        self.button = QPushButton(self.tr("继续阅读"), self)
        self.button.setObjectName("kioskContinueButton")
        self.button.setAccessibleName(self.tr("继续阅读"))
        self.button.setMinimumSize(360, 110)
        follow_app_font(self.button, 2.5, bold=True)
        layout.addWidget(self.title)
        layout.addWidget(self.countdown)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        """Show (or update) the notice with whole seconds left."""
        self.countdown.setText(self.tr("{0} 秒后回到首页，下一位读者从头开始").format(seconds))
        parent = self.parentWidget()
        self.adjustSize()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 3)
        if not self.isVisible():
            self.show()
        self.raise_()


class IdleWatch(QObject):
    """Drives an IdlePolicy: input restarts it, the notice counts down, `reset_due` fires."""

    reset_due = Signal()

    def __init__(self, window: QWidget, policy: IdlePolicy) -> None:
        super().__init__(window)
        self.window = window
        self.policy = policy
        self.notice = IdleNotice(window)
        self.notice.button.clicked.connect(self.activity)
        #: Wakes the watch when the policy says something may change (public for tests).
        self.timer = QTimer(self)
        self.timer.setObjectName("kioskIdleTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll)
        #: Whether the read-aloud is playing; read at each poll (None: no read-aloud).
        self.read_aloud_playing: Callable[[], bool] | None = None

    def install(self, events: KioskEvents | None = None) -> None:
        """Watch input application-wide (through the kiosk's shared filter when given)."""
        if events is not None:
            events.subscribe(INPUT_EVENTS, self.eventFilter)
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any touch, key or scroll counts as someone reading."""
        if event.type() in INPUT_EVENTS:
            # Plain mouse moves with no button are a cursor drifting, not a reader.
            if event.type() != QEvent.Type.MouseMove or QApplication.mouseButtons():
                self.activity()
        return False

    @Slot()
    def activity(self) -> None:
        """Someone is there: hide the notice and wait again."""
        self.policy.activity()
        if self.notice.isVisible():
            self.notice.hide()
        self.poll()

    def set_view(self, view: ViewKind) -> None:
        """The window shows another kind of view (reading waits longer)."""
        self.policy.set_view(view)
        self.poll()

    def set_read_aloud(self, playing: bool) -> None:
        """Read-aloud started or stopped: never reset while it plays."""
        self.policy.set_read_aloud(playing)
        self.poll()

    @Slot(str)
    def on_read_aloud_state(self, state: str) -> None:
        """The read-aloud's state changed ("idle", "speaking", "paused").

        While it speaks the policy holds and the timer stops; when it pauses or
        stops the wait starts again (the end of reading counts as input).
        """
        self.set_read_aloud(state == "speaking")

    def _sync_read_aloud(self) -> None:
        if self.read_aloud_playing is not None:
            playing = self.read_aloud_playing()
            if playing != self.policy.read_aloud:
                self.policy.set_read_aloud(playing)

    @Slot()
    def poll(self) -> IdleStatus:
        """Ask the policy what to do now, do it, and wake again when useful."""
        self._sync_read_aloud()
        status = self.policy.poll()
        if status.phase is IdlePhase.NOTICE:
            self.notice.show_countdown(status.countdown)
        elif self.notice.isVisible():
            self.notice.hide()
        if status.phase is IdlePhase.RESET:
            self.reset_due.emit()
        self._schedule(status)
        return status

    def _schedule(self, status: IdleStatus) -> None:
        if status.next_poll is None:
            self.timer.stop()
        else:
            self.timer.start(max(50, int(status.next_poll * 1000) + 20))
