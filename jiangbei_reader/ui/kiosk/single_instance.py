"""One kiosk per user: a QLockFile decides, a QLocalServer lets a second launch wake the first.

The first instance holds the lock and listens; a later one finds the lock
taken, sends ``activate`` to the first and exits. A lock left by a crashed
instance is stale (its process is gone) and is taken over.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, QStandardPaths, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGE = b"activate\n"


def default_key() -> str:
    """A name unique to this user (server names are per machine on some systems)."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getuid())
    return "jiangbei-reader-kiosk-" + hashlib.sha256(user.encode()).hexdigest()[:12]


def _lock_path(key: str) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return Path(folder or QDir.tempPath()) / f"{key}.lock"


class SingleInstance(QObject):
    """Call `claim()`: True in the first instance (which then listens), False in any other."""

    def __init__(
        self,
        on_activate: Callable[[], object],
        key: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key or default_key()
        self.on_activate = on_activate
        self.lock = QLockFile(str(_lock_path(self.key)))
        self.server: QLocalServer | None = None
        #: How many times another launch asked this one to come forward.
        self.activations = 0

    def claim(self) -> bool:
        """Take the lock and listen; when another instance has it, wake that one instead."""
        if not self.lock.tryLock(100):
            notify(self.key)
            return False
        # A socket left by a crash would make listen() fail.
        QLocalServer.removeServer(self.key)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.key)
        return True

    def release(self) -> None:
        """Stop listening and free the lock (when the admin quits)."""
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    @Slot()
    def _on_connection(self) -> None:
        if self.server is None:
            return
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_message(socket)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
            self.activations += 1
            self.on_activate()


def notify(key: str, timeout_ms: int = 1000) -> bool:
    """Ask the instance listening on `key` to come forward; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(MESSAGE)
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True
