"""Puts a reader window into kiosk mode: lockdown, admin exit, idle reset, keyboard, touch.

`KioskSession` builds the parts of this package around an existing
ReaderWindow and supplies one handler per item of the core reset list
(jiangbei_reader.core.kiosk.reset), so a reset cannot forget one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMenu, QToolButton, QWidget

from jiangbei_reader.core.kiosk.config import KioskConfig
from jiangbei_reader.core.kiosk.home import resolve_home
from jiangbei_reader.core.kiosk.idle import IdlePolicy, IdleTimeouts, ViewKind
from jiangbei_reader.core.kiosk.pin import AdminUnlock, RateLimiter
from jiangbei_reader.core.kiosk.reset import Handler, ResetItem, ResetReport, run_reset
from jiangbei_reader.core.navigation import Route, RouteKind
from jiangbei_reader.core.settings import Preferences
from jiangbei_reader.core.themes import theme_named
from jiangbei_reader.core.typography import Mode, base_point_size
from jiangbei_reader.ui.kiosk.admin import AdminGesture
from jiangbei_reader.ui.kiosk.events import KioskEvents
from jiangbei_reader.ui.kiosk.guard import KioskGuard
from jiangbei_reader.ui.kiosk.idle import IdleWatch
from jiangbei_reader.ui.kiosk.keyboard import (
    OnScreenKeyboard,
    ResultItem,
    Search,
    Suggest,
    TouchOpener,
)
from jiangbei_reader.ui.kiosk.touch import KIOSK_STYLE, TARGET_PX, TouchFitter, follow_app_font
from jiangbei_reader.ui.theme import article_colours
from jiangbei_reader.ui.window import ReaderWindow
from jiangbei_reader.ui.zoom import _FULL_PLACEHOLDER

log = logging.getLogger(__name__)

__all__ = ["TARGET_PX", "KioskSession", "index_functions"]

_VIEW_KINDS = {
    RouteKind.SEARCH: ViewKind.SEARCH,
    RouteKind.ARTICLE: ViewKind.ARTICLE,
    RouteKind.PAGE: ViewKind.PAGE,
}


class KioskSession(QObject):
    """Everything kiosk mode adds to one window; `reset()` starts over for the next reader."""

    def __init__(
        self,
        window: ReaderWindow,
        config: KioskConfig,
        *,
        quit_app: Callable[[], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
        suggest: Suggest | None = None,
        search: Search | None = None,
        hold_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.config = config
        self.quit_app = quit_app or QApplication.quit
        self.guard = KioskGuard(window)
        unlock = AdminUnlock(config.require_pin(), RateLimiter(clock=clock))
        extra = {} if hold_ms is None else {"hold_ms": hold_ms}
        self.admin = AdminGesture(window, unlock, self.exit, **extra)
        self.idle = IdleWatch(window, IdlePolicy(IdleTimeouts.from_config(config), clock=clock))
        self.keyboard = OnScreenKeyboard(window.search_box, window, suggest, search)
        self._opener = TouchOpener(self.keyboard)
        self.touch = TouchFitter(self)
        #: The one application event filter the parts above share.
        self.events = KioskEvents(self)
        self.last_reset: ResetReport | None = None
        #: Stops read-aloud / tells whether it plays (the window's 朗读, when it has one).
        self.stop_read_aloud: Callable[[], object] | None = None
        read_aloud = getattr(getattr(window, "reading_aids", None), "read_aloud", None)
        if read_aloud is not None:
            self.stop_read_aloud = read_aloud.stop
            self.idle.read_aloud_playing = lambda: bool(read_aloud.is_speaking)
            # Polling alone is not enough: while it speaks the idle timer is stopped, so
            # only this signal can tell the watch that reading ended and the wait restarts.
            state_changed = getattr(read_aloud, "state_changed", None)
            if state_changed is not None:  # SpeechUnavailable never speaks
                state_changed.connect(self.idle.on_read_aloud_state)
            if not config.allow_read_aloud:
                read_aloud.speak_action.setEnabled(False)
                if read_aloud.button_holder is not None:
                    read_aloud.button_holder.setVisible(False)
        #: The big 打印 button (only when the configuration allows printing).
        self.print_button = make_print_button(window) if config.allow_printing else None

    def start(self) -> None:
        """Lock the window down, make it touch-friendly, show the home view.

        From here on nothing a reader does is kept: the window loses its settings
        store and its QSettings, so font steps, themes, the article read (saved
        2 s after it changes), the speech rate and the window geometry stay in
        memory and the next reset forgets them.
        """
        window = self.window
        window.store = None
        window.ui_state = None
        self.guard.apply()
        window.setStyleSheet(window.styleSheet() + KIOSK_STYLE)
        # Bigger type in the search box: a multiple of the application font (font steps
        # still apply), never a style-sheet font size.
        follow_app_font(window.search_box, 1.5)
        # No keyboard shortcut in the hint: a kiosk has no keyboard.
        hint = self.tr("点这里搜索报纸")
        window.search_box.setProperty(_FULL_PLACEHOLDER, hint)
        window.search_box.setPlaceholderText(hint)
        self.keyboard.open_route.connect(self._open_route)
        window.route_changed.connect(self._on_route_changed)
        self.idle.reset_due.connect(self.reset)
        window.installEventFilter(self)
        # In this order: input is seen by the idle watch even when the admin gesture or
        # the guard then swallows it.
        self.idle.install(self.events)
        self.admin.install(self.events)
        self.touch.install([window], self.events)
        self.guard.install(self.events)
        self.events.install()
        self.reset()

    @Slot()
    def exit(self) -> None:
        """The admin PIN was right: unlock and quit the application."""
        self.guard.unlock()
        self.quit_app()

    # -- reset ----------------------------------------------------------------------

    @Slot()
    def reset(self) -> ResetReport:
        """Clear every item of the core reset list and show the home view."""
        report = run_reset(self.reset_handlers())
        self.guard.lock_chrome()
        for item, exc in report.failed:
            log.warning("kiosk reset: %s failed: %s", item.value, exc)
        self.last_reset = report
        return report

    def reset_handlers(self) -> Mapping[ResetItem, Handler]:
        """One handler per reset item."""
        return {
            ResetItem.READ_ALOUD: self._stop_read_aloud,
            ResetItem.DIALOGS: self._close_dialogs,
            ResetItem.KEYBOARD: self.keyboard.reset,
            ResetItem.SEARCH: self._clear_search,
            ResetItem.HISTORY: self._clear_history,
            ResetItem.SCROLL_POSITIONS: self._clear_positions,
            ResetItem.FONT_STEP: self._default_font_step,
            ResetItem.THEME: self._default_theme,
            ResetItem.CLIPBOARD: self._clear_clipboard,
            ResetItem.HOME_VIEW: self.show_home,
        }

    def _stop_read_aloud(self) -> None:
        if self.stop_read_aloud is not None:
            self.stop_read_aloud()
        self.idle.set_read_aloud(False)
        read_aloud = getattr(getattr(self.window, "reading_aids", None), "read_aloud", None)
        set_rate = getattr(read_aloud, "set_rate", None)
        if callable(set_rate):
            set_rate(Preferences().speech_rate)  # the next reader hears the default speed

    def _close_dialogs(self) -> None:
        self.admin.pad.close_pad()
        self.idle.notice.hide()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
            elif isinstance(widget, QMenu) and widget.isVisible():
                widget.close()

    def _clear_search(self) -> None:
        self.window.search_box.clear()
        # The panel's clear() may keep the edition filter; the next reader starts unfiltered.
        edition_filter = self.window.findChild(QComboBox, "searchEditionFilter")
        if edition_filter is not None and edition_filter.count():
            edition_filter.setCurrentIndex(0)
        panel = self.window.findChild(QWidget, "searchPanel")
        clear_panel = getattr(panel, "clear", None)
        if callable(clear_panel):
            clear_panel()  # results and message, even when the box was already empty
        for name in ("clear_search", "clear_search_results"):
            method = getattr(self.window, name, None)
            if callable(method):
                method()

    def _clear_history(self) -> None:
        self.window.router.reset()
        method = getattr(self.window, "clear_search_history", None)
        if callable(method):
            method()

    def _clear_positions(self) -> None:
        window = self.window
        window.preferences = window.preferences.replace(last_article="", last_position=0)
        window.view.verticalScrollBar().setValue(0)

    def _default_font_step(self) -> None:
        aids = getattr(self.window, "reading_aids", None)
        if aids is not None:
            aids.zoom.set_step(self.config.font_step)
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = app.font()
            font.setPointSizeF(base_point_size(self.config.font_step, Mode.NORMAL))
            app.setFont(font)
        self.window.display = self.window.display._replace(font_step=self.config.font_step)

    def _default_theme(self) -> None:
        theme = theme_named(self.config.theme)
        aids = getattr(self.window, "reading_aids", None)
        if aids is not None:
            elder = aids.elder
            if elder.serif_action.isChecked():
                elder.serif_action.setChecked(Preferences().serif)  # typeface: the default too
            if (
                elder.night_action.isChecked() == (theme.name == "dark")
                and elder.elder == theme.elder
                and not elder.layout_action.isChecked()
                and self.window.display.theme == elder.theme().name
            ):
                return  # already the kiosk's look: a style-sheet repolish costs ~0.1 s
            elder.night_action.setChecked(theme.name == "dark")
            elder.set_elder(theme.elder)
            elder.apply()
            return
        self.window.display = self.window.display._replace(
            theme=theme.name, colours=article_colours(theme)
        )
        self.window.view.apply_display(self.window.display)

    def _clear_clipboard(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    def show_home(self) -> None:
        """The configured home page, with no history behind it."""
        window = self.window
        window.router.reset()
        target = resolve_home(self.config, window.library)
        if target is None:
            window.go_newest()
        else:
            window.navigate(Route.page(target.edition_key, target.page_id))
        self.idle.set_view(ViewKind.HOME)

    # -- wiring ---------------------------------------------------------------------

    @Slot(object)
    def _open_route(self, route: Route) -> None:
        self.window.navigate(route)

    @Slot(object)
    def _on_route_changed(self, route: Route) -> None:
        self.idle.set_view(_VIEW_KINDS.get(route.kind, ViewKind.ARTICLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the overlays fitted to the window."""
        if watched is self.window and event.type() == QEvent.Type.Resize:
            if self.keyboard.isVisible():
                self.keyboard.place()
        return False


