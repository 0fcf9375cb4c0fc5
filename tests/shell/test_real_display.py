"""On a real X display: the window's input is still heard after a web view re-creates the
native window (the segfault offscreen never showed), and the kiosk process starts and stops
as a service manager and a kiosk centre run it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

ROOT = Path(__file__).resolve().parents[2]


def test_input_is_heard_after_a_web_view_recreates_the_native_window(make_kiosk, qtbot):
    assert os.environ.get("QT_QPA_PLATFORM") == "xcb"
    kiosk = make_kiosk("en")
    window = kiosk.window
    events = window.events
    first = window.windowHandle()
    assert events.watched_window() is first
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    with qtbot.waitSignal(events.rewatched, timeout=10_000):
        window.centralWidget().layout().addWidget(view)
        view.setHtml("<p>a page</p>")
    qtbot.waitUntil(lambda: events.watched_window() is window.windowHandle(), timeout=10_000)
    assert events.watched_window() is not None
    qtbot.waitExposed(window)
    # A real press through the new QWindow, as the X server delivers it.
    seen = []
    events.user_input.connect(lambda: seen.append(True))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(20, 200))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    view.setParent(None)
    view.deleteLater()


def _start(data: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(data))
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_for(path: Path, needle: str, process: subprocess.Popen, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if needle in text:
            return text
        assert process.poll() is None, f"the kiosk exited with {process.returncode}"
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} not in {path} after {seconds} s")


def test_full_screen_exit_when_ready_exits(tmp_path):
    """As a centre starts it (full screen, kiosk mode on), --exit-when-ready still leaves."""
    process = _start(tmp_path / "data", "--exit-when-ready")
    output, _ = process.communicate(timeout=90)
    assert process.returncode == 0, output
    assert "ready " in output


def test_sigterm_quits_cleanly_closing_the_database(tmp_path):
    data = tmp_path / "data"
    process = _start(data)
    try:
        log = data / "logs" / "kiosk.log"
        _wait_for(log, "database open", process)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    text = log.read_text(encoding="utf-8")
    assert "SIGTERM received; quitting" in text and "stopping" in text
    assert "Traceback" not in text and "Traceback" not in output
    # The database was closed: SQLite removes its write-ahead log with the last connection.
    assert (data / "kiosk.sqlite3").exists()
    assert not (data / "kiosk.sqlite3-wal").exists()
    crash = data / "logs" / "crash.log"
    assert crash.exists() and "Fatal Python error" not in crash.read_text()
