"""Helpers for the font-step, 长辈版 and read-aloud tests: the real window at 1280x800."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QTextBlock
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QStatusBar,
    QStyle,
    QStyleOptionFrame,
    QToolBar,
    QToolButton,
    QTreeView,
    QWidget,
)

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


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or not label.isVisible():
        return None
    room = label.contentsRect()
    if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        # Laid out by Qt over the width it has: all of it must fit in the height.
        need_h = label.heightForWidth(room.width()) if label.wordWrap() else 0
        need_w = 0 if label.wordWrap() else label.sizeHint().width()
        if need_h > room.height() + 1 or need_w > label.width():
            return f"{need_w}x{need_h}px in {label.width()}x{room.height()}px"
        return None
    widest = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    if widest > room.width():
        return f"{widest}px in {room.width()}px"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&", "")
    if not text or not button.isVisible():
        return None
    if (
        isinstance(button, QToolButton)
        and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        and not button.icon().isNull()
    ):
        return "icon only: the label is not shown"
    need = button.fontMetrics().horizontalAdvance(text)
    # The button is given at least what it asks for, or its text is squeezed.
    if need > button.width() or button.width() < button.sizeHint().width():
        return f"{need}px text, hint {button.sizeHint().width()}px, in {button.width()}px"
    return None


def _placeholder_problem(box: QLineEdit) -> str | None:
    text = box.placeholderText()
    if not text or not box.isVisible() or box.text():
        return None
    option = QStyleOptionFrame()
    box.initStyleOption(option)
    room = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, box)
    margins = box.textMargins()
    width = room.width() - margins.left() - margins.right() - 4  # QLineEdit's own margin
    if box.isClearButtonEnabled():
        width -= box.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8
    need = box.fontMetrics().horizontalAdvance(text)
    return f"{need}px in {width}px" if need > width else None


def _row_problems(tree: QTreeView) -> list[str]:
    """Rows whose text does not fit the room the tree gives them (wrapped or not)."""
    if not tree.isVisible():
        return []
    problems = []
    model = tree.model()
    metrics = QFontMetrics(tree.font())
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    right = tree.viewport().width()

    def visit(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rect = tree.visualRect(index)
            text = str(index.data() or "")
            if rect.isValid() and text:
                width = min(rect.right() + 1, right) - rect.left() - 2 * margin
                flags = Qt.TextFlag.TextWordWrap if tree.wordWrap() else 0
                need = metrics.boundingRect(QRect(0, 0, width, 100_000), int(flags), text)
                if need.width() > width or need.height() > rect.height():
                    problems.append(
                        f"row {text!r}: {need.width()}x{need.height()}px"
                        f" in {width}x{rect.height()}px"
                    )
            if tree.isExpanded(index):
                visit(index)

    visit(QModelIndex())
    return problems


def clipped_controls(window: QWidget) -> list[str]:
    """Every visible label, button, tree row, search placeholder and status-bar text that
    does not fit its widget (text width by QFontMetrics.horizontalAdvance), plus toolbars
    that hide buttons in their overflow menu and tool buttons showing an icon alone."""
    problems = []
    for label in window.findChildren(QLabel):
        if (found := _label_problem(label)) is not None:
            problems.append(f"label {label.objectName()} {label.text()[:30]!r}: {found}")
    for button in window.findChildren(QAbstractButton):
        if (found := _button_problem(button)) is not None:
            problems.append(f"button {button.objectName()} {button.text()!r}: {found}")
    for box in window.findChildren(QLineEdit):
        if (found := _placeholder_problem(box)) is not None:
            problems.append(f"placeholder {box.placeholderText()!r}: {found}")
    for tree in window.findChildren(QTreeView):
        problems += _row_problems(tree)
    for bar in window.findChildren(QToolBar):
        extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        if bar.isVisible() and extension is not None and extension.isVisible():
            problems.append(f"toolbar {bar.objectName()}: buttons hidden in the overflow menu")
    for status in window.findChildren(QStatusBar):
        message = status.currentMessage()
        if status.isVisible() and message:
            room = status.width() - sum(
                w.width() + 6
                for w in status.findChildren(
                    QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
                )
                if w.isVisible()
            )
            need = status.fontMetrics().horizontalAdvance(message) + 8
            if need > room:
                problems.append(f"status message {message!r}: {need}px in {room}px")
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


def run_offscreen(script: str, *args: str) -> list[str]:
    """Run a Python ``script`` in a fresh offscreen process; the lines it printed."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()
