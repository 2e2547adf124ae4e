"""The bundled edition editions/2023-07-13.md: its structure, and nothing of the seed lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.library import Library, load_edition_file
from jiangbei_reader.core.model import Article, Edition, Figure, JumpDirection, Subhead
from tests.conftest import SEED

EDITION_FILE = Path(__file__).resolve().parents[2] / "editions" / "2023-07-13.md"

#: The only places where the edition deliberately rewrites printed text: the drowning
#: ad prints each tip's number as a graphic, which the extraction put after the tip.
REARRANGED = {
    "时刻绷紧防范溺水这根弦1": "1.时刻绷紧防范溺水这根弦",
    "远离危险水域2": "2.远离危险水域",
    "不私自下水游泳3": "3.不私自下水游泳",
    "不擅自下水救助落水者4": "4.不擅自下水救助落水者",
}

_SENTENCE_END = re.compile(r"[。！？][”’」）)]*")
_SPACE = re.compile(r"\s+")


def seed_pieces(seed: str) -> list[str]:
    """The seed cut into sentences, and into lines where a line stands apart.

    A line followed by a blank line ends a piece (headlines, 副题, the ad's lines are
    printed apart from the text around them); a line break inside a paragraph does not.
    """
    pieces: list[str] = []
    current = ""
    lines = seed.splitlines()
    for index, line in enumerate(lines):
        current += _SPACE.sub("", line)
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if next_blank and current:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    sentences: list[str] = []
    for piece in pieces:
        start = 0
        for match in _SENTENCE_END.finditer(piece):
            sentences.append(piece[start : match.end()])
            start = match.end()
        if piece[start:]:
            sentences.append(piece[start:])
    return sentences


def article_text(article: Article) -> str:
    """Everything of an article a reader sees: fields, headline, body and captions."""
    parts = [
        article.kicker,
        article.headline,
        article.subtitle,
        article.author,
        article.photographer,
        article.source,
        article.kind,
    ]
    for block in article.blocks:
        parts.append(block.caption if isinstance(block, Figure) else block.text)
    return _SPACE.sub("", "\n".join(parts))


def missing_pieces(seed: str, edition: Edition) -> list[str]:
    """Seed sentences found in no article of the edition (whitespace ignored)."""
    texts = [article_text(a) for a in edition.articles()]
    missing = []
    for piece in seed_pieces(seed):
        wanted = REARRANGED.get(piece, piece)
        if not any(wanted in text for text in texts):
            missing.append(piece)
    return missing


def load(path: Path = EDITION_FILE) -> Edition:
    result = load_edition_file(path)
    assert result.edition is not None, [d.format() for d in result.diagnostics]
    return result.edition


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load()


def test_loads_with_only_the_expected_notes():
    result = load_edition_file(EDITION_FILE)
    assert result.edition is not None
    found = [(d.severity, d.code, d.line) for d in result.diagnostics]
    # The two continuations whose start is on page 1, which is not bundled.
    jumps = [
        result.edition.article(f"2023-07-13/{key}").continued_from
        for key in ("3/tan-xun", "4/xiao-ju-ren")
    ]
    assert found == [(Severity.NOTE, "jump-not-bundled", jump.line) for jump in jumps]


def test_front_matter(edition):
    assert edition.paper == "江北报"
    assert edition.key == "2023-07-13"
    assert edition.number == ""
    assert "印刷版面" in edition.source
    for inferred in ("推定", "第1版", "公益广告", "1、3、2、4"):
        assert inferred in edition.note


def test_seed_is_cut_into_sentences_and_standalone_lines(seed_text):
    pieces = seed_pieces(seed_text)
    assert "李爱民出席" in pieces
    assert "区政法委员会2023年第二次全会召开" in pieces
    assert "会前，与会人员实地察看了江北城数字派出所和区法院智能化建设情况。" in pieces
    # A blank line that the extraction left inside a sentence ends a piece, harmlessly.
    assert "会议认真学习贯彻习近平总书记在二十届中央国家安" in pieces
    assert "扫一扫就知道" in pieces
    # Cutting loses nothing: the pieces are the whole seed, in order.
    assert "".join(pieces) == re.sub(r"\s+", "", seed_text)


def test_every_sentence_of_the_seed_is_in_the_edition(seed_text, edition):
    assert SEED.read_text(encoding="utf-8") == seed_text
    assert missing_pieces(seed_text, edition) == []


def test_nothing_is_added_to_the_seed(seed_text, edition):
    whole_seed = _SPACE.sub("", seed_text)
    printed_as = {edition_form: seed_form for seed_form, edition_form in REARRANGED.items()}
    added = []
    for article in edition.articles():
        fields = [article.kicker, article.headline, article.subtitle, article.author]
        blocks = [b.caption if isinstance(b, Figure) else b.text for b in article.blocks]
        for text in [*fields, *blocks, "" if article.kind == "新闻" else article.kind]:
            text = _SPACE.sub("", text)
            if text and printed_as.get(text, text) not in whole_seed:
                added.append((article.id, text))
    assert added == []


@pytest.mark.parametrize(
    ("old", "new", "lost"),
    [
        # A sentence dropped.
        (
            "会前，与会人员实地察看了江北城数字派出所和区法院智能化建设情况。",
            "",
            "会前，与会人员实地察看了江北城数字派出所和区法院智能化建设情况。",
        ),
        # A figure altered.
        ("减少二氧化硫排放量1804吨", "减少二氧化硫排放量1840吨", "减少二氧化硫排放量1804吨"),
        # A character dropped inside a word.
        ("专精特新中小企业的普遍特点", "专特新中小企业的普遍特点", "专精特新中小企业的普遍特点"),
        # A 副题 dropped.
        ("副题：李爱民出席\n", "", "李爱民出席"),
        # The photo credit dropped.
        ("![秀美江北嘴江滩公园。唐安冰摄/光明图片]()\n", "", "唐安冰摄/光明图片"),
        # An ad tip renumbered.
        ("2. 远离危险水域", "3. 远离危险水域", "远离危险水域2"),
        # A headline altered (one whose words the body does not repeat: a headline
        # such as 提升江北融媒品牌影响力 is also a phrase of its body, so the headline
        # test below guards those).
        ("## 用镜头和画笔记录大美望江", "## 用镜头画笔记录大美望江", "用镜头和画笔记录大美望江"),
    ],
)
def test_the_sentence_check_fails_when_the_edition_loses_text(seed_text, tmp_path, old, new, lost):
    source = EDITION_FILE.read_text(encoding="utf-8")
    assert source.count(old) == 1
    mutated = tmp_path / "2023-07-13.md"
    mutated.write_text(source.replace(old, new), encoding="utf-8")
    missing = missing_pieces(seed_text, load(mutated))
    assert missing
    assert any(lost in piece for piece in missing), missing


def test_text_kept_only_in_comments_does_not_count(seed_text, tmp_path):
    source = EDITION_FILE.read_text(encoding="utf-8")
    old = "珍爱生命，严防溺水！\n"
    mutated = tmp_path / "2023-07-13.md"
    mutated.write_text(source.replace(old, f"<!-- {old.strip()} -->\n"), encoding="utf-8")
    assert missing_pieces(seed_text, load(mutated)) == ["珍爱生命，严防溺水！"]


def test_pages_one_missing_then_two_to_four(edition):
    assert [(p.id, p.name, p.missing) for p in edition.pages] == [
        ("1", "要闻", True),
        ("2", "综合新闻", False),
        ("3", "经济", False),
        ("4", "专题", False),
    ]
    assert edition.page("1").articles == ()


def test_headlines_and_fields_per_page(edition):
    found = {
        p.id: [(a.headline, a.kicker, a.subtitle, a.author) for a in p.articles]
        for p in edition.pages
    }
    assert found == {
        "1": [],
        "2": [
            ("区政法委员会2023年第二次全会召开", "", "李爱民出席", "黄丽丽"),
            (
                "用镜头和画笔记录大美望江",
                "",
                "郭家沱街道举行主题征集活动颁奖仪式暨美术摄影联展发布会",
                "王偲媞",
            ),
            ("提升江北融媒品牌影响力", "", "区融媒体中心开展进社区活动", "王偲媞"),
            ("暑期溺水事件高发", "", "教育部提醒中小学生和家长", ""),
        ],
        "3": [
            ("“碳”寻发展新路径", "", "", ""),
            ("鹞子丘输变电工程进入调试阶段", "", "预计年内投入使用", "杨洛 唐柱"),
        ],
        "4": [
            ("厚植“小巨人”成长沃土", "", "", ""),
            ("两江奔涌，绘就山水之城人文底色", "", "", ""),
        ],
    }


def test_subheads(edition):
    subheads = {
        a.slug: [b.text for b in a.blocks if isinstance(b, Subhead)] for a in edition.articles()
    }
    assert subheads["tan-xun"] == ["推动工业领域绿色低碳转型升级", "开展能源绿色低碳转型行动"]
    assert subheads["xiao-ju-ren"] == ["为中小企业发展营造良好环境"]
    assert subheads["liang-jiang-ben-yong"] == ["绿色江岸营造亲水空间", "沿江产业汇聚发展动力"]


@pytest.mark.parametrize("article_id", ["2023-07-13/3/tan-xun", "2023-07-13/4/xiao-ju-ren"])
def test_continuations_point_at_the_missing_page_one(edition, article_id):
    article = edition.article(article_id)
    jump = article.continued_from
    assert jump is not None
    assert (jump.direction, jump.target_page, jump.text, jump.target_id) == (
        JumpDirection.FROM,
        "1",
        "（上接1版）",
        None,
    )
    assert article.blocks[0].text == "（上接1版）"
    story = edition.story(article_id)
    assert [f.id for f in story.fragments] == [article_id]
    assert story.missing_start_page == "1"
    assert not story.is_whole


def test_page_one_is_known_by_its_continued_headlines(edition):
    assert edition.known_headlines("1") == ("“碳”寻发展新路径", "厚植“小巨人”成长沃土")


def test_public_service_ad(edition):
    ad = edition.article("2023-07-13/2/shu-qi-ni-shui")
    assert ad.kind == "公益广告"
    assert [b.text for b in ad.blocks] == [
        "1. 时刻绷紧防范溺水这根弦",
        "2. 远离危险水域",
        "3. 不私自下水游泳",
        "4. 不擅自下水救助落水者",
        "珍爱生命，严防溺水！",
        "江北区融媒体中心 宣",
    ]
    assert [a.kind for a in edition.articles() if a is not ad] == ["新闻"] * 7


def test_photo_caption_and_qr_code_are_figures_without_image(edition):
    feature = edition.article("2023-07-13/4/liang-jiang-ben-yong")
    figures = [(b.caption, b.src) for b in feature.blocks if isinstance(b, Figure)]
    assert figures == [("秀美江北嘴江滩公园。唐安冰摄/光明图片", None), ("扫一扫 就知道", None)]
    others = [b for a in edition.articles() if a is not feature for b in a.blocks]
    assert not any(isinstance(b, Figure) for b in others)


def test_ids_are_stable_across_loads():
    ids = [a.id for a in load().articles()]
    assert ids == [a.id for a in load().articles()]
    assert ids == [
        "2023-07-13/2/qu-zheng-fa-wei",
        "2023-07-13/2/yong-jing-tou-he",
        "2023-07-13/2/ti-sheng-jiang-bei",
        "2023-07-13/2/shu-qi-ni-shui",
        "2023-07-13/3/tan-xun",
        "2023-07-13/3/yao-zi-qiu-shu",
        "2023-07-13/4/xiao-ju-ren",
        "2023-07-13/4/liang-jiang-ben-yong",
    ]


#: Spaces that are printed text: inside 记者 bylines, in the ad's credit, in the QR label.
_REAL_SPACES = ("（记者 黄丽丽）", "（记者 王偲媞）", "（记者 杨洛 唐柱）", "江北区融媒体中心 宣")


def test_extraction_spaces_and_line_breaks_are_gone(edition):
    for article in edition.articles():
        for block in article.blocks:
            text = block.caption if isinstance(block, Figure) else block.text
            assert "\n" not in text
            for real in _REAL_SPACES:
                text = text.replace(real, "")
            text = re.sub(r"^[1-4]\. ", "", text)  # the ad's numbered tips
            if isinstance(block, Figure) and block.caption == "扫一扫 就知道":
                continue  # two printed lines of a label beside the QR code
            assert " " not in text, (article.id, text)
    body = "".join(article_text(a) for a in edition.articles())
    for word in ("专精特新", "国家安全委员会", "江北城CBD区域", "LED灯光", "1999年", "百姓hua望江"):
        assert word in body


def test_bundled_folder_loads_through_the_library():
    library = Library([EDITION_FILE.parent])
    assert [ref.key for ref in library] == ["2023-07-13"]
    assert not [d for d in library.diagnostics if d.severity is not Severity.NOTE]
    article = library.article("2023-07-13/3/tan-xun")
    assert article is not None and article.headline == "“碳”寻发展新路径"
