"""The on-screen keyboard drawn inside the kiosk window (no OS window, no GPL component).

It types into the window's ``searchBox`` QLineEdit and nothing else: letters,
digits, space, backspace, clear and search. Above the keys, words of the
archive matching the typed pinyin (the search core's ``suggest()``) are offered
as big buttons, and after 搜索 the best results can be opened with one tap.
It keeps nothing between readers: no learning, no history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.kiosk.touch import follow_app_font

#: Finger-sized keys (kiosk targets are at least 80 px).
KEY_PX = 80
MAX_SUGGESTIONS = 6
MAX_RESULTS = 3

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass(frozen=True, slots=True)
class ResultItem:
    """One search result the keyboard can open: what to show and where it leads."""

    label: str
    route: Route


Suggest = Callable[[str], Sequence[str]]
Search = Callable[[str], Sequence[ResultItem]]


class OnScreenKeyboard(QFrame):
    """Keys, suggestions and results; opened when the search box is touched."""

    #: A result was chosen: the window should show this route.
    open_route = Signal(object)

    def __init__(
        self,
        box: QLineEdit,
        parent: QWidget,
        suggest: Suggest | None = None,
        search: Search | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskKeyboard")
        self.setAccessibleName(self.tr("屏幕键盘"))
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#kioskKeyboard { background: #e6e2d8; border-top: 3px solid #777; }"
            "#kioskKeyboard QPushButton[role='suggestion'] { background: #fff; }"
            "#kioskKeyboard QPushButton[role='result'] { background: #fff;"
            " text-align: left; padding-left: 12px; }"
        )
        self.box = box
        self.suggest = suggest
        self.search = search
        self.keys: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        # One row above the keys offers the archive's words while typing and the best
        # results after 搜索 (never both): the keyboard must fit a 800 px high screen.
        offers = QWidget(self)
        offers.setObjectName("kioskOffers")
        offers.setFixedHeight(KEY_PX + 4)
        self.offer_row = QHBoxLayout(offers)
        self.offer_row.setContentsMargins(0, 0, 0, 0)
        self.offer_row.setSpacing(6)
        layout.addWidget(offers)
        self.suggestion_buttons: list[QPushButton] = []
        self.result_buttons: list[QPushButton] = []
        for row in ROWS:
            line = QHBoxLayout()
            line.addStretch(1)
            for char in row:
                line.addWidget(self._key(char, char, partial(self.type_text, char)))
            if row == ROWS[-1]:
                line.addWidget(self._key("backspace", self.tr("⌫ 退格"), self.backspace, 2))
            line.addStretch(1)
            layout.addLayout(line)
        last = QHBoxLayout()
        last.addWidget(self._key("clear", self.tr("清除"), self.clear_text, 2))
        last.addWidget(self._key("space", self.tr("空格"), partial(self.type_text, " "), 5))
        last.addWidget(self._key("search", self.tr("搜索"), self.run_search, 2))
        last.addWidget(self._key("hide", self.tr("收起键盘"), self.close_keyboard, 2))
        layout.addLayout(last)
        box.textChanged.connect(self._refresh_suggestions)
        self.hide()

    def _key(
        self, name: str, label: str, handler: Callable[[], object], stretch: int = 1
    ) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(f"kioskKey_{name}")
        button.setAccessibleName(label)
        button.setMinimumSize(KEY_PX * stretch, KEY_PX)
        follow_app_font(button, 1.6)
        # Keys never take the focus: the search box keeps its cursor.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(handler)
        self.keys[name] = button
        return button

    # -- typing ---------------------------------------------------------------------

    def type_text(self, text: str) -> None:
        """Insert text at the search box's cursor."""
        self.box.insert(text)

    @Slot()
    def backspace(self) -> None:
        """Delete the character before the cursor."""
        self.box.backspace()

    @Slot()
    def clear_text(self) -> None:
        """Empty the search box, suggestions and results."""
        self.box.clear()
        self._set_results([])

    @Slot()
    def run_search(self) -> None:
        """Search for the box's text: the window's own search runs, and results appear here."""
        text = self.box.text().strip()
        if not text:
            return
        self.box.returnPressed.emit()
        items = list(self.search(text))[:MAX_RESULTS] if self.search else []
        self._set_results(items)

    # -- showing --------------------------------------------------------------------

    def open_keyboard(self) -> None:
        """Show the keyboard along the bottom of the window."""
        self.place()
        self.show()
        self.raise_()
        self._refresh_suggestions(self.box.text())

    @Slot()
    def close_keyboard(self) -> None:
        """Hide it (the text stays until the reset)."""
        self.hide()

    def reset(self) -> None:
        """Hide it and forget everything typed, suggested and found (idle reset)."""
        self.hide()
        self.box.clear()
        self._set_suggestions([])
        self._set_results([])

    def place(self) -> None:
        """Fit the keyboard to the bottom of its parent."""
        parent = self.parentWidget()
        if parent is None:
            return
        hint = self.sizeHint()
        height = min(hint.height(), parent.height() * 3 // 4)
        self.setGeometry(0, parent.height() - height, parent.width(), height)

    # -- suggestions and results ----------------------------------------------------

    @Slot(str)
    def _refresh_suggestions(self, text: str) -> None:
        if not self.isVisible() and not self.suggestion_buttons:
            return
        words = list(self.suggest(text))[:MAX_SUGGESTIONS] if self.suggest and text else []
        self._set_suggestions(words)

    def _set_suggestions(self, words: Sequence[str]) -> None:
        for button in self.suggestion_buttons:
            self.offer_row.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        if words:
            self._set_results([])
        for index, word in enumerate(words):
            button = OfferButton(word, self)
            button.setObjectName(f"kioskSuggestion_{index}")
            button.setAccessibleName(self.tr("建议：{0}").format(word))
            button.setProperty("role", "suggestion")
            button.setMinimumHeight(KEY_PX)
            follow_app_font(button, 1.75)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, w=word: self.choose_suggestion(w))
            self.offer_row.addWidget(button)
            self.suggestion_buttons.append(button)
        if self.isVisible():
            self.place()

    def choose_suggestion(self, word: str) -> None:
        """Put the suggested word in the box and search for it."""
        self.box.setText(word)
        self.run_search()

    def _set_results(self, items: Sequence[ResultItem]) -> None:
        for button in self.result_buttons:
            self.offer_row.removeWidget(button)
            button.deleteLater()
        self.result_buttons = []
        if items:
            self._set_suggestions([])
        for index, item in enumerate(items):
            # Headline on the first line, date and page on the second.
            button = OfferButton(item.label.replace(" — ", "\n", 1), self)
            button.setObjectName(f"kioskResult_{index}")
            button.setAccessibleName(self.tr("打开：{0}").format(item.label))
            button.setProperty("role", "result")
            button.setMinimumHeight(KEY_PX)
            follow_app_font(button, 1.2)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, r=item.route: self._open(r))
            self.offer_row.addWidget(button)
            self.result_buttons.append(button)
        if self.isVisible():
            self.place()

    def _open(self, route: Route) -> None:
        self.hide()
        self.open_route.emit(route)


class OfferButton(QPushButton):
    """A suggestion or result: its lines are elided to the button's width, never cut off."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        #: The whole text (the shown one may end in …).
        self.full_text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide again for the new width."""
        super().resizeEvent(event)
        room = max(KEY_PX // 2, self.width() - 32)
        metrics = self.fontMetrics()
        lines = (
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
            for line in self.full_text.split("\n")
        )
        self.setText("\n".join(lines))


class TouchOpener(QObject):
    """Opens the keyboard when the search box is touched, clicked or focused."""

    def __init__(self, keyboard: OnScreenKeyboard) -> None:
        super().__init__(keyboard)
        self.keyboard = keyboard
        keyboard.box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Touch, click or focus on the search box opens the keyboard."""
        if (
            event.type()
            in (
                QEvent.Type.MouseButtonPress,
                QEvent.Type.TouchBegin,
                QEvent.Type.FocusIn,
            )
            and not self.keyboard.isVisible()
        ):
            self.keyboard.open_keyboard()
        return False
