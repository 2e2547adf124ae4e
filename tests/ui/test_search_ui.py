"""Search in the window: typing, results list, opening a hit, hit navigation, Esc, odd input."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.core.search import UpdateReport, default_index_path
from jiangbei_reader.resources import editions_dir
from jiangbei_reader.ui.search_controller import SearchController
from jiangbei_reader.ui.search_jobs import utf16_offsets
from jiangbei_reader.ui.search_results import HIT_ROLE, SearchResultsModel
from jiangbei_reader.ui.window import ReaderWindow
from tests.ui.reader_helpers import OFFSCREEN_SHOW, current, open_window, write_library

pytestmark = OFFSCREEN_SHOW

XIAO_JU_REN = "厚植“小巨人”成长沃土"


@pytest.fixture
def window(qtbot: QtBot) -> ReaderWindow:
    window = open_window(qtbot, editions_dir())
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    search = controller(window)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            pass
    return window


def controller(window: ReaderWindow) -> SearchController:
    found = window.findChild(SearchController, "searchController")
    assert isinstance(found, SearchController)
    return found


def type_query(qtbot: QtBot, window: ReaderWindow, text: str) -> None:
    """Type into the search box as a reader would, and wait for the results of that text."""
    search = controller(window)
    box = window.search_box
    box.clear()
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        if len(text) < 50:
            type_text(qtbot, box, text)
        else:
            box.setText(text)
    qtbot.waitUntil(lambda: not search._timer.isActive(), timeout=5000)
    # Results for an earlier prefix may have arrived first: wait for the final text's.
    qtbot.waitUntil(lambda: search.panel.message.text().find("正在搜索") < 0, timeout=10_000)


def type_text(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    """Keys for ASCII, an input method's commit (as a Chinese IME does) for the rest."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(box, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(box, event)


def headlines(window: ReaderWindow) -> list[str]:
    model = controller(window).panel.model
    return [model.hit(row).headline for row in range(model.rowCount())]  # type: ignore[union-attr]


def open_first(qtbot: QtBot, window: ReaderWindow) -> int:
    search = controller(window)
    view = search.panel.results
    view.setCurrentIndex(search.panel.model.index(0, 0))
    with qtbot.waitSignal(search.hits_highlighted, timeout=5000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    count = blocker.args[0]
    assert isinstance(count, int)
    return count


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, window: ReaderWindow) -> None:
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_box)


