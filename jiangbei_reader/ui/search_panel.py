"""The search panel: takes the section tree's place while the reader searches.

It holds the edition filter, the next/previous hit buttons, a message line
(counts, "nothing found" with alternatives, pinyin used) and the results list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QLabel,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jiangbei_reader.core.library import EditionRef
from jiangbei_reader.ui.search_results import SearchResultsModel, SearchResultsView

if TYPE_CHECKING:
    from jiangbei_reader.core.search import SearchResults

#: Links in the message line that search for an alternative: ``alt:<text>``.
ALT_SCHEME = "alt:"


def _newest_first(refs: Sequence[EditionRef]) -> list[str]:
    return sorted((ref.key for ref in refs), reverse=True)


class EditionFilterModel(QAbstractListModel):
    """The edition filter's choices: 「全部各期」, then every edition, newest first.

    A model over the keys, not 3,650 ``addItem`` calls: with a ten-year archive
    those took 20 ms of the start-up, for a list that is rarely opened.
    """

    def __init__(self, refs: Sequence[EditionRef], everything: str, parent: QObject) -> None:
        super().__init__(parent)
        self._everything = everything
        self._all_keys = _newest_first(refs)
        #: The editions are listed when the panel is first used: until then a style
        #: sheet change (at start-up, the theme) would lay out thousands of rows.
        self._keys: list[str] = []

    def list_editions(self) -> None:
        """Make the editions choosable (the first time the panel is used)."""
        if self._keys or not self._all_keys:
            return
        self.beginInsertRows(QModelIndex(), 1, len(self._all_keys))
        self._keys = self._all_keys
        self.endInsertRows()

    def set_refs(self, refs: Sequence[EditionRef]) -> None:
        """Other editions (the listing changed); listed at once if they were already."""
        listed = bool(self._keys)
        self.beginResetModel()
        self._all_keys = _newest_first(refs)
        self._keys = self._all_keys if listed else []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys) + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row <= len(self._keys):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._keys[row - 1] if row else self._everything
        if role == Qt.ItemDataRole.UserRole:
            return self._keys[row - 1] if row else ""
        return None


class SearchPanel(QWidget):
    """Edition filter, hit buttons, message and the list of results."""

    #: The reader clicked an alternative (繁體→简体, a pinyin word): its text.
    alternative_chosen = Signal(str)
    #: The edition filter changed: an edition key, or "" for every edition.
    edition_changed = Signal(str)

    def __init__(
        self,
        refs: Sequence[EditionRef],
        previous_hit: QAction,
        next_hit: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.setAccessibleName(self.tr("搜索"))
        self.model = SearchResultsModel(self)
        self.results = SearchResultsView(self.model, self)

        self.edition_filter = QComboBox(self)
        self.edition_filter.setObjectName("searchEditionFilter")
        self.edition_filter.setAccessibleName(self.tr("只搜索这一期"))
        self._editions = EditionFilterModel(refs, self.tr("全部各期"), self)
        self.edition_filter.setModel(self._editions)
        # Sized for a date, not by measuring every row (3,650 calls into Python).
        self.edition_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.edition_filter.setMinimumContentsLength(len("2023-07-13") + 1)
        popup = QListView(self.edition_filter)
        popup.setUniformItemSizes(True)  # every row is a date: no need to measure each
        self.edition_filter.setView(popup)
        self.edition_filter.currentIndexChanged.connect(self._on_edition_changed)

        # The filter and the hit buttons share a row while they fit, else the buttons
        # go under the filter (长辈版 at big steps): never elided to 「…」.
        self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._top.setContentsMargins(0, 0, 0, 0)
        self._top.addWidget(self.edition_filter, 1)
        self._hits_row = hit_buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        hit_buttons.setContentsMargins(0, 0, 0, 0)
        self._hit_buttons: list[QToolButton] = []
        for action, name in ((previous_hit, "previousHitButton"), (next_hit, "nextHitButton")):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(name)
            button.setAccessibleName(action.text())
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            hit_buttons.addWidget(button)
            self._hit_buttons.append(button)
        self._top.addLayout(hit_buttons)

        self.message = QLabel(self)
        self.message.setObjectName("searchMessage")
        self.message.setAccessibleName(self.tr("搜索情况"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message.setOpenExternalLinks(False)
        self.message.linkActivated.connect(self._on_link)
        # The message is never squeezed (its text would be cut mid-line): it shows the
        # lines that fit (_fit_message), and the results list, which scrolls, has the rest.
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.results.setMinimumHeight(1)
        #: The message's lines (HTML) and how much each matters (0 most).
        self._lines: list[tuple[str, int]] = []

        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        self._margins = 4
        layout.addLayout(self._top)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self._reflow()

    def list_editions(self) -> None:
        """Let the edition filter offer every edition (the panel is about to be used)."""
        self._editions.list_editions()

    def set_editions(self, refs: Sequence[EditionRef]) -> None:
        """The editions the filter offers changed (the library's listing was reloaded)."""
        self._editions.set_refs(refs)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Put the hit buttons under the filter when the row cannot hold them all."""
        super().resizeEvent(event)
        self._reflow()
        self._fit_message()

    def changeEvent(self, event: QEvent) -> None:
        """A new font (font step, 长辈版) changes what fits in the row."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._reflow()
            self._fit_message()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (a search began): arrange the row for the width the panel has now."""
        super().showEvent(event)
        self._reflow()
        self._fit_message()

    def _reflow(self) -> None:
        row, column = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
        if self.isVisible():
            spacing = max(0, self._top.spacing())
            buttons = sum(button.sizeHint().width() + spacing for button in self._hit_buttons)
            room = self.width() - self._margins
            fits_row = self.edition_filter.minimumSizeHint().width() + buttons <= room
            directions = (row if fits_row else column, row if buttons - spacing <= room else column)
        else:
            # Hidden behind the tree, whose width it cannot know (no resize events reach
            # a hidden widget): at its narrowest, so that it never widens the side pane.
            directions = (column, column)
        for layout, direction in zip((self._top, self._hits_row), directions, strict=True):
            if layout.direction() != direction:
                layout.setDirection(direction)

    @property
    def edition(self) -> str | None:
        """The edition searched, or ``None`` for all."""
        key = self.edition_filter.currentData()
        return key if isinstance(key, str) and key else None

    def show_pending(self, text: str) -> None:
        """Say that a search is on its way (the old results stay until the new ones come)."""
        self._set_message([(html.escape(self.tr("正在搜索“{0}”…").format(_short(text))), 0)])

    def _set_message(self, lines: list[tuple[str, int]]) -> None:
        self._lines = lines
        self._fit_message()

    def _fit_message(self) -> None:
        """Show the message lines that fit above a few rows of results, the rest in the tooltip.

        In a narrow drawer at 300 % a count and a notice take five lines: the notices
        go first, then an alternative's links; the first line (the count) always shows.
        """
        lines = list(self._lines)
        width = max(1, self.width() - self._margins)
        rows = 3 * self.results.fontMetrics().lineSpacing() if self.model.rowCount() else 0
        spacing = 2 * max(0, self._column.spacing()) + self._margins
        room = self.height() - self._top.sizeHint().height() - rows - spacing
        while True:
            self.message.setText("<br>".join(text for text, _ in lines))
            if len(lines) <= 1 or not self.isVisible():
                break
            if self.message.heightForWidth(width) <= room:
                break
            # The last of the lines that matter least goes.
            least = max(rank for _, rank in lines[1:])
            drop = max(i for i, (_, rank) in enumerate(lines) if rank == least and i)
            del lines[drop]
        hidden = len(lines) < len(self._lines)
        full = "\n".join(html.unescape(re.sub("<[^>]+>", "", t)) for t, _ in self._lines)
        self.message.setToolTip(full if hidden else "")
        self.message.setAccessibleDescription(full)

    def show_results(self, text: str, results: SearchResults, indexing: bool) -> None:
        """Show the hits, or say that there are none and what the reader may have meant."""
        self.model.set_hits(results.hits)
        # No hits, nothing to step through: their room goes to the message (at 300 %
        # the alternatives' links fit only so).
        if any(button.isHidden() == bool(results.hits) for button in self._hit_buttons):
            for button in self._hit_buttons:
                button.setVisible(bool(results.hits))
            for layout in (self._hits_row, self._top):  # their size hints, at once
                layout.invalidate()
        parts: list[str] = []
        if results.hits:
            more = "" if results.exact_total else self.tr("至少")
            parts.append(
                self.tr("找到{0}{1}篇").format(more, max(results.total, len(results.hits)))
            )
        elif not results.query.is_empty:
            parts.append(self.tr("没有找到“{0}”。").format(_short(text)))
        else:
            parts.append(self.tr("“{0}”里没有可以搜索的字词。").format(_short(text)))
        lines = [(html.escape(" ".join(parts)), 0)] if parts else []
        lines += [(html.escape(n), 2) for n in results.notices]
        if results.alternatives:
            links = "、".join(
                f'<a href="{ALT_SCHEME}{html.escape(a.text, quote=True)}">{html.escape(a.text)}</a>'
                for a in results.alternatives
            )
            lines.append((html.escape(self.tr("您是不是要找：")) + links, 1))
        elif not results.hits and not results.query.is_empty:
            hint = self.tr("可以换个说法，或输入拼音（如 jiangbei）、繁體字再试。")
            lines.append((html.escape(hint), 2))
        if indexing:
            lines.append((html.escape(self.tr("检索索引还在建立，结果可能不全。")), 1))
        self._set_message(lines)

    def show_error(self, text: str) -> None:
        """The search failed (the index is being repaired): say so."""
        self.model.set_hits(())
        self._set_message([(html.escape(text), 0)])

    def clear(self) -> None:
        """Forget the last search: no results, no message, every edition searched again.

        The kiosk's reset relies on this to leave nothing of the last reader's choices.
        """
        self.model.set_hits(())
        self._set_message([])
        # No search to redo: the filter goes back without announcing a change.
        self.edition_filter.blockSignals(True)
        self.edition_filter.setCurrentIndex(0)
        self.edition_filter.blockSignals(False)

    @Slot(str)
    def _on_link(self, href: str) -> None:
        if href.startswith(ALT_SCHEME):
            self.alternative_chosen.emit(href[len(ALT_SCHEME) :])

    @Slot(int)
    def _on_edition_changed(self, _index: int) -> None:
        self.edition_changed.emit(self.edition or "")


def _short(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
