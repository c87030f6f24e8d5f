"""One kquiz per data folder: a QLockFile claims the folder, a QLocalServer takes "raise" requests.

The first instance holds ``<data dir>/kquiz.lock`` and listens on a local socket
named after the folder. A second instance finds the lock taken, asks the first to
raise its window, and exits. A lock left by a crashed process is stale (its PID is
gone) and is taken over by QLockFile.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    return f"kquiz-{user}-{digest}"


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; then ``raise_requested`` fires per new start."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self.lock = QLockFile(str(data_dir / "kquiz.lock"))
        self.lock.setStaleLockTime(0)  # only a dead PID makes the lock stale
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self.lock.tryLock(200):
            return False
        QLocalServer.removeServer(self.name)  # a socket file left by a crash
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            # the client writes one short line right after connecting: a brief wait is enough
            if sock.bytesAvailable() or sock.waitForReadyRead(1000):
                data = bytes(sock.readAll().data())
            else:
                data = b""
            sock.abort()
            sock.deleteLater()
            if RAISE.strip() in data:
                self.raise_requested.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()


def ask_running_instance_to_raise(data_dir: Path, timeout_ms: int = 2000) -> bool:
    """From a second start: tell the running kquiz to come to the front. True if it answered."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(data_dir))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(RAISE)
    ok = sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    if sock.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        sock.waitForDisconnected(timeout_ms)
    return ok
