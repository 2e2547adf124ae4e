"""Helpers for the font-step, 长辈版 and read-aloud tests: the real window at 1280x800."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QFontMetricsF, QTextBlock
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolButton, QWidget

from jiangbei_reader.app import create_window
from jiangbei_reader.ui.elder_mode import ReadingAids
from jiangbei_reader.ui.window import ReaderWindow

#: The offscreen platform says this each time a top-level window is shown.
OFFSCREEN_SHOW = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

WIDTH, HEIGHT = 1280, 800


def settle() -> None:
    """Let queued layout and paint events run."""
    for _ in range(3):
        QApplication.processEvents()


def open_reader(qtbot: QtBot, config: Path, editions: Path | None = None) -> ReaderWindow:
    """The real window on the bundled editions (or ``editions``), shown at 1280x800."""
    extra = ["--editions", str(editions)] if editions is not None else []
    window = create_window(["--config-dir", str(config), *extra])
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return window


def aids(window: ReaderWindow) -> ReadingAids:
    """The reading aids the app installed on the window."""
    installed = getattr(window, "reading_aids", None)
    assert isinstance(installed, ReadingAids)
    return installed


def px(window: ReaderWindow, widget: QWidget) -> float:
    """A widget's font size in logical pixels."""
    return widget.font().pointSizeF() * window.logicalDpiY() / 72


def body_px(window: ReaderWindow) -> float:
    """The article body's font size in logical pixels (the document's base font)."""
    return window.view.document().defaultFont().pointSizeF() * window.logicalDpiY() / 72


def body_blocks(window: ReaderWindow) -> Iterator[QTextBlock]:
    """Body paragraphs of the article shown: long blocks laid out over several lines."""
    block = window.view.document().begin()
    while block.isValid():
        layout = block.layout()
        if layout is not None and layout.lineCount() >= 2 and len(block.text()) > 40:
            yield block
        block = block.next()


def line_metrics(window: ReaderWindow) -> tuple[float, float]:
    """(line pitch, baseline distance across a paragraph break) of the body text, in px."""
    doc_layout = window.view.document().documentLayout()
    blocks = list(body_blocks(window))
    assert len(blocks) >= 2, "the article shows at least two multi-line paragraphs"
    first = blocks[0]
    layout = first.layout()
    pitch = layout.lineAt(1).y() - layout.lineAt(0).y()
    following = first.next()
    last = layout.lineAt(layout.lineCount() - 1)
    top1 = doc_layout.blockBoundingRect(first).top() + last.y()
    top2 = doc_layout.blockBoundingRect(following).top() + following.layout().lineAt(0).y()
    return pitch, top2 - top1


def widest_body_line_chars(window: ReaderWindow) -> float:
    """The widest laid-out body line, in widths of 「国」 at the body size."""
    char = QFontMetricsF(window.view.document().defaultFont()).horizontalAdvance("国")
    widest = 0.0
    for block in body_blocks(window):
        layout = block.layout()
        for n in range(layout.lineCount()):
            widest = max(widest, layout.lineAt(n).naturalTextWidth())
    return widest / char


def visible_buttons(window: ReaderWindow) -> list[QAbstractButton]:
    """Every tool button and push button the reader can see in the window."""
    return [b for b in window.findChildren(QAbstractButton) if b.isVisible()]


def clipped_text(buttons: list[QAbstractButton]) -> list[str]:
    """Buttons whose text is wider than the button (text shown beside or without an icon)."""
    problems = []
    for button in buttons:
        if isinstance(button, QToolButton) and (
            button.toolButtonStyle() == button.toolButtonStyle().ToolButtonIconOnly
        ):
            continue
        text = button.text().replace("&", "")
        need = button.fontMetrics().horizontalAdvance(text)
        if need > button.width():
            problems.append(f"{button.objectName()} {text!r}: {need}px in {button.width()}px")
    return problems


@pytest.fixture(autouse=True)
def restore_application_look() -> Iterator[None]:
    """Leave the application font, palette and style sheet as found, for other tests."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, palette, sheet = app.font(), app.palette(), app.styleSheet()
    yield
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setFont(font)
