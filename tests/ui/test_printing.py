"""打印 in the normal mode: Ctrl+P, the print dialog, and the article on paper (a PDF here)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.printing import ArticlePrinting
from tests.ui.printing_helpers import pdf_characters, pdf_pages, pdf_printer
from tests.ui.reader_helpers import OFFSCREEN_SHOW, open_window, write_library

pytestmark = OFFSCREEN_SHOW


def test_print_asks_with_the_dialog_then_prints_the_article(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"), "--config-dir", str(tmp_path))
    printing = window.printing  # type: ignore[attr-defined]
    assert isinstance(printing, ArticlePrinting)
    action = window.reader_actions[ActionId.PRINT]
    assert action.text() == "打印"
    assert QKeySequence(QKeySequence.StandardKey.Print) in action.shortcuts()
    assert action in window.menuBar().actions()[0].menu().actions()

    pdf = tmp_path / "print.pdf"
    asked: list[QWidget] = []
    printing.printer_factory = lambda: pdf_printer(pdf)
    printing.ask = lambda printer, parent: not asked.append(parent)
    headline = "测试新闻开篇"
    assert headline in window.view.document().toPlainText()

    action.trigger()
    assert asked == [window]  # the dialog was asked first
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) >= 1
    assert set(headline) <= pdf_characters(pdf)
    assert printing.printed == 1
    assert "已发送到打印机" in window.statusBar().currentMessage()

    # Cancelled in the dialog: nothing printed.
    pdf.unlink()
    printing.ask = lambda printer, parent: False
    action.trigger()
    assert not pdf.exists()
    assert printing.printed == 1


def test_a_longer_story_prints_on_more_pages(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"), "--config-dir", str(tmp_path))
    printing = window.printing  # type: ignore[attr-defined]
    printing.ask = lambda printer, parent: True
    short = tmp_path / "short.pdf"
    printing.printer_factory = lambda: pdf_printer(short)
    assert printing.print_with_dialog()
    # The same article with many more paragraphs: the print follows what the view shows.
    cursor = window.view.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\n".join(["这是附加的一段测试文字，让文章变长。"] * 400))
    long = tmp_path / "long.pdf"
    printing.printer_factory = lambda: pdf_printer(long)
    assert printing.print_with_dialog()
    assert pdf_pages(long) > pdf_pages(short)
