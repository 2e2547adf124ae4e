"""Kiosk full screen: it never ends, whatever the reader does (also what the soak found)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from tests.ui.kiosk_helpers import open_kiosk
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "editions")


def test_minimising_goes_back_to_full_screen(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, _session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    window.showNormal()
    assert window.isFullScreen()


def test_contents_bigger_than_the_screen_do_not_end_full_screen(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    """The soak found it: a minimum size beyond the screen resized the window out of full screen."""
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    screen = window.screen().geometry()
    # Something in the window's layout asks for more height than the screen has.
    window.view.setMinimumHeight(screen.height() + 200)
    layout = window.layout()
    assert layout is not None
    layout.activate()  # what the posted layout request does
    for _ in range(5):  # the resize it may cause, the guard's answer
        QApplication.processEvents()
    assert window.minimumHeight() <= screen.height()
    assert window.isFullScreen()
    assert window.size() == screen.size()
    # And a resize by any other path comes back to full screen.
    window.resize(screen.width() // 2, screen.height() // 2)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert "not full screen" in session.guard.blocked


def test_leaving_elder_mode_does_not_bring_the_menu_bar_back(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    elder = window.reading_aids.elder  # type: ignore[attr-defined]
    elder.elder_action.trigger()
    assert elder.elder
    elder.elder_action.trigger()  # back to the normal mode, which shows the menu bar
    assert not elder.elder
    qtbot.waitUntil(lambda: not window.menuBar().isVisible(), timeout=2000)
    assert window.menuBar().height() == 0
    assert "menu bar" in session.guard.blocked
    assert window.isFullScreen()
