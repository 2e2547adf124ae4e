"""朗读 on Qt's mock engine in the real window: order, highlighting, pause/resume/stop, rate, no voice."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QTextCursor
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QToolButton

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.core.settings import SettingsStore
from jiangbei_reader.core.speech import Part
from jiangbei_reader.core.voices import VoiceChoice, VoiceInfo, choose_voice
from jiangbei_reader.ui.read_aloud import ReadAloud
from jiangbei_reader.ui.window import ReaderWindow
from tests.helpers.editions import JUMP_PAIR, write_edition

# Autouse: puts the application's font, palette and style sheet back after each test.
from tests.ui.aids_helpers import (
    OFFSCREEN_SHOW,
    aids,
    clipped_controls,
    open_reader,
    restore_application_look,  # noqa: F401
    run_offscreen,
    settle,
)

pytestmark = OFFSCREEN_SHOW

MOCK_VOICE = VoiceChoice(VoiceInfo("测试普通话", "zh_CN", "mock"), "用测试语音朗读")


def _mock(read_aloud: ReadAloud) -> None:
    read_aloud.use_engine(lambda: QTextToSpeech("mock"), lambda tts: MOCK_VOICE, ["mock"])


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> ReaderWindow:
    shown = open_reader(qtbot, tmp_path)
    _mock(aids(shown).read_aloud)
    return shown


def _highlighted(window: ReaderWindow) -> str:
    selections = window.view.extraSelections()
    assert len(selections) == 1
    return selections[0].cursor.selectedText()


def _story_article(window: ReaderWindow) -> str:
    """An article of the bundled edition printed across pages (with a continuation)."""
    edition = window.library.edition(window.library.newest.key)  # type: ignore[union-attr]
    assert edition is not None
    for page in edition.pages:
        for article in page.articles:
            story = edition.story(article.id)
            if story is not None and len(story.fragments) > 1:
                return article.id
    pytest.fail("the bundled edition has no story printed across pages")


def test_reads_heading_then_body_and_highlights_each_sentence(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    read_aloud = aids(window).read_aloud
    seen: list[int] = []
    texts: list[str] = []

    def on_sentence(index: int) -> None:
        seen.append(index)
        if index >= 0:
            texts.append(_highlighted(window))

    read_aloud.sentence_changed.connect(on_sentence)
    assert read_aloud.button.isEnabled()
    read_aloud.button.click()
    assert read_aloud.state == "speaking"
    assert read_aloud.bar.isVisible()
    utterances = read_aloud.utterances
    assert utterances[0].part in (Part.KICKER, Part.HEADLINE)
    assert any(u.part is Part.PARAGRAPH for u in utterances)
    qtbot.waitUntil(lambda: read_aloud.state == "idle", timeout=60_000)
    assert seen == [*range(len(utterances)), -1]
    assert texts == [u.text for u in utterances]
    assert window.view.extraSelections() == []
    assert not read_aloud.bar.isVisible()


def test_the_spoken_sentence_is_kept_in_view(qtbot: QtBot, window: ReaderWindow) -> None:
    read_aloud = aids(window).read_aloud
    view = window.view
    read_aloud.start()
    last = len(read_aloud.utterances) - 1
    qtbot.waitUntil(lambda: read_aloud.index == last, timeout=60_000)
    assert view.verticalScrollBar().value() > 0
    selections = view.extraSelections()  # the cursor lives as long as this list
    rect = view.cursorRect(QTextCursor(selections[0].cursor))
    assert 0 <= rect.top() and rect.bottom() <= view.viewport().height()
    read_aloud.stop()


def test_pause_resume_and_stop(qtbot: QtBot, window: ReaderWindow) -> None:
    read_aloud = aids(window).read_aloud
    states: list[str] = []
    read_aloud.state_changed.connect(states.append)
    read_aloud.start()
    qtbot.waitUntil(lambda: read_aloud.index >= 1, timeout=10_000)
    read_aloud.pause_action.trigger()
    assert read_aloud.state == "paused"
    assert read_aloud.pause_action.text() == "继续"
    held = read_aloud.index
    qtbot.wait(500)
    assert read_aloud.index == held
    read_aloud.pause_action.trigger()
    assert read_aloud.state == "speaking"
    qtbot.waitUntil(lambda: read_aloud.index > held, timeout=10_000)
    read_aloud.stop_action.trigger()
    assert read_aloud.state == "idle"
    assert window.view.extraSelections() == []
    assert read_aloud.tts is not None
    assert read_aloud.tts.state() is not QTextToSpeech.State.Speaking
    assert states == ["speaking", "paused", "speaking", "idle"]


def test_going_to_another_article_stops_reading(qtbot: QtBot, window: ReaderWindow) -> None:
    read_aloud = aids(window).read_aloud
    read_aloud.start()
    assert read_aloud.state == "speaking"
    window.step_article(1)
    assert read_aloud.state == "idle"
    assert window.view.extraSelections() == []


def test_whole_story_reads_the_continuation_and_finds_every_sentence(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # A synthetic edition (tests/helpers) with a story continued on another page.
    shown = open_reader(qtbot, tmp_path / "config", write_edition_folder(tmp_path / "editions"))
    read_aloud = aids(shown).read_aloud
    _mock(read_aloud)
    article_id = _story_article(shown)
    shown.set_whole_story(True)
    shown.navigate(Route.article(article_id))
    utterances = read_aloud.sentences_for_current()
    assert len({u.fragment for u in utterances}) > 1
    assert len({u.article_id for u in utterances}) > 1
    read_aloud.utterances = utterances
    text = shown.view.document().toPlainText()
    for utterance in utterances:
        found = read_aloud.sentence_range(utterance)
        assert found is not None, utterance.text
        assert text[found[0] : found[1]] == utterance.text
    read_aloud.start()
    qtbot.waitUntil(lambda: read_aloud.state == "idle", timeout=60_000)
    shown.set_whole_story(False)
    shown.navigate(Route.article(article_id))
    assert {u.fragment for u in read_aloud.sentences_for_current()} == {0}


def write_edition_folder(folder: Path) -> Path:
    """A folder holding the synthetic JUMP_PAIR edition."""
    folder.mkdir(parents=True)
    write_edition(folder, JUMP_PAIR)
    return folder


def test_rate_is_clamped_applied_and_remembered(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    read_aloud = aids(window).read_aloud
    read_aloud.start()
    for _ in range(8):
        read_aloud.faster_action.trigger()
    assert read_aloud.rate == 5
    assert not read_aloud.faster_action.isEnabled()
    assert read_aloud.tts is not None and read_aloud.tts.rate() == pytest.approx(1.0)
    read_aloud.slower_action.trigger()
    assert read_aloud.tts.rate() == pytest.approx(0.8)
    assert SettingsStore(tmp_path).load().preferences.speech_rate == 4
    read_aloud.stop()


def test_no_engine_disables_the_button_and_says_what_to_install(window: ReaderWindow) -> None:
    read_aloud = aids(window).read_aloud
    read_aloud.use_engine(engines=["mock"])  # the real factory, and only Qt's mock engine
    assert not read_aloud.button.isEnabled()
    assert read_aloud.bar.isVisible()
    assert read_aloud.explanation.isVisible()
    assert read_aloud.explanation.summary.text() == "朗读不可用：本机没有语音合成引擎"
    assert "没有语音合成引擎" in read_aloud.explanation.text()
    assert "apt-get install" in read_aloud.explanation.text()
    assert read_aloud.button.toolTip() == read_aloud.explanation.text()


def test_no_chinese_voice_disables_the_button_on_first_press(window: ReaderWindow) -> None:
    read_aloud = aids(window).read_aloud
    no_voice = choose_voice([VoiceInfo("English", "en_US", "speechd")], ["speechd"])
    read_aloud.use_engine(lambda: QTextToSpeech("mock"), lambda tts: no_voice, ["speechd"])
    assert read_aloud.button.isEnabled()
    read_aloud.button.click()
    assert read_aloud.state == "idle"
    assert not read_aloud.button.isEnabled()
    assert read_aloud.explanation.isVisible()
    assert "普通话" in read_aloud.explanation.text()


@pytest.mark.qt_log_ignore(
    r'Text-to-speech plug-in "no-such-engine" is not supported',
    r"^This plugin does not support propagateSizeHints\(\)$",
)
def test_an_engine_that_fails_to_start_is_not_called_a_missing_voice(
    window: ReaderWindow,
) -> None:
    read_aloud = aids(window).read_aloud
    # Listed (like speechd without a working speech-dispatcher) but failing to load.
    read_aloud.use_engine(lambda: QTextToSpeech("no-such-engine"), engines=["speechd"])
    assert read_aloud.button.isEnabled()  # not known before the first press
    read_aloud.button.click()
    assert not read_aloud.button.isEnabled()
    assert read_aloud.explanation.isVisible()
    summary = read_aloud.explanation.summary.text()
    assert "无法启动" in summary and "普通话" not in summary
    assert "no-such-engine" in read_aloud.explanation.text()
    assert "普通话" not in read_aloud.explanation.text()


def test_a_speech_module_that_cannot_be_loaded_is_found_out_on_first_press(
    window: ReaderWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_aloud = aids(window).read_aloud
    read_aloud.use_engine()  # the real engine, decided on the first press

    def broken() -> object:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr("jiangbei_reader.ui.read_aloud.speech_module", broken)
    assert read_aloud.button.isEnabled()
    read_aloud.button.click()
    assert not read_aloud.button.isEnabled()
    assert read_aloud.explanation.isVisible()
    assert "语音模块" in read_aloud.explanation.summary.text()
    assert "libpulse0" in read_aloud.explanation.text()


def test_the_how_to_install_button_shows_the_whole_explanation(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    read_aloud = aids(window).read_aloud
    read_aloud.use_engine(engines=["mock"])
    hint = read_aloud.explanation
    assert not hint.summary.wordWrap()
    hint.how.click()
    assert hint.box is not None
    qtbot.waitUntil(hint.box.isVisible)
    assert hint.box.text() == hint.text()
    assert "apt-get install" in hint.box.text()
    hint.box.close()


START_UP = """
import sys
from jiangbei_reader.app import create_window
window = create_window(["--config-dir", sys.argv[1]])
print("PySide6.QtTextToSpeech" in sys.modules)
read_aloud = window.reading_aids.read_aloud
read_aloud.speak_action.trigger()
print("PySide6.QtTextToSpeech" in sys.modules)
"""


def test_qt_speech_is_loaded_on_the_first_press_not_at_start_up(tmp_path: Path) -> None:
    assert run_offscreen(START_UP, str(tmp_path)) == ["False", "True"]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_read_aloud_buttons_are_big_in_every_mode(
    qtbot: QtBot, window: ReaderWindow, elder: bool
) -> None:
    aids(window).elder.set_elder(elder)
    read_aloud = aids(window).read_aloud
    read_aloud.start()
    settle()
    assert read_aloud.bar.isVisible()
    buttons = [b for b in read_aloud.bar.findChildren(QToolButton) if b.isVisible()]
    names = {b.objectName() for b in buttons}
    assert {"button_read_pause", "button_read_stop"} <= names
    for button in buttons:
        if button.objectName() != "qt_toolbar_ext_button":
            assert min(button.width(), button.height()) >= 60, button.objectName()
    assert clipped_controls(window) == []
    read_aloud.stop()


def test_the_bar_is_made_on_the_first_press_not_at_start(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QToolBar

    shown = open_reader(qtbot, tmp_path)
    assert shown.findChild(QToolBar, "readAloudBar") is None
    read_aloud = aids(shown).read_aloud
    _mock(read_aloud)
    assert shown.findChild(QToolBar, "readAloudBar") is None  # still nothing to show
    read_aloud.button.click()
    qtbot.waitUntil(lambda: read_aloud.state == "speaking", timeout=5000)
    bar = shown.findChild(QToolBar, "readAloudBar")
    assert bar is read_aloud.bar and bar.isVisible()
    read_aloud.stop()
