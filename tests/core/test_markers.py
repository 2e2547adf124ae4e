import pytest

from jiangbei_reader.core.markers import (
    chinese_numeral,
    find_jump_markers,
    normalize_headline,
    normalize_page_id,
    page_sort_key,
)
from jiangbei_reader.core.model import JumpDirection


@pytest.mark.parametrize(
    ("printed", "direction", "page"),
    [
        ("（下转3版）", JumpDirection.TO, "3"),
        ("（上接1版）", JumpDirection.FROM, "1"),
        ("(上接第1版)", JumpDirection.FROM, "1"),
        ("（下转第三版）", JumpDirection.TO, "3"),
        ("（转2版）", JumpDirection.TO, "2"),
        ("（接A1版）", JumpDirection.FROM, "A1"),
        ("( 下转 第 十二 版 )", JumpDirection.TO, "12"),
        ("（下转３版）", JumpDirection.TO, "3"),
        ("(接a03版)", JumpDirection.FROM, "A3"),
    ],
)
def test_every_printed_variant_of_a_jump_marker_is_found(printed, direction, page):
    markers = list(find_jump_markers(f"正文结束。{printed}"))
    assert [(m.direction, m.page, m.text) for m in markers] == [(direction, page, printed)]
    assert markers[0].start == len("正文结束。")


@pytest.mark.parametrize("text", ["下转3版", "（上接版）", "（上接1页）", "（转发）", "接1版"])
def test_text_that_only_resembles_a_marker_is_not_one(text):
    assert list(find_jump_markers(text)) == []


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一〇", 10),
        ("一百零八", 108),
    ],
)
def test_chinese_numerals(numeral, value):
    assert chinese_numeral(numeral) == value


def test_page_ids_normalise_and_sort_in_printed_order():
    assert normalize_page_id("第３版") == "3"
    assert normalize_page_id("a03") == "A3"
    assert normalize_page_id("零") is None
    assert normalize_page_id("abc") is None
    ids = ["B1", "10", "A2", "2", "A10", "1"]
    assert sorted(ids, key=page_sort_key) == ["1", "2", "10", "A2", "A10", "B1"]


def test_headlines_match_without_quotes_spaces_or_width_differences():
    assert normalize_headline("“碳”寻发展新路径") == normalize_headline("碳寻发展 新路径")
    assert normalize_headline("ＬＥＤ 灯光") == normalize_headline("led灯光")
    assert normalize_headline("碳寻发展") != normalize_headline("碳寻发展新路径")
