"""Input the audit found breaking search: lone surrogates, a term both wanted and excluded."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiangbei_reader.cli import main
from jiangbei_reader.core.search import SearchIndex
from jiangbei_reader.core.search.normalize import clean_text
from jiangbei_reader.core.search.query import parse_query
from jiangbei_reader.core.search.variants import to_simplified

from .conftest import BUNDLED

#: Any code point, lone surrogates (category Cs) included: what a terminal's undecodable
#: bytes become in sys.argv.
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec=None, categories=["Cs"]),
        st.characters(codec=None, exclude_categories=[]),
        st.sampled_from('江北嘴专精特新-"“” '),
    ),
    max_size=40,
)


@pytest.fixture(scope="module")
def index():
    from jiangbei_reader.core.library import Library

    made = SearchIndex.in_memory(Library([BUNDLED]))
    made.update()
    yield made
    made.close()


@pytest.mark.parametrize("text", ["\udcff\udcfe江北", "\ud83d", "江\udc80北", "\udfff"])
def test_lone_surrogates_never_raise(index, text):
    results = index.search(text)
    assert isinstance(results.hits, tuple)
    assert isinstance(index.suggest(text), list)
    assert isinstance(index.alternatives(text + "區"), list)
    assert isinstance(index.highlight(text, "江北嘴"), list)


def test_undecodable_bytes_before_a_word_still_find_it(index):
    assert index.search("\udcff\udcfe江北").hits


def test_a_lone_surrogate_separates_like_punctuation():
    assert clean_text("江\udcff北") == "江\ufffd北"
    assert clean_text("\ud83d\ude00") == "😀"
    assert to_simplified("\udcff江北區") == "\ufffd江北区"
    assert [t.variants for t in parse_query("江\udcff北").required] == [(("江", "北"),)]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ANY_TEXT)
def test_any_code_point_is_searched_without_error(index, text):
    results = index.search(text, limit=5)
    assert len(results.hits) <= 5
    index.suggest(text)
    index.alternatives(text)


@pytest.mark.parametrize("text", ["江北 -江北", "-江北 江北", '"江北" -江北', "江北嘴 -江北"])
def test_a_term_both_wanted_and_excluded_finds_nothing_and_says_why(index, text):
    assert index.search("江北").hits
    results = index.search(text)
    assert results.hits == ()
    assert any("不会有结果" in n for n in results.notices)


def test_excluding_a_longer_word_keeps_the_shorter_one(index):
    with_word = {h.article_id for h in index.search("江北", limit=100).hits}
    without = {h.article_id for h in index.search("江北 -江北嘴", limit=100).hits}
    assert without and without < with_word
    assert not parse_query("江北 -江北嘴").notices


def _cli(tmp_path: Path) -> list[str]:
    return ["--editions", str(BUNDLED.parent), "--index", str(tmp_path / "i.sqlite3")]


def test_cli_takes_a_leading_minus_term_as_an_exclusion(tmp_path, capsys):
    assert main(["search", "-江北", *_cli(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "只有排除词" in out
    assert main(["search", "江北", "-江北嘴", "--limit", "50", *_cli(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "【江北】" in out and "【江北嘴】" not in out


def test_cli_still_rejects_a_mistyped_option(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["search", "江北", "--limt", "2", *_cli(tmp_path)])
    assert "--limt" in capsys.readouterr().err


def test_cli_survives_undecodable_bytes(tmp_path, capsys):
    assert main(["search", "\udcff\udcfe江北", "--limit", "1", *_cli(tmp_path)]) == 0
    assert "【江北】" in capsys.readouterr().out
