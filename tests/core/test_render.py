"""Article → HTML: structure for Chinese reading, jump links, whole stories, hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jiangbei_reader.core.display import ArticleColours, DisplaySettings
from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.parser import parse_edition
from jiangbei_reader.core.render import (
    INDENT,
    fragment_anchor,
    image_source,
    render_article,
    render_message,
    render_missing_page,
    render_story,
    resolve_image,
    stylesheet,
)
from tests.helpers.editions import JUMP_PAIR, write_edition

DISPLAY = DisplaySettings()

HOSTILE = """\
---
paper: 江北报
date: 2030-02-03
note: 合成的恶意测试版面（synthetic）。
---

# 第1版 要闻

## <script>alert('h')</script>标题
引题：<b onclick="x()">粗</b>
作者：<img src="http://evil.example/a.png">

<script>alert(1)</script>段 <img src="file:///etc/passwd"> ![远程](http://evil.example/x.png) [点我](javascript:alert(2)) [文件](file:///etc/passwd) [数据](data:text/html,hi) [网站](https://example.com/) <a href="http://x">原始</a>

<iframe src="http://evil.example/"></iframe><style>body{background:url(http://evil.example/bg.png)}</style>

![远程图片](http://evil.example/y.png)

![本地文件](file:///etc/passwd)

![上级目录](../secret.png)

1. 不是列表 <http://auto.example/>

    不是代码
"""


@pytest.fixture
def edition() -> Edition:
    result = parse_edition(JUMP_PAIR, None)
    assert result.edition is not None
    return result.edition


@pytest.fixture
def hostile_html() -> str:
    result = parse_edition(HOSTILE, None)
    assert result.edition is not None
    return render_article(result.edition, next(result.edition.articles()), DISPLAY)


def body(html: str) -> str:
    return html[html.index("<body>") :]


def test_article_has_kicker_headline_subtitle_and_byline_in_order(edition: Edition) -> None:
    html = render_article(edition, edition.article("2030-01-02/1/kai-pian"), DISPLAY)  # type: ignore[arg-type]
    positions = [
        html.index(needle)
        for needle in (
            '<p class="kicker">',
            "合成引题",
            '<h1 class="headline">测试新闻开篇',
            '<p class="subtitle">合成副题',
            '<p class="byline">作者：测试记者',
            '<p class="body">',
        )
    ]
    assert positions == sorted(positions)


def test_paragraphs_get_a_two_character_first_line_indent(edition: Edition) -> None:
    html = render_article(edition, edition.article("2030-01-02/1/kai-pian"), DISPLAY)  # type: ignore[arg-type]
    paragraphs = re.findall(r'<p class="body">(.*?)</p>', html)
    assert len(paragraphs) == 2
    assert all(p.startswith(f'<span class="indent">{INDENT}</span>') for p in paragraphs)
    assert "span.indent { white-space: pre; }" in html  # Qt would drop leading spaces


def test_subheads_and_captions_are_set_apart(edition: Edition) -> None:
    html = render_article(edition, edition.article("2030-01-02/3/kai-pian"), DISPLAY)  # type: ignore[arg-type]
    assert '<h2 class="subhead">续文小标题</h2>' in html
    assert '<p class="caption">合成图片说明。测试摄</p>' in html


def test_sizes_are_relative_to_the_base_font() -> None:
    css = stylesheet(DisplaySettings(typeface="Noto Serif CJK SC"))
    assert not re.search(r"\d(px|pt)\b", css)
    assert "font-size: xx-large" in css  # Qt scales keyword sizes from the base font
    assert "font-family: 'Noto Serif CJK SC'" in css


def test_line_height_is_at_least_1_6_even_when_asked_for_less() -> None:
    heights = re.findall(
        r"p\.body \{[^}]*line-height: (\d+)%", stylesheet(DisplaySettings(line_height=1.2))
    )
    assert heights == ["160"]


def test_line_height_allows_for_the_fonts_own_line_spacing() -> None:
    css = stylesheet(DisplaySettings(line_height=1.8, font_line_spacing=1.5))
    assert re.findall(r"p\.body \{[^}]*line-height: (\d+)%", css) == ["120"]


def test_theme_colours_reach_the_stylesheet() -> None:
    css = stylesheet(DisplaySettings(colours=ArticleColours(text="#010203", background="#a0b0c0")))
    assert "color: #010203" in css and "background-color: #a0b0c0" in css


def test_the_headline_size_comes_from_the_display_and_only_as_a_size_keyword() -> None:
    def headline_rule(css: str) -> str:
        return re.search(r"h1\.headline \{[^}]*\}", css).group(0)  # type: ignore[union-attr]

    assert "font-size: xx-large;" in headline_rule(stylesheet(DisplaySettings()))
    assert "font-size: x-large;" in headline_rule(
        stylesheet(DisplaySettings(headline_size="x-large"))
    )
    hostile = stylesheet(DisplaySettings(headline_size="1px } body { color: red"))
    assert "font-size: xx-large;" in headline_rule(hostile) and "color: red" not in hostile


def test_typeface_cannot_break_out_of_the_stylesheet() -> None:
    css = stylesheet(DisplaySettings(typeface="x'; } body { background: url(http://e/) } {"))
    assert "url(" in css  # the words stay, harmless inside a quoted family name …
    assert css.count("{") == css.count("}")
    assert "font-family: 'x  body  background: url(http://e/)'; }" in css


def test_jump_markers_are_links_both_ways(edition: Edition) -> None:
    start = render_article(edition, edition.article("2030-01-02/1/kai-pian"), DISPLAY)  # type: ignore[arg-type]
    end = render_article(edition, edition.article("2030-01-02/3/kai-pian"), DISPLAY)  # type: ignore[arg-type]
    assert '<a class="jump" href="jump:2030-01-02/3/kai-pian">（下转3版）</a>' in start
    assert '<a class="jump" href="jump:2030-01-02/1/kai-pian">（上接1版）</a>' in end


def test_jump_to_a_missing_page_links_to_the_page(edition: Edition) -> None:
    html = render_article(edition, edition.article("2030-01-02/3/lai-zi-di-er"), DISPLAY)  # type: ignore[arg-type]
    assert '<a class="jump" href="page:2030-01-02/2">（上接2版）</a>' in html


def test_whole_story_reads_fragments_in_order_with_marked_seams(edition: Edition) -> None:
    story = edition.story("2030-01-02/3/kai-pian")
    assert story is not None
    html = render_story(edition, story, DISPLAY)
    first = html.index(f'name="{fragment_anchor("2030-01-02/1/kai-pian")}"')
    seam = html.index("以下接第3版 经济")
    second = html.index(f'name="{fragment_anchor("2030-01-02/3/kai-pian")}"')
    assert first < html.index("第一段") < second <= seam < html.index("续文第一段")
    assert html.count('<h1 class="headline">') == 1


def test_whole_story_names_a_missing_start_page(edition: Edition) -> None:
    story = edition.story("2030-01-02/3/lai-zi-di-er")
    assert story is not None
    html = render_story(edition, story, DISPLAY)
    assert "本文开头刊于第2版 综合（未收录）" in html
    assert 'href="page:2030-01-02/2"' in html


def test_missing_page_says_it_is_not_in_the_collection_and_lists_known_headlines(
    edition: Edition,
) -> None:
    page = edition.page("2")
    assert page is not None
    html = render_missing_page(edition, page, DISPLAY)
    assert "本版未收录" in html
    assert "《来自第二版的续篇》" in html
    assert 'href="jump:2030-01-02/3/lai-zi-di-er"' in html


def test_message_is_escaped() -> None:
    html = render_message("<b>标题</b>", "<script>x</script>", DISPLAY)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_hostile_edition_has_no_script_or_raw_tags(hostile_html: str) -> None:
    text = body(hostile_html)
    for tag in ("<script", "<iframe", "<style", "<b ", '<img src="http', '<img src="file'):
        assert tag not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "onclick" not in text.replace("onclick=&quot;", "")


def test_hostile_edition_loads_nothing_remote_or_local(hostile_html: str) -> None:
    text = body(hostile_html)
    assert not re.search(r"<img[^>]*src=\"(?!edition-image:)", text)
    assert "url(" not in re.sub(r"&lt;style&gt;.*?&lt;/style&gt;", "", text)


def test_hostile_links_keep_their_words_but_not_their_targets(hostile_html: str) -> None:
    text = body(hostile_html)
    hrefs = re.findall(r'<a [^>]*href="([^"]*)"', text)
    assert hrefs == ["https://example.com/", "http://auto.example/"]
    for words in ("点我", "文件", "数据", "远程"):
        assert f"<span>{words}</span>" in text


def test_markdown_block_syntax_in_a_paragraph_stays_text(hostile_html: str) -> None:
    text = body(hostile_html)
    assert "<ol" not in text and "<pre" not in text and "1. 不是列表" in text


@pytest.mark.parametrize(
    "src",
    [
        "http://e/x.png",
        "file:///etc/passwd",
        "../x.png",
        "/etc/passwd",
        "a/../../x",
        "C:\\x",
        "~/x",
    ],
)
def test_unsafe_figure_paths_get_no_image_source(src: str) -> None:
    assert image_source("2030-01-02", src) is None


def test_safe_figure_path_uses_the_edition_image_scheme() -> None:
    assert image_source("2030-01-02", "images/a.png") == "edition-image:2030-01-02/images/a.png"


def test_resolve_image_stays_inside_the_edition_folder(tmp_path: Path) -> None:
    edition_file = write_edition(tmp_path / "ed")
    (tmp_path / "ed" / "images").mkdir()
    (tmp_path / "ed" / "images" / "a.png").write_bytes(b"png")
    (tmp_path / "outside.png").write_bytes(b"png")
    (tmp_path / "ed" / "images" / "link.png").symlink_to(tmp_path / "outside.png")
    assert resolve_image(edition_file, "images/a.png") == (tmp_path / "ed/images/a.png").resolve()
    assert resolve_image(edition_file, "images/link.png") is None
    assert resolve_image(edition_file, "../outside.png") is None
    assert resolve_image(edition_file, "images/none.png") is None


def test_bundled_figure_is_rendered_with_its_caption(tmp_path: Path) -> None:
    text = JUMP_PAIR.replace("![合成图片说明。测试摄]()", "![合成图片说明。测试摄](images/a.png)")
    path = write_edition(tmp_path, text)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"")
    result = load_edition_file(path)
    assert result.edition is not None
    html = render_article(result.edition, result.edition.article("2030-01-02/3/kai-pian"), DISPLAY)  # type: ignore[arg-type]
    assert '<img src="edition-image:2030-01-02/images/a.png" alt="合成图片说明。测试摄" />' in html
