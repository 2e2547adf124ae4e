"""Search in the window while the index is built or repaired, and a reset that forgets all."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.core.search import SearchIndex, UpdateReport, default_index_path, indexer
from jiangbei_reader.resources import editions_dir
from jiangbei_reader.ui.window import ReaderWindow
from tests.core.search.test_index_damage import damage_fts_blobs, damage_fts_pages
from tests.ui.reader_helpers import OFFSCREEN_SHOW, current, open_window, write_library
from tests.ui.test_search_ui import XIAO_JU_REN, controller, headlines, type_query

pytestmark = OFFSCREEN_SHOW


def _shown(qtbot: QtBot, window: ReaderWindow) -> None:
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)


def _built_bundled_index() -> Path:
    """The index file the window uses for the bundled editions, built and closed."""
    path = default_index_path([editions_dir()])
    path.parent.mkdir(parents=True, exist_ok=True)
    built = SearchIndex.open(path, Library([editions_dir()]))
    built.update()
    built.close()
    return path


@pytest.mark.parametrize("damage", [damage_fts_pages, damage_fts_blobs])
def test_a_search_on_a_damaged_index_rebuilds_it_and_searches_again(qtbot: QtBot, damage) -> None:
    path = _built_bundled_index()
    damage(path)
    window = open_window(qtbot, editions_dir())
    search = controller(window)
    with qtbot.waitSignal(search.index_updated, timeout=20_000) as first:
        _shown(qtbot, window)
    # The start-up update trusts the file: its header, schema and daily check are fine.
    assert isinstance(first.args[0], UpdateReport) and not first.args[0].rebuilt
    seen: list[object] = []
    search.results_shown.connect(seen.append)
    with qtbot.waitSignal(search.index_updated, timeout=20_000) as repaired:
        window.search_box.setText("专精特新")
        search.search_now()
    report = repaired.args[0]
    assert isinstance(report, UpdateReport) and report.rebuilt and report.added == 1
    # The failed search said so; the query ran again once the index was rebuilt.
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10_000)
    assert getattr(seen[0], "damaged", False)
    assert headlines(window)[0] == XIAO_JU_REN
    assert "损坏" not in search.panel.message.text()


def test_indexing_shows_progress_and_the_window_stays_usable(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    started = threading.Event()
    real = indexer._update_file

    def held(conn, ref, old, report) -> None:  # type: ignore[no-untyped-def]
        if report.added == 1:
            # Hold the worker before the second edition: the UI must go on meanwhile.
            started.set()
            assert release.wait(30)
        real(conn, ref, old, report)

    monkeypatch.setattr(indexer, "_update_file", held)
    window = open_window(
        qtbot, write_library(tmp_path / "editions"), "--editions", str(editions_dir())
    )
    search = controller(window)
    try:
        _shown(qtbot, window)
        # The update starts from the event loop, once the first article is painted.
        qtbot.waitUntil(started.is_set, timeout=20_000)
        assert search.indexing
        qtbot.waitUntil(lambda: "正在建立检索索引" in window.statusBar().currentMessage())
        assert "1/3" in window.statusBar().currentMessage()
        # Reading works while the worker holds the index.
        route = Route.article("2023-07-13/2/shu-qi-ni-shui")
        assert window.navigate(route) and current(window) == route
        # And searching: what is indexed so far, with a word that the index is incomplete.
        type_query(qtbot, window, "测试")
        assert "还在建立" in search.panel.message.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not search.indexing, timeout=20_000)
    assert "检索索引已更新" in window.statusBar().currentMessage()


def test_clearing_the_panel_forgets_the_edition_filter(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(
        qtbot, write_library(tmp_path / "editions"), "--editions", str(editions_dir())
    )
    search = controller(window)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            _shown(qtbot, window)
    combo = search.panel.edition_filter
    type_query(qtbot, window, "测试新闻")
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        combo.setCurrentIndex(combo.findData("2029-12-30"))
    assert search.panel.edition == "2029-12-30"
    # Esc (and the kiosk's reset, which empties the box) forgets the reader's choices.
    search.cancel_search()
    assert search.panel.edition is None and combo.currentIndex() == 0
    type_query(qtbot, window, "测试新闻")
    assert {h.edition for h in search.panel.model._hits} == {"2030-01-02", "2029-12-30"}
    combo.setCurrentIndex(combo.findData("2030-01-02"))
    search.panel.clear()
    assert search.panel.edition is None


def test_searching_in_the_window_does_not_open_a_connection_per_search(qtbot: QtBot) -> None:
    window = open_window(qtbot, editions_dir())
    search = controller(window)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            _shown(qtbot, window)
    for text in ["江北", "专精特新", "溺水", "重庆", "江北嘴"] * 4:
        with qtbot.waitSignal(search.results_shown, timeout=10_000):
            window.search_box.setText(text)
            search.search_now()
    # One per pool thread (two) and perhaps the UI thread: not one per search
    # (a QThreadPool job's thread-local storage lasts one job).
    assert search.index.connection_count <= 3


def test_a_search_past_the_window_on_a_damaged_index_also_rebuilds_it(qtbot: QtBot) -> None:
    # The kiosk keyboard searches the window's index directly, not through the box.
    path = _built_bundled_index()
    damage_fts_blobs(path)
    window = open_window(qtbot, editions_dir())
    search = controller(window)
    with qtbot.waitSignal(search.index_updated, timeout=20_000):
        _shown(qtbot, window)
    with qtbot.waitSignal(search.index_updated, timeout=20_000) as repaired:
        assert search.index.search("专精特新").damaged
    report = repaired.args[0]
    assert isinstance(report, UpdateReport) and report.rebuilt
    assert search.index.search("专精特新").hits
