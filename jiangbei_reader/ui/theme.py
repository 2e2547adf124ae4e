"""A core colour theme applied to Qt: the application palette and a colour-only style sheet.

Colours come only from :class:`~jiangbei_reader.core.themes.Theme`, so the contrast
rules tested on the theme hold for what is painted. The style sheet carries no font
sizes (a style-sheet font size would win over the application font and break the
font steps); in 长辈版 it adds minimum target sizes, which are not font sizes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QAction, QColor, QIcon, QIconEngine, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from jiangbei_reader.core.display import ArticleColours
from jiangbei_reader.core.themes import PALETTE_ROLES, Theme
from jiangbei_reader.core.typography import ELDER_MIN_TARGET_PX

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
_DISABLED_ROLES = ("WindowText", "Text", "ButtonText", "PlaceholderText")
#: Where an action keeps the icon it was declared with (the recoloured one is derived).
_ORIGINAL_ICON = "jiangbeiOriginalIcon"


def palette_for(theme: Theme) -> QPalette:
    """A QPalette holding the theme's colours in every role it names."""
    palette = QPalette()
    colors = theme.colors()
    for role_name, theme_role in PALETTE_ROLES.items():
        role = getattr(QPalette.ColorRole, role_name)
        color = QColor(colors[theme_role])
        for group in _GROUPS:
            palette.setColor(group, role, color)
        palette.setColor(QPalette.ColorGroup.Disabled, role, color)
    for role_name in _DISABLED_ROLES:
        role = getattr(QPalette.ColorRole, role_name)
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled_text))
    # Frames and bevels are drawn from these; keep them from the theme, not the style.
    for role in (QPalette.ColorRole.Light, QPalette.ColorRole.Midlight):
        palette.setColor(role, QColor(theme.button_bg))
    for role in (QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow):
        palette.setColor(role, QColor(theme.button_border))
    palette.setColor(QPalette.ColorRole.BrightText, QColor(theme.selection_text))
    return palette


def article_colours(theme: Theme) -> ArticleColours:
    """The colours of the article HTML for a theme."""
    return ArticleColours(
        text=theme.body_text,
        background=theme.base,
        headline=theme.headline,
        kicker=theme.kicker,
        subtitle=theme.subtitle,
        secondary=theme.secondary_text,
        link=theme.link,
        jump=theme.jump_marker,
        search_hit=theme.search_hit_bg,
        search_hit_text=theme.search_hit_text,
    )


def style_sheet(theme: Theme, *, elder: bool = False) -> str:
    """Colours (and in 长辈版 target sizes) for the whole application; never a font size."""
    t = theme
    rules = [
        f"QToolTip {{ color: {t.tooltip_text}; background-color: {t.tooltip_bg};"
        f" border: 1px solid {t.button_border}; }}",
        f"QStatusBar, QStatusBar QLabel {{ color: {t.window_text}; }}",
        f"QToolButton:checked {{ color: {t.button_checked_text};"
        f" background-color: {t.button_checked_bg}; border: 2px solid {t.button_border};"
        " border-radius: 4px; }",
        f"QLabel#readAloudHint {{ color: {t.window_text}; }}",
        f"*:focus {{ outline: 2px solid {t.focus_ring}; }}",
    ]
    if elder:
        side = ELDER_MIN_TARGET_PX
        rules += [
            f"QToolButton, QPushButton {{ min-width: {side}px; min-height: {side}px;"
            f" color: {t.button_text}; background-color: {t.button_bg};"
            f" border: 2px solid {t.button_border}; border-radius: 6px; padding: 4px 10px; }}",
            f"QToolButton:checked {{ color: {t.button_checked_text};"
            f" background-color: {t.button_checked_bg}; }}",
            f"QToolButton:disabled, QPushButton:disabled {{ color: {t.disabled_text}; }}",
            f"QLineEdit, QComboBox {{ min-height: {side}px; }}",
            f"QTreeView::item {{ min-height: {side}px; }}",
            # Scroll bars are targets too: dragged and clicked.
            f"QScrollBar:vertical {{ width: {side}px; }}",
            f"QScrollBar:horizontal {{ height: {side}px; }}",
            # The 往期 calendar: a header row and six weeks of seven days, each >= 60 px.
            f"QCalendarWidget QAbstractItemView {{ min-width: {7 * side + 8}px;"
            f" min-height: {7 * side + 8}px; }}",
            f"QMenu::item {{ min-height: {side}px; padding: 4px 24px; }}",
            f"QMenuBar::item {{ min-height: {side}px; padding: 0 12px; }}",
        ]
    return "\n".join(rules)


