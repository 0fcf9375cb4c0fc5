"""One kiosk per user: a lock file in the data dir, and a local socket to wake the first one.

The first start takes `<data dir>/kiosk.lock` (QLockFile: a lock left by a crashed or
killed kiosk is noticed and taken over) and listens on a local socket named after the data
dir. A second start finds the lock held by a live kiosk: it asks the first to come to the
front, and exits. A lock that cannot be taken for another reason (the lock path is a folder,
the folder cannot be written) is told apart: the caller then runs on a temporary data dir.
"""

from __future__ import annotations

import hashlib
import logging
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

from kiosk.core.notices import Notice
from kiosk.i18n import N_

log = logging.getLogger(__name__)

LOCK_NAME = "kiosk.lock"
WAKE = b"raise\n"


class Claim(Enum):
    """What `SingleInstance.acquire` found."""

    TAKEN = "taken"  # this start holds the lock
    HELD = "held"  # another live kiosk holds it (its pid in `SingleInstance.holder`)
    UNUSABLE = "unusable"  # the lock cannot be taken at all (why in `SingleInstance.reason`)


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
        self.holder = 0  # pid of the kiosk holding the lock, after `acquire` found one
        self.reason: Notice | str = ""  # why the lock cannot be taken, after UNUSABLE
        self._server = None

    def acquire(self) -> Claim:
        """Take the lock, or say whether another kiosk holds it or it cannot be taken at all."""
        if self.lock.tryLock(200):
            return Claim.TAKEN
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            pid = self._holder_pid()
            if pid == 0 and self.lock_path.is_file():
                # A kiosk starting this very moment may not have written its pid yet.
                if self.lock.tryLock(300):
                    return Claim.TAKEN
                pid = self._holder_pid()
            if pid > 0:
                # A lock whose process is gone is stale: QLockFile removes it on request.
                if self.lock.removeStaleLockFile() and self.lock.tryLock(200):
                    return Claim.TAKEN
                self.holder = pid
                return Claim.HELD
        self.reason = self._why_unusable()
        log.warning("single instance: cannot take %s: %s", self.lock_path, self.reason)
        return Claim.UNUSABLE

    @property
    def lock_path(self) -> Path:
        return self.data_dir / LOCK_NAME

    def _holder_pid(self) -> int:
        """The pid written in the lock file; 0 if it names none (it is no lock file at all)."""
        info = self.lock.getLockInfo()
        return info[0] if info and isinstance(info[0], int) else 0

    def _why_unusable(self) -> Notice | str:
        """Why the lock cannot be taken: translated where we know, else the system's words."""
        if self.lock_path.is_dir():
            return Notice(N_("it is a folder, not a file"))
        try:
            probe = self.data_dir / ".lock-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            return error.strerror or str(error)
        return f"QLockFile {self.lock.error().name}"

    def listen(self) -> None:
        """Accept wake-up calls from later starts (call right after taking the lock: a knock
        waits in the socket until the event loop runs)."""
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
    """Ask the kiosk already running on `data_dir` to come to the front; True if it heard.

    It heard when it hung up after reading the request: a frozen kiosk's socket still
    accepts the connection and the bytes (the kernel does that), but never hangs up."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(WAKE)
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    return (
        socket.state() == QLocalSocket.LocalSocketState.UnconnectedState
        or socket.waitForDisconnected(timeout_ms)
    )
