"""打印 in kiosk mode: off unless allowed; then a big button prints straight, never a dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QToolButton, QWidget

from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.kiosk.session import KioskSession
from jiangbei_reader.ui.window import ReaderWindow
from tests.ui.kiosk_helpers import open_kiosk, small_targets
from tests.ui.printing_helpers import pdf_characters, pdf_printer
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW

ALLOW = {"allow_printing = false": "allow_printing = true"}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "editions")


def _never_ask(printer: QPrinter, parent: QWidget) -> bool:
    raise AssertionError("a kiosk never opens the print dialog")


def test_printing_is_off_by_default(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, _session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    printing = window.printing  # type: ignore[attr-defined]
    printing.ask = _never_ask
    printing.printer_factory = lambda: pdf_printer(tmp_path / "x.pdf")
    action = window.reader_actions[ActionId.PRINT]
    assert not action.isEnabled() and not action.isVisible() and action.shortcuts() == []
    assert window.findChild(QToolButton, "kioskPrintButton") is None
    qtbot.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    action.trigger()
    assert printing.printed == 0
    assert not (tmp_path / "x.pdf").exists()


def _printing_kiosk(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> tuple[ReaderWindow, KioskSession, Any]:
    """A shown kiosk that allows printing, whose printing never opens a dialog."""
    window, session = open_kiosk(qtbot, tmp_path, library, changes=ALLOW)
    window.showFullScreen()
    qtbot.waitExposed(window)
    printing = window.printing  # type: ignore[attr-defined]
    printing.ask = _never_ask
    return window, session, printing


def test_allowed_printing_goes_straight_to_the_default_printer(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session, printing = _printing_kiosk(qtbot, tmp_path, library)
    pdf = tmp_path / "kiosk.pdf"
    printing.default_printer = lambda: pdf_printer(pdf)
    # Ctrl+P (the dialog's way) stays off even now.
    action = window.reader_actions[ActionId.PRINT]
    assert not action.isEnabled() and action.shortcuts() == []
    qtbot.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printing.printed == 0

    button = window.findChild(QToolButton, "kioskPrintButton")
    assert button is session.print_button
    assert button is not None and button.isVisible() and button.text() == "打印"
    assert small_targets(window) == []
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert printing.printed == 1
    headline = "测试新闻开篇"
    assert headline in window.view.document().toPlainText()
    assert set(headline) <= pdf_characters(pdf)
    # A reset leaves the button for the next reader.
    assert session.reset().ok
    assert button.isVisible()


def test_no_default_printer_is_said_in_the_status_bar(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session, printing = _printing_kiosk(qtbot, tmp_path, library)
    printing.default_printer = lambda: None
    assert session.print_button is not None
    qtbot.mouseClick(session.print_button, Qt.MouseButton.LeftButton)
    assert printing.printed == 0
    assert "没有可用的打印机" in window.statusBar().currentMessage()
