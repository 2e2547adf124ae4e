"""The hits of a search in the article pane: highlighted, stepped through, kept on redraw.

The search controller says which article shows hits and how to find them in a
text; this keeps their document ranges, the 上一处/下一处 actions (F3 / Shift+F3)
and the status line "第N处，共M处". The same article drawn again (a theme, a
font step, 全文连读) keeps its hits; another article drops them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.search_jobs import utf16_offsets
from jiangbei_reader.ui.window import ReaderWindow

log = logging.getLogger(__name__)

_STATUS_MS = 6000
#: Finds the hits in the article pane's plain text: (start, end) in characters.
SpanFinder = Callable[[str], list[tuple[int, int]]]


class ArticleHits(QObject):
    """Highlighted search hits in the article pane, and the actions that step through them."""

    #: An article is shown with its hits highlighted: how many.
    highlighted = Signal(int)

    def __init__(self, window: ReaderWindow, find_spans: SpanFinder) -> None:
        super().__init__(window)
        self.window = window
        self._find_spans = find_spans
        self._ranges: list[tuple[int, int]] = []
        self._hit = -1
        #: The route whose article shows the highlighted hits.
        self._route: Route | None = None
        self.previous_action = self._make_action(
            "previousHit", self.tr("上一处"), QKeySequence.StandardKey.FindPrevious
        )
        self.next_action = self._make_action(
            "nextHit", self.tr("下一处"), QKeySequence.StandardKey.FindNext
        )
        self.previous_action.triggered.connect(lambda: self.step(-1))
        self.next_action.triggered.connect(lambda: self.step(1))
        # Highlights go back on once the view has drawn the article again (owned: dies with us).
        self._reapply_timer = QTimer(self)
        self._reapply_timer.setSingleShot(True)
        self._reapply_timer.setInterval(0)
        self._reapply_timer.timeout.connect(self._reapply)
        window.route_changed.connect(self._on_route_changed)
        window.view.installEventFilter(self)

    def _make_action(self, name: str, text: str, key: QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        action.setShortcut(QKeySequence(key))
        action.setToolTip(
            f"{text}（{QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)}）"
        )
        action.setEnabled(False)
        self.window.addAction(action)
        return action

    @property
    def ranges(self) -> list[tuple[int, int]]:
        """Document ranges of the highlighted hits in the article pane."""
        return list(self._ranges)

    def highlight(self) -> int:
        """Highlight every hit in the article shown and go to the first one; how many."""
        view = self.window.view
        current = self.window.router.current
        self._route = current.route if current is not None else None
        self._ranges = self._document_ranges()
        view.highlight_ranges(self._ranges)
        # In a whole story the chosen fragment may not be the first: start at its first hit.
        top = view.reading_position()
        later = [i for i, (start, _end) in enumerate(self._ranges) if start >= top]
        self._hit = (later[0] if later else 0) - 1
        self._enable_actions()
        if self._ranges:
            self.step(1)
        self.highlighted.emit(len(self._ranges))
        return len(self._ranges)

    def forget(self) -> None:
        """No hits any more (the search ended); the pane's highlights are the caller's."""
        self._ranges = []
        self._route = None
        self._enable_actions()

    def step(self, step: int) -> None:
        """Go to the next (``1``) or previous (``-1``) hit in the article, round the end."""
        if not self._ranges:
            return
        self._hit = (self._hit + step) % len(self._ranges)
        start, end = self._ranges[self._hit]
        # Imported here: PySide6 makes QTextCursor's enums when the name is first
        # fetched, which the start need not pay.
        from PySide6.QtGui import QTextCursor

        view = self.window.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        # The hit a third of the way down, with its context, not on the pane's edge.
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + view.cursorRect(cursor).top() - view.viewport().height() // 3)
        self.window.statusBar().showMessage(
            self.tr("第{0}处，共{1}处").format(self._hit + 1, len(self._ranges)), _STATUS_MS
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A font step lays the article out anew and drops the highlights: put them back."""
        if watched is self.window.view and event.type() == QEvent.Type.FontChange:
            self._reapply_timer.start()
        return False

    def _document_ranges(self) -> list[tuple[int, int]]:
        # One line of the plain text per block (paragraph, headline): a hit never spans two.
        text = self.window.view.document().toPlainText()
        try:
            spans = self._find_spans(text)
        except Exception:  # highlighting is a help: never lose the article over it
            log.exception("highlighting failed")
            spans = []
        offsets = utf16_offsets(text)
        return [(offsets[s], offsets[e]) for s, e in spans if 0 <= s < e <= len(text)]

    def _enable_actions(self) -> None:
        self.previous_action.setEnabled(bool(self._ranges))
        self.next_action.setEnabled(bool(self._ranges))

    @Slot(object)
    def _on_route_changed(self, route: object) -> None:
        """The same article drawn again (theme, 全文连读) keeps its hits; another drops them."""
        if self._ranges and route == self._route:
            self._reapply_timer.start()
        elif route != self._route:
            self.forget()

    @Slot()
    def _reapply(self) -> None:
        current = self.window.router.current
        if self._route is None or current is None or current.route != self._route:
            return
        self._ranges = self._document_ranges()
        self._hit = min(self._hit, len(self._ranges) - 1)
        self.window.view.highlight_ranges(self._ranges)
        self._enable_actions()
