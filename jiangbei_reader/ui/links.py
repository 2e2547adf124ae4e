"""Web links in article text: never loaded in the pane; opened in a browser if confirmed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    # For the annotations only: PySide6 makes QUrl's enums when the name is first
    # fetched, which the start need not pay (the window makes the QUrl of a link).
    from PySide6.QtCore import QUrl


def _tr(text: str) -> str:
    return QCoreApplication.translate("Links", text)


class LinkOpener(Protocol):
    """Decides what happens to a web link the reader clicked."""

    def open_external(self, parent: QWidget, url: QUrl) -> bool:
        """Open ``url`` outside the reader, or not; ``True`` when it was opened."""


def ask_before_opening(parent: QWidget, url: QUrl) -> bool:
    """Ask the reader whether to open a web address in the system browser."""
    # Imported here: creating QMessageBox's Python enums costs start-up time for a rare dialog.
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("externalLinkDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("打开网页"))
    box.setText(_tr("这是一个网页链接，要用系统浏览器打开吗？"))
    box.setInformativeText(url.toDisplayString())
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(_tr("打开网页的确认"))
    return box.exec() == QMessageBox.StandardButton.Open


class ConfirmingLinkOpener:
    """The normal mode: ask first, then hand the address to the system (QDesktopServices)."""

    def __init__(
        self,
        confirm: Callable[[QWidget, QUrl], bool] = ask_before_opening,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
    ) -> None:
        self._confirm = confirm
        self._open_url = open_url

    def open_external(self, parent: QWidget, url: QUrl) -> bool:
        """Open ``url`` in the system browser after the reader agreed."""
        if url.scheme().lower() not in ("http", "https", "mailto"):
            return False
        if not self._confirm(parent, url):
            return False
        return bool(self._open_url(url))


class RefusingLinkOpener:
    """For modes without a browser (the library kiosk): web links are never opened."""

    def open_external(self, parent: QWidget, url: QUrl) -> bool:
        """Never opens anything."""
        return False
