"""Raw bytes to text: every encoding named, every bad byte reported, nothing dropped."""

import codecs

import pytest

from jiangbei_reader.core.importer.decode import decode_raw

TEXT = "本报讯（记者 黄丽丽）7月12日，区政法委员会2023年\n第二次全体会议召开。\n"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 (BOM)"),
        (TEXT.encode("gb18030"), "GB18030 (GBK)"),
        (TEXT.encode("gbk"), "GB18030 (GBK)"),
        (TEXT.encode("utf-16"), "UTF-16 (BOM)"),
        (TEXT.encode("utf-16-le"), "UTF-16LE"),
        (TEXT.encode("utf-16-be"), "UTF-16BE"),
    ],
)
def test_each_encoding_is_decoded_and_named(data, name):
    decoded = decode_raw(data)
    assert decoded.text == TEXT
    assert decoded.encoding == name
    assert decoded.problems == ()


def test_the_seed_in_gbk_reads_like_the_seed_in_utf8(seed_text):
    assert decode_raw(seed_text.encode("gbk")).text == seed_text


def test_mixed_encodings_line_by_line_are_all_read_and_named():
    lines = ["第一行是UTF-8。", "第二行是GBK。", "第三行又是UTF-8。"]
    data = b"\n".join([lines[0].encode("utf-8"), lines[1].encode("gbk"), lines[2].encode("utf-8")])
    decoded = decode_raw(data)
    assert decoded.text == "\n".join(lines)
    assert decoded.encoding == "mixed: GB18030 + UTF-8"


def test_undecodable_bytes_are_replaced_and_reported_with_their_offset():
    head = "第一行\n第二行".encode()
    data = head + b"\xff\xfe" + "后文。".encode()
    decoded = decode_raw(data)
    assert decoded.text is not None
    assert decoded.text.count("\ufffd") == 2
    assert "后文。" in decoded.text
    assert [p.offset for p in decoded.problems] == [len(head), len(head) + 1]
    assert all(p.line == 2 for p in decoded.problems)
    assert "0xff" in decoded.problems[0].message


def test_control_characters_are_replaced_and_reported():
    decoded = decode_raw("正文\x01继续。".encode())
    assert decoded.text == "正文\ufffd继续。"
    assert len(decoded.problems) == 1
    assert decoded.problems[0].offset == len("正文".encode())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\n\t ", "empty"),
        (bytes(range(256)) * 40, "not a text file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a text file"),
    ],
)
def test_no_text_is_refused_with_a_reason(data, reason):
    decoded = decode_raw(data)
    assert decoded.text is None
    assert reason in decoded.error


def test_windows_line_ends_become_newlines():
    assert decode_raw("一行\r\n两行\r三行".encode()).text == "一行\n两行\n三行"


def test_other_encodings_are_left_to_charset_normalizer():
    text = "本報訊（記者 黃麗麗）7月12日，區政法委員會召開全體會議，總結上半年工作。\n" * 5
    decoded = decode_raw(text.encode("big5"))
    assert decoded.text == text
    assert decoded.encoding == "BIG5"
