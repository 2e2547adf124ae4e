"""Why 朗读 cannot read: the compact hint, and the stand-in when Qt speech is not installed.

The hint is one short sentence and a 「怎么安装」 button; the button opens a small
window with the whole explanation (what to install, the command). It never wraps,
so it cannot push the window taller than the screen at the largest font step.

PySide6's QtTextToSpeech links QtMultimedia, which needs PulseAudio's client
library (Debian: libpulse0). Whether the module can be *loaded* is only known on the
first press of 「朗读」 (loading it costs about 100 ms of start-up); a module that is
not installed at all is seen at start-up without loading it, and then
:class:`SpeechUnavailable` stands in for the read-aloud feature.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolBar,
    QToolButton,
    QWidget,
)

from jiangbei_reader.core.voices import INSTALL_COMMAND
from jiangbei_reader.ui.window import ReaderWindow
from jiangbei_reader.ui.zoom import big_button

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

#: Debian/Ubuntu packages QtTextToSpeech needs before any voice can be used.
SPEECH_MODULE_PACKAGES = "libpulse0"
SPEECH_MODULE = "PySide6.QtTextToSpeech"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SpeechHint", text)


def speech_module_installed() -> bool:
    """True when Qt's speech module is installed (found, not loaded: loading is slow)."""
    try:
        return importlib.util.find_spec(SPEECH_MODULE) is not None
    except ImportError:  # a finder that refuses the module (tests block it this way)
        return False


def module_explanation(reason: str) -> str:
    """What to install when Qt's speech module cannot be loaded for ``reason``."""
    return _tr(
        "朗读不可用：Qt 的语音模块无法加载（{0}）。请安装：sudo apt-get install {1}，"
        "以及语音合成软件：{2}，然后重新打开阅读器。"
    ).format(reason, SPEECH_MODULE_PACKAGES, INSTALL_COMMAND)


def module_summary() -> str:
    """The short line shown for a speech module that cannot be loaded."""
    return _tr("朗读不可用：缺少语音模块")


class SpeechHint(QWidget):
    """A short, never wrapping sentence and a 「怎么安装」 button with the details.

    ``text()`` is the whole explanation (the button's window and the tooltips say it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readAloudExplanation")
        self.setAccessibleName(_tr("朗读不可用的原因"))
        self._details = ""
        self.summary = QLabel(self)
        self.summary.setObjectName("readAloudHint")
        self.how = QToolButton(self)
        self.how.setObjectName("button_readAloudHowTo")
        self.how.setText(_tr("怎么安装"))
        self.how.setAccessibleName(_tr("怎么安装朗读"))
        self.how.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.how.clicked.connect(self.show_details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.how)
        self.box: QMessageBox | None = None

    def set_text(self, summary: str, details: str) -> None:
        """Show ``summary``; ``details`` go to the tooltip and the 「怎么安装」 window."""
        self.summary.setText(summary)
        self._details = details
        self.setToolTip(details)
        self.summary.setToolTip(details)
        self.how.setToolTip(details)
        self.summary.setAccessibleDescription(details)

    def text(self) -> str:
        """The whole explanation."""
        return self._details

    @Slot()
    def show_details(self) -> None:
        """The whole explanation in a small window (not modal: reading goes on)."""
        if self.box is None:
            # Imported when first shown: making QMessageBox's Python enums costs start-up.
            from PySide6.QtWidgets import QMessageBox

            self.box = QMessageBox(self.window())
            self.box.setObjectName("readAloudHowToBox")
            self.box.setWindowTitle(_tr("怎么安装朗读"))
            self.box.setIcon(QMessageBox.Icon.Information)
            self.box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.setText(self._details)
        self.box.open()


class RowFitter(QObject):
    """Puts a bottom bar on a line of its own when another bottom bar is shown.

    In 长辈版 the 翻篇 bar sits at the bottom too and its status line takes all the
    room between its two buttons; sharing the line, Qt would squeeze the buttons.
    """

    def __init__(self, window: ReaderWindow, bar: QToolBar) -> None:
        super().__init__(bar)
        self.window = window
        self.bar = bar
        self.own_line = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        bar.installEventFilter(self)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Check again once a new font, size or content has been laid out."""
        if event.type() in _REFIT_EVENTS:
            self._timer.start()
        return super().eventFilter(watched, event)

    @Slot()
    def fit(self) -> None:
        """A line of its own while another bottom bar is visible."""
        others = [
            b
            for b in self.window.findChildren(QToolBar)
            if b is not self.bar
            and b.isVisible()
            and self.window.toolBarArea(b) == Qt.ToolBarArea.BottomToolBarArea
        ]
        own = self.bar.isVisible() and bool(others)
        if own != self.own_line:
            if own:
                self.window.insertToolBarBreak(self.bar)
            else:
                self.window.removeToolBarBreak(self.bar)
            self.own_line = own
            # A bar squeezed while it shared the line keeps its overflow button shown
            # (Qt does not lay it out again when the line widens): show it afresh.
            for bar in others:
                bar.hide()
                bar.show()


_REFIT_EVENTS = (
    QEvent.Type.FontChange,
    QEvent.Type.Resize,
    QEvent.Type.Show,
    QEvent.Type.LayoutRequest,
)


def make_speech_bar(window: ReaderWindow) -> tuple[QToolBar, SpeechHint]:
    """The bottom bar (朗读 controls and the hint), next to the 长辈版 翻篇 bar if it fits."""
    bar = QToolBar(_tr("朗读"), window)
    bar.setObjectName("readAloudBar")
    bar.setAccessibleName(_tr("朗读"))
    bar.setMovable(False)
    hint = SpeechHint(bar)
    window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)
    bar.row_fitter = RowFitter(window, bar)  # type: ignore[attr-defined]
    return bar, hint


class SpeechUnavailable(QObject):
    """Stands in for ``ReadAloud`` when Qt's speech module is not installed: never speaks."""

    def __init__(self, window: ReaderWindow, reason: str) -> None:
        super().__init__(window)
        self.setObjectName("readAloud")
        self.state = "idle"
        self.reason = reason
        text = module_explanation(reason)
        self.speak_action = QAction(_tr("朗读"), window)
        self.speak_action.setObjectName("action_read_aloud")
        self.speak_action.setToolTip(text)
        self.speak_action.setEnabled(False)
        self.button = big_button(self.speak_action, "button_readAloud")
        self.button_holder: QAction | None = None
        self.bar, self.explanation = make_speech_bar(window)
        self.explanation.set_text(module_summary(), text)
        self.bar.addWidget(self.explanation)

    @property
    def is_speaking(self) -> bool:
        """Never: there is no engine."""
        return False

    @Slot()
    def stop(self) -> None:
        """Nothing is being read."""
