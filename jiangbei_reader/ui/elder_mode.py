"""「长辈版」: one press for big type, high contrast, big targets and a simpler layout.

The reading-aids bar on the main window holds big text buttons: 「A+ 放大」「A- 缩小」,
「长辈版」, 「夜间」 (the dark theme of the normal mode), 「宋体」 (the serif body face)
and, in 长辈版, 「版面」, which folds the section tree away and back. In 长辈版 the menu
bar is hidden (every shortcut still works) and big 「上一篇」「下一篇」 buttons sit at
the bottom. Sizes come from core ``typography``, colours from core ``themes``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton

from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.themes import DARK, ELDER, LIGHT, Theme
from jiangbei_reader.core.typography import DEFAULT_STEP, HEADLINE_SIZE, SPACING, Mode
from jiangbei_reader.ui.a11y import name_qt_parts
from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.fonts import BundledFonts
from jiangbei_reader.ui.speech_unavailable import (
    SPEECH_MODULE,
    SpeechUnavailable,
    speech_module_installed,
)
from jiangbei_reader.ui.theme import apply_theme, article_colours, recolour_icons
from jiangbei_reader.ui.toolbar_flow import ToolbarFlow
from jiangbei_reader.ui.window import ReaderWindow
from jiangbei_reader.ui.zoom import ZoomController, big_button, refit_toolbars

if TYPE_CHECKING:
    from jiangbei_reader.ui.elder_nav import ElderNavBar
    from jiangbei_reader.ui.read_aloud import ReadAloud

log = logging.getLogger(__name__)


class ElderMode(QObject):
    """Switches the window between the normal mode and 长辈版, and the theme and typeface."""

    def __init__(self, window: ReaderWindow, fonts: BundledFonts, zoom: ZoomController) -> None:
        super().__init__(window)
        self.setObjectName("elderMode")
        self.window = window
        self.fonts = fonts
        self.zoom = zoom
        prefs = window.preferences
        self.elder_action = self._toggle(
            "elder",
            self.tr("长辈版"),
            self.tr("大字、高对比、大按钮（再按一次回到普通版）"),
            prefs.elder_mode,
        )
        self.night_action = self._toggle(
            "night", self.tr("夜间"), self.tr("深色底、浅色字的夜间配色"), prefs.theme == "dark"
        )
        self.serif_action = self._toggle(
            "serif", self.tr("宋体"), self.tr("正文用宋体（再按一次用黑体）"), prefs.serif
        )
        self.serif_action.setEnabled(fonts.serif is not None)
        self.layout_action = self._toggle(
            "sections", self.tr("版面"), self.tr("打开或收起版面目录"), False
        )
        self.toolbar = self._make_toolbar(zoom)
        self.flow = ToolbarFlow(window, lambda: self.elder or zoom.step > DEFAULT_STEP)
        zoom.step_changed.connect(self.flow.refit)
        self._nav: ElderNavBar | None = None
        self.elder_action.toggled.connect(self.set_elder)
        self.night_action.toggled.connect(self._on_night)
        self.serif_action.toggled.connect(self._on_serif)
        self.layout_action.toggled.connect(self._on_sections)
        #: True while the drawer is open because a search opened it (it closes with it).
        self._opened_for_search = False
        window.side_panel.currentChanged.connect(self._on_side_panel_changed)

    def _toggle(self, name: str, text: str, tip: str, checked: bool) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(True)
        action.setChecked(checked)
        return action

    def _make_toolbar(self, zoom: ZoomController) -> QToolBar:
        window = self.window
        toolbar = QToolBar(self.tr("阅读辅助"), window)
        toolbar.setObjectName("readingAidsToolBar")
        toolbar.setAccessibleName(self.tr("阅读辅助"))
        toolbar.setMovable(False)
        self.buttons: dict[str, QToolButton] = {}
        # A widget on a tool bar is shown and hidden through the action that holds it.
        self._holders: dict[str, QAction] = {}
        items = (
            ("zoomIn", zoom.zoom_in_action),
            ("zoomOut", zoom.zoom_out_action),
            ("elder", self.elder_action),
            ("sections", self.layout_action),
            ("night", self.night_action),
            ("serif", self.serif_action),
        )
        for name, action in items:
            button = big_button(action, f"button_{name}", toolbar)
            self.buttons[name] = button
            self._holders[name] = toolbar.addWidget(button)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    @property
    def nav(self) -> ElderNavBar:
        """The bottom 翻篇 bar of 长辈版, made the first time 长辈版 is on (1 ms of the start)."""
        if self._nav is None:
            from jiangbei_reader.ui.elder_nav import ElderNavBar

            self._nav = ElderNavBar(self.window)
            name_qt_parts(self._nav.bar)  # its spacers, as the window names its own parts
        return self._nav

    @property
    def nav_bar(self) -> QToolBar:
        """The 翻篇 bar's tool bar."""
        return self.nav.bar

    def add_button(self, button: QToolButton) -> QAction:
        """Put another big button (朗读) on the reading-aids bar; its action shows or hides it."""
        return self.toolbar.addWidget(button)

    # -- state ---------------------------------------------------------------------------

    @property
    def elder(self) -> bool:
        """True in 长辈版."""
        return self.elder_action.isChecked()

    def theme(self) -> Theme:
        """The theme in use: the high-contrast one in 长辈版, else 日间 or 夜间."""
        if self.elder:
            return ELDER
        return DARK if self.night_action.isChecked() else LIGHT

    def display(self) -> DisplaySettings:
        """Display settings for the article in the current mode, theme and typeface."""
        theme = self.theme()
        typeface = (self.fonts.serif or "") if self.serif_action.isChecked() else ""
        base = self.window.display._replace(
            font_step=self.zoom.step,
            theme=theme.name,
            colours=article_colours(theme),
            typeface=typeface,
        )
        # Line height, paragraph gap and headline size are core's rule for the mode.
        mode = Mode.ELDER if self.elder else Mode.NORMAL
        spacing = SPACING[mode]
        return base._replace(
            line_height=spacing.line_height,
            paragraph_spacing=spacing.paragraph_gap_em(),
            headline_size=HEADLINE_SIZE[mode],
        )

    def apply(self) -> None:
        """Theme, font, layout and article for the current choices."""
        window = self.window
        elder = self.elder
        # The 翻篇 bar is made before the sizes below are set for every bar of the window.
        nav = self.nav if elder else self._nav
        apply_theme(self.theme(), elder=elder)
        recolour_icons(window.findChildren(QAction), self.theme())
        self.zoom.set_mode(Mode.ELDER if elder else Mode.NORMAL)
        # New paddings and minimum sizes: let the window fit its toolbar again.
        refit_toolbars(window)
        self._holders["sections"].setVisible(elder)
        self._holders["night"].setVisible(not elder)
        if nav is not None:
            nav.set_active(elder)
        window.menuBar().setVisible(not elder)
        self.flow.refit()
        # 校对 is for editors in the normal mode; an action the kiosk removed stays off.
        proof = window.reader_actions[ActionId.PROOF]
        proof.setEnabled(not elder and proof.isVisible())
        window.side_panel.setVisible(not elder or self.layout_action.isChecked())
        window.set_display(self.display())

    def _remember(self, **changes: object) -> None:
        window = self.window
        window.preferences = window.preferences.replace(**changes)
        if window.store is not None:
            window.store.save(window.preferences)

    @Slot(bool)
    def set_elder(self, on: bool) -> None:
        """Into 长辈版 (``True``) or back to the normal mode."""
        if self.elder_action.isChecked() != on:
            self.elder_action.setChecked(on)  # comes back here through toggled
            return
        self._opened_for_search = False
        self.layout_action.setChecked(False)
        self.apply()
        self._remember(elder_mode=on)
        text = self.tr("已切换到长辈版") if on else self.tr("已回到普通版")
        self.window.statusBar().showMessage(text, 4000)

    @Slot(bool)
    def _on_night(self, on: bool) -> None:
        self.apply()
        self._remember(theme="dark" if on else "light")

    @Slot(bool)
    def _on_serif(self, on: bool) -> None:
        self.window.set_display(self.display())
        self._remember(serif=on)

    @Slot(bool)
    def _on_sections(self, on: bool) -> None:
        self.window.side_panel.setVisible(on or not self.elder)

    @Slot(int)
    def _on_side_panel_changed(self, _index: int) -> None:
        # The search results take the tree's place in the side pane, which 长辈版 folds
        # away: a search opens the drawer, and closes it again when the search ends.
        if not self.elder:
            return
        searching = self.window.side_panel.currentWidget() is not self.window.tree
        if searching and not self.layout_action.isChecked():
            self._opened_for_search = True
            self.layout_action.setChecked(True)
        elif not searching and self._opened_for_search:
            self._opened_for_search = False
            self.layout_action.setChecked(False)


