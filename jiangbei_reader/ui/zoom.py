"""One control for size: the font step sets ONE application font, in points.

Every widget (tree, toolbar, search box, status bar, dialogs, tooltips) inherits
the application font, and the article HTML sizes everything relative to it, so a
step change is one ``QApplication.setFont``; the article view lays its HTML out
again on the font change (rich-text margins are pixels, worked out per step).
Style sheets carry no font sizes: a style-sheet font size would win over the font.

Keys: Ctrl+= / Ctrl++ (QKeySequence.ZoomIn), Ctrl+- (ZoomOut), Ctrl+0; Ctrl+wheel
and pinch over the article; the 「A+ 放大」「A- 缩小」 buttons. The step is saved
in the preferences (``font_step``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QNativeGestureEvent, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QGestureEvent,
    QLayout,
    QLineEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from jiangbei_reader.core.typography import (
    DEFAULT_STEP,
    FONT_STEPS,
    Mode,
    base_point_size,
    nearest_step,
    step_down,
    step_up,
)
from jiangbei_reader.ui.actions import key_sequences
from jiangbei_reader.ui.fonts import BundledFonts, reader_font
from jiangbei_reader.ui.window import ReaderWindow

#: chrome's search box widths (px) and QLineEdit's own text margins, for the placeholder.
_SEARCH_MIN_PX = 160
_SEARCH_MAX_PX = 320
_LINE_EDIT_MARGIN = 2
_FULL_PLACEHOLDER = "jiangbeiFullPlaceholder"
_CLEAR_BUTTON_MARGIN = 8
#: The tree pane holds this many CJK characters after three levels of indentation,
#: enough for 「2023年7月13日」 or 「第2版 综合新闻」 on one line.
_SIDE_CHARS = 12
_SIDE_MAX_SHARE = 0.4
_SIDE_BASE = "jiangbeiSideBase"
#: Toolbar icons: this share of the font's line height, and never below the style's size.
_ICON_SHARE = 0.8
_ICON_MIN_PX = 24
#: One notch of a mouse wheel (QWheelEvent.angleDelta units).
_WHEEL_NOTCH = 120
#: A pinch must grow or shrink the fingers' distance this much to take a step.
_PINCH_IN = 1.2
_PINCH_OUT = 1 / 1.2


def big_button(action: QAction, name: str, parent: QWidget | None = None) -> QToolButton:
    """A tool button showing the action's text (never an icon alone)."""
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setObjectName(name)
    button.setAccessibleName(action.text())
    button.setAccessibleDescription(action.toolTip())
    return button


def _line_edit_width(box: QLineEdit, text: str) -> int:
    """The width ``box`` needs to show ``text`` whole (frame, margins and clear button)."""
    # Imported here: PySide6 makes the Python enums of QStyle, QStyleOptionFrame (and
    # QStyleOption) when a name is first fetched; the first paint measures no box.
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    option = QStyleOptionFrame()
    box.initStyleOption(option)
    style = box.style()
    margins = box.textMargins()
    inner = box.fontMetrics().horizontalAdvance(text)
    inner += margins.left() + margins.right() + 2 * _LINE_EDIT_MARGIN
    if box.isClearButtonEnabled():
        inner += style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + _CLEAR_BUTTON_MARGIN
    size = QSize(inner, box.fontMetrics().height())
    return style.sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, size, box).width()


def fit_search_box(box: QLineEdit) -> None:
    """Keep the search box's placeholder whole at the current font.

    ``chrome`` makes the box 160..320 px, which holds 「搜索报纸（Ctrl+F）」 up to
    200 %. Beyond, the placeholder loses its shortcut (still in the tooltip and the
    阅读 menu) rather than being cut off, and the box is at least as wide as that.
    The box stays at most 320 px so the labelled buttons beside it still fit.
    """
    full = box.property(_FULL_PLACEHOLDER)
    if not isinstance(full, str):
        full = box.placeholderText()
        box.setProperty(_FULL_PLACEHOLDER, full)
    short = full.split("（")[0]
    text = full if _line_edit_width(box, full) <= _SEARCH_MAX_PX else short
    box.setPlaceholderText(text)
    need = _line_edit_width(box, text)
    box.setMinimumWidth(max(_SEARCH_MIN_PX, need))
    box.setMaximumWidth(max(_SEARCH_MAX_PX, need))


