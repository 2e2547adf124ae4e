"""Helpers for driving the real reader window in tests (built by app.create_window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from jiangbei_reader.app import create_window
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.article_view import ArticleView
from jiangbei_reader.ui.window import ReaderWindow
from tests.helpers.editions import JUMP_PAIR, write_edition

#: The offscreen platform plugin has no size hints to pass to a window system and says
#: so each time a top-level window is shown (a bare QMainWindow does it too): the
#: platform's limitation, not ours. Tests that show the window carry this mark.
OFFSCREEN_SHOW = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

#: An older synthetic edition, so the library has more than one.
OLDER = JUMP_PAIR.replace("date: 2030-01-02", "date: 2029-12-30").replace("9999", "9998")


class FakeLinkOpener:
    """Records web links instead of opening a browser."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open_external(self, parent: QWidget, url: QUrl) -> bool:
        self.opened.append(url.toString())
        return True


def write_library(folder: Path) -> Path:
    """Two small synthetic editions (2029-12-30 and the newer 2030-01-02)."""
    write_edition(folder, JUMP_PAIR)
    write_edition(folder, OLDER, name="2029-12-30.md")
    return folder


def open_window(qtbot: QtBot, editions: Path, *extra: str) -> ReaderWindow:
    """The real window over ``editions``, registered with qtbot for clean-up."""
    window = create_window(["--editions", str(editions), *extra])
    qtbot.addWidget(window)
    window.link_opener = FakeLinkOpener()
    return window


def current(window: ReaderWindow) -> Route:
    entry = window.router.current
    assert entry is not None
    return entry.route


def tree_route(window: ReaderWindow) -> Route | None:
    return window.tree.section_model.route(window.tree.currentIndex())


def text_position(view: ArticleView, text: str) -> int:
    cursor = view.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not shown"
    return cursor.selectionStart()


def link_point(view: ArticleView, text: str) -> QPoint:
    """Viewport coordinates of the middle of ``text`` (a link), scrolled into view."""
    start = text_position(view, text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + len(text) // 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    return view.cursorRect(cursor).center()


def click_link(qtbot: QtBot, view: ArticleView, text: str) -> None:
    """Click a link in the article pane with the mouse, as a reader would."""
    point = link_point(view, text)
    assert view.anchorAt(point), f"{text!r} is not a link"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def wait_for_route(qtbot: QtBot, window: ReaderWindow, action: Callable[[], object]) -> Route:
    with qtbot.waitSignal(window.route_changed, timeout=2000) as blocker:
        action()
    route = blocker.args[0] if blocker.args else None
    assert isinstance(route, Route)
    return route
