"""The systemd watchdog, pinged from the UI thread: a frozen interface is restarted too.

systemd passes `NOTIFY_SOCKET` (a datagram socket's path, or an abstract name starting with
`@`) and, with `WatchdogSec=`, `WATCHDOG_USEC` to the service. The kiosk sends `READY=1` after
its first frame, `WATCHDOG=1` from a QTimer on the UI thread at half the watchdog period (so
a blocked event loop stops the pings and systemd restarts the kiosk), and `STOPPING=1` when it
begins to shut down. Without `NOTIFY_SOCKET` (a kiosk started by hand) nothing is sent.

The protocol is a few datagrams (sd_notify(3)); its socket code is here rather than a library.
"""

from __future__ import annotations

import logging
import os
import socket

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class Notifier:
    """Sends sd_notify messages to the service manager's socket; silent on failure (a kiosk
    never stops because its service manager went away)."""

    def __init__(self, address: str) -> None:
        # An abstract socket's name starts with a NUL byte, written '@' in the variable.
        self.address = "\0" + address[1:] if address.startswith("@") else address
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        self._failed = False

    def send(self, message: str) -> bool:
        try:
            self.socket.sendto(message.encode(), self.address)
        except OSError as error:
            if not self._failed:  # once, not at every ping
                log.warning("watchdog: cannot notify the service manager: %s", error)
            self._failed = True
            return False
        self._failed = False
        return True

    def close(self) -> None:
        self.socket.close()


class Watchdog(QObject):
    """READY=1, WATCHDOG=1 from the UI thread, STOPPING=1, for the service manager."""

    def __init__(self, notifier: Notifier, interval_ms: int | None) -> None:
        super().__init__()
        self.notifier = notifier
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.ping)
        if interval_ms:
            self.timer.setInterval(interval_ms)
            self.timer.start()  # the event loop of the thread that made it: the UI thread

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Watchdog | None:
        """The watchdog systemd asked for; None when the kiosk was not started by a service
        manager. The variables are removed, so that children (QtWebEngine's processes)
        cannot speak for the kiosk."""
        env = os.environ if environ is None else environ
        address = env.pop("NOTIFY_SOCKET", "")
        usec = env.pop("WATCHDOG_USEC", "")
        pid = env.pop("WATCHDOG_PID", "")
        if not address:
            return None
        interval_ms = None
        # WATCHDOG_PID names the process the watchdog is for: the kiosk, or the compositor
        # (cage) that the unit started and that runs the kiosk as its child.
        ours = not pid or pid in (str(os.getpid()), str(os.getppid()))
        if usec.isdigit() and int(usec) > 0 and ours:
            # Half the period, as sd_watchdog_enabled(3) advises; never below 1 ms.
            interval_ms = max(1, int(usec) // 2000)
        log.info(
            "watchdog: notifying the service manager%s",
            f", ping every {interval_ms} ms" if interval_ms else "",
        )
        return cls(Notifier(address), interval_ms)

    def ping(self) -> None:
        self.notifier.send("WATCHDOG=1")

    def ready(self) -> None:
        """The first frame is on screen."""
        self.notifier.send("READY=1")
        self.ping()

    def stopping(self) -> None:
        """The kiosk is shutting down: no more pings."""
        self.timer.stop()
        self.notifier.send("STOPPING=1")
        self.notifier.close()
