"""Ranking (headline weighted, then newer first), filters, and one result per story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.helpers.editions import write_edition

from .conftest import IndexFactory, write


def test_headline_hit_ranks_above_a_body_hit_even_when_older(
    tmp_path: Path, make_index: IndexFactory
):
    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("合成江北嘴标题", "正文没有那个词，只是合成文字。")]})
    write(folder, "2030-06-01", {"1": [("另一个合成标题", "正文提到江北嘴一次，其余是合成文字。")]})
    hits = make_index(folder).search("江北嘴").hits
    assert [h.edition for h in hits] == ["2030-01-01", "2030-06-01"]


def test_equal_relevance_puts_the_newer_edition_first(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    for date in ("2030-01-01", "2030-03-01", "2030-02-01"):
        write(folder, date, {"1": [("合成标题", "同样的合成文字，江北嘴。")]})
    hits = make_index(folder).search("江北嘴").hits
    assert [h.edition for h in hits] == ["2030-03-01", "2030-02-01", "2030-01-01"]


def test_more_occurrences_rank_higher(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("合成标题甲", "江北嘴，江北嘴，江北嘴，都是合成文字。")]})
    write(folder, "2030-02-01", {"1": [("合成标题乙", "江北嘴，然后是别的合成文字和更多的字。")]})
    hits = make_index(folder).search("江北嘴").hits
    assert [h.edition for h in hits] == ["2030-01-01", "2030-02-01"]
    assert hits[0].score > hits[1].score


def _dated(folder: Path) -> None:
    for date in ("2030-01-01", "2030-02-01", "2030-03-01"):
        write(
            folder,
            date,
            {"1": [("合成头版", "合成文字江北嘴。")], "2": [("合成二版", "合成文字江北嘴。")]},
        )


def test_date_range_filter(tmp_path: Path, make_index: IndexFactory):
    _dated(tmp_path / "ed")
    index = make_index(tmp_path / "ed")
    hits = index.search("江北嘴", date_from=dt.date(2030, 2, 1), date_to=dt.date(2030, 2, 28)).hits
    assert {h.edition for h in hits} == {"2030-02-01"}
    hits = index.search("江北嘴", date_from=dt.date(2030, 2, 1)).hits
    assert {h.edition for h in hits} == {"2030-02-01", "2030-03-01"}


def test_edition_and_page_filters(tmp_path: Path, make_index: IndexFactory):
    _dated(tmp_path / "ed")
    index = make_index(tmp_path / "ed")
    hits = index.search("江北嘴", edition="2030-03-01", page="2").hits
    assert [(h.edition, h.page_id) for h in hits] == [("2030-03-01", "2")]
    assert index.search("江北嘴", edition="not-a-date").hits == ()


def test_single_character_queries_use_the_same_filters(tmp_path: Path, make_index: IndexFactory):
    _dated(tmp_path / "ed")
    hits = make_index(tmp_path / "ed").search("嘴", edition="2030-01-01", page="1").hits
    assert [(h.edition, h.page_id) for h in hits] == [("2030-01-01", "1")]


def test_fragments_of_one_story_are_one_result(tmp_path: Path, make_index: IndexFactory):
    write_edition(tmp_path / "ed")
    index = make_index(tmp_path / "ed")
    # "测试新闻开篇" is the headline of both fragments (pages 1 and 3).
    hits = index.search("测试新闻开篇").hits
    assert len(hits) == 1
    assert set(hits[0].fragment_ids) == {"2030-01-02/1/kai-pian", "2030-01-02/3/kai-pian"}
    assert hits[0].story_id == "2030-01-02/1/kai-pian"


def test_a_hit_in_the_continuation_shows_the_continuation(tmp_path: Path, make_index: IndexFactory):
    write_edition(tmp_path / "ed")
    hit = make_index(tmp_path / "ed").search("续文小标题").hits[0]
    assert hit.article_id == "2030-01-02/3/kai-pian"
    assert hit.story_id == "2030-01-02/1/kai-pian"
    assert hit.page_id == "3"


def test_and_phrase_and_exclusion(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("合成甲", "江北嘴的LED lights很亮。")]})
    write(folder, "2030-01-02", {"1": [("合成乙", "江北嘴的LED和别的lights。")]})
    index = make_index(folder)
    assert len(index.search("江北嘴 lights").hits) == 2
    assert [h.edition for h in index.search('"LED lights"').hits] == ["2030-01-01"]
    assert [h.edition for h in index.search("江北嘴 -别的").hits] == ["2030-01-01"]
    assert index.search("江北嘴 -嘴").hits == ()


def test_hits_never_span_sentence_punctuation(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("合成标题", "这是江北。嘴巴是另一句。")]})
    index = make_index(folder)
    assert index.search("江北嘴").hits == ()
    assert index.search("江北").hits


def test_mixed_single_and_longer_terms(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("合成甲", "江北嘴有鱼。")]})
    write(folder, "2030-01-02", {"1": [("合成乙", "江北嘴有虾。")]})
    index = make_index(folder)
    assert [h.edition for h in index.search("江北嘴 鱼").hits] == ["2030-01-01"]
    assert [h.edition for h in index.search("江北嘴 -鱼").hits] == ["2030-01-02"]
    assert [h.edition for h in index.search("鱼 -江北嘴").hits] == []


def test_ranking_window_and_rare_characters(tmp_path: Path, make_index: IndexFactory, monkeypatch):
    from jiangbei_reader.core.search import plan, searcher

    folder = tmp_path / "ed"
    write(folder, "2030-01-01", {"1": [("合成标题", "江北嘴有一条鱼。")]})
    for day in range(2, 12):
        write(folder, f"2030-01-{day:02d}", {"1": [("合成标题", "江北嘴的合成文字。")]})
    index = make_index(folder)
    monkeypatch.setattr(searcher, "WINDOW", 3)
    monkeypatch.setattr(searcher, "CHARS_WINDOW", 3)
    results = index.search("江北嘴")
    # Three read, and the reader is told there may be more.
    assert len(results.hits) == 3 and results.total == 3 and not results.exact_total
    assert results.hits[0].edition == "2030-01-11"
    assert any("最新的3篇" in n for n in results.notices)
    # The rare character leads: the old article is found beyond the window.
    assert [h.edition for h in index.search("江北嘴 鱼").hits] == ["2030-01-01"]
    monkeypatch.setattr(plan, "RARE", 0)
    # Without that, older pages are read while the checks leave too few.
    assert [h.edition for h in index.search("江北嘴 鱼").hits] == ["2030-01-01"]
