"""Soak: 5,000 random user actions against the kiosk window; no exception, bounded memory.

In a seeded random order: taps on random visible controls (buttons, tool
buttons, the edition filter, the search box, rows of the tree and the results,
the 朗读 controls on Qt's mock speech engine), wheel scrolls, keys (the escape
keys included), typing on the on-screen keyboard, idle resets through the idle
timer and its 「还在阅读吗？」 notice (on a fake clock), and direct resets.

After every action the window must still be full screen and locked. RSS at
start and end is printed (run with -s); the bound is generous: it catches a
leak that grows with every action, not allocator noise. Set
KIOSK_SOAK_ACTIONS to run fewer actions while debugging.
"""

from __future__ import annotations

import gc
import os
import random
import sys
import time
import traceback
from pathlib import Path

import psutil
import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from jiangbei_reader.core.kiosk.idle import IdlePhase, IdlePolicy, IdleTimeouts
from jiangbei_reader.core.voices import VoiceChoice, VoiceInfo
from jiangbei_reader.ui.kiosk.session import KioskSession
from jiangbei_reader.ui.read_aloud import ReadAloud
from tests.ui.kiosk_helpers import FakeClock, open_kiosk
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

ACTIONS = int(os.environ.get("KIOSK_SOAK_ACTIONS", "5000"))
#: A leak of a few KB per action would pass 5,000 actions by far more than this.
RSS_GROWTH_LIMIT = 120 * 2**20
MOCK_VOICE = VoiceChoice(VoiceInfo("测试普通话", "zh_CN", "mock"), "用测试语音朗读")

_M = Qt.KeyboardModifier
KEYS = [
    (Qt.Key.Key_F4, _M.AltModifier),
    (Qt.Key.Key_Q, _M.ControlModifier),
    (Qt.Key.Key_W, _M.ControlModifier),
    (Qt.Key.Key_F4, _M.ControlModifier),
    (Qt.Key.Key_Escape, _M.NoModifier),
    (Qt.Key.Key_F11, _M.NoModifier),
    (Qt.Key.Key_O, _M.ControlModifier),
    (Qt.Key.Key_P, _M.ControlModifier),
    (Qt.Key.Key_U, _M.ControlModifier),
    (Qt.Key.Key_Comma, _M.ControlModifier),
    (Qt.Key.Key_Space, _M.NoModifier),
    (Qt.Key.Key_PageDown, _M.NoModifier),
    (Qt.Key.Key_PageUp, _M.NoModifier),
    (Qt.Key.Key_N, _M.NoModifier),
    (Qt.Key.Key_P, _M.NoModifier),
    (Qt.Key.Key_J, _M.NoModifier),
    (Qt.Key.Key_Left, _M.AltModifier),
    (Qt.Key.Key_Right, _M.AltModifier),
    (Qt.Key.Key_Plus, _M.ControlModifier),
    (Qt.Key.Key_Minus, _M.ControlModifier),
    (Qt.Key.Key_F, _M.ControlModifier),
    (Qt.Key.Key_F3, _M.NoModifier),
]


