"""The edition grammar of docs/edition-format.md, rule by rule."""

import datetime as dt
from pathlib import Path

import pytest

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.model import Figure, Paragraph, Subhead
from jiangbei_reader.core.parser import parse_edition
from tests.helpers.editions import JUMP_PAIR

HEAD = "---\npaper: 江北报\ndate: 2030-01-02\n---\n\n"


def codes(result, severity=None):
    return [d.code for d in result.diagnostics if severity is None or d.severity is severity]


def test_front_matter_fields_are_read():
    result = parse_edition(JUMP_PAIR)
    edition = result.edition
    assert edition is not None
    assert (edition.paper, edition.date, edition.number) == ("江北报", dt.date(2030, 1, 2), "9999")
    assert "synthetic" in edition.note
    assert codes(result, Severity.ERROR) == []


def test_full_width_colons_and_quotes_in_front_matter():
    result = parse_edition('---\npaper：江北报\ndate: "2030-01-02"\n---\n# 第1版\n未收录\n')
    assert result.edition is not None and result.edition.date == dt.date(2030, 1, 2)
    assert codes(result, Severity.ERROR) == []


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("# 第1版\n未收录\n", "front-matter", 1),
        ("---\npaper: 江北报\n---\n# 第1版\n未收录\n", "front-matter", 1),
        ("---\npaper: 江北报\ndate: 2030-13-40\n---\n# 第1版\n未收录\n", "front-matter", 3),
        ("\n\n---\ndate: 2030-01-02\n---\n# 第1版\n未收录\n", "front-matter", 3),
        ("---\npaper: 江北报\ndate: 2030-01-02\n", "front-matter", 1),
        ("---\npaper: 江北报\ndate: 2030-01-02\ndate: 2030-01-03\n---\n", "front-matter", 4),
    ],
)
def test_broken_front_matter_is_an_error_at_its_line(text, code, line):
    result = parse_edition(text)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR and d.code == code]
    assert errors and errors[0].line == line


def test_unknown_front_matter_key_is_a_warning():
    result = parse_edition(HEAD.replace("---\n\n", "editor: 张三\n---\n\n") + "# 1\n未收录\n")
    warnings = [d for d in result.diagnostics if d.code == "front-matter"]
    assert [(d.severity, d.line) for d in warnings] == [(Severity.WARNING, 4)]


def test_date_from_file_name_keeps_an_edition_readable_but_is_still_an_error():
    result = parse_edition("---\npaper: 江北报\n---\n# 1\n未收录\n", Path("2031-05-06.md"))
    assert result.edition is not None and result.edition.date == dt.date(2031, 5, 6)
    assert "front-matter" in codes(result, Severity.ERROR)


def test_pages_articles_fields_and_blocks():
    edition = parse_edition(JUMP_PAIR).edition
    assert edition is not None
    assert [(p.id, p.name, p.missing) for p in edition.pages] == [
        ("1", "要闻", False),
        ("2", "综合", True),
        ("3", "经济", False),
    ]
    start = edition.pages[0].articles[0]
    assert (start.headline, start.kicker, start.subtitle, start.author) == (
        "测试新闻开篇",
        "合成引题",
        "合成副题",
        "测试记者",
    )
    assert start.id == "2030-01-02/1/kai-pian"
    brief = edition.pages[0].articles[1]
    assert brief.kind == "简讯"
    continuation = edition.pages[2].articles[0]
    assert [type(b) for b in continuation.blocks] == [Paragraph, Subhead, Paragraph, Figure]
    figure = continuation.blocks[-1]
    assert isinstance(figure, Figure) and figure.src is None
    assert figure.caption == "合成图片说明。测试摄"


@pytest.mark.parametrize(
    ("heading", "page_id", "name"),
    [("第2版 综合新闻", "2", "综合新闻"), ("2 综合新闻", "2", "综合新闻"), ("第A3版 区县", "A3", "区县"),
     ("第三版", "3", ""), ("A3", "A3", "")],
)  # fmt: skip
def test_page_heading_forms(heading, page_id, name):
    edition = parse_edition(f"{HEAD}# {heading}\n未收录\n").edition
    assert edition is not None
    assert (edition.pages[0].id, edition.pages[0].name) == (page_id, name)


def test_wrapped_lines_join_without_space_for_chinese_and_with_one_for_latin():
    text = HEAD + "# 1\n\n## 题\n\n　　推动专\n精特新发展，LED\nlights 与 4.\n6亿元。\n"
    edition = parse_edition(text).edition
    assert edition is not None
    article = next(edition.articles())
    assert article.paragraphs[0].text == "推动专精特新发展，LED lights 与 4.6亿元。"


def test_unknown_and_duplicate_fields_are_errors_and_unknown_kind_a_warning():
    text = HEAD + "# 1\n\n## 题\n作者：甲\n作者：乙\n编辑：丙\n类型：花边\n\n正文。\n"
    result = parse_edition(text)
    found = {(d.code, d.severity, d.line) for d in result.diagnostics}
    assert ("duplicate-field", Severity.ERROR, 10) in found
    assert ("unknown-field", Severity.ERROR, 11) in found
    assert ("unknown-kind", Severity.WARNING, 12) in found


