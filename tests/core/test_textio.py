from pathlib import Path

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.core.textio import decode_edition_bytes
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
