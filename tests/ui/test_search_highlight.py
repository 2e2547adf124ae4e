"""Hits highlighted in the article pane stay inside one paragraph."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from jiangbei_reader.ui.window import ReaderWindow
from tests.core.search.conftest import write
from tests.ui.reader_helpers import OFFSCREEN_SHOW, open_window
from tests.ui.test_search_ui import controller, open_first, type_query

pytestmark = OFFSCREEN_SHOW

# Synthetic text (never real news): a paragraph ends in 江, the next starts with 北.
BODY = "合成段落一的末尾是江\n\n北岸合成段落二。合成段落三里有江北两个字。"


def _indexed_window(qtbot: QtBot, tmp_path: Path) -> ReaderWindow:
    """The window over one synthetic edition of BODY, shown once its index is built."""
    folder = tmp_path / "editions"
    write(folder, "2030-05-06", {"1": [("合成测试标题", BODY)]})
    window = open_window(qtbot, folder)
    window.resize(1000, 700)
    search = controller(window)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            window.show()
    else:
        window.show()
    qtbot.waitExposed(window)
    return window


def test_a_highlight_never_spans_a_paragraph_break(qtbot: QtBot, tmp_path: Path) -> None:
    window = _indexed_window(qtbot, tmp_path)
    search = controller(window)
    type_query(qtbot, window, "江北")
    count = open_first(qtbot, window)
    document = window.view.document()
    texts = []
    for start, end in search.hit_ranges:
        assert document.findBlock(start) == document.findBlock(end - 1)
        texts.append(document.toPlainText()[start:end])
    assert count == 1 and texts == ["江北"]


def test_hits_are_marked_in_the_theme_s_colours(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor

    from jiangbei_reader.core.themes import DARK
    from jiangbei_reader.ui.search_results import SearchResultDelegate, snippet_html

    window = _indexed_window(qtbot, tmp_path)
    search = controller(window)
    window.reading_aids.elder.night_action.setChecked(True)  # type: ignore[attr-defined]
    type_query(qtbot, window, "江北")
    assert open_first(qtbot, window) == 1
    selections = window.view.extraSelections()
    assert selections
    assert selections[0].format.background().color() == QColor(DARK.search_hit_bg)
    assert selections[0].format.foreground().color() == QColor(DARK.search_hit_text)
    delegate = search.panel.results.itemDelegate()
    assert isinstance(delegate, SearchResultDelegate)
    hit = search.panel.model.hit(0)
    assert hit is not None
    assert f"background-color:{DARK.search_hit_bg}" in snippet_html(hit, delegate.colours)
