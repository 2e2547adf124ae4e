"""朗读: reads the article shown aloud with QTextToSpeech, one sentence at a time.

Sentences come from core ``speech`` (引题, headline, 副题, body; the whole story in
全文连读), the words said from core ``spoken`` (numbers and dates in Mandarin), the
voice from core ``voices.choose_voice``. One ``say()`` per sentence, the next on
``stateChanged(Ready)`` (see docs/read-aloud.md for why not ``enqueue``). The sentence
being spoken is highlighted in the theme's read-aloud colours and kept in view.

Qt's speech module is imported, and the engine made, on the first press of 「朗读」,
never at start-up: the import loads QtMultimedia (about 100 ms), and a wedged
speech-dispatcher can block the engine's construction for a minute. So the button
starts enabled, and the first press finds out which of these it is, and says so:
the speech module cannot be loaded (libpulse0 missing), no engine at all, an engine
listed that fails to start, or an engine without a Mandarin voice. Then the button
is disabled and a one-line hint with a 「怎么安装」 button stays at the bottom.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QLabel, QTextEdit, QToolBar

from jiangbei_reader.core.navigation import RouteKind
from jiangbei_reader.core.themes import Theme
from jiangbei_reader.core.voices import (
    MOCK_ENGINE,
    VoiceChoice,
    choose_voice,
    engine_failed,
)
from jiangbei_reader.ui.speech_engine import choose_engine_voice, speech_module
from jiangbei_reader.ui.speech_unavailable import (
    SpeechHint,
    make_speech_bar,
    module_explanation,
    module_summary,
)
from jiangbei_reader.ui.window import ReaderWindow
from jiangbei_reader.ui.zoom import big_button

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

    from jiangbei_reader.core.speech import Utterance

log = logging.getLogger(__name__)

#: Makes the speech engine (``QTextToSpeech("mock")`` in tests).
EngineFactory = Callable[[], "QTextToSpeech"]
#: Picks the voice of an engine and says why (or what to install).
VoiceChooser = Callable[["QTextToSpeech"], VoiceChoice]

RATE_STEPS = 5
#: Read-aloud buttons are big in every mode, not only in 长辈版 (px, like the MIIT rule).
BUTTON_PX = 60


class ReadAloud(QObject):
    """The 朗读 button, the pause/stop/rate bar and the sentence highlight."""

    #: The sentence now being spoken: its index in :attr:`utterances` (-1 when done).
    sentence_changed = Signal(int)
    #: "idle", "speaking" or "paused".
    state_changed = Signal(str)

    def __init__(
        self,
        window: ReaderWindow,
        theme: Callable[[], Theme],
        engine_factory: EngineFactory | None = None,
        chooser: VoiceChooser | None = None,
        engines: Sequence[str] | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("readAloud")
        self.window = window
        self.theme = theme
        self.utterances: tuple[Utterance, ...] = ()
        self.index = -1
        self.state = "idle"
        self.rate = window.preferences.speech_rate
        self.tts: QTextToSpeech | None = None
        self.choice: VoiceChoice | None = None
        self._stopping = False
        self._search_from = 0
        self.speak_action = self._action("read_aloud", self.tr("朗读"), self.tr("朗读这篇文章"))
        self.pause_action = self._action("read_pause", self.tr("暂停"), self.tr("暂停或继续朗读"))
        self.pause_action.setCheckable(True)
        self.stop_action = self._action("read_stop", self.tr("停止"), self.tr("停止朗读"))
        self.slower_action = self._action("read_slower", self.tr("慢一点"), self.tr("朗读慢一点"))
        self.faster_action = self._action("read_faster", self.tr("快一点"), self.tr("朗读快一点"))
        self.button = big_button(self.speak_action, "button_readAloud")
        #: The toolbar's action for :attr:`button` (a toolbar widget is hidden through it).
        self.button_holder: QAction | None = None
        self._bar: tuple[QToolBar, SpeechHint, QLabel] | None = None
        self.speak_action.triggered.connect(self.start)
        self.pause_action.toggled.connect(self._on_pause_toggled)
        self.stop_action.triggered.connect(self.stop)
        self.slower_action.triggered.connect(lambda: self.set_rate(self.rate - 1))
        self.faster_action.triggered.connect(lambda: self.set_rate(self.rate + 1))
        window.route_changed.connect(self._on_route_changed)
        self.use_engine(engine_factory, chooser, engines)

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    @property
    def bar(self) -> QToolBar:
        """The bottom bar: pause, stop, speed and the hint (made when first shown)."""
        return self._parts()[0]

    @property
    def explanation(self) -> SpeechHint:
        """Why there is no reading aloud, on the bar."""
        return self._parts()[1]

    @property
    def rate_label(self) -> QLabel:
        """The speech rate, on the bar."""
        return self._parts()[2]

    def _parts(self) -> tuple[QToolBar, SpeechHint, QLabel]:
        # Not made at start-up: nobody sees the bar before the first 朗读 (~1 ms).
        if self._bar is None:
            self._bar = self._make_bar()
        return self._bar

    def _make_bar(self) -> tuple[QToolBar, SpeechHint, QLabel]:
        bar, hint = make_speech_bar(self.window)
        self._holders: dict[str, QAction] = {}
        for name, action in (
            ("pause", self.pause_action),
            ("stop", self.stop_action),
            ("slower", self.slower_action),
            ("faster", self.faster_action),
        ):
            button = big_button(action, f"button_read_{name}", bar)
            button.setMinimumSize(BUTTON_PX, BUTTON_PX)
            self._holders[name] = bar.addWidget(button)
        rate = QLabel(bar)
        rate.setObjectName("readAloudRate")
        self._holders["rate"] = bar.addWidget(rate)
        self._holders["explanation"] = bar.addWidget(hint)
        bar.setVisible(False)
        return bar, hint, rate

    # -- engine -------------------------------------------------------------------------

    def use_engine(
        self,
        engine_factory: EngineFactory | None = None,
        chooser: VoiceChooser | None = None,
        engines: Sequence[str] | None = None,
    ) -> None:
        """Which engine to make on the first 朗读 (tests pass the mock engine here).

        ``engines`` is the list of engine names; ``None`` asks Qt on the first press.
        """
        self.stop()
        self.tts = None
        self.choice = None
        self._factory = engine_factory
        self._chooser = chooser or choose_engine_voice
        self._engines = None if engines is None else list(engines)
        self.speak_action.setEnabled(True)
        self.speak_action.setToolTip(self.tr("朗读这篇文章"))
        self.button.setToolTip(self.tr("朗读这篇文章"))
        if self._engines is not None and not self._real_engines(self._engines):
            self._unavailable(choose_voice([], self._engines))
        else:
            self._show_bar(explaining=False)

    def _real_engines(self, engines: Sequence[str]) -> list[str]:
        # A factory handed in (a test's mock engine) counts as real.
        if self._factory is not None:
            return list(engines) or ["mock"]
        return [e for e in engines if e != MOCK_ENGINE]

    def _engine(self) -> QTextToSpeech | None:
        if self.tts is not None or self.choice is not None:
            return self.tts
        try:
            module = speech_module()
        except ImportError as exc:
            log.warning("朗读不可用: %s", exc)
            self._unavailable(VoiceChoice(None, module_explanation(str(exc))), module_summary())
            return None
        engines = (
            self._engines if self._engines is not None else module.QTextToSpeech.availableEngines()
        )
        real = self._real_engines(engines)
        if not real:
            self._unavailable(choose_voice([], engines))
            return None
        tts: QTextToSpeech = (self._factory or module.QTextToSpeech)()
        tts.setParent(self)
        if tts.state() is module.QTextToSpeech.State.Error:
            # Listed but broken (speechd without speech-dispatcher): not a voice problem.
            name = tts.engine() or real[0]
            log.warning("语音引擎 %s 无法启动: %s", name, tts.errorString())
            tts.deleteLater()
            self._unavailable(engine_failed(name, tts.errorString()))
            return None
        choice = self._chooser(tts)
        self.choice = choice
        if not choice.available:
            tts.deleteLater()
            self._unavailable(choice)
            return None
        tts.setRate(self.rate / RATE_STEPS)
        # Plain methods, not @Slot(QTextToSpeech.State): the module is not loaded at import.
        tts.stateChanged.connect(self._on_engine_state)
        tts.errorOccurred.connect(self._on_engine_error)
        self.tts = tts
        return self.tts

    def _unavailable(self, choice: VoiceChoice, summary: str | None = None) -> None:
        self.choice = choice
        self.speak_action.setEnabled(False)
        self.speak_action.setToolTip(choice.explanation)
        self.button.setToolTip(choice.explanation)
        self.explanation.set_text(summary or choice.summary, choice.explanation)
        self._show_bar(explaining=True)

    def _show_bar(self, *, explaining: bool) -> None:
        active = self.state != "idle"
        if self._bar is None and not (active or explaining):
            return  # hidden and never made: nothing to update
        self._parts()
        for name in ("pause", "stop", "slower", "faster", "rate"):
            self._holders[name].setVisible(active)
        self._holders["explanation"].setVisible(explaining)
        self.bar.setVisible(active or explaining)
        self.rate_label.setText(self.tr("语速 {0:+d}").format(self.rate))

    # -- reading ------------------------------------------------------------------------

    @property
    def is_speaking(self) -> bool:
        """True while a sentence is being read (not when paused or stopped)."""
        return self.state == "speaking"

    def sentences_for_current(self) -> tuple[Utterance, ...]:
        """The sentences of what the window shows: the article, or the whole story."""
        window = self.window
        current = window.router.current
        if current is None or current.route.kind is not RouteKind.ARTICLE:
            return ()
        edition = window.library.edition(current.route.edition_key or "")
        article = edition.article(current.route.target) if edition else None
        if edition is None or article is None:
            return ()
        # Sentence splitting and the words said (with Python-Markdown) load on the first press.
        from jiangbei_reader.core.speech import article_utterances, story_utterances

        story = edition.story(article.id) if window.whole_story else None
        if story is not None and len(story.fragments) + (not story.is_whole) > 1:
            return story_utterances(story)
        return article_utterances(article)

    @Slot()
    def start(self) -> None:
        """Read the article shown from its first sentence."""
        self.stop()
        utterances = self.sentences_for_current()
        if not utterances:
            self.window.statusBar().showMessage(self.tr("这里没有可以朗读的文章"), 5000)
            return
        tts = self._engine()
        if tts is None:
            return
        self.utterances = utterances
        self._search_from = 0
        self._set_state("speaking")
        self._say(0)

    def _say(self, index: int) -> None:
        if self.tts is None or index >= len(self.utterances):
            self._finish()
            return
        self.index = index
        self.highlight(self.utterances[index])
        self.sentence_changed.emit(index)
        self.tts.say(self.utterances[index].spoken)

    def _on_engine_state(self, state: QTextToSpeech.State) -> None:
        ready = type(state).Ready
        if state is ready and self.state == "speaking" and not self._stopping:
            self._say(self.index + 1)

    def _on_engine_error(self, reason: QTextToSpeech.ErrorReason, text: str) -> None:
        self.stop()
        self.window.statusBar().showMessage(self.tr("朗读出错：{0}").format(text), 8000)

    @Slot(bool)
    def _on_pause_toggled(self, paused: bool) -> None:
        if paused:
            self.pause()
        else:
            self.resume()

    def pause(self) -> None:
        """Pause after the current word; 继续 goes on from there."""
        if self.state == "speaking" and self.tts is not None:
            self._set_state("paused")
            self.tts.pause()

    def resume(self) -> None:
        """Go on after a pause."""
        if self.state == "paused" and self.tts is not None:
            self._set_state("speaking")
            if self.tts.state() is type(self.tts).State.Paused:
                self.tts.resume()
            else:  # the sentence ended while paused
                self._say(self.index + 1)

    @Slot()
    def stop(self) -> None:
        """Stop reading and remove the highlight (works from any state)."""
        if self.tts is not None and self.state != "idle":
            self._stopping = True
            self.tts.stop(type(self.tts).BoundaryHint.Immediate)
            self._stopping = False
        self._finish()

    def _finish(self) -> None:
        was_active = self.state != "idle"
        self.index = -1
        self.utterances = ()
        self._set_state("idle")
        if was_active:
            self.window.view.setExtraSelections([])
            self.sentence_changed.emit(-1)

    def _set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(state == "paused")
        self.pause_action.setText(self.tr("继续") if state == "paused" else self.tr("暂停"))
        self.pause_action.blockSignals(False)
        self._show_bar(explaining=self.choice is not None and not self.choice.available)
        self.state_changed.emit(state)

    def set_rate(self, rate: int) -> None:
        """Speech rate from -5 (slow) to 5 (fast); remembered."""
        self.rate = max(-RATE_STEPS, min(RATE_STEPS, rate))
        if self.tts is not None:
            self.tts.setRate(self.rate / RATE_STEPS)
        self.slower_action.setEnabled(self.rate > -RATE_STEPS)
        self.faster_action.setEnabled(self.rate < RATE_STEPS)
        self.rate_label.setText(self.tr("语速 {0:+d}").format(self.rate))
        window = self.window
        window.preferences = window.preferences.replace(speech_rate=self.rate)
        if window.store is not None:
            window.store.save(window.preferences)

    @Slot(object)
    def _on_route_changed(self, _route: object) -> None:
        self.stop()

    # -- highlight ----------------------------------------------------------------------

    def sentence_range(self, utterance: Utterance) -> tuple[int, int] | None:
        """Where the sentence is in the view's plain text, searching on from the last one."""
        document = self.window.view.document()
        block = document.findBlock(self._search_from)
        while block.isValid():
            text = block.text()
            if utterance.source and text.endswith(utterance.source):
                offset = block.position() + len(text) - len(utterance.source)
                self._search_from = block.position()
                return offset + utterance.start, offset + utterance.end
            block = block.next()
        return None

    def highlight(self, utterance: Utterance) -> None:
        """Mark the sentence in the theme's read-aloud colours and scroll it into view."""
        view = self.window.view
        found = self.sentence_range(utterance)
        if found is None:
            view.setExtraSelections([])
            return
        start, end = found
        # Imported here: PySide6 makes QTextCursor's enums when the name is first
        # fetched, which the start need not pay.
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        theme = self.theme()
        selection.format.setBackground(QColor(theme.read_aloud_bg))
        selection.format.setForeground(QColor(theme.read_aloud_text))
        view.setExtraSelections([selection])
        self._keep_in_view(start, end)

    def _keep_in_view(self, start: int, end: int) -> None:
        from PySide6.QtGui import QTextCursor  # imported here: see highlight()

        view = self.window.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        top = view.cursorRect(cursor)
        cursor.setPosition(end)
        bottom = view.cursorRect(cursor)
        height = view.viewport().height()
        if top.top() < 0 or bottom.bottom() > height:
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + top.top() - height // 4)
