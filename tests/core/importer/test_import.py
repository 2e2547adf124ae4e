"""Whole imports: the draft passes `check`, loses no character, and bad input gets a draft or a reason."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.importer import ImportOptions, import_bytes
from jiangbei_reader.core.importer.draft import escape_inline
from jiangbei_reader.core.importer.quality import squeeze
from jiangbei_reader.core.parser import parse_edition
from tests.core.importer.helpers import (
    DATE,
    articles,
    content,
    errors,
    lines_not_kept_in_order,
    missing_characters,
    run_import,
)


def test_the_seed_imports_into_a_draft_check_accepts(seed_text):
    result, parsed = run_import(seed_text, ("2", "3"))
    assert errors(parsed) == []
    assert parsed.edition is not None
    assert [p.id for p in parsed.edition.pages] == ["1", "2", "3"]
    assert parsed.edition.pages[0].missing
    assert result.stats.articles == 8
    assert result.stats.jumps_from == 2


def test_every_character_of_the_seed_is_in_the_draft(seed_text):
    _, parsed = run_import(seed_text, ("2", "3"))
    assert missing_characters(seed_text, parsed) == Counter()
    # Nothing is added either, apart from markup the parser reads back.
    assert Counter(content(parsed)) == Counter(squeeze(seed_text))


def test_every_line_of_the_seed_is_in_the_draft_in_order(seed_text):
    _, parsed = run_import(seed_text, ("2", "3"))
    assert lines_not_kept_in_order(seed_text, parsed) == []


def test_without_page_ids_the_page_follows_the_pages_continued_from(seed_text):
    result, parsed = run_import(seed_text)
    assert result.pages == ("2",)
    assert errors(parsed) == []
    assert "未给出 --page" in result.text


def test_form_feeds_are_page_breaks():
    raw = "本报讯（记者 甲）第一版的正文。\n\n第一版标题\n\f本报讯（记者 乙）第二版的正文。\n\n第二版标题\n"
    _, parsed = run_import(raw, ("1", "2"))
    assert errors(parsed) == []
    assert [(a.page, a.headline) for a in articles(parsed)] == [
        ("1", "第一版标题"),
        ("2", "第二版标题"),
    ]


def test_a_story_continued_across_imported_pages_is_linked():
    raw = (
        "本报讯（记者 甲）开头的正文。（下转2版）\n\n开篇标题\n"
        "\f（上接1版）\n\n续篇的正文。\n\n续篇标题不同\n"
    )
    _, parsed = run_import(raw, ("1", "2"))
    assert errors(parsed) == []
    assert parsed.edition is not None
    first, second = parsed.edition.articles()
    assert first.continues_to is not None and first.continues_to.target_id == second.id


def test_markup_in_raw_text_is_read_back_as_the_same_text():
    for text in ("# 不是标题", "<!-- 不是注释 -->", "![不是图](x)", "*不是强调*", "a_b_c [x]"):
        assert (
            parse_edition(
                f"---\npaper: 江北报\ndate: 2023-07-13\n---\n# 第2版\n## 标\n\n{escape_inline(text)}\n"
            )
            .edition.articles()
            .__next__()
            .paragraphs[0]
            .text.replace("\\", "")
            == text
        )


def test_gbk_input_is_named_in_the_result(seed_text):
    result = import_bytes(seed_text.encode("gbk"), ImportOptions(date=DATE, pages=("2", "3")))
    assert result.encoding == "GB18030 (GBK)"
    assert result.text is not None and "区政法委员会2023年第二次全会召开" in result.text


def test_undecodable_bytes_are_marked_in_the_draft_and_reported(seed_text):
    data = seed_text.encode()
    cut = data.index("李爱民在讲话".encode())
    result = import_bytes(data[:cut] + b"\xff" + data[cut:], ImportOptions(date=DATE))
    assert [p.offset for p in result.problems] == [cut]
    assert result.text is not None and "\ufffd李爱民在讲话" in result.text
    assert "无法解码" in result.text


def test_binary_input_gives_a_reason_and_no_draft():
    result = import_bytes(bytes(range(256)) * 10, ImportOptions(date=DATE))
    assert result.text is None and "not a text file" in result.error


def test_text_without_line_breaks_gives_a_draft_to_review(seed_text):
    raw = "".join(seed_text.split())
    result, parsed = run_import(raw, ("2",))
    assert errors(parsed) == []
    assert missing_characters(raw, parsed) == Counter()
    assert result.stats.reviews >= 1


def test_only_punctuation_gives_a_draft_to_review():
    raw = "。。。，，，\n！！\n\n（）“”\n"
    result, parsed = run_import(raw, ("2",))
    assert errors(parsed) == []
    assert missing_characters(raw, parsed) == Counter()
    assert result.stats.reviews >= 1


RAW_PIECES = st.sampled_from(
    list("江北报讯记者区委会议正文标题，。、；：！？“”（）《》 \u3000")
    + list("0123456789.%ABCxyz#*_[]<>!-{}")
    + ["\n", "\n", "\n\n", "（上接1版）", "（下转3版）", "(接A2版)", "本报讯（记者 甲）"]
    + ["公益广告", "某中心 宣", "扫一扫", "某地。某某摄", "<!--", "-->", "## ", "{#x}", "1."]
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(RAW_PIECES, max_size=120).map("".join))
def test_any_raw_text_gives_a_draft_check_accepts_with_every_character(raw):
    result, parsed = run_import(raw)
    if not raw.strip():
        return
    assert errors(parsed) == [], result.text
    assert missing_characters(raw, parsed) == Counter(), result.text
    assert lines_not_kept_in_order(raw, parsed) == [], result.text


def test_a_paragraph_that_is_a_whole_page_is_marked_for_review(seed_text):
    result, _ = run_import("".join(seed_text.split()), ("2",))
    assert "原文可能没有换行" in result.text


def test_more_pages_in_the_text_than_page_ids_are_numbered_on_with_a_warning():
    raw = "本报讯（记者 甲）第一版的正文。\n\n标题一\n\f本报讯（记者 乙）第二版的正文。\n\n标题二\n"
    result, parsed = run_import(raw, ("3",))
    assert result.pages == ("3", "4")
    assert result.warnings and "more pages" in result.warnings[0]
    assert errors(parsed) == []


def test_more_page_ids_than_the_text_can_fill_are_dropped_with_a_warning():
    result, parsed = run_import("本报讯（记者 甲）只有一篇的正文。\n\n标题\n", ("2", "3"))
    assert result.pages == ("2",)
    assert result.warnings and "could be told apart" in result.warnings[0]
    assert errors(parsed) == []
