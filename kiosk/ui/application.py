"""Creating the QApplication: platform set-up that must come before it, and text direction."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from kiosk.services.egress import GATE
from kiosk.services.paths import APP_NAME, ORGANIZATION

# Chromium switches for every web view, read once when QtWebEngine starts (before the first
# profile): they close the ways a portal page could open a connection without a request the
# sealed profile's interceptor sees. Checked by tests/sealed with a server counting every TCP
# connection and UDP datagram; CONTRIBUTING.md says why each is a switch and not a setting.
CHROMIUM_FLAGS = (
    # WebRTC: no UDP unless through a proxy (a SOCKS proxy carries none): no STUN, no TURN over
    # UDP; its TCP goes through the proxy like everything else.
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    # No QUIC (HTTP/3), which would not go through the proxy.
    "--disable-quic",
    # Loopback addresses through the proxy too (Chromium leaves them out by default).
    "--proxy-bypass-list=<-loopback>",
)
# Every connection goes through the kiosk's own proxy (kiosk.services.egress), which opens only
# those an open web view's allow-list allows: redirect hops, preconnects, TURN over TCP.
PROXY_SWITCHES = (
    "--proxy-server=",
    "--proxy-bypass-list=",
    "--proxy-pac-url=",
    "--no-proxy-server",
)


def chromium_flags(existing: str, proxy_port: int) -> str:
    """`existing` QTWEBENGINE_CHROMIUM_FLAGS with the kiosk's switches added (once), and any
    proxy switch already there (a parent kiosk's, passed down to `kiosk doctor`'s web view
    check) replaced by this process's own proxy."""
    words = [w for w in existing.split() if not w.startswith(PROXY_SWITCHES)]
    ours = [f"--proxy-server=socks5://127.0.0.1:{proxy_port}", *CHROMIUM_FLAGS]
    return " ".join([*words, *(flag for flag in ours if flag not in words)])


def prepare_environment() -> None:
    """Settings Qt reads only before the application object is created."""
    # Through the environment, not argv: QtWebEngine reads the variable when it starts, for
    # every QApplication, whoever made it (tests, `kiosk doctor`'s web view check, the kiosk).
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = chromium_flags(
        os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""), GATE.listen()
    )
    # QtWebEngine (imported lazily, on the first web view) needs shared GL contexts from the start.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # Chromium's sandbox cannot run as root; without this the web view dies silently.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication of the process (reused if it already exists, as in tests)."""
    app = QApplication.instance()
    if app is None:
        prepare_environment()
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    return app  # type: ignore[return-value]


def apply_direction(code: str) -> None:
    """Mirror the whole interface for right-to-left languages."""
    direction = QLocale(code).textDirection()
    QApplication.setLayoutDirection(direction)


_signal_notifier = None


def quit_on_signals(signals: tuple[int, ...] | None = None) -> None:
    """Leave the event loop cleanly on SIGTERM or SIGINT (a service manager's stop, Ctrl+C).

    A Python signal handler only runs when the interpreter gets control, which a waiting Qt
    event loop never gives it; the wake-up fd wakes a socket notifier on the loop instead.
    The caller's code after `exec()` then closes pages, stops speech and closes the database.
    """
    import logging
    import signal
    import socket

    from PySide6.QtCore import QCoreApplication, QSocketNotifier

    global _signal_notifier
    if _signal_notifier is not None:
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    for number in signals or (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_args: None)  # the wake-up fd does the work
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def on_signal() -> None:
        try:
            received = reader.recv(64)
        except OSError:
            return
        names = []
        for number in received:
            try:
                names.append(signal.Signals(number).name)
            except ValueError:
                names.append(str(number))
        logging.getLogger(__name__).info("kiosk: %s received; quitting", ", ".join(names))
        QCoreApplication.exit(0)

    notifier.activated.connect(on_signal)
    # Kept alive with the sockets for the life of the process.
    _signal_notifier = (notifier, reader, writer)
