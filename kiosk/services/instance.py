"""One kiosk per user: a lock file in the data dir, and a local socket to wake the first one.

The first start takes `<data dir>/kiosk.lock` (QLockFile: a lock left by a crashed or
killed kiosk is noticed and taken over) and listens on a local socket named after the data
dir. A second start cannot take the lock: it asks the first to come to the front, and exits.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

log = logging.getLogger(__name__)

LOCK_NAME = "kiosk.lock"
WAKE = b"raise\n"


def server_name(data_dir: Path) -> str:
    """The local socket name of the kiosk using `data_dir` (short, safe on every platform)."""
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"kiosk-{digest}"


class SingleInstance(QObject):
    """Holds the lock while the kiosk runs; `activate_requested` when another start knocks."""

    activate_requested = Signal()

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.lock = QLockFile(str(self.data_dir / LOCK_NAME))
        self._server = None

    def acquire(self) -> bool:
        """Take the lock (True), or find another kiosk holding it (False)."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            # The kiosk will run on a temporary data dir (with a notice); do not stop it here.
            log.warning("single instance: no lock in %s: %s", self.data_dir, error)
            return True
        if self.lock.tryLock(200):
            return True
        # A lock whose process is gone is stale: QLockFile removes it on request.
        return bool(self.lock.removeStaleLockFile() and self.lock.tryLock(200))

    def listen(self) -> None:
        """Accept wake-up calls from later starts (call once the window is up)."""
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.data_dir)
        server = QLocalServer(self)
        QLocalServer.removeServer(name)  # a socket file left by a killed kiosk
        if not server.listen(name):
            log.warning("single instance: cannot listen on %s: %s", name, server.errorString())
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda socket=socket: self._on_ready(socket))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready(self, socket) -> None:
        if bytes(socket.readAll().data()).startswith(WAKE.strip()):
            log.info("single instance: another start asked this kiosk to come to the front")
            self.activate_requested.emit()
        socket.disconnectFromServer()

    def release(self) -> None:
        """Give up the lock and stop listening (at exit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self.lock.unlock()


def wake_running(data_dir: Path, timeout_ms: int = 2000) -> bool:
    """Ask the kiosk already running on `data_dir` to come to the front; True if it heard."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(WAKE)
    delivered = socket.waitForBytesWritten(timeout_ms)
    socket.waitForDisconnected(timeout_ms)
    return delivered
