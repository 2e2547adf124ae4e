"""Search in the window: as-you-type search off the UI thread, results panel, hits in the article.

The index is opened at start-up and brought up to date in a worker thread, with
progress in the status bar; the window can be used (and searched) meanwhile.
Each search runs in the thread pool; a generation counter drops results that
arrive after a newer query was typed. While searching, the results panel takes
the section tree's place; Esc clears the search and goes back to where the
reader was.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut

from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.navigation import Route, RouteKind
from jiangbei_reader.ui.a11y import name_qt_parts
from jiangbei_reader.ui.first_paint import after_first_paint
from jiangbei_reader.ui.search_hits import ArticleHits
from jiangbei_reader.ui.search_jobs import JobSignals, index_job, search_job
from jiangbei_reader.ui.window import ReaderWindow

if TYPE_CHECKING:
    from jiangbei_reader.core.search import SearchIndex, SearchResults
    from jiangbei_reader.ui.search_panel import SearchPanel

log = logging.getLogger(__name__)

#: Wait this long after the last key before searching (ms).
DEBOUNCE_MS = 250
_STATUS_MS = 6000


class SearchController(QObject):
    """Connects the search box, the results panel, the article pane and the index."""

    #: Results of a search are on screen (the panel's list and message are up to date).
    results_shown = Signal(object)
    #: The index update finished (an UpdateReport, or the exception).
    index_updated = Signal(object)

    def __init__(self, window: ReaderWindow, index_path: Path | None = None) -> None:
        super().__init__(window)
        self.setObjectName("searchController")
        # The pool is the first child, so it is destroyed (and waited for) before _signals.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        # Keep the two threads: each holds a connection to the index for as long
        # as it lives; threads that expired and came back would open new ones.
        self._pool.setExpiryTimeout(-1)
        self._signals = JobSignals(self)
        self._signals.searched.connect(self._on_searched)
        self._signals.progress.connect(self._on_progress)
        self._signals.updated.connect(self._on_updated)
        self._signals.damaged.connect(self.repair_index)
        self.window = window
        self._index_path = index_path
        self._index: SearchIndex | None = None
        self.generation = 0
        self.indexing = False
        self._cancel = threading.Event()
        self._origin: tuple[Route, int] | None = None
        self._last_results: SearchResults | None = None
        self.hits = ArticleHits(window, self._hit_spans)
        #: An article from the results is shown with its hits highlighted: how many.
        self.hits_highlighted = self.hits.highlighted
        self.previous_hit = self.hits.previous_action
        self.next_hit = self.hits.next_action
        self._panel: SearchPanel | None = None
        self._stack = window.side_panel

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.cancel_search)

        box = window.search_box
        box.textChanged.connect(self._on_text_changed)
        window.searchRequested.connect(lambda _text: self.search_now())
        window.display_changed.connect(self._on_display_changed)
        window.register_route_handler(RouteKind.SEARCH, self._show_search_route)
        window.listing_reloaded.connect(self._on_listing_reloaded)
        window.installEventFilter(self)
        box.installEventFilter(self)

    @property
    def panel(self) -> SearchPanel:
        """The results panel, made when first needed: the first article does not need it.

        Its modules and widgets cost some 4 ms of the start-up (docs/performance.md).
        """
        if self._panel is None:
            from jiangbei_reader.ui.search_panel import SearchPanel

            panel = SearchPanel(self.window.library.refs, self.previous_hit, self.next_hit)
            panel.results.activated.connect(self._on_result_activated)
            panel.results.clicked.connect(self._on_result_activated)
            panel.alternative_chosen.connect(self.window.search_box.setText)
            panel.edition_changed.connect(lambda _key: self.search_now())
            self._stack.addWidget(panel)
            name_qt_parts(panel)  # its list's viewport and scroll bars, as the window's
            self._panel = panel
            self._on_display_changed(self.window.display)
        return self._panel

    @Slot()
    def _on_listing_reloaded(self) -> None:
        if self._panel is not None:
            self._panel.set_editions(self.window.library.refs)

    # -- the index --------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        """The search index (``None`` path: the library's file in the user cache dir).

        Opened on first use, which is the update started after the first paint,
        unless a search comes first: the search modules are not needed before.
        """
        if self._index is None:
            self._index = _open_index(self.window, self._index_path)
            # Emitted from whichever thread searched: delivered queued in the UI thread.
            self._index.on_damaged = self._signals.damaged.emit
        return self._index

    def start_indexing(self) -> None:
        """Bring the index up to date in a worker; progress goes to the status bar."""
        self.indexing = True
        self._pool.start(index_job(self.index, self._signals, self._cancel))

    def start_indexing_after_first_paint(self) -> None:
        """Start the update once the first article is on screen (``indexing`` is True already).

        The worker lists, hashes and indexes in Python, holding the interpreter
        much of the time: started earlier, it slowed the first paint.
        """
        self.indexing = True
        after_first_paint(self.window.view.viewport(), self.start_indexing)

    @Slot()
    def repair_index(self) -> None:
        """A search found the index damaged: rebuild it now (_on_updated then searches again)."""
        if self.indexing or not self.index.damaged:
            return
        self.window.statusBar().showMessage(self.tr("检索索引已损坏，正在重建……"), _STATUS_MS)
        self.start_indexing()

    def shutdown(self) -> None:
        """Stop indexing and wait for the workers (the window is closing)."""
        self._cancel.set()
        self._pool.waitForDone()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A closing window stops the indexing worker; Down in the box goes to the results."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._cancel.set()
        elif (
            watched is self.window.search_box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self._panel is not None
            and self._panel.model.rowCount()
        ):
            # Down from the box into the results, as in a browser's address bar.
            results = self.panel.results
            results.setCurrentIndex(self.panel.model.index(0, 0))
            results.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.window.statusBar().showMessage(
            self.tr("正在建立检索索引：{0}/{1}期").format(done, total), _STATUS_MS
        )

    @Slot(object)
    def _on_updated(self, report: object) -> None:
        self.indexing = False
        from jiangbei_reader.core.search import UpdateReport

        if isinstance(report, UpdateReport):
            changed = report.added + report.changed + report.removed
            if changed or report.rebuilt:
                self.window.statusBar().showMessage(
                    self.tr("检索索引已更新：{0}期").format(changed), _STATUS_MS
                )
            for problem in report.problems:
                log.warning("%s", problem)
        else:
            self.window.statusBar().showMessage(self.tr("检索索引无法建立：{0}").format(report))
        self.index_updated.emit(report)
        if self.window.search_box.text().strip():
            self.search_now()

    # -- searching --------------------------------------------------------------------

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self.generation += 1  # whatever is still running is stale
            if self._panel is not None:
                self._panel.clear()
            self._show_tree()
            return
        self._open_panel()
        self._timer.start()

    def _open_panel(self) -> None:
        if self._stack.currentWidget() is self.panel:
            return
        current = self.window.router.current
        if current is not None and current.route.kind is not RouteKind.SEARCH:
            self._origin = (current.route, self.window.view.reading_position())
        self.panel.list_editions()
        self._stack.setCurrentWidget(self.panel)
        self._escape.setEnabled(True)

    def _show_tree(self) -> None:
        self._stack.setCurrentWidget(self.window.tree)
        self._escape.setEnabled(False)

    @Slot()
    def search_now(self) -> None:
        """Search for the box's text now (the debounce timer calls this)."""
        self._timer.stop()
        text = self.window.search_box.text()
        if not text.strip():
            return
        self._open_panel()
        self.generation += 1
        self.panel.show_pending(text)
        job = search_job(self.index, self._signals, self.generation, text, self.panel.edition)
        self._pool.start(job)

    @Slot(int, object)
    def _on_searched(self, generation: int, results: object) -> None:
        if generation != self.generation:
            return  # a newer query was typed meanwhile
        from jiangbei_reader.core.search import SearchResults

        if not isinstance(results, SearchResults):
            self.panel.show_error(self.tr("搜索出错：{0}").format(results))
            return
        self._last_results = results
        if results.damaged:
            self.repair_index()
        self.panel.show_results(self.window.search_box.text(), results, self.indexing)
        self.results_shown.emit(results)

    def _show_search_route(self, route: Route, _position: int | None) -> None:
        """A ``search?q=`` route: put the query in the box and search."""
        self.window.search_box.setText(route.target)
        self.search_now()

    # -- opening a result -------------------------------------------------------------

    @Slot()
    @Slot(object)
    def _on_display_changed(self, display: DisplaySettings) -> None:
        # Snippets mark hits in the theme's colours, as the article does.
        if self._panel is None:
            return
        from jiangbei_reader.ui.search_results import SearchResultDelegate

        delegate = self._panel.results.itemDelegate()
        if isinstance(delegate, SearchResultDelegate):
            delegate.colours = display.colours
            self._panel.results.viewport().update()

    def _on_result_activated(self) -> None:
        index = self.panel.results.currentIndex()
        hit = self.panel.model.hit(index.row()) if index.isValid() else None
        if hit is None:
            return
        route = Route.article(hit.article_id)
        current = self.window.router.current
        # A click may also count as an activation: the article shown is not shown again.
        if (current is not None and current.route == route) or self.window.navigate(route):
            self.highlight_hits()

    def highlight_hits(self) -> int:
        """Highlight every hit of the current query in the article pane; scroll to the first."""
        return self.hits.highlight()

    def _hit_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the last query's hits are in ``text`` (the pane's plain text)."""
        results = self._last_results
        if results is None:
            return []
        if results.pinyin_words:
            return self._any_word_spans(results.pinyin_words, text)
        return self.index.highlight_blocks(results.query, text)

    def _any_word_spans(self, words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for word in words:
            spans += self.index.highlight_blocks(f'"{word}"', text)
        # Longer words first at the same place, then drop overlaps.
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def step_hit(self, step: int) -> None:
        """Go to the next (``1``) or previous (``-1``) hit in the article, round the end."""
        self.hits.step(step)

    @property
    def hit_ranges(self) -> list[tuple[int, int]]:
        """Document ranges of the highlighted hits in the article pane."""
        return self.hits.ranges

    # -- leaving ----------------------------------------------------------------------

    @Slot()
    def cancel_search(self) -> None:
        """Esc: clear the search and go back to where the reader was before it."""
        origin = self._origin
        self._origin = None
        self.hits.forget()
        self.window.search_box.blockSignals(True)
        self.window.search_box.clear()
        self.window.search_box.blockSignals(False)
        self._on_text_changed("")
        self.window.view.clear_highlights()
        current = self.window.router.current
        if origin is not None:
            route, position = origin
            if current is None or current.route != route:
                self.window.navigate(route, position=position)
            else:
                self.window.view.scroll_to_reading_position(position)
        self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)


def _open_index(window: ReaderWindow, path: Path | None) -> SearchIndex:
    from jiangbei_reader.core.search import SearchIndex

    try:
        index = SearchIndex.open(path, window.library)
    except Exception as exc:  # an unusable cache must not stop the reader
        log.warning("search index unavailable (%s), using memory", exc)
        index = SearchIndex.in_memory(window.library)
    for warning in index.warnings:
        window.statusBar().showMessage(warning, 10_000)
    return index


def install_search(window: ReaderWindow, index_path: Path | None = None) -> SearchController:
    """Give the window its search (index ``None``: the library's file in the user cache dir).

    The index is opened and updated in a worker once the first article is painted.
    """
    controller = SearchController(window, index_path)
    controller.start_indexing_after_first_paint()
    return controller
