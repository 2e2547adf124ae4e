"""Work that waits until the window has shown its first article.

Start-up work that the first article does not need (bringing the search index
up to date, say) runs once the article pane has painted, so that it does not
compete with the first paint for the one Python thread that runs at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: If a shown window has not painted by then (minimised, covered), start anyway (ms).
FALLBACK_MS = 1500


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, work: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._work: Callable[[], None] | None = work
        widget.installEventFilter(self)
        QTimer.singleShot(0, self, self._check_shown)

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
        work, self._work = self._work, None
        if work is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()
        work()


def after_first_paint(widget: QWidget, work: Callable[[], None]) -> None:
    """Call ``work`` once, after ``widget`` first paints (at once if it is not shown).

    The check runs in the event loop, so ``work`` never runs before the caller returns.
    """
    _FirstPaint(widget, work)