def widen_side_pane(window: ReaderWindow) -> None:
    """Give the tree pane room for a date row at the current font, and back when smaller.

    Long headlines wrap in the tree; a date or a page name should not. The pane is
    never narrower than it was at the first step change (the reader's own width),
    and at most :data:`_SIDE_MAX_SHARE` of the window, so the article keeps most of it.
    """
    splitter = window.splitter
    sizes = splitter.sizes()
    total = sum(sizes)
    if len(sizes) != 2 or total <= 0 or sizes[0] <= 0:
        return
    base = splitter.property(_SIDE_BASE)
    if not isinstance(base, int):
        base = sizes[0]
        splitter.setProperty(_SIDE_BASE, base)
    metrics = window.tree.fontMetrics()
    need = metrics.horizontalAdvance("国" * _SIDE_CHARS) + window.tree.indentation() * 3
    target = max(base, min(need, int(total * _SIDE_MAX_SHARE)))
    if sizes[0] != target:
        splitter.setSizes([target, total - target])


def size_icons(window: QWidget) -> None:
    """Toolbar icons as big as the text beside them (the style's 24 px is tiny at 300 %)."""
    side = max(_ICON_MIN_PX, round(window.fontMetrics().height() * _ICON_SHARE))
    for bar in window.findChildren(QToolBar):
        bar.setIconSize(QSize(side, side))


def refit_toolbars(window: QWidget) -> None:
    """Tell the window's toolbars to measure again once fonts and style sheet are final.

    The main toolbar hides its labels when they do not fit and measures on a font
    change; after a style-sheet repolish its cached size hint is stale, so the
    layout is invalidated first.
    """
    for bar in window.findChildren(QToolBar):
        # The bar's own layout is its one child layout. Not bar.layout(): PySide6 finds
        # the Python class of a QLayout it returns by trying every QLayout subclass,
        # which makes QFormLayout's enums (~2 M instructions the start need not pay).
        layout = bar.findChild(QLayout, "", Qt.FindChildOption.FindDirectChildrenOnly)
        if layout is not None:
            layout.invalidate()
        QApplication.sendEvent(bar, QEvent(QEvent.Type.FontChange))
    QApplication.sendEvent(window, QEvent(QEvent.Type.FontChange))


