"""The reader's main window: section tree, article pane, toolbar with the search box, history.

Extension points for other features (they are handed the window by ``app.py``):

* actions: declare in ``ui/actions.py``; ``window.reader_actions[ActionId.X]`` is the
  QAction (menus and shortcuts already have it); ``window.add_toolbar_action(id)``
  adds a button before the search box;
* ``window.searchRequested(str)`` when Enter is pressed in ``window.search_box``;
  ``window.register_route_handler(RouteKind.SEARCH, handler)`` shows ``search?q=``
  routes, which then take part in back/forward like any other;
* ``window.navigate(route)``, ``window.route_changed``, ``window.article_shown``;
* ``window.view.highlight_ranges(ranges, layer=…)`` for search hits or the sentence
  read aloud; ``window.set_display(DisplaySettings(...))`` for theme and typeface;
  the font step is the application font, which the pane follows by itself;
* ``window.link_opener`` (web links), ``window.reset_to_start()`` (kiosk).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.library import EditionRef, Library
from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.navigation import (
    Route,
    RouteKind,
    Router,
    is_external_link,
    neighbour_article,
    neighbour_page,
    resolve_route,
    route_for_link,
)
from jiangbei_reader.core.render import (
    fragment_anchor,
    render_article,
    render_message,
    render_missing_page,
    render_story,
    resolve_image,
)
from jiangbei_reader.core.settings import Preferences, SettingsStore
from jiangbei_reader.ui.a11y import name_qt_parts
from jiangbei_reader.ui.actions import ActionId, Actions
from jiangbei_reader.ui.article_view import ArticleView
from jiangbei_reader.ui.chrome import ReaderToolBar, build_menus, make_search_box
from jiangbei_reader.ui.links import ConfirmingLinkOpener, LinkOpener
from jiangbei_reader.ui.section_model import SectionModel
from jiangbei_reader.ui.section_tree import SectionTree
from jiangbei_reader.ui.status import StatusReporter
from jiangbei_reader.ui.ui_state import GEOMETRY_KEY, SPLITTER_KEY

log = logging.getLogger(__name__)

#: Shows a route its own way (the search results of issue 4): gets the route and the
#: reading position to restore (``None`` for a new visit).
RouteHandler = Callable[[Route, int | None], None]
#: Picks an edition by date (the 往期 dialog); injectable for tests.
EditionChooser = Callable[[Sequence[EditionRef], str | None, QWidget], str | None]


def _choose_edition(refs: Sequence[EditionRef], current: str | None, parent: QWidget) -> str | None:
    # The calendar dialog's module is loaded when 往期 is first chosen, not at start-up.
    from jiangbei_reader.ui.date_picker import choose_edition

    return choose_edition(refs, current, parent)


class ReaderWindow(QMainWindow):
    """The main window. Everything it needs is handed in by ``app.py``."""

    #: The reader pressed Enter in the search box (issue 4 connects its search here).
    searchRequested = Signal(str)
    #: A route is now on screen (after navigation, back/forward or restore).
    route_changed = Signal(object)
    #: An article (or a story landing on it) is now shown: its id.
    article_shown = Signal(str)
    #: New display settings (theme, typeface …): the DisplaySettings.
    display_changed = Signal(object)
    #: The library's listing changed after the start and the tree shows the new one.
    listing_reloaded = Signal()

    def __init__(
        self,
        library: Library,
        preferences: Preferences,
        store: SettingsStore | None = None,
        ui_state: QSettings | None = None,
        link_opener: LinkOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readerWindow")
        self.setWindowTitle(self.tr("江北报阅读器"))
        self.setAccessibleName(self.tr("江北报阅读器"))
        self.library = library
        self.preferences = preferences
        self.store = store
        self.ui_state = ui_state
        self.link_opener: LinkOpener = link_opener or ConfirmingLinkOpener()
        self.edition_chooser: EditionChooser = _choose_edition
        self.router = Router()
        self.display = DisplaySettings()
        self._route_handlers: dict[RouteKind, RouteHandler] = {}
        #: Editions whose load problems were already shown in the status bar.
        self._reported: set[str] = set()
        #: Where each part of the whole story on screen starts: (position, article id).
        self._story_parts: list[tuple[int, str]] = []
        # The article being read is saved a moment after it changes, not on every key press.
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(2000)
        self._save_timer.timeout.connect(self._save_preferences)

        self.reader_actions = Actions(self)
        self.tree = SectionTree(SectionModel(library.refs, library.edition, self))
        self.view = ArticleView()
        self.view.set_image_resolver(self._resolve_image)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setAccessibleName(self.tr("阅读区"))
        #: The splitter's left pane: the section tree, or what takes its place while
        #: searching (the results panel). Made here, not by the search: moving the tree
        #: into it afterwards re-polished the tree and its parts (~3 ms of the start).
        self.side_panel = QStackedWidget(self.splitter)
        self.side_panel.setObjectName("sidePanel")
        self.side_panel.addWidget(self.tree)
        self.splitter.addWidget(self.side_panel)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.search_box = make_search_box(self)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self.toolbar = ReaderToolBar(self.reader_actions, self.search_box, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        build_menus(self.menuBar(), self.reader_actions)
        # Shortcuts work with the menu bar hidden (full screen) because the actions live here.
        self.addActions(list(self.reader_actions))
        self.status = StatusReporter(self.statusBar())
        self.position_label = self.status.position_label
        self._connect()
        self.reader_actions[ActionId.WHOLE_STORY].setChecked(preferences.whole_story)
        self.resize(1200, 800)
        self.splitter.setSizes([320, 880])
        self._restore_ui_state()

    # -- building -------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the toolbar to the new width."""
        super().resizeEvent(event)
        self.toolbar.fit(self.width())

    def showEvent(self, event: QShowEvent) -> None:
        """Name the parts Qt made by itself (scroll bars, handles …) once all are built."""
        super().showEvent(event)
        # Right after the first paint: wrapping each of Qt's parts for Python costs time
        # that the first article need not wait for.
        QTimer.singleShot(0, self._name_qt_parts)

    @Slot()
    def _name_qt_parts(self) -> None:
        name_qt_parts(self)

    def add_toolbar_action(self, action_id: ActionId) -> None:
        """Put an action's button on the toolbar, before the search box."""
        self.toolbar.add_reader_action(action_id)

    def _connect(self) -> None:
        handlers: dict[ActionId, Callable[[], object]] = {
            ActionId.BACK: self.go_back,
            ActionId.FORWARD: self.go_forward,
            ActionId.PREVIOUS_ARTICLE: lambda: self.step_article(-1),
            ActionId.NEXT_ARTICLE: lambda: self.step_article(1),
            ActionId.PREVIOUS_PAGE: lambda: self.step_page(-1),
            ActionId.NEXT_PAGE: lambda: self.step_page(1),
            ActionId.NEWEST_EDITION: self.go_newest,
            ActionId.ARCHIVE: self.choose_archive_edition,
            ActionId.FIND: self.focus_search,
            ActionId.QUIT: self.close,
        }
        for action_id, handler in handlers.items():
            self.reader_actions[action_id].triggered.connect(handler)
        self.reader_actions[ActionId.WHOLE_STORY].toggled.connect(self.set_whole_story)
        self.reader_actions[ActionId.FULL_SCREEN].toggled.connect(self.set_full_screen)
        self.tree.route_activated.connect(self.navigate)
        self.view.link_activated.connect(self.follow_link)
        self.view.end_reached.connect(self._on_view_end_reached)
        self.view.highlighted.connect(self.status.link_hovered)
        self.view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)

    # -- navigation -----------------------------------------------------------------

    def start(self) -> None:
        """Show the last article read, or the newest edition at its first readable article."""
        last = self.preferences.last_article
        if last and self.library.article(last) is not None:
            self.navigate(Route.article(last), position=self.preferences.last_position)
        else:
            self.go_newest()
        self.status.report_problems(self.library.diagnostics)

    def reload_listing(self) -> None:
        """The library's listing changed after the start (``Library.verify``): show it."""
        self.tree.show_model(SectionModel(self.library.refs, self.library.edition, self))
        self.status.report_problems(self.library.diagnostics)
        current = self.router.current
        key = current.route.edition_key if current is not None else None
        if current is None or not key or self.library.ref(key) is None:
            self.go_newest()
        else:
            self.tree.select_route(current.route)
        self.listing_reloaded.emit()

    def register_route_handler(self, kind: RouteKind, handler: RouteHandler) -> None:
        """Let another part (search) show routes of one kind; history still goes through here."""
        self._route_handlers[kind] = handler

    @Slot(object)
    def navigate(self, route: Route, position: int | None = None) -> bool:
        """Go to ``route`` and remember where the reader was; ``False`` when it leads nowhere."""
        resolved = self._resolve(route)
        if resolved is None:
            self.show_message(self.tr("找不到"), self.tr("找不到要打开的内容：{0}").format(route))
            return False
        self.router.navigate(resolved, position or 0, leaving_position=self.view.reading_position())
        self._show(resolved, position)
        return True

    def _resolve(self, route: Route) -> Route | None:
        if route.kind in self._route_handlers:
            return route
        edition = self.library.edition(route.edition_key or "")
        resolved = resolve_route(edition, route)
        if resolved is None and edition is not None and route.kind is RouteKind.PAGE:
            return route  # a jump to a page the edition lacks: the pane says so
        return resolved

    def _show(self, route: Route, position: int | None) -> None:
        self._story_parts = []
        handler = self._route_handlers.get(route.kind)
        if handler is not None:
            handler(route, position)
        else:
            edition = self.library.edition(route.edition_key or "")
            if edition is None:
                self.show_message(self.tr("无法读取"), self.tr("这一期无法读取：{0}").format(route))
                return
            if route.kind is RouteKind.ARTICLE:
                self._show_article(edition, route.target, position)
            else:
                self._show_page(edition, route.page_id or "", position)
            self.tree.select_route(route)
            self.status.show_position(edition, route)
            self._show_edition_problems(edition)
        self._update_actions()
        self.route_changed.emit(route)

    def _show_edition_problems(self, edition: Edition) -> None:
        if edition.key not in self._reported:
            self._reported.add(edition.key)
            self.status.report_problems(edition.diagnostics)

    def _show_article(self, edition: Edition, article_id: str, position: int | None) -> None:
        article = edition.article(article_id)
        if article is None:
            self.show_message(self.tr("找不到这篇文章"), article_id)
            return
        story = edition.story(article_id) if self.whole_story else None
        if story is not None and len(story.fragments) + (not story.is_whole) > 1:
            html = render_story(edition, story, self._render_display(), focus=article_id)
            anchor = None if article is story.fragments[0] else article_id
        else:
            html = render_article(edition, article, self._render_display())
            anchor = None
        self.view.show_html(html, anchor=anchor, position=position)
        if story is not None and len(story.fragments) > 1:
            found = self.view.anchor_positions()
            names = {fragment_anchor(f.id): f.id for f in story.fragments}
            self._story_parts = sorted((found[n], i) for n, i in names.items() if n in found)
        self.setWindowTitle(self.tr("{0} — 江北报阅读器").format(article.headline))
        self.preferences = self.preferences.replace(last_article=article_id, last_position=0)
        self._save_timer.start()
        self.article_shown.emit(article_id)

    def _show_page(self, edition: Edition, page_id: str, position: int | None) -> None:
        page = edition.page(page_id)
        if page is None:
            self.show_message(
                self.tr("没有这个版面"),
                self.tr("{0}没有第{1}版。").format(edition.title, page_id),
            )
            return
        self.view.show_html(
            render_missing_page(edition, page, self._render_display()), position=position
        )
        self.setWindowTitle(self.tr("{0} — 江北报阅读器").format(page.label))
        self.status.say(self.tr("{0}未收录").format(page.label))

    def show_message(self, title: str, text: str) -> None:
        """Say something in the article pane (not found, not readable …)."""
        self.view.show_html(render_message(title, text, self._render_display()))
        self.status.say(title)

    @Slot()
    def go_back(self) -> None:
        """Back to where the reader was, at the same place."""
        entry = self.router.back(leaving_position=self.view.reading_position())
        if entry is not None:
            self._show(entry.route, entry.position)

    @Slot()
    def go_forward(self) -> None:
        """Forward again after going back."""
        entry = self.router.forward(leaving_position=self.view.reading_position())
        if entry is not None:
            self._show(entry.route, entry.position)

    @Slot()
    def go_newest(self) -> None:
        """The newest edition at its first readable article."""
        newest = self.library.newest
        if newest is None:
            self.show_message(
                self.tr("没有报纸"),
                self.tr("没有找到任何一期报纸。请用 --editions 指定存放版面文件的文件夹。"),
            )
            return
        self.navigate(Route.edition(newest.key))

    def reset_to_start(self) -> None:
        """Forget history and show the newest edition (the kiosk's reset after idle)."""
        self.router.reset()
        self.go_newest()

    def step_article(self, step: int) -> bool:
        """Next (``1``) or previous (``-1``) article of the edition."""
        current = self.router.current
        edition = self._current_edition()
        if current is None or edition is None:
            return False
        route = current.route
        story = edition.story(route.target) if route.kind is RouteKind.ARTICLE else None
        if self.whole_story and story is not None:
            # A whole story is read from its start, wherever the reader is in it.
            route = Route.article(story.fragments[0].id)
        article = neighbour_article(edition, route, step, whole_story=self.whole_story)
        if article is None:
            text = self.tr("已经是本期最后一篇") if step > 0 else self.tr("已经是本期第一篇")
            self.status.say(text)
            return False
        return self.navigate(Route.article(article.id))

    def step_page(self, step: int) -> bool:
        """Next or previous page (版) of the edition."""
        current = self.router.current
        edition = self._current_edition()
        if current is None or edition is None or current.route.page_id is None:
            return False
        page = neighbour_page(edition, current.route.page_id, step)
        if page is None:
            text = self.tr("已经是最后一版") if step > 0 else self.tr("已经是第一版")
            self.status.say(text)
            return False
        return self.navigate(Route.page(edition.key, page.id))

    @Slot(str)
    def follow_link(self, href: str) -> None:
        """A link in the article: jumps and pages navigate, web links go to the link opener."""
        route = route_for_link(href)
        if route is not None:
            self.navigate(route)
        elif is_external_link(href):
            # Imported here: PySide6 makes QUrl's enums when the name is first fetched,
            # a cost the start need not pay for a link that may never be clicked.
            from PySide6.QtCore import QUrl

            if not self.link_opener.open_external(self, QUrl(href)):
                self.status.say(self.tr("没有打开网页链接"))
        else:
            self.status.say(self.tr("无法打开这个链接"))

    def choose_archive_edition(self) -> None:
        """The 往期 dialog, then the chosen edition."""
        current = self.router.current
        key = self.edition_chooser(
            self.library.refs, current.route.edition_key if current else None, self
        )
        if key:
            self.navigate(Route.edition(key))

    # -- view state -----------------------------------------------------------------

    @property
    def whole_story(self) -> bool:
        """True when stories printed across pages are read as one (全文连读)."""
        return self.preferences.whole_story

    @Slot(bool)
    def set_whole_story(self, on: bool) -> None:
        """Turn 全文连读 on or off and show the current article again."""
        self.reader_actions[ActionId.WHOLE_STORY].setChecked(on)
        if on == self.preferences.whole_story:
            return
        self.preferences = self.preferences.replace(whole_story=on)
        self._save_preferences()
        current = self.router.current
        if current is not None and current.route.kind is RouteKind.ARTICLE:
            self._show(current.route, None)

    def set_display(self, display: DisplaySettings) -> None:
        """New display settings (theme, typeface, measure): the current article is shown again.

        The font step is applied by whoever sets the application font; the view
        lays itself out again when the font changes.
        """
        self.display = display
        self.view.apply_display(display)
        self.display_changed.emit(display)
        current = self.router.current
        if current is not None:
            self._show(current.route, self.view.reading_position())

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        """Full screen (F11) and back."""
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    @Slot()
    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _render_display(self) -> DisplaySettings:
        return self.display._replace(font_line_spacing=self.view.font_line_spacing())

    def _current_edition(self) -> Edition | None:
        current = self.router.current
        if current is None or current.route.edition_key is None:
            return None
        return self.library.edition(current.route.edition_key)

    def _update_actions(self) -> None:
        self.reader_actions[ActionId.BACK].setEnabled(self.router.can_go_back)
        self.reader_actions[ActionId.FORWARD].setEnabled(self.router.can_go_forward)

    def _resolve_image(self, edition_key: str, relative: str) -> Path | None:
        ref = self.library.ref(edition_key)
        return resolve_image(ref.path, relative) if ref is not None else None

    @Slot(int)
    def _on_view_scrolled(self, _value: int) -> None:
        # Reading on into the next part of a whole story: the tree and the position follow,
        # without a new history entry.
        current = self.router.current
        if len(self._story_parts) < 2 or current is None:
            return
        position = self.view.reading_position()
        article_id = self._story_parts[0][1]
        for start, part in self._story_parts:
            if start <= position:
                article_id = part
        if current.route.kind is not RouteKind.ARTICLE or current.route.target == article_id:
            return
        route = Route.article(article_id)
        self.router.replace_current(route)
        self.tree.select_route(route)
        edition = self._current_edition()
        if edition is not None:
            self.status.show_position(edition, route)
        self.preferences = self.preferences.replace(last_article=article_id)
        self._save_timer.start()

    @Slot()
    def _on_view_end_reached(self) -> None:
        self.step_article(1)

    @Slot()
    def _on_search_box_return_pressed(self) -> None:
        text = self.search_box.text().strip()
        if text:
            self.searchRequested.emit(text)

    # -- saving state ---------------------------------------------------------------

    def _restore_ui_state(self) -> None:
        # app.py checked the file (ui_state.load_ui_state); Qt still says no to some bytes.
        if self.ui_state is None:
            return
        geometry = self.ui_state.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not self.restoreGeometry(geometry):
            log.warning("%s: %s is not a window geometry; ignored", self._ui_file(), GEOMETRY_KEY)
        splitter = self.ui_state.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray) and not self.splitter.restoreState(splitter):
            log.warning("%s: %s is not a splitter state; ignored", self._ui_file(), SPLITTER_KEY)

    def _ui_file(self) -> str:
        return self.ui_state.fileName() if self.ui_state is not None else ""

    def save_state(self) -> None:
        """Remember the window's geometry, the splitter and the article being read."""
        if self.ui_state is not None:
            self.ui_state.setValue(GEOMETRY_KEY, self.saveGeometry())
            self.ui_state.setValue(SPLITTER_KEY, self.splitter.saveState())
            self.ui_state.sync()
        current = self.router.current
        if current is not None and current.route.kind is RouteKind.ARTICLE:
            self.preferences = self.preferences.replace(
                last_article=current.route.target,
                last_position=self.view.reading_position(),
            )
        self._save_preferences()

    @Slot()
    def _save_preferences(self) -> None:
        self._save_timer.stop()
        if self.store is not None:
            self.store.save(self.preferences)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save where the reader was before closing."""
        self.save_state()
        super().closeEvent(event)
