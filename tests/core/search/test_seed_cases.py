"""The seed's tricky cases, in the bundled real edition and in raw seed lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex
from jiangbei_reader.core.search.normalize import normalize_query_text
from jiangbei_reader.core.synthetic import wrap

from .conftest import IndexFactory, edition_text

SEED = Path(__file__).parents[2] / "data" / "000_496bd8901b2cf08b.txt"


def _check_spans(index: SearchIndex, query: str, library: Library) -> None:
    results = index.search(query, limit=50)
    assert results.hits, query
    for hit in results.hits:
        article = library.article(hit.article_id)
        assert article is not None
        text = article.plain_text()
        assert hit.spans
        for start, end in hit.spans:
            # Each highlighted span is exactly the query, as printed.
            assert normalize_query_text(text[start:end]) == normalize_query_text(query)
        for start, end in hit.snippet_spans:
            assert normalize_query_text(hit.snippet[start:end]) == normalize_query_text(query)


@pytest.mark.parametrize("query", ["专精特新", "4.6亿元", "百姓hua望江", "江北嘴", "百姓 hua望江"])
def test_bundled_edition_tricky_cases_are_found_and_highlighted(bundled_index, query):
    library = Library([Path(bundled_index._refs[0].path).parent])
    if " " in query:
        # Two terms: both occur.
        assert bundled_index.search(query).hits
        return
    _check_spans(bundled_index, query, library)


def _seed_lines(*numbers: int) -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [lines[n - 1] for n in numbers]


def test_raw_seed_lines_with_breaks_and_spaces(tmp_path: Path, make_index: IndexFactory):
    # Seed lines as extracted: "专精特新" before a line break, "投资 4.6亿元", "1.6 万吨".
    body_a = "\n".join(_seed_lines(203, 204, 205))
    body_b = "\n".join(_seed_lines(125, 126, 127))
    body_c = "\n".join(_seed_lines(141, 142, 143))
    # The same sentence re-wrapped so that the break falls inside 专精特新.
    sentence = "".join(_seed_lines(203, 204, 205))
    cut = sentence.index("专精特新") + 1
    body_d = sentence[:cut] + "\n" + sentence[cut:]
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / "2030-05-05.md").write_text(
        edition_text(
            "2030-05-05",
            {
                "2": [("合成甲", body_a), ("合成乙", body_b), ("合成丙", body_c)],
                "3": [("合成丁", "\n".join(wrap(body_d, 7)))],
            },
        ),
        encoding="utf-8",
    )
    index = make_index(folder)
    library = Library([folder])
    for query in ("专精特新中小企业", "投资4.6亿元", "1.6万吨", "专精特新"):
        _check_spans(index, query, library)
    assert {h.page_id for h in index.search("我区专精特新中小企业").hits} == {"2", "3"}


def test_traditional_query_finds_simplified_text(bundled_index):
    hits = bundled_index.search("江北區").hits
    assert hits
    assert hits[0].snippet_spans


def test_nothing_found_says_so_and_offers_alternatives(bundled_index):
    results = bundled_index.search("jiangbeizuixyz")
    assert results.hits == ()
    results = bundled_index.search("溺水溺水溺水溺水")
    assert results.hits == () and results.alternatives == ()
