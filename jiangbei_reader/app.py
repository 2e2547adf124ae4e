"""Builds the reader: the QApplication, fonts, edition library, settings and the window.

This is the one place that builds things and hands them to each other.

    jiangbei-reader [--editions DIR ...] [--config-dir DIR] [--proof FILE]
                    [--install-desktop-entry] [--kiosk [--kiosk-config PATH]]

``--quit-after-ms N`` (or the environment variable ``JIANGBEI_READER_QUIT_AFTER=N``)
closes the window N milliseconds after it is shown, saving state as on a normal
close: the smoke test and the start-up benchmark use it. It is not in ``--help``.
"""

from __future__ import annotations

import argparse
import locale  # noqa: F401  (for argparse's gettext; here, before PySide6: see below)
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# The Qt-free modules first. Once PySide6 is imported, its import hook (for
# ``from __feature__ import ...``) reads the source of every module imported after
# it, looking for "PySide6"; the core modules that the window's first article needs
# are imported here, before PySide6, so that they skip it (with the stdlib modules
# they bring, about 10 ms of the start-up in interleaved runs).
from jiangbei_reader.core import display, navigation, render, themes, voices  # noqa: F401
from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.library import Library
from jiangbei_reader.core.ref_cache import RefCache, default_ref_cache_path, prune_library_caches
from jiangbei_reader.core.settings import SettingsStore, default_config_dir
from jiangbei_reader.core.slug import (
    default_slug_cache_path,
    load_known_slugs,
    save_known_slugs,
)
from jiangbei_reader.core.typography import DEFAULT_STEP, Mode, base_point_size
from jiangbei_reader.resources import editions_dir, resource
from jiangbei_reader.startup_gc import resume_collector

# isort: split
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.elder_mode import install_reading_aids
from jiangbei_reader.ui.first_paint import after_first_paint
from jiangbei_reader.ui.fonts import apply_application_font, register_bundled_fonts
from jiangbei_reader.ui.printing import install_printing
from jiangbei_reader.ui.search_controller import install_search
from jiangbei_reader.ui.ui_state import load_ui_state
from jiangbei_reader.ui.window import ReaderWindow

log = logging.getLogger(__name__)

APP_NAME = "jiangbei-reader"
QUIT_AFTER_ENV = "JIANGBEI_READER_QUIT_AFTER"
#: QSettings file in the config folder: window geometry and splitter state only.
UI_STATE_FILE = "window.ini"


def _quit_after_default() -> int | None:
    value = os.environ.get(QUIT_AFTER_ENV, "").strip()
    return int(value) if value.isdigit() else None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The window's command-line options (``argv`` without the program name)."""
    parser = argparse.ArgumentParser(
        prog="jiangbei-reader",
        description="江北报阅读器 — the reader window.",
        add_help=False,
    )
    parser.add_argument(
        "--editions",
        action="append",
        type=Path,
        metavar="DIR",
        help="read the editions in DIR instead of the bundled ones (repeatable)",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help="keep settings in DIR instead of the user's config folder",
    )
    parser.add_argument(
        "--proof",
        type=Path,
        metavar="FILE",
        help="open the 校对 (proofing) view of an edition file, e.g. an importer draft",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="install the desktop entry and icon for the current user, then exit",
    )
    parser.add_argument(
        "--quit-after-ms", type=int, default=_quit_after_default(), help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--kiosk", action="store_true", help="library touch-screen kiosk mode (needs an admin PIN)"
    )
    parser.add_argument(
        "--kiosk-config", type=Path, metavar="PATH", help="kiosk.toml to use in kiosk mode"
    )
    parser.add_argument("--help-window", action="help", help="show this help and exit")
    return parser.parse_args(list(sys.argv[1:] if argv is None else argv))


class DeferredProofing:
    """``window.proofing``: 「校对」 is set up the first time it is used, not at start-up.

    The proofing view brings Pygments and its plugin scan (tens of milliseconds)
    that the first article does not need. Until then the 校对 action (Ctrl+U)
    is connected here; any use of an attribute (``open``, ``views`` …) installs
    the real :class:`~jiangbei_reader.ui.proofing.Proofing` and hands it on.
    """

    def __init__(self, window: ReaderWindow) -> None:
        self._window = window
        self._installed: Any = None
        self._action = window.reader_actions[ActionId.PROOF]
        self._action.triggered.connect(self._on_proof_triggered)

    def installed(self) -> Any:
        """The real 校对 feature, installed now if it was not yet."""
        if self._installed is None:
            from jiangbei_reader.ui.proofing import install_proofing

            self._action.triggered.disconnect(self._on_proof_triggered)
            self._installed = install_proofing(self._window)
        return self._installed

    def _on_proof_triggered(self) -> None:
        self.installed().open_current()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.installed(), name)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("江北报阅读器")
    app.setDesktopFileName(APP_NAME)
    return app


