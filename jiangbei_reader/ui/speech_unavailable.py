"""The 朗读 button when Qt's speech module itself cannot be loaded.

PySide6's QtTextToSpeech links QtMultimedia, which needs PulseAudio's client
library (Debian: libpulse0). A machine without it must still read the paper: the
button is there, disabled, and a bar says what to install.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

from jiangbei_reader.core.voices import INSTALL_COMMAND
from jiangbei_reader.ui.window import ReaderWindow
from jiangbei_reader.ui.zoom import big_button

#: Debian/Ubuntu packages QtTextToSpeech needs before any voice can be used.
SPEECH_MODULE_PACKAGES = "libpulse0"


class SpeechUnavailable(QObject):
    """Stands in for ``ReadAloud``: same button and bar, never speaks."""

    def __init__(self, window: ReaderWindow, reason: str) -> None:
        super().__init__(window)
        self.setObjectName("readAloud")
        self.state = "idle"
        self.reason = reason
        text = self.tr(
            "朗读不可用：Qt 的语音模块无法加载（{0}）。请安装：sudo apt-get install {1}，"
            "以及语音合成软件：{2}，然后重新打开阅读器。"
        ).format(reason, SPEECH_MODULE_PACKAGES, INSTALL_COMMAND)
        self.speak_action = QAction(self.tr("朗读"), window)
        self.speak_action.setObjectName("action_read_aloud")
        self.speak_action.setToolTip(text)
        self.speak_action.setEnabled(False)
        self.button = big_button(self.speak_action, "button_readAloud")
        self.button_holder: QAction | None = None
        self.bar = QToolBar(self.tr("朗读"), window)
        self.bar.setObjectName("readAloudBar")
        self.bar.setAccessibleName(self.tr("朗读"))
        self.bar.setMovable(False)
        self.explanation = QLabel(text, self.bar)
        self.explanation.setObjectName("readAloudExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.bar.addWidget(self.explanation)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.bar)

    @property
    def is_speaking(self) -> bool:
        """Never: there is no engine."""
        return False

    @Slot()
    def stop(self) -> None:
        """Nothing is being read."""
