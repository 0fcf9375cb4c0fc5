"""The systemd watchdog against a notify socket of the test's own: pings arrive while the UI
thread runs its event loop and stop while it is blocked; the real kiosk says READY=1 after its
first frame and STOPPING=1 when it shuts down."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from kiosk.services.watchdog import Watchdog

PERIOD_USEC = 200_000  # WatchdogSec=0.2: a ping every 100 ms


@pytest.fixture
def notify_socket(tmp_path: Path):
    """A datagram socket like the one systemd passes in NOTIFY_SOCKET."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    yield path, sock
    sock.close()


def receive(sock: socket.socket, timeout: float) -> str | None:
    """The next message, or None if none came within `timeout` seconds."""
    sock.settimeout(timeout)
    try:
        return sock.recv(4096).decode()
    except (TimeoutError, BlockingIOError):  # timeout 0: a non-blocking read
        return None


def test_no_socket_no_watchdog() -> None:
    assert Watchdog.from_environment({"WATCHDOG_USEC": "1000000"}) is None


def test_environment_is_taken_so_children_cannot_notify(notify_socket) -> None:
    path, _sock = notify_socket
    env = {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}
    watchdog = Watchdog.from_environment(env)
    assert watchdog is not None
    assert env == {}
    # The watchdog is another process's (pid 1 is neither the kiosk nor its parent): no pings.
    assert not watchdog.timer.isActive()
    watchdog.stopping()


def test_pings_from_the_ui_thread_stop_while_it_is_blocked(qtbot, notify_socket) -> None:
    path, sock = notify_socket
    env = {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": str(PERIOD_USEC)}
    watchdog = Watchdog.from_environment(env)
    assert watchdog is not None and watchdog.timer.interval() == 100
    watchdog.ready()
    assert receive(sock, 5) == "READY=1"
    assert receive(sock, 5) == "WATCHDOG=1"

    # Pings arrive while the event loop runs.
    pings: list[str | None] = []
    qtbot.waitUntil(lambda: pings.append(receive(sock, 0)) or pings.count("WATCHDOG=1") >= 3)

    # Block the UI thread until a reader on another thread has heard nothing for five ping
    # periods (or it gave up: then the assertion below fails).
    blocked, release = threading.Event(), threading.Event()
    during: list[str | None] = []

    def listen_while_blocked() -> None:
        blocked.wait(10)
        while receive(sock, 0) is not None:  # pings sent before the block began
            pass
        during.append(receive(sock, 5 * PERIOD_USEC / 1e6))
        release.set()

    def block() -> None:
        blocked.set()
        release.wait(10)

    reader = threading.Thread(target=listen_while_blocked)
    reader.start()
    QTimer.singleShot(0, block)
    qtbot.waitUntil(release.is_set, timeout=15_000)
    reader.join()
    assert during == [None], "a ping arrived while the UI thread was blocked"

    # The event loop runs again: so do the pings.
    after: list[str | None] = []
    qtbot.waitUntil(lambda: after.append(receive(sock, 0)) or "WATCHDOG=1" in after)

    watchdog.stopping()
    assert receive(sock, 5) == "STOPPING=1"
    assert receive(sock, 5 * PERIOD_USEC / 1e6) is None  # no ping after STOPPING=1


@pytest.mark.slow
def test_the_kiosk_notifies_ready_pings_and_stopping(notify_socket, tmp_path: Path) -> None:
    """The real kiosk, started as systemd starts it: READY=1, WATCHDOG=1, STOPPING=1."""
    path, sock = notify_socket
    env = dict(os.environ, NOTIFY_SOCKET=str(path), WATCHDOG_USEC="2000000")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    messages = []
    while (message := receive(sock, 0)) is not None:
        messages.append(message)
    assert "READY=1" in messages
    assert "WATCHDOG=1" in messages
    assert messages[-1] == "STOPPING=1"
    assert messages.index("READY=1") < messages.index("STOPPING=1")
