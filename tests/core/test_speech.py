"""Read-aloud sentences: order, splitting, spans back into the article, jump markers."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.model import Article, Figure, Paragraph
from jiangbei_reader.core.parser import parse_edition
from jiangbei_reader.core.speech import (
    Part,
    article_utterances,
    display_text,
    jump_words,
    sentence_spans,
    story_utterances,
)
from tests.helpers.editions import JUMP_PAIR

BUNDLED = Path(__file__).parents[2] / "editions" / "2023-07-13.md"


@pytest.fixture
def edition():
    result = parse_edition(JUMP_PAIR)
    assert result.edition is not None
    return result.edition


def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一句。二句！三句？四句；五句", ["一句。", "二句！", "三句？", "四句；", "五句"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        ("第一行\n第二行", ["第一行", "第二行"]),
        ("　　首行缩进。  ", ["首行缩进。"]),
        ("投资3.63 亿元。增长12.2%。", ["投资3.63 亿元。", "增长12.2%。"]),
        ("。。", []),
        ("", []),
        ("（记者 黄丽丽）7月12日", ["（记者 黄丽丽）7月12日"]),
    ],
)
def test_sentence_spans(text, expected):
    assert sentences(text) == expected


@given(st.text(alphabet="甲乙丙 　。！？；”）\n1.%（下转3版）", max_size=60))
def test_sentence_spans_are_ordered_trimmed_and_lose_no_word(text):
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start] not in " 　\n" and text[end - 1] not in " 　\n"
        previous_end = end
    covered = {i for start, end in spans for i in range(start, end)}
    assert all(i in covered for i, ch in enumerate(text) if ch.isalnum())


def test_article_reads_kicker_headline_subtitle_then_body(edition):
    article = edition.article("2030-01-02/1/kai-pian")
    parts = [(u.part, u.text) for u in article_utterances(article)]
    assert parts[:3] == [
        (Part.KICKER, "合成引题"),
        (Part.HEADLINE, "测试新闻开篇"),
        (Part.SUBTITLE, "合成副题"),
    ]
    assert [p for p, _ in parts[3:]] == [Part.PARAGRAPH] * 3


def test_every_span_points_at_its_text_in_the_article(edition):
    for article in edition.articles():
        for u in article_utterances(article, include_captions=True):
            assert u.source[u.start : u.end] == u.text
            if u.block is None:
                assert (
                    u.source
                    == {
                        Part.KICKER: article.kicker,
                        Part.HEADLINE: article.headline,
                        Part.SUBTITLE: article.subtitle,
                    }[u.part]
                )
            else:
                block = article.blocks[u.block]
                shown = block.caption if isinstance(block, Figure) else display_text(block.text)
                assert u.source == shown


def test_indexes_run_in_order(edition):
    utterances = article_utterances(edition.article("2030-01-02/3/kai-pian"))
    assert [u.index for u in utterances] == list(range(len(utterances)))


def test_single_fragment_reads_its_jump_marker_as_words(edition):
    article = edition.article("2030-01-02/1/kai-pian")
    last = article_utterances(article)[-1]
    assert (last.text, last.spoken, last.is_jump) == ("（下转3版）", "下转第三版", True)
    assert (last.block, last.start, last.end) == (1, 6, 12)


def test_whole_story_skips_markers_between_its_fragments(edition):
    story = edition.story("2030-01-02/3/kai-pian")
    utterances = story_utterances(story)
    texts = [u.text for u in utterances]
    assert texts == [
        "合成引题",
        "测试新闻开篇",
        "合成副题",
        "本报讯（记者 测试记者）第一段，这是合成的测试文字。",
        "第二段继续。",
        "续文第一段。",
        "续文小标题",
        "续文第二段。",
    ]
    assert not any(u.is_jump for u in utterances)
    assert [u.fragment for u in utterances] == [0, 0, 0, 0, 0, 1, 1, 1]
    assert utterances[5].article_id == "2030-01-02/3/kai-pian"
    # The continuation's span starts after the skipped （上接1版）.
    assert (utterances[5].block, utterances[5].start) == (0, 6)


def test_story_whose_start_is_not_bundled_reads_where_it_comes_from(edition):
    story = edition.story("2030-01-02/3/lai-zi-di-er")
    utterances = story_utterances(story)
    assert [u.spoken for u in utterances] == [
        "来自第二版的续篇",
        "上接第二版",
        "这一篇的开头在未收录的第二版。",
    ]


def test_captions_only_when_asked(edition):
    article = edition.article("2030-01-02/3/kai-pian")
    assert Part.CAPTION not in {u.part for u in article_utterances(article)}
    captions = [
        u.text for u in article_utterances(article, include_captions=True) if u.part is Part.CAPTION
    ]
    assert captions == ["合成图片说明。", "测试摄"]


def test_spoken_text_keeps_the_printed_sentence():
    article = Article(
        id="2030-01-02/1/x",
        slug="x",
        explicit_slug=False,
        headline="2023年经济运行",
        page_id="1",
        line=1,
        blocks=(Paragraph("全年投资3.63 亿元，增长80%。见第3版。", 5),),
    )
    utterances = article_utterances(article)
    assert [(u.text, u.spoken) for u in utterances] == [
        ("2023年经济运行", "二〇二三年经济运行"),
        ("全年投资3.63 亿元，增长80%。", "全年投资三点六三亿元，增长百分之八十。"),
        ("见第3版。", "见第三版。"),
    ]


def test_markdown_markup_is_not_in_the_span_text():
    article = Article(
        id="2030-01-02/1/y",
        slug="y",
        explicit_slug=False,
        headline="标题",
        page_id="1",
        line=1,
        blocks=(Paragraph("这是*强调*的话。还有**粗体**。", 5),),
    )
    body = [u for u in article_utterances(article) if u.part is Part.PARAGRAPH]
    assert [u.text for u in body] == ["这是强调的话。", "还有粗体。"]
    assert body[1].source[body[1].start : body[1].end] == "还有粗体。"


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("没有标记。", "没有标记。"),
        ("*强调*与**粗体**", "强调与粗体"),
        ("[链接](https://example.org)", "链接"),
        ("\\*星号\\*", "*星号*"),
        ("a &amp; b", "a & b"),
        ("<b>原样</b>", "<b>原样</b>"),
        ("1. 不是列表", "1. 不是列表"),
    ],
)
def test_display_text(markdown, shown):
    assert display_text(markdown) == shown


@pytest.mark.parametrize(
    ("marker", "words"),
    [
        ("（下转3版）", "下转第三版"),
        ("（上接第一版）", "上接第一版"),
        ("(转2版)", "下转第二版"),
        ("（接A1版）", "上接第A一版"),
        ("（下转第十二版）", "下转第十二版"),
    ],
)
def test_jump_words(marker, words):
    assert jump_words(marker) == words


@pytest.mark.skipif(not BUNDLED.exists(), reason="editions/2023-07-13.md not committed yet")
def test_bundled_edition_sentences_cover_every_article_and_map_back():
    result = parse_edition(BUNDLED.read_text(encoding="utf-8"), BUNDLED)
    edition = result.edition
    assert edition is not None
    total = 0
    for article in edition.articles():
        story = edition.story(article.id)
        for u in story_utterances(story):
            assert u.source[u.start : u.end] == u.text
            assert not any(ch.isdigit() and ch.isascii() for ch in u.spoken), u.spoken
            assert "（下转" not in u.text or u.is_jump
            total += 1
        assert any(u.part is Part.HEADLINE for u in article_utterances(article))
    assert total > 50