def test_typing_shows_results_with_the_small_giants_article_first(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    panel = controller(window).panel
    assert not panel.isVisible()
    type_query(qtbot, window, "专精特新")
    assert panel.isVisible()
    assert not window.tree.isVisible()
    assert headlines(window)[0] == XIAO_JU_REN
    assert panel.results.objectName() == "searchResults"
    first = panel.model.index(0, 0)
    assert "第4版" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert first.data(HIT_ROLE).snippet_spans


def test_choosing_a_result_highlights_every_hit_and_f3_moves_between_them(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    type_query(qtbot, window, "专精特新")
    count = open_first(qtbot, window)
    assert current(window) == Route.article("2023-07-13/4/xiao-ju-ren")
    selections = window.view.extraSelections()
    assert count == len(selections) > 1
    assert all(s.cursor.selectedText() == "专精特新" for s in selections)
    first = window.view.textCursor()
    assert first.selectedText() == "专精特新"
    assert first.selectionStart() == selections[0].cursor.selectionStart()

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    second = window.view.textCursor().selectionStart()
    assert second == selections[1].cursor.selectionStart()
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.textCursor().selectionStart() == first.selectionStart()
    # Shift+F3 at the first hit goes round to the last.
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.textCursor().selectionStart() == selections[-1].cursor.selectionStart()
    assert QKeySequence(QKeySequence.StandardKey.FindNext) == controller(window).next_hit.shortcut()


def test_the_next_hit_button_moves_the_cursor(qtbot: QtBot, window: ReaderWindow) -> None:
    type_query(qtbot, window, "专精特新")
    open_first(qtbot, window)
    before = window.view.textCursor().selectionStart()
    button = controller(window).panel.findChild(object, "nextHitButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.view.textCursor().selectionStart() > before


def test_escape_clears_and_returns_to_the_article_read_before(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    before = current(window)
    assert before != Route.article("2023-07-13/4/xiao-ju-ren")
    window.focus_search()
    type_query(qtbot, window, "专精特新")
    open_first(qtbot, window)
    assert current(window) == Route.article("2023-07-13/4/xiao-ju-ren")
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert current(window) == before
    assert window.search_box.text() == ""
    assert window.tree.isVisible()
    assert not controller(window).panel.isVisible()
    assert window.view.extraSelections() == []


def test_escape_in_the_box_before_choosing_keeps_the_article(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    before = current(window)
    window.focus_search()
    type_query(qtbot, window, "溺水")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert current(window) == before
    assert window.search_box.text() == ""


@pytest.mark.parametrize("text", ['"', "-", "😀", "-专精特新", '"专', "(", "专" * 10_000, "  "])
def test_odd_queries_never_raise(qtbot: QtBot, window: ReaderWindow, text: str) -> None:
    search = controller(window)
    if text.strip():
        type_query(qtbot, window, text)
        assert search.panel.message.text() or search.panel.model.rowCount()
    else:
        window.search_box.setText(text)
        assert not search.panel.isVisible()


def test_an_empty_result_says_so_and_offers_alternatives(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    type_query(qtbot, window, "江北區 火星")
    message = controller(window).panel.message.text()
    assert controller(window).panel.model.rowCount() == 0
    assert "没有找到" in message
    assert "江北区 火星" in message  # the 简体 alternative, as a link


def test_nothing_found_without_alternatives_still_says_so(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    type_query(qtbot, window, "火星")
    message = controller(window).panel.message.text()
    assert "没有找到“火星”" in message


def test_pinyin_finds_and_names_the_archive_words(qtbot: QtBot, window: ReaderWindow) -> None:
    type_query(qtbot, window, "jiangbei")
    assert headlines(window)
    assert "江北" in controller(window).panel.message.text()
    count = open_first(qtbot, window)
    assert count >= 1
    assert window.view.textCursor().selectedText().startswith("江北")


def test_stale_results_are_dropped(qtbot: QtBot, window: ReaderWindow) -> None:
    search = controller(window)
    window.search_box.setText("溺水")
    search.search_now()
    window.search_box.setText("专精特新")
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        search.search_now()
    qtbot.wait_until(lambda: search._pool.activeThreadCount() == 0)
    assert headlines(window)[0] == XIAO_JU_REN


def test_results_model_passes_the_model_tester(qtbot: QtBot, window: ReaderWindow) -> None:
    model = controller(window).panel.model
    tester = ModelTester(qtbot)
    tester.check(model, force_py=True)
    type_query(qtbot, window, "江北")
    assert model.rowCount() > 1
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_an_empty_model_is_valid(qtbot: QtBot) -> None:
    model = SearchResultsModel()
    ModelTester(qtbot).check(model, force_py=True)
    assert model.hit(0) is None


def test_the_index_lives_in_the_isolated_cache_dir(window: ReaderWindow, tmp_path: Path) -> None:
    path = controller(window).index.path
    assert path is not None and path.is_file()
    assert "xdg_cache_home" in str(path)


def test_down_from_the_box_goes_to_the_results_and_return_opens_one(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    window.focus_search()
    type_query(qtbot, window, "溺水")
    results = controller(window).panel.results
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.waitUntil(results.hasFocus)
    assert results.currentIndex().row() == 0
    with qtbot.waitSignal(controller(window).hits_highlighted):
        qtbot.keyClick(results, Qt.Key.Key_Return)
    assert current(window) == Route.article("2023-07-13/2/shu-qi-ni-shui")


def test_the_edition_filter_limits_results_to_one_edition(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(
        qtbot, write_library(tmp_path / "editions"), "--editions", str(editions_dir())
    )
    window.show()
    qtbot.waitExposed(window)
    search = controller(window)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            pass
    type_query(qtbot, window, "测试新闻")
    editions = {h.edition for h in search.panel.model._hits}
    assert editions == {"2030-01-02", "2029-12-30"}
    combo = search.panel.edition_filter
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        combo.setCurrentIndex(combo.findData("2029-12-30"))
    assert search.panel.model.rowCount() > 0
    assert {h.edition for h in search.panel.model._hits} == {"2029-12-30"}


def test_a_search_route_shows_its_results(qtbot: QtBot, window: ReaderWindow) -> None:
    search = controller(window)
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        assert window.navigate(Route.search("溺水"))
    assert window.search_box.text() == "溺水"
    assert headlines(window)[0] == "暑期溺水事件高发"
    assert search.panel.isVisible()


def test_hits_stay_highlighted_when_the_article_is_drawn_again(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    type_query(qtbot, window, "专精特新")
    count = open_first(qtbot, window)
    window.set_display(window.display)  # e.g. a theme change draws the article again
    qtbot.waitUntil(lambda: len(window.view.extraSelections()) == count)
    font = window.view.font()
    font.setPointSizeF(font.pointSizeF() + 4)
    window.view.setFont(font)  # a font step
    qtbot.waitUntil(lambda: len(window.view.extraSelections()) == count)


def test_hits_are_forgotten_when_the_reader_moves_on(qtbot: QtBot, window: ReaderWindow) -> None:
    type_query(qtbot, window, "专精特新")
    open_first(qtbot, window)
    assert controller(window).next_hit.isEnabled()
    window.step_article(1)
    assert controller(window).hit_ranges == []
    assert not controller(window).next_hit.isEnabled()
    position = window.view.textCursor().position()
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert window.view.textCursor().position() == position


def test_document_positions_count_astral_characters_twice() -> None:
    # Qt positions are UTF-16 units: a rare character outside the BMP (𠀀) takes two.
    assert utf16_offsets("江𠀀北") == [0, 1, 3, 4]
    assert utf16_offsets("") == [0]


def test_a_corrupt_index_file_is_rebuilt_and_search_works(qtbot: QtBot) -> None:
    path = default_index_path([editions_dir()])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a search index\x00" * 100)
    window = open_window(qtbot, editions_dir())
    search = controller(window)
    with qtbot.waitSignal(search.index_updated, timeout=20_000) as updated:
        window.show()
    report = updated.args[0]
    assert isinstance(report, UpdateReport) and report.rebuilt and report.added == 1
    assert "检索索引" in window.statusBar().currentMessage()
    type_query(qtbot, window, "专精特新")
    assert headlines(window)[0] == XIAO_JU_REN


def test_the_edition_filter_lists_the_editions_once_the_panel_is_used(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Listed at start-up, thousands of rows were laid out at every style sheet change.
    window = open_window(qtbot, write_library(tmp_path / "editions"))
    combo = controller(window).panel.edition_filter
    assert combo.count() == 1 and combo.currentText() == "全部各期"
    with qtbot.waitSignal(controller(window).results_shown, timeout=10_000):
        window.search_box.setText("测试")
    keys = [combo.itemData(i) for i in range(combo.count())]
    assert keys[0] == "" and keys[1:] == sorted(ref.key for ref in window.library.refs)[::-1]
    assert len(keys) == len(window.library.refs) + 1


def test_the_count_says_at_least_when_only_the_newest_were_read(
    qtbot: QtBot, window: ReaderWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jiangbei_reader.core.search import searcher

    type_query(qtbot, window, "江北")
    message = controller(window).panel.message.text()
    # Every match of the bundled edition is read: an exact count.
    assert "找到" in message and "至少" not in message
    # A window of two: the others are not read, and the count says so.
    monkeypatch.setattr(searcher, "WINDOW", 2)
    type_query(qtbot, window, "江北区")
    message = controller(window).panel.message.text()
    assert "找到至少2篇" in message and "最新的2篇" in message
