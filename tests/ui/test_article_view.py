"""The article pane on its own: measure, highlights, links reported, keys at the end."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.parser import parse_edition
from jiangbei_reader.core.render import render_article, render_story
from jiangbei_reader.ui.article_view import ArticleView
from jiangbei_reader.ui.fonts import apply_application_font, register_bundled_fonts
from tests.helpers.editions import JUMP_PAIR
from tests.ui.reader_helpers import OFFSCREEN_SHOW

EDITION = parse_edition(JUMP_PAIR, None).edition
assert EDITION is not None


@pytest.fixture(autouse=True)
def _bundled_font(qapp: QApplication) -> None:
    # The measure is in characters of the reader's own CJK face, as the app sets it; a
    # machine without a system CJK font would otherwise measure a fallback glyph.
    apply_application_font(qapp, register_bundled_fonts())


def make_view(qtbot: QtBot, width: int = 1000, height: int = 400) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(width, height)
    return view


def story_html() -> str:
    story = EDITION.story("2030-01-02/1/kai-pian")
    assert story is not None
    return render_story(EDITION, story, DisplaySettings())


@OFFSCREEN_SHOW
def test_body_column_is_at_most_the_measure_and_centred(qtbot: QtBot) -> None:
    view = make_view(qtbot, 780)
    view.show()
    qtbot.waitExposed(view)
    view.apply_display(DisplaySettings(measure=36))
    view.show_html(story_html())
    frame = view.document().rootFrame().frameFormat()
    char = QFontMetricsF(view.document().defaultFont()).horizontalAdvance("国")
    text_width = view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert text_width <= 36 * char + 1
    assert text_width <= 40 * char
    assert abs(frame.leftMargin() - frame.rightMargin()) < 1
    assert frame.leftMargin() > char


@OFFSCREEN_SHOW
def test_narrow_pane_keeps_a_small_margin(qtbot: QtBot) -> None:
    view = make_view(qtbot, 300)
    view.show()
    qtbot.waitExposed(view)
    view.show_html(story_html())
    frame = view.document().rootFrame().frameFormat()
    char = QFontMetricsF(view.document().defaultFont()).horizontalAdvance("国")
    assert frame.leftMargin() == char  # one character, not half of a negative spare width


def test_highlight_layers_do_not_clear_each_other(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show_html(story_html())
    ranges = view.highlight_terms(["段"])
    text = view.document().toPlainText()
    assert ranges and all(text[a:b] == "段" for a, b in ranges)
    view.highlight_ranges([(0, 2)], layer="read-aloud", background="#fff1a8")
    assert len(view.extraSelections()) == len(ranges) + 1
    view.clear_highlights()  # search hits only
    assert len(view.extraSelections()) == 1
    view.show_html(story_html())  # a new document: every layer goes
    assert view.extraSelections() == []


def test_links_are_reported_not_followed(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show_html(story_html())
    with qtbot.waitSignal(view.link_activated) as blocker:
        view.anchorClicked.emit(QUrl("https://example.com/"))
    assert blocker.args == ["https://example.com/"]
    assert view.source().isEmpty()


@OFFSCREEN_SHOW
def test_page_down_pages_then_asks_for_the_next_article(qtbot: QtBot) -> None:
    view = make_view(qtbot, 600, 200)
    view.show()
    qtbot.waitExposed(view)
    view.show_html(story_html())
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    emitted: list[bool] = []
    view.end_reached.connect(lambda: emitted.append(True))
    for _ in range(50):
        if view.at_end():
            break
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.at_end() and emitted == []
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert emitted == [True]
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert not view.at_end()


@OFFSCREEN_SHOW
def test_a_bigger_font_keeps_the_reader_at_the_same_words(qtbot: QtBot) -> None:
    view = make_view(qtbot, 600, 200)
    view.show()
    qtbot.waitExposed(view)
    view.show_html(story_html())
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    words = view.reading_position()
    assert words > 0
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    assert view.reading_position() == words


def test_headline_scales_with_the_base_font(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    article = EDITION.article("2030-01-02/1/kai-pian")
    assert article is not None
    view.show_html(render_article(EDITION, article, DisplaySettings()))

    def headline_size() -> float:
        block = view.document().findBlock(view.document().find("测试新闻开篇").selectionStart())
        return block.begin().fragment().charFormat().font().pointSizeF()

    small = headline_size()
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    assert abs(headline_size() - small * 2) < 0.6