class ZoomController(QObject):
    """Holds the font step and the mode and turns them into the application font."""

    #: The font step changed (percent).
    step_changed = Signal(int)

    def __init__(self, window: ReaderWindow, fonts: BundledFonts) -> None:
        super().__init__(window)
        self.setObjectName("zoomController")
        self.window = window
        self.fonts = fonts
        self.mode = Mode.ELDER if window.preferences.elder_mode else Mode.NORMAL
        self.step = nearest_step(window.preferences.font_step)
        self._wheel = 0
        self._native_scale = 1.0
        self.zoom_in_action = self._action(
            "zoom_in",
            self.tr("A+ 放大"),
            self.tr("放大字号"),
            (QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"),
        )
        self.zoom_out_action = self._action(
            "zoom_out",
            self.tr("A- 缩小"),
            self.tr("缩小字号"),
            (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"),
        )
        self.reset_action = self._action(
            "zoom_reset", self.tr("标准字号"), self.tr("恢复标准字号"), ("Ctrl+0",)
        )
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.reset_action.triggered.connect(self.reset)
        for viewport in (window.view.viewport(), window.tree.viewport()):
            viewport.grabGesture(Qt.GestureType.PinchGesture)
            viewport.installEventFilter(self)

    def _action(self, name: str, text: str, tip: str, keys: tuple[object, ...]) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        sequences = key_sequences(keys)  # type: ignore[arg-type]
        action.setShortcuts(sequences)
        if sequences:
            tip = f"{tip}（{sequences[0].toString(QKeySequence.SequenceFormat.NativeText)}）"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.window.addAction(action)
        return action

    # -- the step ----------------------------------------------------------------------

    def point_size(self) -> float:
        """The application font size for the current step and mode at the window's DPI."""
        return base_point_size(self.step, self.mode, float(self.window.logicalDpiY()))

    def apply(self) -> None:
        """Set the application font for the step and mode (the whole window follows)."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        font = reader_font(self.fonts, self.point_size())
        if app.font() != font:
            app.setFont(font)
            # Widgets polished by a style sheet keep their old font until it is set again.
            if app.styleSheet():
                app.setStyleSheet(app.styleSheet())
            fit_search_box(self.window.search_box)
            widen_side_pane(self.window)
            size_icons(self.window)
            refit_toolbars(self.window)
        self.zoom_in_action.setEnabled(self.step < FONT_STEPS[-1])
        self.zoom_out_action.setEnabled(self.step > FONT_STEPS[0])
        self.reset_action.setEnabled(self.step != DEFAULT_STEP)

    def set_step(self, step: int) -> None:
        """Go to a font step (the nearest one for a value in between) and remember it."""
        step = nearest_step(step)
        if step == self.step:
            self.apply()
            return
        self.step = step
        self.apply()
        window = self.window
        window.preferences = window.preferences.replace(font_step=step)
        if window.store is not None:
            window.store.save(window.preferences)
        window.statusBar().showMessage(self.tr("字号 {0}%").format(step), 3000)
        self.step_changed.emit(step)

    def set_mode(self, mode: Mode) -> None:
        """Normal or 长辈版 sizes at the same step."""
        self.mode = mode
        self.apply()

    @Slot()
    def zoom_in(self) -> None:
        """One step bigger."""
        self.set_step(step_up(self.step))

    @Slot()
    def zoom_out(self) -> None:
        """One step smaller."""
        self.set_step(step_down(self.step))

    @Slot()
    def reset(self) -> None:
        """Back to the standard size."""
        self.set_step(DEFAULT_STEP)

    # -- wheel and pinch ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+wheel and pinch take font steps instead of Qt's own text zoom."""
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._on_wheel(event.angleDelta().y())
                event.accept()
                return True
        elif event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if self._on_native_gesture(event):
                event.accept()
                return True
        elif event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            # Imported here: PySide6 makes the Python enums of QPinchGesture (and of
            # QGesture) when the name is first fetched, which the start need not pay.
            # (The event classes are typed by PySide6 for the first event anyway.)
            from PySide6.QtWidgets import QPinchGesture

            gesture = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(gesture, QPinchGesture):
                self.on_pinch(gesture.state(), gesture.totalScaleFactor())
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _on_native_gesture(self, event: QNativeGestureEvent) -> bool:
        """Touchpad pinch (macOS, Wayland, X11 with XInput 2.4): Qt's zoom gesture events.

        Each ZoomNativeGesture carries the change of scale since the last one; the
        steps are taken when the fingers lift, like a touch-screen pinch.
        """
        kind = event.gestureType()
        if kind is Qt.NativeGestureType.BeginNativeGesture:
            self._native_scale = 1.0
        elif kind is Qt.NativeGestureType.ZoomNativeGesture:
            self._native_scale *= 1.0 + event.value()
        elif kind is Qt.NativeGestureType.EndNativeGesture:
            self.on_pinch(Qt.GestureState.GestureFinished, self._native_scale)
            self._native_scale = 1.0
        else:
            return False
        return True

    def _on_wheel(self, delta: int) -> None:
        self._wheel += delta
        while abs(self._wheel) >= _WHEEL_NOTCH:
            if self._wheel > 0:
                self._wheel -= _WHEEL_NOTCH
                self.zoom_in()
            else:
                self._wheel += _WHEEL_NOTCH
                self.zoom_out()

    def on_pinch(self, state: Qt.GestureState, scale: float) -> None:
        """At the end of a pinch, one step per 1.2x of spread (or of squeeze)."""
        if state is not Qt.GestureState.GestureFinished:
            return
        while scale >= _PINCH_IN and self.step < FONT_STEPS[-1]:
            scale /= _PINCH_IN
            self.zoom_in()
        while scale <= _PINCH_OUT and self.step > FONT_STEPS[0]:
            scale /= _PINCH_OUT
            self.zoom_out()
