"""Qt's speech engine, loaded on first use, and its Mandarin voice.

Nothing here runs at start-up: ``speech_module`` imports PySide6.QtTextToSpeech
(which loads QtMultimedia) when 「朗读」 is first pressed.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from jiangbei_reader.core.voices import VoiceChoice, VoiceInfo, choose_voice

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice


def speech_module() -> ModuleType:
    """Qt's speech module, imported now (raises ImportError when it cannot be loaded)."""
    # Imported here, on first use: the module loads QtMultimedia (start-up time).
    import PySide6.QtTextToSpeech as module

    return module


def engine_voices(tts: QTextToSpeech) -> list[tuple[VoiceInfo, QLocale, QVoice]]:
    """Every voice of every locale the engine offers."""
    found = []
    engine = tts.engine()
    for locale in tts.availableLocales():
        tts.setLocale(locale)
        for voice in tts.availableVoices():
            found.append((VoiceInfo(voice.name(), voice.locale().name(), engine), locale, voice))
    return found


def choose_engine_voice(tts: QTextToSpeech) -> VoiceChoice:
    """The Mandarin voice of ``tts``, set on it when there is one."""
    voices = engine_voices(tts)
    choice = choose_voice([info for info, _, _ in voices], type(tts).availableEngines())
    for info, locale, voice in voices:
        if info == choice.voice:
            tts.setLocale(locale)
            tts.setVoice(voice)
    return choice