class ReadingAids(NamedTuple):
    """What :func:`install_reading_aids` adds to a window."""

    zoom: ZoomController
    elder: ElderMode
    read_aloud: ReadAloud | SpeechUnavailable


def make_read_aloud(window: ReaderWindow, elder: ElderMode) -> ReadAloud | SpeechUnavailable:
    """朗读 on ``window``, or a disabled button saying what to install when Qt speech is missing.

    Only whether the speech module is *installed* is checked here; ``ReadAloud``
    loads it on the first press (and says so if it cannot be loaded), because
    loading it costs start-up time.
    """
    if not speech_module_installed():
        log.warning("朗读不可用: %s is not installed", SPEECH_MODULE)
        return SpeechUnavailable(window, f"{SPEECH_MODULE} not installed")
    from jiangbei_reader.ui.read_aloud import ReadAloud

    return ReadAloud(window, elder.theme)


def install_reading_aids(window: ReaderWindow, fonts: BundledFonts) -> ReadingAids:
    """Font steps, 长辈版, themes and typeface on ``window``, restored from its preferences."""
    zoom = ZoomController(window, fonts)
    elder = ElderMode(window, fonts, zoom)
    read_aloud = make_read_aloud(window, elder)
    read_aloud.button_holder = elder.add_button(read_aloud.button)
    elder.apply()
    return ReadingAids(zoom, elder, read_aloud)
