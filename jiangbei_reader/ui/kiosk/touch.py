"""Touch fitting for kiosk mode: finger scrolling everywhere, 80 px targets, big type.

Scroll areas and calendars appear long after the kiosk starts (the 往期 dialog,
the search results, anything another part adds later), so one application-wide
event filter fits each of them when it is polished or shown, not once at start.

Sizes of text never come from a style sheet (a style-sheet font-size beats the
application font and its font steps): :func:`follow_app_font` gives a widget a
multiple of the application font and keeps it so when the font step changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QScroller,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from jiangbei_reader.ui.kiosk.events import KioskEvents

#: Smallest touch target in kiosk mode (px).
TARGET_PX = 80

#: Sizes and spacing only (no font sizes: see the module docstring).
KIOSK_STYLE = f"""
QToolButton, QPushButton {{ min-height: {TARGET_PX}px; min-width: {TARGET_PX}px; }}
QLineEdit, QComboBox, QAbstractSpinBox {{ min-height: {TARGET_PX}px; }}
QComboBox {{ min-width: {2 * TARGET_PX}px; }}
QComboBox QAbstractItemView::item {{ min-height: {TARGET_PX}px; }}
QTreeView::item, QListView::item {{ min-height: {TARGET_PX}px; }}
QTabBar::tab {{ min-height: {TARGET_PX}px; min-width: {TARGET_PX}px; }}
QScrollBar:vertical {{ width: 40px; }}
QScrollBar:horizontal {{ height: 40px; }}
"""

#: Every event type the fitter looks at.
TOUCH_EVENTS = frozenset({QEvent.Type.Polish, QEvent.Type.Show, QEvent.Type.ApplicationFontChange})

_FITTED = "kioskTouchFitted"
_FONT_FACTOR = "kioskFontFactor"
_FONT_BOLD = "kioskFontBold"


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> bool:
    """Finger (and mouse-drag) scrolling on one scroll area; False if it had it already.

    QScroller keeps one gesture per target, so the left-button gesture is used:
    touch screens deliver touches as synthesised left-button presses too, and
    many kiosk touch drivers only send mouse events.
    """
    viewport = area.viewport()
    if viewport is None or QScroller.hasScroller(viewport):
        return False
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return True


def fit_calendar(calendar: QCalendarWidget) -> None:
    """Day cells of at least TARGET_PX: 7 columns, a header row and 6 week rows."""
    calendar.setMinimumSize(7 * TARGET_PX + 8, 7 * TARGET_PX + TARGET_PX + 8)
    view = calendar.findChild(QTableView)
    if view is not None:
        view.setMinimumSize(7 * TARGET_PX, 7 * TARGET_PX)


def follow_app_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Give `widget` the application font times `factor`, now and after each font step."""
    widget.setProperty(_FONT_FACTOR, factor)
    widget.setProperty(_FONT_BOLD, bold)
    _apply_font(widget)


def _apply_font(widget: QWidget) -> None:
    factor = widget.property(_FONT_FACTOR)
    if not isinstance(factor, float):
        return
    font = QApplication.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bool(widget.property(_FONT_BOLD)))
    widget.setFont(font)


class TouchFitter(QObject):
    """Application event filter: fits every scroll area, calendar and combo box as it appears."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        #: How many scroll areas got finger scrolling (tests and the soak read it).
        self.scroll_areas = 0

    def install(self, roots: list[QWidget], events: KioskEvents | None = None) -> None:
        """Fit what exists under `roots` now and watch for what appears later.

        Through the kiosk's shared filter when given, else an application filter.
        """
        for root in roots:
            for area in root.findChildren(QAbstractScrollArea):
                self.fit(area)
            for widget in root.findChildren(QWidget):
                if isinstance(widget, (QCalendarWidget, QComboBox)):
                    self.fit(widget)
        if events is not None:
            events.subscribe(TOUCH_EVENTS, self.eventFilter)
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def fit(self, widget: QObject) -> None:
        """Fit one widget (scroll area, calendar or combo box) once."""
        if isinstance(widget, QAbstractScrollArea):
            if enable_kinetic_scrolling(widget):
                self.scroll_areas += 1
        elif isinstance(widget, QCalendarWidget) and not widget.property(_FITTED):
            widget.setProperty(_FITTED, True)
            fit_calendar(widget)
        elif isinstance(widget, QComboBox) and not widget.property(_FITTED):
            widget.setProperty(_FITTED, True)
            # The style's own combo delegate ignores the style sheet's item height;
            # a styled delegate makes the drop-down rows finger-sized too.
            widget.setItemDelegate(QStyledItemDelegate(widget))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit widgets when they are polished or shown; refit kiosk fonts after a font step."""
        kind = event.type()
        if kind in (QEvent.Type.Polish, QEvent.Type.Show):
            if isinstance(watched, (QAbstractScrollArea, QCalendarWidget, QComboBox)):
                self.fit(watched)
        elif kind == QEvent.Type.ApplicationFontChange and watched is QApplication.instance():
            # Widgets under a style sheet are not told themselves; the application is.
            for widget in QApplication.allWidgets():
                if widget.property(_FONT_FACTOR) is not None:
                    _apply_font(widget)
        return False
