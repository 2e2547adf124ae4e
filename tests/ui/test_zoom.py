"""Font steps in the real window at 1280x800: the whole window grows, nothing clips or scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QKeySequence,
    QNativeGestureEvent,
    QPointingDevice,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip

from jiangbei_reader.core.settings import SettingsStore
from jiangbei_reader.core.typography import BODY_MAX_CHARS, FONT_STEPS, Mode, body_px
from jiangbei_reader.ui.chrome import TOOLBAR_GROUPS
from jiangbei_reader.ui.date_picker import ArchiveDialog
from jiangbei_reader.ui.search_controller import SearchController

# Autouse: puts the application's font, palette and style sheet back after each test.
from tests.ui.aids_helpers import (
    OFFSCREEN_SHOW,
    aids,
    clipped_controls,
    line_metrics,
    open_reader,
    px,
    restore_application_look,  # noqa: F401
    settle,
    widest_body_line_chars,
)
from tests.ui.aids_helpers import (
    body_px as shown_body_px,
)

pytestmark = OFFSCREEN_SHOW


@pytest.mark.parametrize("step", FONT_STEPS)
def test_every_step_grows_the_whole_window_without_clipping(
    qtbot: QtBot, tmp_path: Path, step: int
) -> None:
    window = open_reader(qtbot, tmp_path)
    aids(window).zoom.set_step(step)
    settle()
    expected = body_px(step, Mode.NORMAL, window.logicalDpiY())
    assert shown_body_px(window) == pytest.approx(expected, abs=0.1)
    # Representative controls follow the one application font.
    for widget in (
        window.search_box,
        window.tree,
        window.statusBar(),
        window.menuBar(),
        aids(window).elder.buttons["zoomIn"],
        window.toolbar,
    ):
        assert px(window, widget) == pytest.approx(expected, abs=0.1), widget.objectName()
    assert window.view.horizontalScrollBar().maximum() == 0
    assert widest_body_line_chars(window) <= BODY_MAX_CHARS + 0.5
    # Every visible label, button, tree row, placeholder and status-bar text fits whole
    # (the 「字号 N%」 message of the step change is on the status bar now).
    assert clipped_controls(window) == []
    # Every reading-aid button sits inside the window, none pushed into an overflow menu.
    for button in aids(window).elder.buttons.values():
        if button.isVisible():
            right = button.mapTo(window, QPoint(button.width(), 0)).x()
            assert right <= window.width(), button.objectName()
    pitch, _across = line_metrics(window)
    assert pitch >= 1.5 * expected


def test_step_is_remembered_and_restored(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    zoom.zoom_in()
    zoom.zoom_in()
    assert zoom.step == FONT_STEPS[2]
    assert SettingsStore(tmp_path).load().preferences.font_step == FONT_STEPS[2]
    window.close()
    again = open_reader(qtbot, tmp_path)
    assert aids(again).zoom.step == FONT_STEPS[2]
    assert QApplication.font().pointSizeF() == pytest.approx(aids(again).zoom.point_size())
    aids(again).zoom.reset()
    assert aids(again).zoom.step == 100


def test_steps_stop_at_the_ends_and_buttons_say_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    zoom.zoom_out()
    assert zoom.step == FONT_STEPS[0]
    assert not zoom.zoom_out_action.isEnabled()
    for _ in FONT_STEPS:
        zoom.zoom_in()
    assert zoom.step == FONT_STEPS[-1]
    assert not zoom.zoom_in_action.isEnabled()
    assert zoom.zoom_out_action.isEnabled()


def test_standard_keys_are_bound(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    assert QKeySequence("Ctrl+=") in zoom.zoom_in_action.shortcuts()
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn):
        assert key in zoom.zoom_in_action.shortcuts()
    assert QKeySequence("Ctrl+-") in zoom.zoom_out_action.shortcuts()
    assert QKeySequence("Ctrl+0") in zoom.reset_action.shortcuts()
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert zoom.step == FONT_STEPS[1]
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert zoom.step == FONT_STEPS[2]
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert zoom.step == FONT_STEPS[1]
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert zoom.step == FONT_STEPS[0]


def _wheel(delta: int, modifiers: Qt.KeyboardModifier) -> QWheelEvent:
    return QWheelEvent(
        QPointF(50, 50),
        QPointF(50, 50),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def test_ctrl_wheel_takes_steps_and_plain_wheel_scrolls(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    viewport = window.view.viewport()
    QApplication.sendEvent(viewport, _wheel(120, Qt.KeyboardModifier.ControlModifier))
    assert zoom.step == FONT_STEPS[1]
    QApplication.sendEvent(viewport, _wheel(60, Qt.KeyboardModifier.ControlModifier))
    assert zoom.step == FONT_STEPS[1]  # half a notch is not a step yet
    QApplication.sendEvent(viewport, _wheel(-180, Qt.KeyboardModifier.ControlModifier))
    assert zoom.step == FONT_STEPS[0]
    QApplication.sendEvent(viewport, _wheel(-120, Qt.KeyboardModifier.NoModifier))
    assert zoom.step == FONT_STEPS[0]


def _native(kind: Qt.NativeGestureType, value: float = 0.0) -> QNativeGestureEvent:
    device = QPointingDevice.primaryPointingDevice()
    point = QPointF(100, 100)
    return QNativeGestureEvent(kind, device, 2, point, point, point, value, QPointF(0, 0))


def test_touchpad_pinch_sent_as_native_zoom_gestures_takes_steps(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    viewport = window.view.viewport()
    gesture = Qt.NativeGestureType
    QApplication.sendEvent(viewport, _native(gesture.BeginNativeGesture))
    for _ in range(5):  # the fingers spread: 1.1^5 = 1.61, one step (1.2) and not two (1.44)…
        QApplication.sendEvent(viewport, _native(gesture.ZoomNativeGesture, 0.1))
    assert zoom.step == FONT_STEPS[0]  # …taken when the fingers lift
    QApplication.sendEvent(viewport, _native(gesture.EndNativeGesture))
    assert zoom.step == FONT_STEPS[2]
    QApplication.sendEvent(viewport, _native(gesture.BeginNativeGesture))
    QApplication.sendEvent(viewport, _native(gesture.ZoomNativeGesture, -0.2))
    QApplication.sendEvent(viewport, _native(gesture.EndNativeGesture))
    assert zoom.step == FONT_STEPS[1]


def test_pinch_gesture_state_machine_takes_steps_at_the_end(qtbot: QtBot, tmp_path: Path) -> None:
    # The touch-screen path: Qt's QPinchGesture, reported through on_pinch by the
    # event filter (a QGestureEvent cannot be built from Python).
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    zoom.on_pinch(Qt.GestureState.GestureUpdated, 3.0)
    assert zoom.step == FONT_STEPS[0]
    zoom.on_pinch(Qt.GestureState.GestureFinished, 1.5)
    assert zoom.step == FONT_STEPS[2]
    zoom.on_pinch(Qt.GestureState.GestureFinished, 0.8)
    assert zoom.step == FONT_STEPS[1]


def test_style_sheet_carries_no_font_size(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_reader(qtbot, tmp_path)
    aids(window).elder.set_elder(True)
    sheet = QApplication.instance().styleSheet()  # type: ignore[union-attr]
    assert sheet
    assert "font-size" not in sheet and "font:" not in sheet


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_the_read_aloud_hint_keeps_the_window_800_tall_at_every_step(
    qtbot: QtBot, tmp_path: Path, elder: bool
) -> None:
    window = open_reader(qtbot, tmp_path)
    reading = aids(window)
    reading.read_aloud.use_engine(engines=["mock"])  # no engine: the hint is shown
    reading.elder.set_elder(elder)
    for step in FONT_STEPS:
        reading.zoom.set_step(step)
        settle()
        assert reading.read_aloud.explanation.isVisible()
        assert window.height() == 800, step
        # The article keeps the biggest share: 40 % at the worst (长辈版 300 %, with
        # the toolbar, reading aids, 翻篇, the hint and the status bar all 60 px or more).
        assert window.view.height() >= 0.4 * window.height(), step
        assert clipped_controls(window) == [], step


@pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
)
@pytest.mark.parametrize("step", [FONT_STEPS[0], FONT_STEPS[-1]])
def test_tooltips_dialogs_and_search_results_grow_with_the_step(
    qtbot: QtBot, tmp_path: Path, step: int
) -> None:
    window = open_reader(qtbot, tmp_path)
    aids(window).zoom.set_step(step)
    settle()
    expected = body_px(step, Mode.NORMAL, window.logicalDpiY())
    button = aids(window).elder.buttons["zoomIn"]
    QToolTip.showText(button.mapToGlobal(button.rect().center()), button.toolTip(), button)
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
    qtbot.waitUntil(lambda: any(t.isVisible() for t in tips))
    assert px(window, next(t for t in tips if t.isVisible())) == pytest.approx(expected, abs=0.1)
    QToolTip.hideText()
    dialog = ArchiveDialog(window.library.refs, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for widget in (dialog, dialog.calendar, dialog.label, *dialog.buttons.buttons()):
        assert px(window, widget) == pytest.approx(expected, abs=0.1), widget.objectName()
    assert clipped_controls(dialog) == []
    dialog.close()
    search = window.findChild(SearchController, "searchController")
    assert isinstance(search, SearchController)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            pass
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        window.search_box.setText("专精特新")
    settle()
    results = search.panel.results
    assert results.isVisible() and search.panel.model.rowCount() > 0
    for widget in (results, search.panel.message, search.panel.edition_filter):
        assert px(window, widget) == pytest.approx(expected, abs=0.1), widget.objectName()
    row = results.visualRect(search.panel.model.index(0, 0))
    assert row.height() >= QFontMetrics(results.font()).height()
    assert clipped_controls(window) == []


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_every_toolbar_action_stays_reachable_by_its_label(
    qtbot: QtBot, tmp_path: Path, elder: bool
) -> None:
    window = open_reader(qtbot, tmp_path)
    reading = aids(window)
    reading.elder.set_elder(elder)
    wanted = [window.reader_actions[a] for group in TOOLBAR_GROUPS for a in group]
    for step in FONT_STEPS:
        reading.zoom.set_step(step)
        settle()
        on_bar = {
            button.defaultAction()
            for button in window.toolbar.findChildren(QToolButton)
            if button.isVisible()
            and button.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly
        }
        in_menu = set(reading.elder.flow.menu.actions())
        assert [a.text() for a in wanted if a not in on_bar | in_menu] == [], step
        assert reading.elder.flow.button.isVisible() == bool(in_menu & set(wanted)), step
        # In order: the bar holds the first groups, the menu the rest.
        order = [a for a in wanted if a in on_bar] + [a for a in wanted if a in in_menu]
        assert order == wanted, step


def test_the_tree_pane_widens_with_the_step_and_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_reader(qtbot, tmp_path)
    zoom = aids(window).zoom
    start = window.tree.width()
    zoom.set_step(FONT_STEPS[-1])
    settle()
    assert window.tree.width() > start
    date_row = window.tree.visualRect(window.tree.model().index(0, 0))
    assert date_row.height() < 2 * window.tree.fontMetrics().height()  # the date: one line
    zoom.reset()
    settle()
    assert window.tree.width() == start