def make_print_button(window: ReaderWindow) -> QToolButton | None:
    """A big 打印 button that prints straight to the default printer (no dialog).

    The window's own 打印 action (Ctrl+P) opens the print dialog, so the guard turns
    it off like every dialog; this button has no action for the guard to find.
    """
    printing = getattr(window, "printing", None)
    if printing is None:
        return None
    button = QToolButton()
    button.setObjectName("kioskPrintButton")
    button.setText(window.tr("打印"))
    button.setAccessibleName(window.tr("打印这篇文章"))
    button.setToolTip(window.tr("打印这篇文章（用图书馆的打印机）"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.clicked.connect(printing.print_direct)
    aids = getattr(window, "reading_aids", None)
    if aids is not None:
        aids.elder.add_button(button)
    else:
        window.toolbar.addWidget(button)
    return button


def index_functions(library: object) -> tuple[Suggest | None, Search | None]:
    """Suggestions and results from an in-memory search index of the library, if it builds."""
    try:
        from jiangbei_reader.core.search.index import SearchIndex

        index = SearchIndex.in_memory(library)  # type: ignore[arg-type]
        index.update()
    except Exception as exc:  # the kiosk still works without search suggestions
        log.warning("kiosk: no search index: %s", exc)
        return None, None

    def suggest(prefix: str) -> Sequence[str]:
        return [item.text for item in index.suggest(prefix, limit=6)]

    def search(text: str) -> Sequence[ResultItem]:
        hits = index.search(text, limit=3).hits
        return [
            ResultItem(
                f"{hit.headline} — {hit.date:%Y-%m-%d} 第{hit.page_id}版",
                Route.article(hit.article_id),
            )
            for hit in hits
        ]

    # The index must live as long as the functions.
    suggest.index = index  # type: ignore[attr-defined]
    return suggest, search
