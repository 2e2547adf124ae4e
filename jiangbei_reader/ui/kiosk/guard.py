"""Kiosk lockdown: nothing a stranger does leaves the window or reaches the machine.

One application-wide event filter swallows close events, the keys that close,
quit or leave full screen, context menus, drag and drop and file-open requests.
Actions that would open a file, a dialog of the machine or a web page are
disabled by id. What Qt cannot stop (Ctrl+Alt+Del, Alt+Tab) is the OS's job.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QApplication, QLayout, QMainWindow, QMenuBar, QWidget

from jiangbei_reader.ui.kiosk.events import KioskEvents

#: Keys that close, quit or leave full screen elsewhere: (key, exact modifiers).
_M = Qt.KeyboardModifier
BLOCKED_KEYS: frozenset[tuple[int, int]] = frozenset(
    {
        (Qt.Key.Key_F4.value, _M.AltModifier.value),
        (Qt.Key.Key_Q.value, _M.ControlModifier.value),
        (Qt.Key.Key_W.value, _M.ControlModifier.value),
        (Qt.Key.Key_F4.value, _M.ControlModifier.value),
        (Qt.Key.Key_Escape.value, _M.NoModifier.value),
        (Qt.Key.Key_F11.value, _M.NoModifier.value),
    }
)

#: Action ids (objectName ``action_<id>``) that must never work in a kiosk, and name
#: parts of actions other issues may add later (open, print, settings, source view …).
BLOCKED_ACTION_IDS = ("quit", "full_screen")
BLOCKED_ACTION_PARTS = (
    "open",
    "import",
    "export",
    "save",
    "print",
    "settings",
    "preferences",
    "source",
    "proof",
    "install",
    "desktop",
)

_SWALLOWED = frozenset(
    {
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
        QEvent.Type.FileOpen,
    }
)

#: Events after which the window may no longer be full screen.
_GEOMETRY_EVENTS = frozenset({QEvent.Type.WindowStateChange, QEvent.Type.Resize, QEvent.Type.Move})

#: Every event type the guard looks at.
GUARD_EVENTS = frozenset(
    {
        QEvent.Type.Close,
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Show,
        *_SWALLOWED,
        *_GEOMETRY_EVENTS,
    }
)

#: URL schemes QDesktopServices.openUrl would hand to the OS.
_URL_SCHEMES = ("http", "https", "file", "mailto", "ftp")


class RefusingLinkOpener:
    """The window's link opener in a kiosk: web links never open."""

    def __init__(self) -> None:
        self.refused: list[str] = []

    def open_external(self, parent: QWidget, url: QUrl) -> bool:
        """Refuse, remembering the link (tests read it)."""
        self.refused.append(url.toString())
        return False


class _UrlSink(QObject):
    """Takes every URL QDesktopServices would open and drops it."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.dropped: list[str] = []

    @Slot(QUrl)
    def swallow(self, url: QUrl) -> None:
        self.dropped.append(url.toString())


def is_blocked_key(event: QKeyEvent) -> bool:
    """True for a key press that would close, quit or leave full screen."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (event.key(), modifiers.value) in BLOCKED_KEYS


def is_blocked_action(action: QAction) -> bool:
    """True for an action a kiosk must never run (by its id)."""
    name = action.objectName().removeprefix("action_")
    return name in BLOCKED_ACTION_IDS or any(part in name for part in BLOCKED_ACTION_PARTS)


class KioskGuard(QObject):
    """Locks a main window down; `unlock()` (after the admin PIN) lets it close."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.unlocked = False
        #: What was swallowed, by kind (tests and the soak read it).
        self.blocked: list[str] = []
        self._urls = _UrlSink(self)

    def install(self, events: KioskEvents | None = None) -> None:
        """Watch the whole application (through the kiosk's shared filter when given)."""
        if events is not None:
            events.subscribe(GUARD_EVENTS, self.eventFilter)
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def apply(self) -> None:
        """Frameless, full screen, no menu bar, no context menus or drops, actions disabled."""
        window = self.window
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        window.setAcceptDrops(False)
        self.lock_chrome()
        if hasattr(window, "link_opener"):
            window.link_opener = RefusingLinkOpener()
        for scheme in _URL_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self._urls, "swallow")  # type: ignore[arg-type]
        # The window is the screen. By default its layout raises the window's minimum
        # size to what the contents ask (bigger type, the 朗读 bar, the keyboard open), and
        # a minimum beyond the screen resizes the window, which silently drops Qt's full
        # screen state (QWidget::setGeometry clears it, no WindowStateChange is sent).
        layout = window.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        window.setMinimumSize(0, 0)
        screen = window.screen()
        if screen is not None:
            window.setGeometry(screen.geometry())

    def lock_chrome(self) -> None:
        """Hide the menu bar, refuse context menus and drops, disable blocked actions.

        Called again after each reset: other parts (长辈版) may show the menu bar.
        """
        bar = self.window.menuBar()
        bar.hide()
        bar.setEnabled(False)
        # 长辈版 shows the menu bar again when it is left; with no height it never appears.
        bar.setMaximumHeight(0)
        # Context menus and drops are swallowed application-wide by eventFilter; the
        # policies are set on the window's own parts too. Not on every widget through
        # findChildren: each call leaves PySide wrappers that outlive widgets the
        # toolbars delete and rebuild at each font step (a leak growing with every reset).
        window = self.window
        for widget in (window, window.centralWidget(), getattr(window, "view", None)):
            if isinstance(widget, QWidget):
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
                widget.setAcceptDrops(False)
        view = getattr(window, "view", None)
        viewport = view.viewport() if view is not None else None
        if viewport is not None:
            viewport.setAcceptDrops(False)
        self.disable_actions()

    def disable_actions(self) -> list[QAction]:
        """Disable (and strip the shortcuts of) every blocked action; returns them."""
        found = []
        for action in self.window.findChildren(QAction):
            if is_blocked_action(action):
                action.setEnabled(False)
                action.setShortcuts([])
                action.setVisible(False)
                found.append(action)
        return found

    def unlock(self) -> None:
        """The admin PIN was right: the window may close now."""
        self.unlocked = True
        for scheme in _URL_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow every escape attempt while locked."""
        if self.unlocked:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window:
            event.ignore()
            self.blocked.append("close")
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            if is_blocked_key(event):
                event.accept()
                self.blocked.append("key")
                return True
            return False
        if kind in _SWALLOWED:
            event.ignore()
            self.blocked.append(kind.name)
            return True
        if kind == QEvent.Type.Show and isinstance(watched, QMenuBar):
            if watched.window() is self.window:
                QTimer.singleShot(0, watched.hide)  # not inside its own show
                self.blocked.append("menu bar")
            return False
        if watched is self.window and kind in _GEOMETRY_EVENTS:
            # Minimised, un-full-screened or resized by any path: back to full screen.
            if not self.window.isFullScreen() and self.window.isVisible():
                self.blocked.append("not full screen")
                if kind == QEvent.Type.WindowStateChange:
                    self.restore_full_screen()
                else:  # not from inside a geometry change
                    QTimer.singleShot(0, self.restore_full_screen)
        return False

    @Slot()
    def restore_full_screen(self) -> None:
        """Full screen again (unless the admin unlocked the window meanwhile)."""
        if not self.unlocked and not self.window.isFullScreen() and self.window.isVisible():
            self.window.setWindowState(Qt.WindowState.WindowFullScreen)
