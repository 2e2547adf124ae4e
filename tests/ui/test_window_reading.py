"""The reader window: start, tree, jumps, whole-story reading, history, next/previous."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.window import ReaderWindow
from tests.ui.reader_helpers import (
    OFFSCREEN_SHOW,
    click_link,
    current,
    open_window,
    text_position,
    tree_route,
    write_library,
)

pytestmark = OFFSCREEN_SHOW

START = Route.article("2030-01-02/1/kai-pian")
SHORT = Route.article("2030-01-02/1/di-yi-ban-duan")
CONTINUATION = Route.article("2030-01-02/3/kai-pian")
FROM_MISSING = Route.article("2030-01-02/3/lai-zi-di-er")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> ReaderWindow:
    return open_window(qtbot, write_library(tmp_path / "editions"))


@pytest.fixture
def shown(qtbot: QtBot, window: ReaderWindow) -> ReaderWindow:
    window.resize(900, 420)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def plain(window: ReaderWindow) -> str:
    return window.view.document().toPlainText()


def test_starts_on_the_newest_edition_at_its_first_readable_article(window: ReaderWindow) -> None:
    assert current(window) == START
    assert tree_route(window) == START
    assert "测试新闻开篇" in plain(window)
    assert window.objectName() == "readerWindow"


def test_choosing_an_article_in_the_tree_shows_it(qtbot: QtBot, window: ReaderWindow) -> None:
    index = window.tree.section_model.index_for_route(SHORT)
    window.tree.setCurrentIndex(index)
    assert current(window) == SHORT
    assert "只有一段的短讯" in plain(window)


def test_choosing_an_edition_opens_its_first_article(window: ReaderWindow) -> None:
    index = window.tree.section_model.index_for_route(Route.edition("2029-12-30"))
    window.tree.setCurrentIndex(index)
    assert current(window) == Route.article("2029-12-30/1/kai-pian")
    assert tree_route(window) == Route.article("2029-12-30/1/kai-pian")


def test_jump_links_work_both_ways_and_the_tree_follows(qtbot: QtBot, shown: ReaderWindow) -> None:
    shown.set_whole_story(False)
    click_link(qtbot, shown.view, "（下转3版）")
    assert current(shown) == CONTINUATION
    assert tree_route(shown) == CONTINUATION
    assert "续文第一段" in plain(shown) and "第二段继续" not in plain(shown)
    click_link(qtbot, shown.view, "（上接1版）")
    assert current(shown) == START
    assert tree_route(shown) == START


def test_whole_story_is_on_by_default_and_marks_its_seams(window: ReaderWindow) -> None:
    assert window.reader_actions[ActionId.WHOLE_STORY].isChecked()
    text = plain(window)
    assert text.index("第二段继续") < text.index("以下接第3版 经济") < text.index("续文第一段")


def test_whole_story_lands_on_the_part_that_was_chosen(qtbot: QtBot, shown: ReaderWindow) -> None:
    shown.navigate(CONTINUATION)
    view = shown.view
    assert view.verticalScrollBar().value() > 0
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    seam = text_position(view, "以下接第3版")
    assert abs(top - seam) <= 2 or view.at_end()
    assert "第二段继续" in plain(shown)  # the start is there, above


def test_whole_story_toggle_shows_the_fragment_alone(qtbot: QtBot, window: ReaderWindow) -> None:
    window.navigate(CONTINUATION)
    window.reader_actions[ActionId.WHOLE_STORY].trigger()
    assert not window.preferences.whole_story
    assert "续文第一段" in plain(window) and "第二段继续" not in plain(window)
    window.reader_actions[ActionId.WHOLE_STORY].trigger()
    assert "第二段继续" in plain(window)


def test_back_and_forward_restore_route_and_reading_position(
    qtbot: QtBot, shown: ReaderWindow
) -> None:
    bar = shown.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    kept, words = bar.value(), shown.view.reading_position()
    assert words > 0
    shown.navigate(SHORT)
    assert bar.value() == 0
    shown.reader_actions[ActionId.BACK].trigger()
    assert current(shown) == START
    assert tree_route(shown) == START
    # The same words at the top: the line is aligned, so the pixels differ by less than a line.
    assert shown.view.reading_position() == words
    assert abs(bar.value() - kept) < shown.view.fontMetrics().lineSpacing() * 2
    shown.reader_actions[ActionId.FORWARD].trigger()
    assert current(shown) == SHORT
    assert not shown.reader_actions[ActionId.FORWARD].isEnabled()


def _scroll_to_middle(window: ReaderWindow) -> int:
    """Scroll the pane half-way down; returns the reading position (a character)."""
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    position = window.view.reading_position()
    assert position > 0
    return position


def test_history_goes_back_and_forward_across_pages_and_editions_at_the_same_place(
    qtbot: QtBot, shown: ReaderWindow
) -> None:
    older = Route.article("2029-12-30/1/kai-pian")
    at_start = _scroll_to_middle(shown)  # still in the story's first part, on page 1
    shown.reader_actions[ActionId.NEXT_PAGE].trigger()  # 第2版, not in the collection
    missing = Route.page("2030-01-02", "2")
    assert current(shown) == missing
    shown.reader_actions[ActionId.NEXT_PAGE].trigger()  # 第3版
    assert current(shown) == CONTINUATION
    at_continuation = shown.view.reading_position()  # 全文连读 lands on the page-3 part
    assert at_continuation > at_start
    # Another edition, chosen in the tree.
    shown.tree.setCurrentIndex(
        shown.tree.section_model.index_for_route(Route.edition("2029-12-30"))
    )
    assert current(shown) == older
    at_older = _scroll_to_middle(shown)
    shown.navigate(Route.article("2029-12-30/1/di-yi-ban-duan"))

    visited = [
        (older, at_older),
        (CONTINUATION, at_continuation),
        (missing, 0),
        (START, at_start),
    ]
    back = shown.reader_actions[ActionId.BACK]
    for route, position in visited:
        back.trigger()
        assert current(shown) == route
        assert tree_route(shown) == route
        assert shown.view.reading_position() == position, route
    assert not back.isEnabled()
    assert shown.view.verticalScrollBar().value() > 0
    forward = shown.reader_actions[ActionId.FORWARD]
    for route, position in reversed(visited[:-1]):
        forward.trigger()
        assert current(shown) == route
        assert tree_route(shown) == route
        assert shown.view.reading_position() == position, route
    assert "2029" in shown.position_label.text()


def test_back_and_forward_use_the_standard_keys(qtbot: QtBot, shown: ReaderWindow) -> None:
    back = shown.reader_actions[ActionId.BACK].shortcuts()
    forward = shown.reader_actions[ActionId.FORWARD].shortcuts()
    assert set(QKeySequence.keyBindings(QKeySequence.StandardKey.Back)) <= set(back)
    assert set(QKeySequence.keyBindings(QKeySequence.StandardKey.Forward)) <= set(forward)
    shown.navigate(SHORT)
    shown.view.setFocus()
    qtbot.keyClick(shown.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert current(shown) == START
    qtbot.keyClick(shown.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current(shown) == SHORT


def test_next_and_previous_article_keys(qtbot: QtBot, shown: ReaderWindow) -> None:
    shown.view.setFocus()
    qtbot.keyClick(shown.view, Qt.Key.Key_N)
    assert current(shown) == SHORT
    assert tree_route(shown) == SHORT
    # Whole-story reading skips the page-3 part of 开篇, read already with its start.
    qtbot.keyClick(shown.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert current(shown) == FROM_MISSING
    assert tree_route(shown) == FROM_MISSING
    qtbot.keyClick(shown.view, Qt.Key.Key_P)
    assert current(shown) == SHORT
    assert tree_route(shown) == SHORT
    qtbot.keyClick(shown.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert current(shown) == START
    assert tree_route(shown) == START


def test_next_article_stops_at_the_end_of_the_edition(shown: ReaderWindow) -> None:
    shown.navigate(FROM_MISSING)
    assert not shown.step_article(1)
    assert current(shown) == FROM_MISSING
    assert "最后一篇" in shown.statusBar().currentMessage()


def test_space_at_the_end_of_an_article_goes_to_the_next(qtbot: QtBot, shown: ReaderWindow) -> None:
    shown.view.setFocus()
    for _ in range(30):
        if shown.view.at_end():
            break
        qtbot.keyClick(shown.view, Qt.Key.Key_Space)
        assert current(shown) in (START, CONTINUATION)  # paging through the story
    assert shown.view.at_end()
    assert current(shown) == CONTINUATION
    qtbot.keyClick(shown.view, Qt.Key.Key_Space)
    assert current(shown) == SHORT  # the article after the story's start, on page 1


def test_next_and_previous_page(qtbot: QtBot, shown: ReaderWindow) -> None:
    shown.reader_actions[ActionId.NEXT_PAGE].trigger()
    assert current(shown) == Route.page("2030-01-02", "2")
    assert tree_route(shown) == Route.page("2030-01-02", "2")
    assert "本版未收录" in plain(shown)
    shown.view.setFocus()
    qtbot.keyClick(shown.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert current(shown) == CONTINUATION
    assert tree_route(shown) == CONTINUATION
    shown.reader_actions[ActionId.PREVIOUS_PAGE].trigger()
    assert tree_route(shown) == Route.page("2030-01-02", "2")
    shown.reader_actions[ActionId.PREVIOUS_PAGE].trigger()
    assert current(shown) == START
    assert tree_route(shown) == START


def test_narrow_window_keeps_the_search_box_by_hiding_button_labels(
    qtbot: QtBot, shown: ReaderWindow
) -> None:
    assert shown.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert shown.search_box.isVisible()
    shown.resize(1400, 800)
    qtbot.waitUntil(
        lambda: shown.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    assert shown.search_box.isVisible()


def test_f11_toggles_full_screen(qtbot: QtBot, shown: ReaderWindow) -> None:
    action = shown.reader_actions[ActionId.FULL_SCREEN]
    assert QKeySequence("F11") in action.shortcuts()
    assert not shown.isFullScreen()
    shown.view.setFocus()
    qtbot.keyClick(shown, Qt.Key.Key_F11)
    qtbot.waitUntil(shown.isFullScreen)
    assert action.isChecked()
    qtbot.keyClick(shown, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not shown.isFullScreen())
    assert not action.isChecked()


def test_ctrl_f_focuses_the_search_box_and_enter_requests_a_search(
    qtbot: QtBot, shown: ReaderWindow
) -> None:
    shown.view.setFocus()
    qtbot.keyClick(shown.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown.focusWidget() is shown.search_box)
    qtbot.keyClicks(shown.search_box, "npn")  # letters that are shortcuts elsewhere
    assert shown.search_box.text() == "npn"
    assert current(shown) == START
    with qtbot.waitSignal(shown.searchRequested) as blocker:
        qtbot.keyClick(shown.search_box, Qt.Key.Key_Return)
    assert blocker.args == ["npn"]


def test_reading_on_into_the_next_part_of_a_story_moves_the_tree_not_history(
    qtbot: QtBot, shown: ReaderWindow
) -> None:
    bar = shown.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert current(shown) == CONTINUATION
    assert tree_route(shown) == CONTINUATION
    assert "第3版" in shown.position_label.text()
    bar.setValue(0)
    assert current(shown) == START and tree_route(shown) == START
    assert not shown.router.can_go_back
