"""Structure of the seed and of small pages: headlines, 副题, bylines, ads, captions, QR blurbs."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.importer.paragraphs import Block, read_lines, split_paragraphs
from jiangbei_reader.core.importer.structure import lay_out
from jiangbei_reader.core.importer.titles import assign
from tests.core.importer.helpers import articles, errors, run_import


@pytest.fixture(scope="module")
def seed_articles():
    from tests.conftest import SEED

    _, parsed = run_import(SEED.read_text(encoding="utf-8"), ("2", "3"))
    assert errors(parsed) == []
    return {a.headline: a for a in articles(parsed)}


def test_headlines_printed_after_their_body_go_to_that_body(seed_articles):
    article = seed_articles["鹞子丘输变电工程进入调试阶段"]
    assert article.subtitle == "预计年内投入使用"
    assert article.blocks[0].text.startswith("本报讯（记者 杨洛 唐柱）")


def test_a_headline_printed_far_from_its_body_is_found_by_its_words(seed_articles):
    article = seed_articles["区政法委员会2023年第二次全会召开"]
    assert article.subtitle == "李爱民出席"
    assert article.blocks[0].text.startswith("本报讯（记者 黄丽丽）7月12日，区政法委员会")


def test_titles_printed_together_are_headline_then_subtitle(seed_articles):
    article = seed_articles["用镜头和画笔记录大美望江"]
    assert article.subtitle == "郭家沱街道举行主题征集活动颁奖仪式暨美术摄影联展发布会"


def test_subheads_stay_inside_their_story(seed_articles):
    article = seed_articles["“碳”寻发展新路径"]
    assert [b.text for b in article.blocks if b.kind == "h"] == [
        "推动工业领域绿色低碳转型升级",
        "开展能源绿色低碳转型行动",
    ]
    assert article.jumps == (("from", "1"),)


def test_two_stories_before_their_two_headlines_are_split_by_their_words(seed_articles):
    first = seed_articles["厚植“小巨人”成长沃土"]
    second = seed_articles["两江奔涌，绘就山水之城人文底色"]
    assert first.blocks[0].text == "（上接1版）"
    assert any(b.text == "为中小企业发展营造良好环境" for b in first.blocks)
    assert second.blocks[0] == type(second.blocks[0])("h", "绿色江岸营造亲水空间")


def test_the_public_service_ad_is_one_article_of_its_kind(seed_articles):
    ad = seed_articles["暑期溺水事件高发"]
    assert ad.kind == "公益广告"
    texts = [b.text for b in ad.blocks]
    assert "公益广告" in texts and "江北区融媒体中心 宣" in texts
    assert "不私自下水游泳3" in texts


def test_the_photo_caption_goes_to_the_story_it_describes(seed_articles):
    story = seed_articles["两江奔涌，绘就山水之城人文底色"]
    assert ("fig", "秀美江北嘴江滩公园。唐安冰摄/光明图片") in [
        (b.kind, b.text) for b in story.blocks
    ]


def test_the_qr_blurb_is_kept_and_marked_for_review():
    from tests.conftest import SEED

    result, parsed = run_import(SEED.read_text(encoding="utf-8"), ("2", "3"))
    assert "扫一扫就知道" in result.text
    assert any("二维码" in d.message for d in parsed.diagnostics)


def test_bylines_become_the_author_field():
    from tests.conftest import SEED

    result, _ = run_import(SEED.read_text(encoding="utf-8"), ("2", "3"))
    assert "作者：杨洛 唐柱" in result.text
    assert result.text.count("作者：王偲媞") == 2


def test_headlines_printed_before_their_bodies_go_forward():
    raw = (
        "区融媒体中心开展进社区活动\n\n"
        "本报讯（记者 王偲媞）7月12日，区融媒体中心到五里\n"
        "店街道曼哈顿广场开展融媒体进社区活动，向过往群众推\n"
        "介区融媒体中心各媒体平台。\n\n"
        "鹞子丘输变电工程进入调试阶段\n\n"
        "本报讯（记者 杨洛 唐柱）7月12日，记者从国网重\n"
        "庆市北供电公司获悉，鹞子丘输变电工程目前正处于\n"
        "工程的安装调试阶段。\n"
    )
    _, parsed = run_import(raw, ("2",))
    found = [(a.headline, a.blocks[0].text[:12]) for a in articles(parsed)]
    assert found == [
        ("区融媒体中心开展进社区活动", "本报讯（记者 王偲媞）7"),
        ("鹞子丘输变电工程进入调试阶段", "本报讯（记者 杨洛 唐柱"),
    ]


def test_a_body_without_any_headline_gets_a_placeholder_and_a_review_note():
    _, parsed = run_import("只有一段正文，没有标题。\n", ("2",))
    assert articles(parsed)[0].headline == "（标题待补）"
    assert any(d.code == "review" for d in parsed.diagnostics)
    assert errors(parsed) == []


BLOCK_TEXTS = st.sampled_from(
    [
        "正文一句。",
        "很长的正文段落，包含逗号和句号，还在继续写下去。",
        "短标题",
        "另一个标题行",
        "（上接1版）",
        "（下转3版）",
        "本报讯（记者 甲）正文。",
        "公益广告",
        "某中心 宣",
        "扫一扫就知道",
        "某地风光。某某摄",
        "1.第一条",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCK_TEXTS, max_size=25))
def test_the_structure_detector_takes_any_blocks_and_loses_none(texts):
    blocks = [Block(tuple(read_lines(t, n)), t) for n, t in enumerate(texts, start=1)]
    layout = lay_out(blocks)
    assign(layout)
    kept = []
    for article in layout.articles:
        kept += [t.text for t in article.titles]
        kept += [s.subhead.text for s in article.sections if s.subhead is not None]
        kept += [i.text for s in article.sections for i in s.items]
        kept += [i.text for i in article.figures + article.extras]
    assert sorted(kept) == sorted(texts)


def test_paragraph_blocks_of_the_seed_carry_their_raw_line_numbers(seed_text):
    blocks = split_paragraphs(read_lines(seed_text))
    assert blocks[0].line == 1
    marker = next(b for b in blocks if b.text == "（上接1版）")
    assert seed_text.splitlines()[marker.line - 1] == "（上接1版）"


def test_two_bodies_then_their_two_titles_are_shared_out_in_order():
    raw = (
        "本报讯（记者 甲）某地举行一次活动，到场的人很多，现场\n"
        "气氛热烈，大家都说很好，活动持续了一整天时间。\n\n"
        "本报讯（记者 乙）另一处开了一个会议，与会者讨论了\n"
        "许多问题，会议决定下个月再开一次，以便落实。\n\n"
        "甲乙丙丁戊\n\n"
        "己庚辛壬癸\n"
    )
    _, parsed = run_import(raw, ("2",))
    assert [(a.headline, a.blocks[0].text[:9]) for a in articles(parsed)] == [
        ("甲乙丙丁戊", "本报讯（记者 甲）"),
        ("己庚辛壬癸", "本报讯（记者 乙）"),
    ]
    assert errors(parsed) == []
