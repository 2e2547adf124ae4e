"""Start-up work that waits for the first article to be painted."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTextBrowser

from jiangbei_reader.resources import editions_dir
from jiangbei_reader.ui.first_paint import after_first_paint

from .reader_helpers import OFFSCREEN_SHOW, open_window


class PaintLog(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_work_runs_after_the_first_paint_of_a_shown_widget(qtbot: QtBot) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    log: list[str] = []
    spy = PaintLog(log)
    browser.viewport().installEventFilter(spy)
    after_first_paint(browser.viewport(), lambda: log.append("work"))
    browser.show()
    assert log == []  # never before the caller has returned to the event loop
    qtbot.waitUntil(lambda: "work" in log, timeout=5000)
    assert log.index("paint") < log.index("work")
    browser.viewport().update()
    qtbot.waitUntil(lambda: log.count("paint") >= 2, timeout=5000)
    assert log.count("work") == 1


def test_work_for_a_widget_nobody_shows_runs_in_the_first_event_loop_pass(qtbot: QtBot) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    log: list[str] = []
    after_first_paint(browser.viewport(), lambda: log.append("work"))
    assert log == []
    qtbot.waitUntil(lambda: log == ["work"], timeout=1000)


@OFFSCREEN_SHOW
def test_the_window_starts_indexing_only_after_its_first_article_is_painted(
    qtbot: QtBot, monkeypatch
) -> None:
    from jiangbei_reader.ui import search_controller

    log: list[str] = []
    real = search_controller.SearchController.start_indexing

    def start(self: search_controller.SearchController) -> None:
        log.append("indexing")
        real(self)

    monkeypatch.setattr(search_controller.SearchController, "start_indexing", start)
    window = open_window(qtbot, editions_dir())
    spy = PaintLog(log)
    window.view.viewport().installEventFilter(spy)
    search = window.findChild(search_controller.SearchController, "searchController")
    assert search.indexing  # pending counts: a search meanwhile says the index is not ready
    window.show()
    qtbot.waitUntil(lambda: "indexing" in log, timeout=5000)
    assert log[0] == "paint"
    qtbot.waitUntil(lambda: not search.indexing, timeout=20_000)


def test_work_for_one_widget_runs_in_the_order_it_was_given(qtbot: QtBot) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    log: list[str] = []
    for name in ("listing", "index", "more"):
        after_first_paint(browser.viewport(), lambda name=name: log.append(name))
    qtbot.waitUntil(lambda: len(log) == 3, timeout=1000)
    assert log == ["listing", "index", "more"]
    after_first_paint(browser.viewport(), lambda: log.append("late"))  # after the paint
    qtbot.waitUntil(lambda: log[-1:] == ["late"], timeout=1000)


def test_a_widget_deleted_while_its_work_waits_leaves_nothing_to_fire(qtbot: QtBot) -> None:
    # A timer that outlived its widget fired into freed memory in a later test (segfault).
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtCore import QEvent as Ev

    from jiangbei_reader.ui import first_paint

    log: list[str] = []
    painted = QTextBrowser()  # its work runs, with a fallback timer still pending
    painted.show()
    after_first_paint(painted.viewport(), lambda: log.append("painted"))
    qtbot.waitUntil(lambda: log == ["painted"], timeout=5000)
    waiting = QTextBrowser()  # shown, deleted before its paint
    waiting.show()
    after_first_paint(waiting.viewport(), lambda: log.append("waiting"))
    never = QTextBrowser()  # not shown: would run in the first loop pass
    after_first_paint(never.viewport(), lambda: log.append("never"))
    for widget in (painted, waiting, never):
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, Ev.Type.DeferredDelete)
    done: list[bool] = []
    QTimer.singleShot(first_paint.FALLBACK_MS + 300, lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True], timeout=first_paint.FALLBACK_MS + 3000)
    assert log == ["painted"]