class _SlugSaver(QObject):
    """Writes the slug cache when the application quits."""

    def __init__(self, window: ReaderWindow, path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._path = path

    @Slot()
    def save(self) -> None:
        """Save the slugs learned in this run, the next start's first."""
        save_known_slugs(self._path, _first_headlines(self._window))


def _first_headlines(window: ReaderWindow) -> list[str]:
    """Headlines of the editions the next start parses first: the newest, the one being read."""
    library = window.library
    current = window.router.current
    keys = [library.newest.key if library.newest else None]
    keys.append(current.route.edition_key if current is not None else None)
    headlines: list[str] = []
    for key in dict.fromkeys(k for k in keys if k):
        edition = library.edition(key)
        if edition is not None:
            headlines.extend(article.headline for article in edition.articles())
    return headlines


def _log_problems(library: Library) -> None:
    for diagnostic in library.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            log.warning("%s", diagnostic.format())


def _verify_listing(window: ReaderWindow) -> None:
    """Check the cached listing the window started with; show what changed."""
    if window.library.verify():
        _log_problems(window.library)
        window.reload_listing()


def _application_icon() -> QIcon:
    """The window icon from the shipped PNG sizes, or the SVG when they are missing."""
    # PNGs, not the SVG: an SVG icon loads Qt's SVG icon plugin and QtSvg, ~2 ms of the start.
    icon = QIcon()
    hicolor = resource("icons", "hicolor")
    for png in sorted(hicolor.glob("*/apps/jiangbei-reader.png")):
        icon.addFile(str(png))
    if icon.isNull():
        svg = resource("icons", "jiangbei-reader.svg")
        if svg.is_file():
            icon = QIcon(str(svg))
    return icon


def _build(app: QApplication, options: argparse.Namespace) -> ReaderWindow:
    # Slugs known from earlier runs: the first edition parses without loading pypinyin.
    slugs = default_slug_cache_path()
    load_known_slugs(slugs)
    fonts = register_bundled_fonts()
    apply_application_font(app, fonts, base_point_size(DEFAULT_STEP, Mode.NORMAL))
    app.setWindowIcon(_application_icon())
    roots = options.editions or [editions_dir()]
    # The cached listing is shown first and checked file by file after the first paint.
    library = Library(roots, ref_cache=RefCache(default_ref_cache_path(roots)), trust_cache=True)
    _log_problems(library)
    config_dir = options.config_dir or default_config_dir()
    store = SettingsStore(config_dir)
    loaded = store.load()
    ui_state = load_ui_state(config_dir / UI_STATE_FILE)
    window = ReaderWindow(library, loaded.preferences, store, ui_state)
    # First in the queue: the work after the paint makes garbage of its own.
    after_first_paint(window.view.viewport(), resume_collector)
    if not library.verified:
        # Before the search opens its index over the library's editions (same queue).
        after_first_paint(window.view.viewport(), lambda: _verify_listing(window))
    after_first_paint(window.view.viewport(), lambda: prune_library_caches(roots))
    install_search(window)
    # Font steps, 长辈版, themes and read-aloud (issue 5), restored from the preferences.
    window.reading_aids = install_reading_aids(window, fonts)  # type: ignore[attr-defined]
    window.proofing = DeferredProofing(window)  # type: ignore[attr-defined]
    window.printing = install_printing(window)  # type: ignore[attr-defined]
    # The window keeps the application alive when create_window made it.
    window.application = app  # type: ignore[attr-defined]
    window.start()
    save_known_slugs(slugs, _first_headlines(window))  # only when the start learned new ones
    # A child of the window: the connection ends with the window (tests make many).
    app.aboutToQuit.connect(_SlugSaver(window, slugs).save)
    if options.kiosk:
        from jiangbei_reader.ui.kiosk.launch import install_kiosk

        window.kiosk = install_kiosk(window, options.kiosk_config)  # type: ignore[attr-defined]
    elif options.proof is not None:
        window.proofing.open(options.proof)  # type: ignore[attr-defined]
    for problem in loaded.problems:
        window.statusBar().showMessage(problem, 10_000)
    return window


def create_window(argv: Sequence[str] | None = None) -> ReaderWindow:
    """Build the window exactly as :func:`main` does, without showing it or entering the loop."""
    options = parse_args(argv)
    return _build(_application(), options)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the reader window; returns the exit status."""
    options = parse_args(argv)
    if options.install_desktop_entry:
        from jiangbei_reader.desktop import DesktopEntryError, install_desktop_entry

        try:
            report = install_desktop_entry()
        except DesktopEntryError as exc:
            print(f"jiangbei-reader: {exc}", file=sys.stderr)
            return 1
        print(report.describe())
        return 0
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(levelname)s: %(message)s")
    app = _application()
    if options.kiosk:
        from jiangbei_reader.ui.kiosk.launch import kiosk_preflight

        refused = kiosk_preflight(app, options.kiosk_config)
        if refused is not None:
            return refused
    window = _build(app, options)
    window.showFullScreen() if options.kiosk else window.show()
    if options.quit_after_ms is not None:
        QTimer.singleShot(max(0, options.quit_after_ms), window.close)
    return app.exec()
