"""Work that waits until the window has shown its first article.

Start-up work that the first article does not need (bringing the search index
up to date, say) runs once the article pane has painted, so that it does not
compete with the first paint for the one Python thread that runs at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

#: If a shown window has not painted by then (minimised, covered), start anyway (ms).
FALLBACK_MS = 1500


_NAME = "firstPaintQueue"


class _FirstPaint(QObject):
    """The work waiting for one widget's first paint, run in the order it was added."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName(_NAME)
        self._widget = widget
        self._work: list[Callable[[], object]] = []
        self._done = False
        self._shown_checked = False
        # A timer of our own, not QTimer.singleShot with a context: it dies with this
        # object (and its widget), so it never fires into a deleted one.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        widget.installEventFilter(self)
        self._timer.start(0)

    def add(self, work: Callable[[], object]) -> None:
        self._work.append(work)
        if self._done:
            self._timer.start(0)  # painted already: as soon as the loop runs

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint and not self._done:
            # After this paint has reached the screen, not in the middle of it.
            self._shown_checked = True
            self._done = True
            self._timer.start(0)
        return False

    def _on_timer(self) -> None:
        if not self._shown_checked:
            self._shown_checked = True
            # A window that nobody shows (a test, a script) paints never: no reason to wait.
            if self._widget.isVisible():
                self._timer.start(FALLBACK_MS)
                return
        self._done = True
        self._widget.removeEventFilter(self)
        work, self._work = self._work, []
        for item in work:
            item()


def after_first_paint(widget: QWidget, work: Callable[[], object]) -> None:
    """Call ``work`` once, after ``widget`` first paints (at once if it is not shown).

    Work for the same widget runs in the order it was given. The check runs in the
    event loop, so ``work`` never runs before the caller returns.
    """
    queue = widget.findChild(_FirstPaint, _NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if queue is None:
        queue = _FirstPaint(widget)
    queue.add(work)