class FullScreenSpy(QObject):
    """Records where the window was when it stopped being full screen (for the message)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.left: list[str] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.window
            and event.type() == QEvent.Type.WindowStateChange
            and not self.window.isFullScreen()
        ):
            self.left.append("".join(traceback.format_stack(limit=30)))
        return False


def _close_modals() -> None:
    """A modal dialog a tap opened (往期) is dismissed, as by a reader walking away."""
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.close()


def _controls(window: QWidget) -> list[QWidget]:
    """Everything a finger can tap in the window right now."""
    return [
        widget
        # allWidgets(), not window.findChildren(): PySide ties the wrappers findChildren
        # returns to the window, and those of widgets the toolbars delete and rebuild
        # would pile up as the test's own leak.
        for widget in QApplication.allWidgets()
        if isinstance(widget, (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView))
        and widget.isVisible()
        and widget.isEnabled()
        and widget.window() is window
    ]


def _tap(widget: QWidget, rng: random.Random) -> str:
    if isinstance(widget, QAbstractItemView):
        model = widget.model()
        rows = model.rowCount() if model is not None else 0
        if rows:
            rect = widget.visualRect(model.index(rng.randrange(rows), 0))
            if rect.isValid() and widget.viewport().rect().contains(rect.center()):
                QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return f"row of {widget.objectName()}"
        return f"nothing in {widget.objectName()}"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    return f"tap {type(widget).__name__} {widget.objectName()}"


def _wheel(window: QWidget, rng: random.Random) -> str:
    viewport = window.view.viewport()  # type: ignore[attr-defined]
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, rng.choice((-360, -120, 120, 360))),
        Qt.MouseButton.NoButton,
        _M.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    return "wheel"


def _fire_idle_timer(session: KioskSession) -> None:
    """What the idle timer does when its wait is over (the fake clock moved, real time did not)."""
    timer = session.idle.timer
    if timer.isActive():
        timer.start(0)
        QTest.qWait(1)
        QApplication.processEvents()


def _idle(session: KioskSession, clock: FakeClock, rng: random.Random) -> str:
    """Walk away: the notice through the timer, then 继续阅读 or the reset."""
    idle = session.idle
    policy = idle.policy
    before = session.last_reset
    clock.now += policy.timeouts.for_view(policy.view) + 0.5
    _fire_idle_timer(session)
    status = policy.poll()
    if status.phase is IdlePhase.HELD:
        # Read-aloud plays: nothing is reset, however long it has been.
        assert session.last_reset is before and not idle.notice.isVisible()
        return "idle held by read-aloud"
    if status.phase is not IdlePhase.NOTICE:
        return f"idle {status.phase.value}"
    assert idle.notice.isVisible()
    if rng.random() < 0.3:
        QTest.mouseClick(idle.notice.button, Qt.MouseButton.LeftButton)
        assert not idle.notice.isVisible()
        return "idle notice, 继续阅读"
    clock.now += policy.timeouts.countdown + 0.5
    _fire_idle_timer(session)
    assert session.last_reset is not before, "the countdown ended without a reset"
    assert session.last_reset is not None and session.last_reset.ok
    assert not idle.notice.isVisible()
    return "idle reset"


@pytest.mark.slow
@OFFSCREEN_SHOW
@pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)$"
)
def test_random_actions_against_the_kiosk(qtbot: QtBot, tmp_path: Path) -> None:
    library = write_library(tmp_path / "editions")
    window, session = open_kiosk(qtbot, tmp_path, library)
    read_aloud = window.reading_aids.read_aloud  # type: ignore[attr-defined]
    assert isinstance(read_aloud, ReadAloud)
    read_aloud.use_engine(lambda: QTextToSpeech("mock"), lambda tts: MOCK_VOICE, ["mock"])
    clock = FakeClock()
    session.idle.policy = IdlePolicy(IdleTimeouts.from_config(session.config), clock=clock)
    spy = FullScreenSpy(window)
    window.showFullScreen()
    qtbot.waitExposed(window)
    session.reset()
    closer = QTimer()
    closer.timeout.connect(_close_modals)
    closer.start(20)
    rng = random.Random(20261128)
    process = psutil.Process()
    gc.collect()
    rss_start = process.memory_info().rss
    started = time.perf_counter()
    counts: dict[str, int] = {}
    #: RSS (MiB) after every 1,000 actions: a leak grows steadily, caches level off.
    samples: list[float] = []
    recent: list[str] = []
    for step in range(ACTIONS):
        roll = rng.random()
        if roll < 0.5:
            controls = _controls(window)
            what = _tap(rng.choice(controls), rng) if controls else "no control"
            kind = "tap"
        elif roll < 0.62:
            what, kind = _wheel(window, rng), "scroll"
        elif roll < 0.74:
            key, modifiers = rng.choice(KEYS)
            focus = QApplication.focusWidget()
            if focus is None or focus.window() is not window:
                focus = window.view
            QTest.keyClick(focus, key, modifiers)
            what, kind = f"key {key.name}+{modifiers.name}", "key"
        elif roll < 0.9:
            keyboard = session.keyboard
            if not keyboard.isVisible():
                keyboard.open_keyboard()
            name = rng.choice([*"jiangbeiqu", "backspace", "space", "clear", "search"])
            QTest.mouseClick(keyboard.keys[name], Qt.MouseButton.LeftButton)
            what, kind = f"keyboard {name}", "type"
        elif roll < 0.97:
            what, kind = _idle(session, clock, rng), "idle"
        else:
            assert session.reset().ok
            what, kind = "reset", "reset"
        counts[kind] = counts.get(kind, 0) + 1
        recent = [*recent[-9:], what]
        QApplication.processEvents()
        assert window.isVisible(), f"the kiosk window went away at action {step}: {recent}"
        assert window.isFullScreen(), (
            f"not full screen after action {step}: {recent}; state {window.windowState()}, "
            f"size {window.size()}, minimum {window.minimumSize()}, "
            f"screen {window.screen().geometry()}\n" + "\n".join(spy.left)
        )
        assert not session.guard.unlocked
        assert not window.menuBar().isVisible() or window.menuBar().height() == 0
        if step % 1000 == 999:
            samples.append(round(process.memory_info().rss / 2**20, 1))
    closer.stop()
    seconds = time.perf_counter() - started
    assert session.reset().ok
    gc.collect()
    QApplication.processEvents()
    rss_end = process.memory_info().rss
    print(
        f"\nkiosk soak: {ACTIONS} actions in {seconds:.0f} s {counts}; "
        f"RSS start {rss_start / 2**20:.1f} MiB, end {rss_end / 2**20:.1f} MiB, "
        f"growth {(rss_end - rss_start) / 2**20:.1f} MiB; every 1,000 actions {samples} MiB",
        file=sys.stderr,
    )
    assert session.quits == []  # type: ignore[attr-defined]
    assert spy.left == []
    assert window.isFullScreen()
    assert rss_end - rss_start < RSS_GROWTH_LIMIT
