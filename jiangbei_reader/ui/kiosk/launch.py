"""Starting kiosk mode from app.py: refuse a bad configuration, one instance, then the session."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from jiangbei_reader.core.kiosk.config import KioskConfig, KioskConfigError, load_kiosk_start
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.kiosk.keyboard import ResultItem, Search, Suggest
from jiangbei_reader.ui.kiosk.session import KioskSession, index_functions
from jiangbei_reader.ui.kiosk.single_instance import SingleInstance
from jiangbei_reader.ui.window import ReaderWindow

INSTANCE_NAME = "kioskSingleInstance"


def kiosk_preflight(app: QApplication, path: Path | None) -> int | None:
    """Before any window: None to go on, or the exit status after saying why not.

    A missing or invalid configuration, or one without a PIN, is refused with
    the core's message (file, key and the command to fix it). A second launch
    wakes the kiosk already running and exits.
    """
    try:
        load_kiosk_start(path)
    except KioskConfigError as exc:
        print(f"jiangbei-reader --kiosk: {exc}", file=sys.stderr)
        return 2
    instance = SingleInstance(lambda: None, parent=app)
    instance.setObjectName(INSTANCE_NAME)
    if not instance.claim():
        print("jiangbei-reader --kiosk: 触屏模式已在运行，已切换到它 (already running).")
        return 0
    return None


def search_functions(window: ReaderWindow) -> tuple[Suggest | None, Search | None]:
    """Suggestions and results from the window's search index (issue 4), or a private one."""
    controller = window.findChild(QObject, "searchController")
    if controller is None or not hasattr(type(controller), "index"):
        return index_functions(window.library)

    # The controller opens its index after the first paint: ask for it when used.
    def suggest(prefix: str) -> Sequence[str]:
        index = controller.index  # type: ignore[attr-defined]
        return [item.text for item in index.suggest(prefix, limit=6)]

    def search(text: str) -> Sequence[ResultItem]:
        index = controller.index  # type: ignore[attr-defined]
        return [
            ResultItem(
                f"{hit.headline} — {hit.date:%Y-%m-%d} 第{hit.page_id}版",
                Route.article(hit.article_id),
            )
            for hit in index.search(text, limit=3).hits
        ]

    return suggest, search


def install_kiosk(window: ReaderWindow, path: Path | None) -> KioskSession:
    """Load the configuration (raises KioskConfigError) and lock the window into kiosk mode."""
    config: KioskConfig = load_kiosk_start(path)
    suggest, search = search_functions(window)
    session = KioskSession(window, config, suggest=suggest, search=search)
    session.start()
    app = QApplication.instance()
    instance = app.findChild(SingleInstance, INSTANCE_NAME) if app is not None else None
    if instance is not None:
        instance.on_activate = lambda: bring_forward(window)
    return session


def bring_forward(window: ReaderWindow) -> None:
    """A second launch asked for the kiosk: full screen, on top, focused."""
    window.setWindowState(Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowActive)
    window.showFullScreen()
    window.raise_()
    window.activateWindow()
