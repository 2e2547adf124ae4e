"""The bundled font's coverage, read from its cmap without Qt, and `check`'s warning about it."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.cli import main
from jiangbei_reader.core.fontcheck import (
    FontReadError,
    bundled_font_path,
    first_occurrences,
    font_coverage,
    font_diagnostics,
    missing_characters,
)
from jiangbei_reader.core.library import Library
from jiangbei_reader.core.model import Figure
from jiangbei_reader.resources import BUNDLED_FONT_FILES, editions_dir
from tests.helpers.editions import JUMP_PAIR, write_edition


def gb2312_characters() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def bundled_edition_text() -> str:
    """Everything the reader shows of the bundled editions, through the library."""
    library = Library([editions_dir()])
    parts: list[str] = []
    for edition in library.editions():
        parts += [edition.title, edition.paper, edition.note, edition.source]
        for page in edition.pages:
            parts.append(page.label)
            for article in page.articles:
                parts += [article.headline, article.kicker, article.subtitle, article.author]
                parts += [article.photographer, article.kind, article.source]
                parts += [j.text for j in article.jumps]
                for block in article.blocks:
                    parts.append(block.caption if isinstance(block, Figure) else block.text)
    return "\n".join(parts)


def unmapped_ext_b_character(coverage: frozenset[int]) -> str:
    """A CJK Extension B ideograph the font lacks (GB2312 has none of them)."""
    return chr(next(cp for cp in range(0x20000, 0x2A6E0) if cp not in coverage))


@pytest.mark.parametrize("name", BUNDLED_FONT_FILES)
def test_every_bundled_face_covers_all_of_gb2312(name):
    coverage = font_coverage(bundled_font_path(name))
    missing = [ch for ch in gb2312_characters() if ord(ch) not in coverage]
    assert len(gb2312_characters()) == 7445
    assert missing == []


@pytest.mark.parametrize("name", BUNDLED_FONT_FILES)
def test_every_bundled_face_covers_every_character_of_the_bundled_edition_files(name):
    files = sorted(editions_dir().glob("*.md"))
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    assert missing_characters(text, font_coverage(bundled_font_path(name))) == []


def test_the_article_font_covers_every_character_the_library_gives_the_reader():
    text = bundled_edition_text()
    assert missing_characters(text) == []


def test_a_character_outside_the_font_is_reported_once_in_code_point_order():
    coverage = font_coverage()
    rare = unmapped_ext_b_character(coverage)
    assert missing_characters(f"江北{rare}报{rare}", coverage) == [rare]
    assert missing_characters("Ａ１，江北报。ABC“引号”…", coverage) == []


def test_whitespace_controls_and_format_characters_need_no_glyph():
    assert missing_characters("\n\t\r\u200b\u200d\ufeff\u2028", font_coverage()) == []


def test_first_occurrences_give_line_column_and_count():
    text = "第一行\n第二行甲\n甲乙"
    found = first_occurrences(text, ["甲", "乙"])
    assert [(o.char, o.line, o.col, o.count) for o in found] == [
        ("甲", 2, 4, 2),
        ("乙", 3, 2, 1),
    ]


@given(st.text(alphabet=st.sampled_from("江北报\n\t ab\U00020000\U00020001"), max_size=60))
def test_every_occurrence_points_at_its_character(text):
    lines = text.splitlines()
    for occurrence in first_occurrences(text, set(text)):
        assert lines[occurrence.line - 1][occurrence.col - 1] == occurrence.char
        assert occurrence.count == text.count(occurrence.char)


def test_diagnostics_warn_at_the_first_use_and_name_the_character(tmp_path):
    rare = unmapped_ext_b_character(font_coverage())
    text = f"第一行\n第二{rare}行\n{rare}"
    [diagnostic] = font_diagnostics(tmp_path / "x.md", text)
    assert (diagnostic.line, diagnostic.col) == (2, 3)
    assert diagnostic.severity.label == "warning"
    assert f"U+{ord(rare):X}" in diagnostic.message and "used 2 times" in diagnostic.message


def test_an_unreadable_font_is_one_warning_not_a_crash(tmp_path):
    bogus = tmp_path / "bogus.otf"
    bogus.write_bytes(b"this is not a font")
    with pytest.raises(FontReadError, match=r"bogus\.otf"):
        font_coverage(bogus)
    with pytest.raises(FontReadError, match=r"missing\.otf"):
        font_coverage(tmp_path / "missing.otf")


def test_font_diagnostics_report_an_unreadable_font(monkeypatch, tmp_path):
    import jiangbei_reader.core.fontcheck as fontcheck

    monkeypatch.setattr(fontcheck, "bundled_font_path", lambda name="": tmp_path / "gone.otf")
    [diagnostic] = font_diagnostics(Path("e.md"), "江北报")
    assert diagnostic.code == "font-unreadable" and "gone.otf" in diagnostic.message


def test_check_warns_about_a_character_the_bundled_font_lacks(tmp_path, capsys):
    rare = unmapped_ext_b_character(font_coverage())
    text = JUMP_PAIR.replace("第二段继续。", f"第二段继续{rare}。")
    path = write_edition(tmp_path, text)
    status = main(["check", str(path)])
    out = capsys.readouterr().out
    line = next(i for i, t in enumerate(text.splitlines(), 1) if rare in t)
    assert status == 0  # a warning, not an error: a system font may still have it
    assert f"{path}:{line}:6: warning: the bundled font lacks '{rare}'" in out
