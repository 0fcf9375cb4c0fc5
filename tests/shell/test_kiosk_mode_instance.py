"""Kiosk mode ignores keys and closing; a second start wakes the first and exits; reset-admin."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.cli import main
from kiosk.core.staff_rules import Role
from kiosk.services.staff import SignIn, audit_rows, open_directory
from kiosk.services.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def press(widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on `widget`'s window as the keyboard would: through the window."""
    QTest.keyPress(widget.window().windowHandle(), key, modifiers)


def test_kiosk_mode_ignores_keys_and_close_until_staff_leave_it(make_kiosk):
    kiosk = make_kiosk("en")
    mode = kiosk.shell.kiosk_mode
    window = kiosk.window
    mode.enable(full_screen=False)
    try:
        tile = window.screens["home"].tiles["learn"]
        for key, mods in (
            (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
            (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
            (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        ):
            press(tile, key, mods)
        assert mode.ignored == 3
        assert window.close() is False  # as when the window manager sends Alt+F4
        assert window.isVisible() and mode.ignored == 4
    finally:
        mode.leave()
    assert not mode.enabled
    assert window.close() and not window.isVisible()


def test_leave_kiosk_mode_from_the_admin_home(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    mode = kiosk.shell.kiosk_mode
    mode.enable(full_screen=False)
    staff = kiosk.staff.directory()
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    kiosk.staff.sign_in(admin.id, "135790")
    kiosk.window.show_screen("staff")
    home = kiosk.window.current_screen().page
    qtbot.mouseClick(home.tiles["leave_kiosk"], Qt.MouseButton.LeftButton)
    assert not mode.enabled
    assert audit_rows(kiosk.store)[-1]["action"] == "kiosk.leave_kiosk_mode"


def _start(data: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(data))
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_second_start_wakes_the_first_and_exits(tmp_path):
    data = tmp_path / "one"
    first = _start(data)
    try:
        log = data / "logs" / "kiosk.log"
        answer = ""
        deadline = time.monotonic() + 60
        # Only once the first holds the lock is the next start a second one.
        while not (data / "kiosk.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        while "brought to the front" not in answer and time.monotonic() < deadline:
            second = _start(data)
            answer, _ = second.communicate(timeout=60)
            assert second.returncode == 0
            assert "already running" in answer  # it never built a window of its own
            time.sleep(0.3)
        assert "brought to the front" in answer
        assert first.poll() is None
        assert "asked this kiosk to come to the front" in log.read_text()
    finally:
        first.terminate()
        first.communicate(timeout=30)


def test_reset_admin_from_the_shell_unlocks_and_sets_aside_a_damaged_file(
    isolated, monkeypatch, capsys
):
    import io

    isolated.mkdir(parents=True, exist_ok=True)
    (isolated / "kiosk.ini").write_text("[kiosk]\nstaff_keyring = file\n")
    store = open_store(isolated)
    staff = open_directory(store, isolated, "file")
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    for _ in range(5):
        staff.sign_in(admin.id, "000111")
    store.close()
    (isolated / "staff-keyring.json").write_text("{ damaged")
    monkeypatch.setattr("sys.stdin", io.StringIO("11111\n"))
    assert main(["staff", "reset-admin", "--name", "Sara", "--pin-stdin"]) == 2
    assert "too short" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("246801\n"))
    assert main(["staff", "reset-admin", "--name", "Sara", "--pin-stdin"]) == 0
    out = capsys.readouterr().out
    assert "moved to" in out and "new PIN" in out
    assert list(isolated.glob("staff-keyring.json.damaged-*"))
    store = open_store(isolated)
    staff = open_directory(store, isolated, "file")
    assert staff.sign_in(admin.id, "246801").outcome is SignIn.OK
    assert audit_rows(store)[-1]["actor"] == "shell"
    store.close()
