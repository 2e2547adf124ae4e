"""Choosing a Mandarin voice from what the text-to-speech engines offer, Qt-free.

The UI lists every voice of every engine (name, locale name, engine) and asks
:func:`choose_voice`; it never guesses itself. Preference, best first:

1. eSpeak NG's ``cmn-latn-pinyin`` voice — through speech-dispatcher it is called
   ``Chinese (Mandarin, latin as Pinyin)`` and Qt gives it the locale ``C``, because
   Qt has no locale for ``cmn``. eSpeak's plain ``cmn`` voice spells every character
   missing from its dictionary (年, 日, 亿 …) as pinyin read in English; the pinyin
   voice reads that pinyin as Mandarin.
2. Any other Mandarin voice for mainland China: ``zh_CN``, ``cmn``, ``zh-Hans``.
3. Any other ``zh`` voice (``zh_TW`` before ``zh_HK``, which is often Cantonese).

Voices of Qt's ``mock`` engine are test doubles and never chosen. Within one rank a
base voice wins over an eSpeak variant (``…+Adam``), then the engine's own order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

#: Qt's test engine: its voices speak nothing.
MOCK_ENGINE = "mock"
#: What to install on Debian/Ubuntu for a Mandarin voice.
INSTALL_COMMAND = "sudo apt-get install speech-dispatcher espeak-ng"
PINYIN_VOICE = "Chinese (Mandarin, latin as Pinyin)"

_INSTALL_HINT = (
    f"请安装语音合成软件：{INSTALL_COMMAND}，然后重新打开阅读器；"
    f"阅读器会自动选用 espeak-ng 的普通话语音「{PINYIN_VOICE}」（cmn-latn-pinyin）。"
)


class VoiceInfo(NamedTuple):
    """A voice as an engine describes it (from ``QVoice.name()`` and ``QVoice.locale().name()``)."""

    name: str
    #: Locale or language name: ``zh_CN``, ``cmn-LATN-PINYIN``, ``C`` …
    locale: str
    engine: str = ""


class VoiceChoice(NamedTuple):
    """The voice to read with, or ``None``, and a sentence for the reader saying why."""

    voice: VoiceInfo | None
    #: Chinese; shown beside the read-aloud button (on the disabled button when ``voice`` is None).
    explanation: str

    @property
    def available(self) -> bool:
        """True when there is a voice to read with."""
        return self.voice is not None

    @property
    def summary(self) -> str:
        """The explanation's first sentence, short enough for one line beside the button."""
        return self.explanation.split("。", 1)[0]


def _norm(text: str) -> str:
    return re.sub(r"[\s_()（）]+", "-", text.strip().lower())


def _rank(voice: VoiceInfo) -> int | None:
    """0 is best; ``None`` for a voice that does not speak Mandarin."""
    name, locale = _norm(voice.name), _norm(voice.locale)
    if "cmn-latn-pinyin" in (name, locale) or "latin-as-pinyin" in name:
        return 0
    language, _, region = locale.partition("-")
    if language == "cmn" or "mandarin" in name:
        return 1
    if language == "zh":
        if region in ("cn", "hans", "hans-cn", "sg", ""):
            return 1
        return 2 if region in ("tw", "hant", "hant-tw") else 3
    return None


def _as_voice(item: VoiceInfo | Sequence[str]) -> VoiceInfo:
    if isinstance(item, VoiceInfo):
        return item
    fields = tuple(item)
    if len(fields) not in (2, 3) or not all(isinstance(f, str) for f in fields):
        raise ValueError(f"not a voice description: {item!r} (expected name, locale[, engine])")
    return VoiceInfo(*fields)


def choose_voice(
    voices: Iterable[VoiceInfo | Sequence[str]], engines: Sequence[str] | None = None
) -> VoiceChoice:
    """The best Mandarin voice among ``voices``, or ``None`` with what to install.

    ``engines`` (``QTextToSpeech.availableEngines()``), when given, lets the
    explanation tell "no speech engine at all" from "no Chinese voice".
    """
    candidates: list[tuple[int, bool, int, VoiceInfo]] = []
    for order, item in enumerate(voices):
        voice = _as_voice(item)
        if voice.engine == MOCK_ENGINE:
            continue
        rank = _rank(voice)
        if rank is not None:
            candidates.append((rank, "+" in voice.name, order, voice))
    if candidates:
        rank, _, _, voice = min(candidates, key=lambda c: c[:3])
        return VoiceChoice(voice, _chosen_text(voice, rank))
    real_engines = [e for e in engines or () if e != MOCK_ENGINE]
    if engines is not None and not real_engines:
        return VoiceChoice(None, "朗读不可用：本机没有语音合成引擎。" + _INSTALL_HINT)
    return VoiceChoice(None, "朗读不可用：没有找到普通话（中文）语音。" + _INSTALL_HINT)


def engine_failed(engine: str, detail: str = "") -> VoiceChoice:
    """No voice because the engine ``engine`` is listed but cannot start (``detail``: Qt's why).

    Not the same as "no Mandarin voice": installing a voice would not help, the engine
    itself (speech-dispatcher …) has to work first.
    """
    why = f"出错原因：{detail}。" if detail else ""
    return VoiceChoice(
        None,
        f"朗读不可用：语音引擎 {engine} 无法启动。{why}"
        f"请检查语音合成软件是否装好：{INSTALL_COMMAND}，"
        "如已安装，可在终端运行 spd-say 你好 试试，然后重新打开阅读器。",
    )


def _chosen_text(voice: VoiceInfo, rank: int) -> str:
    where = f"（{voice.engine}）" if voice.engine else ""
    text = f"朗读语音：{voice.name}{where}"
    if rank == 1 and "latin-as-english" in _norm(voice.name):
        text += f"。这个语音会把部分汉字读成英文拼读，建议改用「{PINYIN_VOICE}」"
    elif rank == 3:
        text += "。这个语音可能是粤语；" + _INSTALL_HINT
    return text
