"""The status bar: where the reader is in the paper, short messages, load problems, link targets.

Nothing in it is cut off at big font steps: the position label drops its least
useful parts (the paper's name, then the date) until it fits, and steps aside
while a message that does not fit beside it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QStatusBar

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.navigation import Route, is_external_link, route_for_link

if TYPE_CHECKING:
    # Not imported at run time: PySide6 makes QUrl's enums when the name is first
    # fetched, which the start need not pay (the slot below names the type instead).
    from PySide6.QtCore import QUrl

#: How long a message stays, in milliseconds.
MESSAGE_MS = 6000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Status", text)


#: Room the status bar keeps for its margins and size grip (px).
_SLACK = 32


class StatusReporter(QObject):
    """Writes to a window's status bar (``statusBar``) and its position label."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        #: The position's wordings, longest first (see :meth:`show_position`).
        self._wordings: list[str] = []
        bar.setObjectName("statusBar")
        bar.setAccessibleName(_tr("状态栏"))
        self.position_label = QLabel(bar)
        self.position_label.setObjectName("positionLabel")
        self.position_label.setAccessibleName(_tr("当前位置"))
        bar.addPermanentWidget(self.position_label)
        bar.messageChanged.connect(self._on_bar_message_changed)
        bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A new width or font step: choose the position wording that fits again."""
        if watched is self.bar and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self._fit()
        return super().eventFilter(watched, event)

    def _room(self) -> int:
        return max(0, self.bar.width() - _SLACK)

    def position_fitting(self, metrics: QFontMetrics, room: int) -> str:
        """The longest wording of the position that is at most ``room`` px wide ("" if none)."""
        fitting = [w for w in self._wordings if metrics.horizontalAdvance(w) <= room]
        return fitting[0] if fitting else ""

    def _fit(self) -> None:
        self.position_label.setText(
            self.position_fitting(self.position_label.fontMetrics(), self._room())
        )
        self.position_label.setToolTip(self._wordings[0] if self._wordings else "")
        self._on_bar_message_changed(self.bar.currentMessage())

    @Slot(str)
    def _on_bar_message_changed(self, message: str) -> None:
        # The message gets the whole bar when it does not fit beside the position.
        metrics = self.bar.fontMetrics()
        need = metrics.horizontalAdvance(message) + (
            metrics.horizontalAdvance(self.position_label.text()) if message else 0
        )
        self.position_label.setVisible(not message or need <= self._room() - _SLACK)

    def say(self, text: str, milliseconds: int = MESSAGE_MS) -> None:
        """A short message that goes away by itself."""
        self.bar.showMessage(text, milliseconds)

    def show_position(self, edition: Edition, route: Route) -> None:
        """``江北报 2023年7月13日 · 第3版 经济 · 本版第1/2篇``, shortened when it does not fit.

        Shorter wordings drop the paper's name, then the date, then the article count.
        """
        page = edition.page(route.page_id or "")
        where: list[str] = []
        if page is not None:
            where.append(page.label + (_tr("（未收录）") if page.missing else ""))
            ids = [a.id for a in page.articles]
            if route.target in ids:
                where.append(_tr("本版第{0}/{1}篇").format(ids.index(route.target) + 1, len(ids)))
        date = edition.title.removeprefix(edition.paper).strip()
        wordings = [" · ".join([edition.title, *where])]
        if date and date != edition.title:
            wordings.append(" · ".join([date, *where]))
        if where:
            wordings += [" · ".join(where), where[0]]
        self._wordings = wordings
        self._fit()

    def report_problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Name the first error (file and line); every one is in the log already."""
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        if errors:
            text = _tr("版面文件有 {0} 处错误，第一处：{1}").format(len(errors), errors[0].format())
            self.say(text, MESSAGE_MS * 2)

    @Slot("QUrl")  # by name: the same slot, without fetching QUrl when the class is made
    def link_hovered(self, url: QUrl) -> None:
        """Say where a link under the mouse leads."""
        href = url.toString()
        if not href:
            self.bar.clearMessage()
        elif is_external_link(href):
            self.bar.showMessage(_tr("网页链接：{0}（点击后会先询问）").format(href))
        elif (route := route_for_link(href)) is not None and route.page_id:
            self.bar.showMessage(_tr("转到第{0}版").format(route.page_id))
