"""The garbage collector waits while the window starts, and runs again after its first paint."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QObject

from jiangbei_reader import cli, startup_gc
from jiangbei_reader.resources import editions_dir

from .reader_helpers import OFFSCREEN_SHOW, open_window


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    startup_gc.resume_collector()
    gc.unfreeze()
    gc.enable()


def test_pausing_then_resuming_freezes_what_the_start_made() -> None:
    startup_gc.pause_collector()
    assert not gc.isenabled() and startup_gc.collector_paused()
    startup_gc.resume_collector()
    assert gc.isenabled() and not startup_gc.collector_paused()
    assert gc.get_freeze_count() > 1000  # the objects of the test session so far


def test_a_collector_disabled_by_someone_else_is_left_disabled() -> None:
    gc.disable()
    startup_gc.pause_collector()
    assert not startup_gc.collector_paused()
    startup_gc.resume_collector()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_entry_point_pauses_the_collector_before_building_the_window(monkeypatch) -> None:
    import jiangbei_reader.app

    seen: list[bool] = []
    monkeypatch.setattr(jiangbei_reader.app, "main", lambda args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["--editions", "x"]) == 0
    assert seen == [False]
    assert startup_gc.collector_paused()


class PaintSpy(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.enabled_at_paint: list[bool] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.enabled_at_paint.append(gc.isenabled())
        return False


@OFFSCREEN_SHOW
def test_the_window_resumes_the_collector_once_its_first_article_is_painted(
    qtbot: QtBot,
) -> None:
    startup_gc.pause_collector()
    window = open_window(qtbot, editions_dir())
    spy = PaintSpy()
    window.view.viewport().installEventFilter(spy)
    window.show()
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    assert spy.enabled_at_paint[:1] == [False]
    assert not startup_gc.collector_paused()
    assert gc.get_freeze_count() > 0
