"""The bundled fonts in Qt: registered at start-up, covering every character of the editions."""

import logging

import pytest

from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.model import Figure
from jiangbei_reader.resources import editions_dir
from jiangbei_reader.ui.fonts import (
    SANS_FALLBACKS,
    apply_application_font,
    reader_font,
    register_bundled_fonts,
)

SANS = "Jiangbei Sans SC"
SERIF = "Jiangbei Serif SC"


def edition_characters() -> set[str]:
    """Every character the reader shows of the bundled editions, through the library."""
    library = Library([editions_dir()])
    assert len(library) >= 1, "no bundled edition found"
    chars: set[str] = set()
    for edition in library.editions():
        texts = [edition.title, edition.note, edition.source]
        for page in edition.pages:
            texts.append(page.label)
            for article in page.articles:
                texts += [article.headline, article.kicker, article.subtitle, article.author]
                texts += [article.photographer, article.kind, article.source]
                texts += [jump.text for jump in article.jumps]
                texts += [b.caption if isinstance(b, Figure) else b.text for b in article.blocks]
        chars.update("".join(texts))
    # Whitespace and controls are laid out, not drawn from a glyph.
    return {ch for ch in chars if not ch.isspace() and ch.isprintable()}


def bundled_only(family: str, *, bold: bool = False) -> QFont:
    """The family alone: font merging off, so no system font can stand in for a glyph."""
    font = QFont(family)
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


def lacking(font: QFont, chars: set[str]) -> list[str]:
    metrics = QFontMetrics(font)
    return sorted(ch for ch in chars if not metrics.inFontUcs4(ord(ch)))


def test_bundled_faces_register_under_their_own_family_names(qapp):
    fonts = register_bundled_fonts()
    assert (fonts.sans, fonts.serif, fonts.problems) == (SANS, SERIF, ())


@pytest.mark.parametrize(("family", "bold"), [(SANS, False), (SANS, True), (SERIF, False)])
def test_every_character_of_the_bundled_editions_is_in_the_bundled_font(qapp, family, bold):
    register_bundled_fonts()
    font = bundled_only(family, bold=bold)
    info = QFontInfo(font)
    # The font Qt resolved is the bundled file, not a substitute from the system.
    assert info.family() == family and info.bold() == bold
    chars = edition_characters()
    assert len(chars) > 500
    assert lacking(font, chars) == []


def test_the_coverage_check_fails_for_a_character_the_subset_lacks(qapp):
    register_bundled_fonts()
    # Hangul and CJK Extension B are not in the GB2312 + editions subset.
    assert lacking(bundled_only(SANS), {"报", "한", "\U00020bb7"}) == ["한", "\U00020bb7"]


def test_the_reader_font_puts_the_bundled_face_first_and_system_cjk_fonts_after(qapp):
    fonts = register_bundled_fonts()
    font = reader_font(fonts, 14)
    assert font.families() == [SANS, *SANS_FALLBACKS]
    assert font.pointSizeF() == 14
    assert QFontInfo(font).family() == SANS
    assert reader_font(fonts, serif=True).families()[0] == SERIF


def test_the_application_font_becomes_the_bundled_face(qapp):
    fonts = register_bundled_fonts()
    before = qapp.font()
    try:
        font = apply_application_font(qapp, fonts, 13)
        assert qapp.font().families()[0] == SANS
        assert font.pointSizeF() == 13
    finally:
        qapp.setFont(before)


def test_missing_font_files_fall_back_to_system_fonts_with_a_log_message(qapp, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="jiangbei_reader.ui.fonts"):
        fonts = register_bundled_fonts(tmp_path)
    assert fonts.sans is None and fonts.serif is None
    assert len(fonts.problems) == 3 and all(str(tmp_path) in p for p in fonts.problems)
    assert "bundled font missing" in caplog.text
    assert reader_font(fonts).families() == list(SANS_FALLBACKS)


def test_a_broken_font_file_is_reported_not_fatal(qapp, tmp_path):
    for name in ("JiangbeiSansSC-Regular.otf", "JiangbeiSansSC-Bold.otf"):
        (tmp_path / name).write_bytes(b"not a font at all")
    fonts = register_bundled_fonts(tmp_path)
    assert fonts.sans is None
    assert any("Qt cannot load this font" in p for p in fonts.problems)


def test_the_real_article_view_draws_every_edition_character_from_the_bundled_font(qtbot, tmp_path):
    from PySide6.QtWidgets import QTextBrowser

    from jiangbei_reader.app import create_window

    window = create_window(["--editions", str(editions_dir()), "--config-dir", str(tmp_path)])
    qtbot.addWidget(window)
    view = window.findChild(QTextBrowser, "articleView")
    assert view is not None
    used = view.document().defaultFont()
    assert used.families()[0] == SANS
    alone = QFont(used)
    alone.setFamilies([SANS])
    alone.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    assert QFontInfo(alone).family() == SANS
    assert lacking(alone, edition_characters()) == []
