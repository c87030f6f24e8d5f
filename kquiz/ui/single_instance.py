"""One kquiz per data folder: a QLockFile claims the folder, a QLocalServer takes "raise" requests.

The first instance holds ``<data dir>/kquiz.lock`` and listens on a local socket
named after the folder. A second instance finds the lock taken, asks the first to
raise its window, and exits. A lock left by a crashed process is stale (its PID is
gone) and is taken over by QLockFile.

The app claims the lock before anything else but starts listening once its library is drawn
(``listen``; QtNetwork is imported then, not at start): a second start in that first second
keeps knocking until it is heard, then exits.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
READ_TIMEOUT_MS = 300  # a client writes its one line right after connecting


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
        self._pending: dict[QLocalSocket, bytearray] = {}  # requests being read

    def claim(self, *, listen: bool = True) -> bool:
        """Take the folder's lock; ``listen``: take raise requests at once (else call ``listen`` later)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self.lock.tryLock(200):
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Take raise requests from now on (idempotent; nothing once released)."""
        if self.server is not None or not self.lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket file left by a crash
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)

    def _on_connection(self) -> None:
        """Read each request asynchronously: the UI thread never waits on a socket. A client that
        says nothing (or too much) is dropped after READ_TIMEOUT_MS."""
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._pending[sock] = bytearray()
            sock.readyRead.connect(functools.partial(self._read, sock))
            QTimer.singleShot(READ_TIMEOUT_MS, self, functools.partial(self._finish, sock))
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        received = self._pending.get(sock)
        if received is None:
            return
        received.extend(bytes(sock.readAll().data()))
        if b"\n" in received or len(received) > 64:  # done: closed outside the socket's own signal
            QTimer.singleShot(0, self, functools.partial(self._finish, sock))

    def _finish(self, sock: QLocalSocket) -> None:
        received = self._pending.pop(sock, None)
        if received is None:
            return
        sock.abort()
        sock.deleteLater()
        if RAISE.strip() in received:
            self.raise_requested.emit()

    def release(self) -> None:
        for sock in list(self._pending):
            self._finish(sock)
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()


def ask_running_instance_to_raise(data_dir: Path, timeout_ms: int = 2000, *, wait_ms: int = 6000) -> bool:
    """From a second start: tell the running kquiz to come to the front. True if it answered.

    The first kquiz listens a moment after its library is drawn (at the latest 5 s after its
    start), so a second start keeps trying for ``wait_ms`` while the server is not there yet."""
    import time

    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        sock.connectToServer(server_name(data_dir))
        if sock.waitForConnected(timeout_ms):
            break
        sock.abort()
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    sock.write(RAISE)
    ok = sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    if sock.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        sock.waitForDisconnected(timeout_ms)
    return ok
