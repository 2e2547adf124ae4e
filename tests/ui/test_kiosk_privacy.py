"""Kiosk privacy: a reset forgets the search (filter and results too); nothing is written to disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QStackedWidget

from jiangbei_reader.core.settings import Preferences, SettingsStore
from tests.ui.aids_helpers import aids
from tests.ui.kiosk_helpers import open_kiosk
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "editions")


def test_reset_forgets_the_edition_filter_and_the_results(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    controller = window.findChild(QObject, "searchController")
    assert controller is not None
    panel = controller.panel  # type: ignore[attr-defined]
    combo = window.findChild(QComboBox, "searchEditionFilter")
    assert combo is not None
    side = window.findChild(QStackedWidget, "sidePanel")
    assert side is not None
    qtbot.waitUntil(lambda: not controller.indexing, timeout=20_000)  # type: ignore[attr-defined]

    window.search_box.setText("测试")
    with qtbot.waitSignal(controller.results_shown, timeout=10_000):  # type: ignore[attr-defined]
        pass
    assert combo.count() > 2  # the editions are listed once the panel is in use
    with qtbot.waitSignal(controller.results_shown, timeout=10_000):  # type: ignore[attr-defined]
        combo.setCurrentIndex(1)  # one edition only: searches again
    assert panel.edition is not None
    assert panel.model.rowCount() > 0
    assert panel.message.text() != ""
    assert side.currentWidget() is panel

    report = session.reset()
    assert report.ok
    assert combo.currentIndex() == 0 and panel.edition is None
    assert panel.model.rowCount() == 0
    assert panel.message.text() == ""
    assert window.search_box.text() == ""
    assert side.currentWidget() is window.tree


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_nothing_a_reader_does_is_written_to_the_config_dir(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    # Settings left by a normal-mode session on the same machine.
    conf = tmp_path / "conf"
    assert SettingsStore(conf).save(Preferences(font_step=125))
    before = _snapshot(conf)
    assert "settings.json" in before

    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    reading = aids(window)
    # Reading on (the article read is saved 2 s after it changes in normal mode) …
    assert window.step_article(1)
    assert window.step_article(1)
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    # … zooming, night colours, 长辈版, speech rate, whole story off …
    reading.zoom.set_step(200)
    reading.elder.night_action.setChecked(True)
    reading.elder.set_elder(True)
    reading.read_aloud.set_rate(3)
    window.set_whole_story(False)
    qtbot.wait(2300)  # past the 2 s save timer
    # … what a close would save, and the reset.
    window.save_state()
    assert session.reset().ok
    qtbot.wait(2300)

    assert _snapshot(conf) == before
    assert not (conf / "window.ini").exists()
    # The reset also put the speech rate back for the next reader.
    assert reading.read_aloud.rate == 0
