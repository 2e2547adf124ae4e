"""The query language: AND terms, "phrases", -exclusions; no input breaks it."""

from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.search.normalize import SOFT
from jiangbei_reader.core.search.partitions import ensure_partition, partition_of
from jiangbei_reader.core.search.query import MAX_QUERY_CHARS, parse_query, split_terms
from jiangbei_reader.core.search.store import create_schema
from jiangbei_reader.core.search.variants import to_simplified


def test_terms_separated_by_spaces_are_all_required():
    query = parse_query("专精特新 江北嘴")
    assert [t.raw for t in query.required] == ["专精特新", "江北嘴"]
    assert query.excluded == ()


def test_quoted_text_is_one_phrase_with_its_spaces():
    query = parse_query('"LED lights" 江北')
    assert query.required[0].phrase
    assert query.required[0].variants == ((f"led{SOFT}lights",),)


def test_chinese_quotes_make_a_phrase_too():
    assert split_terms("“江北 嘴” x") == [("江北 嘴", True, False), ("x", False, False)]


def test_minus_excludes_a_term_and_a_phrase():
    query = parse_query('江北 -广告 -"公益 广告"')
    assert [t.raw for t in query.excluded] == ["广告", "公益 广告"]


def test_a_lone_minus_or_unclosed_quote_is_harmless():
    assert [t.raw for t in parse_query('- "江北').required] == ["江北"]


def test_fts_operators_are_searched_as_words_not_obeyed():
    query = parse_query("江北 OR NEAR(专精) AND NOT *")
    assert [t.raw for t in query.required] == ["江北", "OR", "NEAR(专精)", "AND", "NOT"]
    expression = query.fts_expression()
    # Each word is a quoted phrase of its bigrams, never a bare operator.
    assert '"or"' in expression and '"ne ea ar"' in expression and '"an nd"' in expression
    assert " OR " not in expression


def test_punctuation_splits_a_term_into_pieces_that_must_all_occur():
    term = parse_query("专精特新”中小企业").required[0]
    assert term.variants == (("专精特新", "中小企业"),)


def test_only_punctuation_emoji_or_control_characters_is_an_empty_query():
    for text in ("", "   ", "((()))", '"', "😀😀", "\x00\x07\x1b", "-江北"):
        assert parse_query(text).is_empty


def test_only_exclusions_says_what_is_missing():
    assert any("排除" in n for n in parse_query("-江北").notices)


def test_a_very_long_query_is_cut_with_a_notice():
    query = parse_query("江北" * 5000)
    assert len(query.text) == MAX_QUERY_CHARS
    assert query.notices


def test_traditional_input_gets_a_simplified_variant():
    term = parse_query("江北區", to_simplified).required[0]
    assert term.variants == (("江北區",), ("江北区",))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_string_parses_to_a_valid_fts_expression(text):
    query = parse_query(text, to_simplified)
    if query.is_empty:
        return
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    # Raises sqlite3.OperationalError on a syntax error.
    table = partition_of(2023)
    ensure_partition(conn, table)
    conn.execute(
        f"SELECT rowid FROM {table.name} WHERE {table.name} MATCH ?", (query.fts_expression(),)
    ).fetchall()
