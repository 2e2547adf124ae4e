"""Whatever is typed, search answers with results or an empty list, never an exception."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.model import Article
from jiangbei_reader.core.search import SearchIndex

from .conftest import BUNDLED, write

NASTY = [
    "",
    '"',
    '""',
    "(",
    ")",
    "*",
    "AND",
    "OR NOT",
    "NEAR(江北 专精)",
    "江北*",
    "^江北",
    "'; DROP TABLE docs; --",
    "col:江北",
    "{head}: 江北",
    "x" * 10_000,
    "江" * 10_000,
    "😀",
    "\x00\x01\x1f",
    "\ue001\ue000",
    "-",
    "--江北",
    "\\",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    made = SearchIndex.in_memory(Library([BUNDLED]))
    made.update()
    yield made
    made.close()


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_gives_results_not_errors(index, text):
    results = index.search(text)
    assert results.hits == () or all(h.article_id for h in results.hits)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=[]), max_size=60))
def test_any_string_is_searched_without_error(index, text):
    results = index.search(text, limit=5)
    assert len(results.hits) <= 5


def _articles() -> list[Article]:
    edition = Library([BUNDLED]).edition("2023-07-13")
    assert edition is not None
    return list(edition.articles())


ARTICLES = _articles()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, len(ARTICLES) - 1), st.data())
def test_a_substring_of_an_indexed_article_always_finds_it(index, which, data):
    article = ARTICLES[which]
    text = article.plain_text()
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 12)))
    results = index.search(text[start:end], limit=100)
    if results.query.is_empty:
        return
    found = {f for hit in results.hits for f in hit.fragment_ids}
    assert article.id in found


TEXT = st.lists(
    st.sampled_from([*"江北区专精特新亿元嘴百姓望hua LED0123456789.,%，。“” \u3000ＡＢ１ß"]),
    min_size=1,
    max_size=50,
).map("".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TEXT, st.data())
def test_a_substring_of_generated_text_is_found(tmp_path: Path, body, data):
    folder = tmp_path / f"g{abs(hash(body))}"
    write(folder, "2030-03-04", {"2": [("合成标题", "文首" + body)]})
    library = Library([folder])
    edition = library.edition("2030-03-04")
    assert edition is not None
    article = next(edition.articles())
    text = article.plain_text()
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    index = SearchIndex.in_memory(library)
    try:
        index.update()
        results = index.search(f'"{text[start:end]}"'.replace('""', '"'))
        if not results.query.is_empty:
            assert [h.article_id for h in results.hits] == [article.id]
            assert results.hits[0].date == dt.date(2030, 3, 4)
    finally:
        index.close()