def test_body_line_right_under_headline_is_kept_with_a_warning():
    result = parse_edition(HEAD + "# 1\n\n## 题\n正文紧贴标题，没有空行。\n")
    assert result.edition is not None
    assert next(result.edition.articles()).paragraphs[0].text == "正文紧贴标题，没有空行。"
    assert "fields" in codes(result, Severity.WARNING)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("# 1\n\n## \n\n正文。\n", "no-headline"),
        ("# 1\n\n## 无正文\n作者：甲\n", "no-body"),
        ("# 1\n\n## 甲 {#same}\n\n一。\n\n## 乙 {#same}\n\n二。\n", "duplicate-id"),
        ("# 1\n\n## 甲 {#Bad Id}\n\n一。\n", "bad-id"),
        ("# 2\n未收录\n# 1\n未收录\n", "page-order"),
        ("# 1\n未收录\n# 第一版\n未收录\n", "duplicate-page"),
        ("# 版面\n", "page-heading"),
        ("## 无版\n\n正文。\n", "no-page"),
        ("正文在文章之外。\n# 1\n未收录\n", "stray-text"),
        ("# 1\n未收录\n\n## 题\n\n正文。\n", "missing-page-content"),
        ("# 1\n\n## 题\n\n![图](/etc/passwd)\n", "image-path"),
        ("# 1\n\n## 题\n\n![图](../x.jpg)\n", "image-path"),
        ("# 1\n\n## 题\n\n![图](https://example.com/x.jpg)\n", "image-path"),
        ("# 1\n\n## 题\n\n正文。\n<!-- 未闭合的注释\n", "comment"),
        ("", "empty"),
        ("# 1\n", "empty-page"),
    ],
)
def test_each_rule_violation_is_reported(body, code):
    result = parse_edition(HEAD + body if body else body)
    assert code in codes(result)


def test_duplicate_derived_slugs_get_suffixes():
    text = HEAD + "# 1\n\n## 同名\n\n一。\n\n## 同名\n\n二。\n"
    edition = parse_edition(text).edition
    assert edition is not None
    assert [a.slug for a in edition.articles()] == ["tong-ming", "tong-ming-2"]


def test_review_comment_is_a_warning_and_comments_are_never_body_text():
    text = HEAD + "# 1\n\n## 题\n<!-- 待核：副题待确认 -->\n\n<!-- 普通\n注释 -->\n正文。\n"
    result = parse_edition(text)
    assert [d.line for d in result.diagnostics if d.code == "review"] == [9]
    assert result.edition is not None
    article = next(result.edition.articles())
    assert [b.text for b in article.paragraphs] == ["正文。"]


def test_image_relative_to_the_file(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.jpg").write_bytes(b"\xff\xd8")
    text = HEAD + "# 1\n\n## 题\n\n![有图](img/a.jpg)\n\n![缺图](img/b.jpg)\n"
    result = parse_edition(text, tmp_path / "e.md")
    assert result.edition is not None
    figures = [b for b in next(result.edition.articles()).blocks if isinstance(b, Figure)]
    assert [(f.caption, f.src) for f in figures] == [("有图", "img/a.jpg"), ("缺图", "img/b.jpg")]
    assert [d.line for d in result.diagnostics if d.code == "image-missing"] == [12]


def test_ids_are_stable_across_reloads():
    first = [a.id for a in parse_edition(JUMP_PAIR).edition.articles()]
    second = [a.id for a in parse_edition(JUMP_PAIR).edition.articles()]
    assert first == second
    assert len(set(first)) == len(first)


def test_comments_inside_a_line_are_never_part_of_the_text():
    text = (
        HEAD + "# 第1版\n\n## 标题\n\n第一句。<!-- 待核：这一句要核对 -->第二句。\n"
        "第三句<!-- 编辑注：\n跨行的注释 -->接着写。\n\n<!-- 整行注释 -->\n\n第二段。\n"
    )
    result = parse_edition(text)
    article = result.edition.pages[0].articles[0]
    assert [p.text for p in article.paragraphs] == ["第一句。第二句。第三句接着写。", "第二段。"]
    review = [d for d in result.diagnostics if d.code == "review"]
    assert [(d.line, d.severity) for d in review] == [(10, Severity.WARNING)]
    assert "这一句要核对" in review[0].message
    assert codes(result, Severity.ERROR) == []


def test_a_comment_line_inside_a_paragraph_does_not_split_it():
    text = HEAD + "# 第1版\n\n## 标题\n\n上半句，\n<!-- 待核：断行 -->\n下半句。\n"
    article = parse_edition(text).edition.pages[0].articles[0]
    assert [p.text for p in article.paragraphs] == ["上半句，下半句。"]


def test_a_hashtag_line_is_body_text_not_a_heading():
    text = HEAD + "# 第1版\n\n## 标题\n\n#江北新闻# 今天的消息。\n\n#### 不是小标题\n"
    result = parse_edition(text)
    assert codes(result, Severity.ERROR) == []
    article = result.edition.pages[0].articles[0]
    assert [p.text for p in article.paragraphs] == ["#江北新闻# 今天的消息。", "#### 不是小标题"]


def test_a_heading_without_a_space_is_read_with_a_warning():
    result = parse_edition(HEAD + "#第1版 要闻\n\n##标题\n\n正文。\n")
    page = result.edition.pages[0]
    assert (page.id, page.name, page.articles[0].headline) == ("1", "要闻", "标题")
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "heading-space"] == [
        ("heading-space", 6),
        ("heading-space", 8),
    ]
