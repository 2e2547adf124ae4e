"""「校对」 in the real window: source beside the article, follows the cursor, reloads on save."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from jiangbei_reader.app import create_window
from jiangbei_reader.core.importer import ImportOptions, import_bytes
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.proofing import ProofingWindow
from jiangbei_reader.ui.window import ReaderWindow
from tests.conftest import SEED
from tests.helpers.editions import JUMP_PAIR, write_edition
from tests.ui.kiosk_helpers import open_kiosk
from tests.ui.reader_helpers import open_window

#: The offscreen platform says so when a window is shown or raised (the view raises itself).
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
)


def _line_of(text: str, prefix: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def _activate(qtbot: QtBot, window: ReaderWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # asynchronous: shortcuts reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


def _open(qtbot: QtBot, window: ReaderWindow) -> ProofingWindow:
    _activate(qtbot, window)
    QTest.keyClick(window.view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    views = window.proofing.views  # type: ignore[attr-defined]
    assert len(views) == 1
    view: ProofingWindow = next(iter(views.values()))
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return write_edition(tmp_path / "editions", JUMP_PAIR)


def test_ctrl_u_opens_the_source_at_the_article_being_read(qtbot: QtBot, edition: Path) -> None:
    window = open_window(qtbot, edition.parent)
    assert window.navigate(Route.article("2030-01-02/1/di-yi-ban-duan"))
    view = _open(qtbot, window)
    text = edition.read_text(encoding="utf-8")
    assert view.path == edition.resolve()
    assert view.current_line() == _line_of(text, "## 第一版短讯")
    assert "第一版短讯" in view.preview.toPlainText()
    assert "只有一段的短讯。" in view.preview.toPlainText()
    source = view.source.toPlainText()
    assert "## 测试新闻开篇 {#kai-pian}" in source and "引题：合成引题" in source
    assert view.header.text().endswith("没有发现问题")
    # Ctrl+U again raises the same view.
    window.activateWindow()
    window.reader_actions[ActionId.PROOF].trigger()
    assert len(window.proofing.views) == 1  # type: ignore[attr-defined]


def test_moving_in_the_source_previews_the_article_there(qtbot: QtBot, edition: Path) -> None:
    window = open_window(qtbot, edition.parent)
    view = _open(qtbot, window)
    text = edition.read_text(encoding="utf-8")
    block = view.source.document().findBlockByNumber(_line_of(text, "（上接1版）") - 1)
    view.source.setTextCursor(QTextCursor(block))
    assert "续文第一段" in view.preview.toPlainText()
    assert "只有一段的短讯" not in view.preview.toPlainText()
    block = view.source.document().findBlockByNumber(_line_of(text, "只有一段的短讯") - 1)
    view.source.setTextCursor(QTextCursor(block))
    assert "只有一段的短讯" in view.preview.toPlainText()


def test_a_save_reloads_the_view_and_the_reader(qtbot: QtBot, edition: Path) -> None:
    window = open_window(qtbot, edition.parent)
    assert window.navigate(Route.article("2030-01-02/1/di-yi-ban-duan"))
    view = _open(qtbot, window)
    text = edition.read_text(encoding="utf-8")
    fixed = text.replace("只有一段的短讯。", "改过的短讯正文。")
    # An editor's save: write a temporary file, rename it over the edition.
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        temporary = edition.with_suffix(".tmp")
        temporary.write_text(fixed, encoding="utf-8")
        os.replace(temporary, edition)
    assert "改过的短讯正文" in view.preview.toPlainText()
    assert "改过的短讯正文" in view.source.toPlainText()
    assert "改过的短讯正文" in window.view.toPlainText()  # the reader shows the fix too

    # A save that breaks the file: the problem is listed, with its line, and clicking it
    # goes there.
    broken = fixed.replace("类型：简讯", "栏目：简讯")
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        edition.write_text(broken, encoding="utf-8")
    rows = view.problems.model().rowCount()
    assert rows >= 1
    listed = [view.problems.model().index(r, 0).data() for r in range(rows)]
    line = _line_of(broken, "栏目：简讯")
    assert any(item.startswith(f"{line}:") and "栏目" in item for item in listed)
    assert "警告" in view.header.text() or "错误" in view.header.text()
    row = next(r for r, item in enumerate(listed) if "栏目" in item)
    view.problems.clicked.emit(view.problems.model().index(row, 0))
    assert view.current_line() == line


def test_a_file_that_stops_being_an_edition_says_why(qtbot: QtBot, edition: Path) -> None:
    window = open_window(qtbot, edition.parent)
    view = _open(qtbot, window)
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        edition.write_bytes(b"\x00\x01binary")
    assert "无法读取这个文件" in view.header.text()
    assert "not a text file" in view.preview.toPlainText()
    assert window.isVisible()


def test_proof_option_opens_an_importer_draft_with_its_review_notes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    draft = tmp_path / "2023-07-13.md"
    result = import_bytes(SEED.read_bytes(), ImportOptions(date=dt.date(2023, 7, 13)))
    assert result.text is not None
    draft.write_text(result.text, encoding="utf-8")
    window = create_window(["--config-dir", str(tmp_path / "conf"), "--proof", str(draft)])
    qtbot.addWidget(window)
    views = window.proofing.views  # type: ignore[attr-defined]
    view: ProofingWindow = views[draft.resolve()]
    rows = view.problems.model().rowCount()
    listed = [view.problems.model().index(r, 0).data() for r in range(rows)]
    assert any("待核" in item or "review" in item for item in listed)
    assert "警告" in view.header.text()
    assert view.preview.toPlainText().strip()
    assert "待核" not in view.preview.toPlainText()  # the reader never shows review notes


def test_no_proofing_in_elder_mode(qtbot: QtBot, edition: Path) -> None:
    window = open_window(qtbot, edition.parent)
    aids = window.reading_aids  # type: ignore[attr-defined]
    aids.elder.set_elder(True)
    assert not window.reader_actions[ActionId.PROOF].isEnabled()
    aids.elder.set_elder(False)
    assert window.reader_actions[ActionId.PROOF].isEnabled()


def test_no_proofing_in_kiosk_mode(qtbot: QtBot, tmp_path: Path, edition: Path) -> None:
    window, session = open_kiosk(qtbot, tmp_path, edition.parent)
    window.showFullScreen()
    _activate(qtbot, window)
    action = window.reader_actions[ActionId.PROOF]
    assert not action.isEnabled() and not action.isVisible() and action.shortcuts() == []
    QTest.keyClick(window.view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    window.reading_aids.elder.set_elder(True)  # type: ignore[attr-defined]
    window.reading_aids.elder.set_elder(False)  # type: ignore[attr-defined]
    assert not action.isEnabled()
    assert window.proofing.open_current() is None  # type: ignore[attr-defined]
    assert window.proofing.views == {}  # type: ignore[attr-defined]
    session.reset()
    assert not action.isEnabled()
