"""Pinyin: full pinyin and initials suggest and find the archive's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search.vocab import (
    WORDS_PER_EDITION,
    edition_words,
    fast_pinyin,
    is_pinyin,
    recurring_ngrams,
    word_pinyin,
)

from .conftest import BUNDLED, IndexFactory, write


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


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("zhuanjingtexin", "专精特新"),
        ("zjtx", "专精特新"),
        ("nishui", "溺水"),
        ("chongqing", "重庆"),
        ("cq", "重庆"),
        ("rongmeiti", "融媒体中心"),
    ],
)
def test_frequent_body_words_are_in_the_vocabulary(bundled_index, typed, word):
    # These recur in the bundled edition's body text, not (only) in its headlines.
    assert word in [s.text for s in bundled_index.suggest(typed, 10)]
    results = bundled_index.search(typed)
    assert results.hits and word in results.pinyin_words


def test_pinyin_with_spaces_finds_what_pinyin_without_finds(bundled_index):
    together = bundled_index.search("jiangbei", limit=50)
    for typed in ("jiang bei", "jiang'bei", "Jiang Bei"):
        apart = bundled_index.search(typed, limit=50)
        assert [h.article_id for h in apart.hits] == [h.article_id for h in together.hits]
        assert apart.pinyin_words == together.pinyin_words
    assert bundled_index.search("zhuan jing te xin").pinyin_words == ("专精特新",)


@pytest.mark.parametrize("typed", ["lvse", "lüse", "lu:se", "LÜSE", "lǜse"])
def test_u_umlaut_is_typed_as_v_u_colon_or_itself(bundled_index, typed):
    assert "绿色" in [s.text for s in bundled_index.suggest(typed, 10)]


def test_fragments_of_longer_recurring_runs_are_not_words():
    edition = Library([BUNDLED]).edition("2023-07-13")
    assert edition is not None
    words = edition_words(edition)
    for fragment in ("专精特", "精特新", "精特", "北嘴", "级绿色园", "绿色园", "江北嘴江"):
        assert fragment not in words
    for word in ("专精特新", "江北嘴", "江北区", "溺水", "重庆", "绿色园区"):
        assert words[word][0] == "word"


def test_recurring_ngrams_counts_and_drops_fragments():
    text = "专精特新企业。专精特新企业，专精特新。江北嘴、江北嘴。江北区"
    counts = recurring_ngrams(text)
    assert counts["专精特新"] == 3 and counts["江北嘴"] == 2
    assert "专精特" not in counts and "特新" not in counts
    assert recurring_ngrams("") == {} and recurring_ngrams("abc 123") == {}


def test_the_vocabulary_of_an_edition_is_bounded(tmp_path: Path):
    from jiangbei_reader.core.library import load_edition_file
    from jiangbei_reader.core.synthetic import write_archive

    (path,) = write_archive(tmp_path / "ed", 1)
    edition = load_edition_file(path).edition
    assert edition is not None
    words = edition_words(edition)
    assert sum(kind == "word" for kind, _ in words.values()) <= WORDS_PER_EDITION
