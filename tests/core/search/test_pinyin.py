"""Pinyin: full pinyin and initials suggest and find the archive's words."""

from __future__ import annotations

from pathlib import Path

from jiangbei_reader.core.search.vocab import fast_pinyin, is_pinyin, word_pinyin

from .conftest import IndexFactory, write


def test_full_pinyin_and_initials_suggest_jiangbei_words(bundled_index):
    words = [s.text for s in bundled_index.suggest("jiangbei", 10)]
    assert "江北区" in words and "江北嘴" in words
    assert "江北区" in [s.text for s in bundled_index.suggest("jbq")]
    assert "江北嘴" in [s.text for s in bundled_index.suggest("jbz")]
    assert "江北嘴" in [s.text for s in bundled_index.suggest("Jiang Bei Zui")]


def test_suggestions_carry_pinyin_and_kind(bundled_index):
    suggestion = next(s for s in bundled_index.suggest("jbz") if s.text == "江北嘴")
    assert suggestion.pinyin == "jiang bei zui"
    assert suggestion.kind == "word" and suggestion.weight >= 2


def test_chinese_prefix_suggests_words_and_headlines(bundled_index):
    assert "江北嘴" in [s.text for s in bundled_index.suggest("江北", 20)]
    kinds = {s.kind for s in bundled_index.suggest("鹞子丘", 5)}
    assert "headline" in kinds


def test_byline_names_are_suggested(bundled_index):
    assert "黄丽丽" in [s.text for s in bundled_index.suggest("hll")]


def test_pinyin_query_finds_articles_when_nothing_matches_as_typed(bundled_index):
    results = bundled_index.search("jiangbeizui")
    assert results.hits
    assert "江北嘴" in results.pinyin_words
    assert any("拼音" in n for n in results.notices)
    assert all(h.snippet_spans for h in results.hits)


def test_empty_result_suggests_pinyin_alternatives(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("江北嘴江北嘴", "江北嘴，江北嘴。")]})
    index = make_index(folder)
    results = index.search("jbz -江北嘴")
    assert results.hits == ()
    assert "江北嘴" in [s.text for s in results.alternatives]


def test_suggest_handles_odd_input(bundled_index):
    for text in ("", " ", "'", "😀", "x" * 10_000, "%", "_"):
        assert isinstance(bundled_index.suggest(text), list)
    assert bundled_index.suggest("jbz", 0) == []


def test_pinyin_helpers():
    assert word_pinyin("重庆") == ("chong qing", "cq")
    assert fast_pinyin("江北区2023年") == ("jiang bei qu 2023 nian", "jbq2n")
    assert is_pinyin("jiang bei") and not is_pinyin("江北") and not is_pinyin("4.6")


def test_alternatives_offer_the_simplified_form(bundled_index):
    alternatives = bundled_index.alternatives("江北區廣告")
    assert alternatives[0].text == "江北区广告" and alternatives[0].kind == "simplified"


def test_highlight_marks_hits_in_any_text(bundled_index):
    text = "每年为江北嘴区域，投资 4.6 亿元。"
    spans = bundled_index.highlight("江北嘴 4.6亿元", text)
    assert [text[s:e] for s, e in spans] == ["江北嘴", "4.6 亿元"]
    assert bundled_index.highlight("-江北嘴", text) == []


def test_name_fragments_that_overrun_a_name_are_not_suggested(bundled_index):
    words = [s.text for s in bundled_index.suggest("jiangbeizui", 10)]
    assert words == ["江北嘴"]