def apply_theme(theme: Theme, *, elder: bool = False, app: QApplication | None = None) -> None:
    """Give the application the theme's palette and style sheet."""
    target = app or QApplication.instance()
    if not isinstance(target, QApplication):
        return
    target.setPalette(palette_for(theme))
    target.setStyleSheet(style_sheet(theme, elder=elder))


def tinted(icon: QIcon, colour: QColor, size: QSize) -> QPixmap:
    """``icon`` at ``size``, every pixel painted ``colour`` keeping the icon's alpha (its shape)."""
    # Imported here: PySide6 makes QPainter's enums when the name is first fetched,
    # which the start need not pay unless an icon is drawn before the article.
    from PySide6.QtGui import QPainter

    pixmap = icon.pixmap(size)
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return pixmap


class TintedIconEngine(QIconEngine):
    """Draws an icon's shape in one colour per mode and state, each size when first asked.

    Painting every size, mode and state up front cost ~40 ms of start-up (630 pixmaps);
    Qt asks for two or three of them.
    """

    def __init__(self, source: QIcon, colours: dict[tuple[QIcon.Mode, QIcon.State], QColor]):
        super().__init__()
        self.source = source
        self.colours = colours
        self._cache: dict[tuple[int, int, QIcon.Mode, QIcon.State], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The tinted pixmap (cached)."""
        key = (size.width(), size.height(), mode, state)
        pixmap = self._cache.get(key)
        if pixmap is None:
            colour = self.colours.get((mode, state)) or self.colours[(mode, QIcon.State.Off)]
            pixmap = tinted(self.source, colour, size)
            self._cache[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the tinted pixmap into ``rect``."""
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        """A copy (Qt copies icons by value)."""
        return TintedIconEngine(self.source, self.colours)


def recolour_icons(actions: Iterable[QAction], theme: Theme) -> None:
    """Paint the actions' icons in the theme's button text colour (disabled: its disabled colour).

    Qt's style icons (back, forward, arrows …) are drawn in fixed colours whatever
    the palette, which left them 1.2:1 on the 夜间 window; the shape is kept, the
    colour is the theme's, so the contrast tested on the theme holds for icons.
    """
    normal, disabled = QColor(theme.button_text), QColor(theme.disabled_text)
    selected, checked = QColor(theme.selection_text), QColor(theme.button_checked_text)
    on, off = QIcon.State.On, QIcon.State.Off
    colours = {
        (QIcon.Mode.Normal, off): normal,
        (QIcon.Mode.Active, off): normal,
        # A pressed toggle (全文连读) is drawn on the checked colour.
        (QIcon.Mode.Normal, on): checked,
        (QIcon.Mode.Active, on): checked,
        # A highlighted menu row is drawn on the selection colour.
        (QIcon.Mode.Selected, off): selected,
        (QIcon.Mode.Selected, on): selected,
        (QIcon.Mode.Disabled, off): disabled,
        (QIcon.Mode.Disabled, on): disabled,
    }
    for action in actions:
        original = action.property(_ORIGINAL_ICON)
        if not isinstance(original, QIcon):
            original = action.icon()
            if original.isNull():
                continue
            action.setProperty(_ORIGINAL_ICON, original)
        action.setIcon(QIcon(TintedIconEngine(original, colours)))
