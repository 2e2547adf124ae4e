"""Choosing a Mandarin voice, and the explanation when there is none."""

import pytest

from jiangbei_reader.core.voices import INSTALL_COMMAND, VoiceInfo, choose_voice

# What this machine's speech-dispatcher + espeak-ng report through Qt (see docs/read-aloud.md).
SPEECHD = [
    ("Bishnupriya Manipuri", "C", "speechd"),
    ("Chinese (Mandarin, latin as English)", "C", "speechd"),
    ("Chinese (Mandarin, latin as English)+Adam", "C", "speechd"),
    ("Chinese (Mandarin, latin as Pinyin)+Adam", "C", "speechd"),
    ("Chinese (Mandarin, latin as Pinyin)", "C", "speechd"),
    ("Hakka Chinese", "C", "speechd"),
    ("Chinese (Cantonese)", "yue_HK", "speechd"),
    ("English (Great Britain)", "en_GB", "speechd"),
]
MOCK = [("Bob", "en_GB", "mock"), ("Anne", "en_GB", "mock"), ("Charly", "en_US", "mock")]


def test_prefers_the_espeak_pinyin_voice_over_its_variants_and_plain_cmn():
    choice = choose_voice(SPEECHD, engines=["speechd", "mock"])
    assert choice.available
    assert choice.voice == VoiceInfo("Chinese (Mandarin, latin as Pinyin)", "C", "speechd")
    assert "Chinese (Mandarin, latin as Pinyin)" in choice.explanation


def test_pinyin_voice_is_found_by_its_language_code_too():
    voices = [("zh-voice", "zh_CN", "other"), ("espeak", "cmn-LATN-PINYIN", "speechd")]
    assert choose_voice(voices).voice.name == "espeak"


def test_then_any_mainland_mandarin_voice_in_engine_order():
    voices = [("Alice", "en_US", "x"), ("Tingting", "zh_CN", "x"), ("Meijia", "zh_TW", "x")]
    assert choose_voice(voices).voice.name == "Tingting"
    assert choose_voice([("cmn", "cmn", "speechd"), ("Ting", "zh_CN", "x")]).voice.name == "cmn"


def test_espeak_latin_as_english_is_used_with_a_hint():
    choice = choose_voice(SPEECHD[:3])
    assert choice.voice.name == "Chinese (Mandarin, latin as English)"
    assert "latin as Pinyin" in choice.explanation


def test_then_other_chinese_taiwan_before_hong_kong():
    voices = [("Sinji", "zh_HK", "x"), ("Meijia", "zh_TW", "x")]
    assert choose_voice(voices).voice.name == "Meijia"
    hk = choose_voice([("Sinji", "zh_HK", "x")])
    assert hk.voice.name == "Sinji" and "粤语" in hk.explanation


@pytest.mark.parametrize(
    "voices",
    [
        [],
        MOCK,
        [("Chinese (Cantonese)", "yue_HK", "speechd"), ("Hakka Chinese", "C", "speechd")],
        [("English", "en_GB", "speechd")],
    ],
)
def test_no_mandarin_voice_explains_what_to_install(voices):
    choice = choose_voice(voices, engines=["speechd", "mock"])
    assert choice.voice is None and not choice.available
    assert "没有找到普通话" in choice.explanation
    assert INSTALL_COMMAND in choice.explanation
    assert "cmn-latn-pinyin" in choice.explanation


@pytest.mark.parametrize("engines", [[], ["mock"]])
def test_no_engine_at_all_says_so(engines):
    choice = choose_voice(MOCK, engines=engines)
    assert choice.voice is None
    assert "没有语音合成引擎" in choice.explanation
    assert "sudo apt-get install speech-dispatcher espeak-ng" in choice.explanation


def test_mock_voices_are_never_chosen_even_if_chinese():
    assert choose_voice([("Fake", "zh_CN", "mock")]).voice is None


def test_bad_voice_description_is_a_clear_error():
    with pytest.raises(ValueError, match="not a voice description"):
        choose_voice([("only-a-name",)])
