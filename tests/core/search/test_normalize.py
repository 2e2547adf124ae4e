"""Normalisation: identical folding of text and queries, artefact whitespace, offset map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.search.normalize import (
    HARD,
    SOFT,
    chunks,
    fold,
    index_tokens,
    may_fold_to,
    normalize,
    normalize_parts,
    normalize_query_text,
    normalized_plain,
)

#: Characters newspaper text is made of, plus the awkward ones.
TEXTISH = st.lists(
    st.sampled_from(
        [
            *"江北区专精特新中小企业亿元万吨嘴百姓望",
            *"hua LEDabcXYZ0123456789.,%",
            *"，。、“”（）！？ \n\t\u3000ＡＢ１２ßé\u0301\u200b😀ﬁ①",
        ]
    ),
    max_size=40,
).map("".join)


def test_line_break_inside_a_word_is_ignored():
    assert normalize("专\n精特新").text == "专精特新"


def test_space_between_digit_and_chinese_is_ignored():
    assert normalize("投资 4.6 亿元").text == "投资4.6亿元"
    assert normalize_query_text("4.6亿元") == ["4.6亿元"]


def test_space_between_latin_and_chinese_is_ignored():
    assert normalize("百姓 hua望江").text == "百姓hua望江"


def test_space_between_latin_words_is_a_soft_gap():
    assert normalize("LED lights").text == f"led{SOFT}lights"


def test_punctuation_is_a_hard_break():
    assert normalize("江北嘴。专精特新").text == f"江北嘴{HARD}专精特新"
    assert normalize_query_text("江北嘴。专精特新") == ["江北嘴", "专精特新"]


def test_full_width_and_case_fold():
    assert fold("ＡＢＣ１２３") == "abc123"
    assert normalize("ＬＥＤ灯").text == "led灯"


def test_diacritics_and_invisible_characters_are_dropped():
    assert normalize("cafe\u0301 caf\u00e9").text == f"cafe{SOFT}cafe"
    assert normalize("江\u200b北").text == "江北"


def test_offset_map_points_at_the_original_characters():
    text = "投资 4.6 亿元，江北嘴"
    normalized = normalize(text)
    start = normalized.text.index("4.6亿元")
    span = normalized.original_span(start, start + len("4.6亿元"))
    assert text[span[0] : span[1]] == "4.6 亿元"


def test_parts_never_join_and_offsets_count_the_joiner():
    parts = ["标题", "正文第一段"]
    normalized = normalize_parts(parts, "\n")
    assert normalized.text == f"标题{HARD}正文第一段"
    start = normalized.text.index("正文")
    assert normalized.original_span(start, start + 2) == (3, 5)


def test_index_tokens_are_bigrams_with_soft_end_markers():
    assert index_tokens(["江北嘴"]) == "江北 北嘴"
    assert index_tokens(["江"]) == "江"
    assert index_tokens(["led l"]).split() == ["le", "ed", "d\ue001", "l"]


@given(TEXTISH, st.data())
def test_a_substring_normalises_to_pieces_of_the_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    normalized = normalize(text).text
    for piece in normalize_query_text(text[start:end]):
        assert piece in normalized


@given(TEXTISH)
def test_every_normalised_character_maps_into_the_original(text):
    normalized = normalize(text)
    assert len(normalized.starts) == len(normalized.text) == len(normalized.ends)
    for i, char in enumerate(normalized.text):
        start, end = normalized.original_span(i, i + 1)
        assert 0 <= start <= end <= len(text)
        if char not in (SOFT, HARD):
            assert char in fold(text[start:end])


def _reference_map(parts: list[str], joiner: str) -> tuple[str, list[int], list[int]]:
    """The offset map one character at a time (the simple way the segments replace)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    base = 0
    separator = ""
    for part in parts:
        folded = fold(part)
        origin = [base + i for i, char in enumerate(part) for _ in fold(char)]
        for chunk in chunks(folded):
            if out:
                out.append(separator)
                starts.append(ends[-1])
                ends.append(ends[-1])
            for start, end in chunk.pieces:
                out.append(folded[start:end])
                starts.extend(origin[start:end])
                ends.extend(o + 1 for o in origin[start:end])
            separator = SOFT if chunk.soft_after else HARD
        separator = HARD
        base += len(part) + len(joiner)
    return "".join(out), starts, ends


@given(st.lists(TEXTISH, max_size=4))
def test_segment_map_equals_the_character_by_character_map(parts):
    normalized = normalize_parts(parts, "\n")
    text, starts, ends = _reference_map(parts, "\n")
    assert normalized.text == text
    assert list(normalized.starts) == starts
    assert list(normalized.ends) == ends
    assert normalized_plain(parts) == HARD.join(p for p in (normalize(x).text for x in parts) if p)


@given(TEXTISH, TEXTISH)
def test_may_fold_to_never_says_no_to_what_folding_makes(text, other):
    # Snippets skip the paragraphs it says no to: a "no" must be true.
    for chars in (fold(other), fold(text)[: len(other)], fold(text)):
        if all(char in fold(text) for char in chars):
            assert may_fold_to(text, chars)
    assert may_fold_to("江北ＡＢ", "ab江") and not may_fold_to("江北", "嘴")


@given(TEXTISH, st.data())
def test_hits_in_a_one_for_one_fold_are_the_normalised_texts_hits(text, data):
    from jiangbei_reader.core.search.normalize import one_for_one_fold
    from jiangbei_reader.core.search.query import parse_query

    plain = "".join(c for c in text if not c.isspace())
    start = data.draw(st.integers(0, len(plain)))
    end = data.draw(st.integers(start, len(plain)))
    query = parse_query(plain[start:end] or "江", lambda s: s)
    folded = one_for_one_fold(plain)
    if folded is None:
        return  # normalised the general way (astral, or folding to more or fewer)
    assert len(folded) == len(plain)
    assert query.folded_spans(folded) == query.spans(normalize(plain))
