"""The status bar: where the reader is in the paper, short messages, load problems, link targets."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QUrl, Slot
from PySide6.QtWidgets import QLabel, QStatusBar

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.navigation import Route, is_external_link, route_for_link

#: How long a message stays, in milliseconds.
MESSAGE_MS = 6000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Status", text)


class StatusReporter:
    """Writes to a window's status bar (``statusBar``) and its position label."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        bar.setObjectName("statusBar")
        bar.setAccessibleName(_tr("状态栏"))
        self.position_label = QLabel(bar)
        self.position_label.setObjectName("positionLabel")
        self.position_label.setAccessibleName(_tr("当前位置"))
        bar.addPermanentWidget(self.position_label)

    def say(self, text: str, milliseconds: int = MESSAGE_MS) -> None:
        """A short message that goes away by itself."""
        self.bar.showMessage(text, milliseconds)

    def show_position(self, edition: Edition, route: Route) -> None:
        """``江北报 2023年7月13日 · 第3版 经济 · 本版第1/2篇``."""
        parts = [edition.title]
        page = edition.page(route.page_id or "")
        if page is not None:
            parts.append(page.label + (_tr("（未收录）") if page.missing else ""))
            ids = [a.id for a in page.articles]
            if route.target in ids:
                parts.append(_tr("本版第{0}/{1}篇").format(ids.index(route.target) + 1, len(ids)))
        self.position_label.setText(" · ".join(parts))

    def report_problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Name the first error (file and line); every one is in the log already."""
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        if errors:
            text = _tr("版面文件有 {0} 处错误，第一处：{1}").format(len(errors), errors[0].format())
            self.say(text, MESSAGE_MS * 2)

    @Slot(QUrl)
    def link_hovered(self, url: QUrl) -> None:
        """Say where a link under the mouse leads."""
        href = url.toString()
        if not href:
            self.bar.clearMessage()
        elif is_external_link(href):
            self.bar.showMessage(_tr("网页链接：{0}（点击后会先询问）").format(href))
        elif (route := route_for_link(href)) is not None and route.page_id:
            self.bar.showMessage(_tr("转到第{0}版").format(route.page_id))
