from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.core.textio import _printable_share, decode_edition_bytes, source_lines
from tests.helpers.editions import JUMP_PAIR


def test_utf8_with_bom_is_read_silently():
    decoded = decode_edition_bytes("\ufeff---\n正文".encode())
    assert decoded.text == "---\n正文" and decoded.diagnostics == ()


def test_gb18030_file_is_accepted_with_a_warning(tmp_path):
    path = tmp_path / "gb.md"
    path.write_bytes(JUMP_PAIR.encode("gb18030"))
    result = load_edition_file(path)
    assert result.edition is not None and result.edition.paper == "江北报"
    assert [(d.code, d.severity) for d in result.diagnostics if d.code == "encoding"] == [
        ("encoding", Severity.WARNING)
    ]


def test_invalid_utf8_names_the_byte_offset_line_and_column_and_keeps_the_rest(tmp_path):
    data = JUMP_PAIR.encode()
    offset = data.index("第二段".encode())
    broken = data[:offset] + b"\xff\xfe\xfd\x80" + data[offset:]
    path = tmp_path / "bad.md"
    path.write_bytes(broken)
    result = load_edition_file(path)
    error = next(d for d in result.diagnostics if d.code == "encoding")
    assert error.severity is Severity.ERROR
    assert f"byte offset {offset}" in error.message
    assert error.line == JUMP_PAIR[: JUMP_PAIR.index("第二段")].count("\n") + 1
    assert result.edition is not None
    assert len(list(result.edition.articles())) == 4


def test_binary_file_is_refused_as_not_text(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(bytes(range(256)) * 4)
    result = load_edition_file(path)
    assert result.edition is None
    assert [d.code for d in result.diagnostics] == ["not-text"]


def test_unreadable_path_is_a_diagnostic(tmp_path):
    result = load_edition_file(tmp_path / "missing.md")
    assert result.edition is None and result.diagnostics[0].code == "io"


def test_control_characters_file_is_not_text():
    decoded = decode_edition_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08abc" * 10, Path("x.md"))
    assert decoded.text is None and decoded.diagnostics[0].code == "not-text"


def test_invalid_utf8_column_counts_characters_not_bytes():
    data = "---\n甲乙丙".encode() + b"\xff" + "丁\n".encode()
    error = next(d for d in decode_edition_bytes(data).diagnostics if d.code == "encoding")
    assert (error.line, error.col) == (2, 4)


def test_utf16_with_bom_is_read_with_a_warning(tmp_path):
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.md"
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        path.write_bytes(bom + JUMP_PAIR.encode(encoding))
        result = load_edition_file(path)
        assert result.edition is not None and result.edition.paper == "江北报"
        warnings = [d for d in result.diagnostics if d.code == "encoding"]
        assert [d.severity for d in warnings] == [Severity.WARNING]
        assert "UTF-16" in warnings[0].message


def test_lines_are_numbered_as_an_editor_numbers_them():
    assert source_lines("a\u2028b\x85c\x0cd\ne\r\nf\rg\n") == ["a\u2028b\x85c\x0cd", "e", "f", "g"]
    assert source_lines("") == [] and source_lines("x") == ["x"] and source_lines("\n") == [""]


def test_a_line_separator_in_the_text_does_not_shift_later_line_numbers():
    text = JUMP_PAIR.replace("第二段继续。", "第二段\u2028继续。").replace(
        "类型：简讯", "栏目：简讯"
    )
    from jiangbei_reader.core.parser import parse_edition

    unknown = next(d for d in parse_edition(text).diagnostics if "栏目" in d.message)
    assert unknown.line == source_lines(text).index("栏目：简讯") + 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=60))
def test_the_printable_share_counts_control_characters_but_tabs_and_line_ends(text: str) -> None:
    # The rule spelled out character by character, as the regular expression must keep it.
    bad = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or "\x7f" <= ch < "\xa0")
    assert _printable_share(text) == (1 - bad / len(text) if text else 1.0)


def test_invalid_utf8_after_a_byte_order_mark_names_its_offset_in_the_file():
    data = "\ufeff---\n甲乙".encode() + b"\xff" + "丙\n".encode()
    decoded = decode_edition_bytes(data)
    error = next(d for d in decoded.diagnostics if d.code == "encoding")
    offset = data.index(b"\xff")
    assert f"byte offset {offset}" in error.message
    assert (error.line, error.col) == (2, 3)
    assert decoded.text == "---\n甲乙\ufffd丙\n"
