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
        widget.installEventFilter(self)
        QTimer.singleShot(0, self, self._check_shown)

    def add(self, work: Callable[[], object]) -> None:
        if self._done:
            QTimer.singleShot(0, self, work)  # painted already: as soon as the loop runs
        else:
            self._work.append(work)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen, not in the middle of it.
            QTimer.singleShot(0, self, self._run)
        return False

    def _check_shown(self) -> None:
        # A window that nobody shows (a test, a script) paints never: no reason to wait.
        if not self._widget.isVisible():
            self._run()
        else:
            QTimer.singleShot(FALLBACK_MS, self, self._run)

    def _run(self) -> None:
        if self._done:
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
