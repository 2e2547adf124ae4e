"""Kiosk and the real 朗读: idle never resets while it reads, a reset stops it, config can forbid it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtTextToSpeech import QTextToSpeech

from jiangbei_reader.core.kiosk.idle import IdlePhase, IdlePolicy, IdleTimeouts
from jiangbei_reader.core.voices import VoiceChoice, VoiceInfo
from jiangbei_reader.ui.read_aloud import ReadAloud
from tests.ui.aids_helpers import aids, run_offscreen
from tests.ui.kiosk_helpers import FakeClock, open_kiosk
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW

MOCK_VOICE = VoiceChoice(VoiceInfo("测试普通话", "zh_CN", "mock"), "用测试语音朗读")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "editions")


def _mocked(read_aloud: object) -> ReadAloud:
    assert isinstance(read_aloud, ReadAloud)
    read_aloud.use_engine(lambda: QTextToSpeech("mock"), lambda tts: MOCK_VOICE, ["mock"])
    return read_aloud


def test_idle_holds_while_the_real_read_aloud_speaks_and_reset_stops_it(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    read_aloud = _mocked(aids(window).read_aloud)
    clock = FakeClock()
    session.idle.policy = IdlePolicy(IdleTimeouts.from_config(session.config), clock=clock)
    assert window.step_article(1)
    read_aloud.start()
    assert read_aloud.state == "speaking"
    session.idle.activity()
    clock.now += 10_000
    assert session.idle.poll().phase is IdlePhase.HELD
    assert window.router.can_go_back  # nothing was reset

    read_aloud.pause()
    assert session.idle.poll().phase is not IdlePhase.HELD  # a paused reader may walk away

    read_aloud.start()
    assert read_aloud.state == "speaking"
    report = session.reset()
    assert report.ok
    assert read_aloud.state == "idle"
    assert window.view.extraSelections() == []


def test_config_can_forbid_read_aloud(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, _session = open_kiosk(
        qtbot, tmp_path, library, changes={"allow_read_aloud = true": "allow_read_aloud = false"}
    )
    read_aloud = aids(window).read_aloud
    assert not read_aloud.speak_action.isEnabled()
    assert read_aloud.button_holder is not None and not read_aloud.button_holder.isVisible()


def test_read_aloud_is_offered_by_default(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, _session = open_kiosk(qtbot, tmp_path, library)
    read_aloud = _mocked(aids(window).read_aloud)
    assert read_aloud.speak_action.isEnabled()
    assert read_aloud.button_holder is not None and read_aloud.button_holder.isVisible()


BLOCK_SPEECH = """
import sys
class BlockSpeech:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtTextToSpeech":
            raise ImportError("libpulse.so.0: cannot open shared object file")
sys.meta_path.insert(0, BlockSpeech())
from jiangbei_reader.app import create_window
window = create_window(["--config-dir", sys.argv[1]])
aids = window.reading_aids
print(type(aids.read_aloud).__name__)
print(aids.read_aloud.speak_action.isEnabled())
print(aids.read_aloud.explanation.text())
print(window.router.current.route.kind.value)
"""


def test_reader_works_when_qt_speech_cannot_be_loaded(tmp_path: Path) -> None:
    kind, enabled, explanation, route = run_offscreen(BLOCK_SPEECH, str(tmp_path))
    assert kind == "SpeechUnavailable"
    assert enabled == "False"
    assert "libpulse0" in explanation and "espeak-ng" in explanation
    assert route == "article"


def test_idle_waits_again_after_each_read_aloud(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    """The timer stops while 朗读 speaks and restarts when it stops or pauses: every time."""
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    read_aloud = _mocked(aids(window).read_aloud)
    clock = FakeClock()
    idle = session.idle
    idle.policy = IdlePolicy(IdleTimeouts.from_config(session.config), clock=clock)
    wait_ms = session.config.article_idle_seconds * 1000 + 20
    assert window.step_article(1)
    idle.activity()
    assert idle.timer.isActive() and idle.timer.interval() == wait_ms

    for ending in ("stop", "pause", "stop"):
        read_aloud.start()
        assert read_aloud.state == "speaking"
        assert idle.policy.read_aloud
        assert not idle.timer.isActive()  # held: no reset can come while it reads
        clock.now += 10_000
        getattr(read_aloud, ending)()
        assert read_aloud.state != "speaking"
        # The watch learnt it at once (no poll by hand) and waits the full time again.
        assert not idle.policy.read_aloud
        assert idle.timer.isActive() and idle.timer.interval() == wait_ms
        read_aloud.stop()
        idle.activity()

    # Quiet after the last read-aloud: the timer brings the notice, then the reset.
    before = session.last_reset
    assert window.router.can_go_back
    clock.now += session.config.article_idle_seconds + 1
    idle.timer.start(0)  # its wait is over (the fake clock moved, real time did not)
    qtbot.waitUntil(idle.notice.isVisible, timeout=2000)
    assert window.router.can_go_back  # the notice first, nothing reset yet
    clock.now += session.config.countdown_seconds
    # The notice's own tick (at most a second of real time) finds the countdown over.
    qtbot.waitUntil(lambda: session.last_reset is not before, timeout=3000)
    assert session.last_reset is not None and session.last_reset.ok
    assert not window.router.can_go_back
    assert not idle.notice.isVisible()
