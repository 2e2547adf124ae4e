"""Kiosk touch fitting: finger scrolling on every scroll area (also later ones), 80 px targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QListView,
    QScroller,
    QTableView,
    QWidget,
)

from jiangbei_reader.ui.date_picker import ArchiveDialog
from jiangbei_reader.ui.kiosk.touch import TARGET_PX
from tests.ui.aids_helpers import aids
from tests.ui.kiosk_helpers import open_kiosk, small_targets
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "editions")


def _without_scroller(root: QWidget) -> list[str]:
    return [
        f"{type(area).__name__} {area.objectName()!r}"
        for area in root.findChildren(QAbstractScrollArea)
        if not QScroller.hasScroller(area.viewport())
    ]


def test_every_scroll_area_scrolls_by_finger_also_later_ones(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, _session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    assert window.findChildren(QAbstractScrollArea)
    assert _without_scroller(window) == []
    assert QScroller.hasScroller(window.view.viewport())
    assert QScroller.hasScroller(window.tree.viewport())

    # A scroll area made after the start (as another part of the app would) gets it when shown.
    later = QListView(window)
    later.setObjectName("laterList")
    assert not QScroller.hasScroller(later.viewport())
    later.show()
    QApplication.processEvents()
    assert QScroller.hasScroller(later.viewport())

    # The 往期 dialog's calendar is a QTableView created when the reader opens it.
    dialog = ArchiveDialog(window.library.refs, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.calendar.findChild(QTableView)
    assert table is not None
    assert QScroller.hasScroller(table.viewport())
    assert _without_scroller(dialog) == []
    dialog.reject()


@pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)$"
)
def test_every_control_a_reader_can_touch_is_big_enough(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.resize(1280, 800)
    window.showFullScreen()
    qtbot.waitExposed(window)
    assert small_targets(window) == []
    rows = [window.tree.visualRect(window.tree.model().index(0, 0))]
    assert rows[0].height() >= TARGET_PX

    # Searching shows the panel: its edition filter, hit buttons and results list.
    controller = window.findChild(type(window).__mro__[-2], "searchController")
    window.search_box.setText("测试")
    controller.search_now()  # type: ignore[union-attr]
    qtbot.waitSignal(controller.results_shown, timeout=10_000)  # type: ignore[union-attr]
    combo = window.findChild(QComboBox, "searchEditionFilter")
    assert combo is not None and combo.isVisible()
    assert combo.height() >= TARGET_PX, combo.height()
    assert small_targets(window) == []
    # The filter's drop-down list: rows big enough for a finger too.
    combo.showPopup()
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.visualRect(popup.model().index(0, 0)).height() >= TARGET_PX
    combo.hidePopup()

    # The on-screen keyboard and the idle notice.
    session.keyboard.open_keyboard()
    session.idle.notice.show_countdown(30)
    assert small_targets(window) == []


def test_archive_dialog_is_fit_for_fingers(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, _session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    dialog = ArchiveDialog(window.library.refs, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert small_targets(dialog) == []
    calendar = dialog.findChild(QCalendarWidget)
    assert calendar is not None
    table = calendar.findChild(QTableView)
    assert table is not None
    model = table.model()
    for row in range(1, model.rowCount()):  # row 0: the names of the days
        for column in range(model.columnCount()):
            cell = table.visualRect(model.index(row, column))
            assert cell.height() >= TARGET_PX and cell.width() >= TARGET_PX, (row, column, cell)
    dialog.reject()


def test_kiosk_text_sizes_follow_the_application_font(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    assert "font-size" not in window.styleSheet()
    for widget in window.findChildren(QWidget):
        assert "font-size" not in widget.styleSheet(), widget.objectName()
    box = window.search_box
    before = box.font().pointSizeF()
    assert before > QApplication.font().pointSizeF()
    aids(window).zoom.set_step(200)
    QApplication.processEvents()
    assert box.font().pointSizeF() > before * 1.5
    assert session.idle.notice.button.font().pointSizeF() > QApplication.font().pointSizeF()
