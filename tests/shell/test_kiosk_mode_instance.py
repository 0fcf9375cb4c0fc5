"""Kiosk mode ignores keys and closing; a second start wakes the first and exits; reset-admin."""

from __future__ import annotations

import os
import re
import signal
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


def _start(data: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(data))
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wake_until_heard(data: Path, first: subprocess.Popen) -> str:
    """Start second kiosks until one has woken the first; return what that one said."""
    answer = ""
    deadline = time.monotonic() + 60
    # Only once the first holds the lock is the next start a second one.
    while not (data / "kiosk.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    while "brought to the front" not in answer and time.monotonic() < deadline:
        assert first.poll() is None
        second = _start(data, "--language", "en")
        answer, _ = second.communicate(timeout=60)
        # Before the first listens, a second start is told it did not answer (exit 1).
        assert second.returncode == (0 if "brought to the front" in answer else 1), answer
        assert "Traceback" not in answer
        time.sleep(0.3)
    return answer


def test_a_second_start_wakes_the_first_and_exits(tmp_path):
    data = tmp_path / "one"
    first = _start(data)
    try:
        log = data / "logs" / "kiosk.log"
        answer = _wake_until_heard(data, first)
        assert "The kiosk is already running; it was brought to the front." in answer
        assert "kiosk: ready" not in answer  # it never built a window of its own
        assert first.poll() is None
        assert "asked this kiosk to come to the front" in log.read_text()
    finally:
        first.terminate()
        first.communicate(timeout=30)


def test_a_frozen_kiosk_holding_the_data_dir_is_named_and_the_second_start_exits_1(tmp_path):
    data = tmp_path / "one"
    first = _start(data)
    try:
        _wake_until_heard(data, first)
        first.send_signal(signal.SIGSTOP)  # frozen: its socket still takes connections
        try:
            second = _start(data, "--language", "en")
            answer, _ = second.communicate(timeout=60)
        finally:
            first.send_signal(signal.SIGCONT)
        assert second.returncode == 1, answer
        assert f"Another kiosk (process {first.pid}) is using {data} but did not answer" in answer
        assert f"kill {first.pid}" in answer
        assert first.poll() is None
    finally:
        first.terminate()
        first.communicate(timeout=30)


def test_a_lock_that_is_a_folder_runs_the_kiosk_on_a_temporary_data_dir(tmp_path):
    data = tmp_path / "data"
    (data / "kiosk.lock").mkdir(parents=True)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(data))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--exit-when-ready", "--language", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lock = data / "kiosk.lock"
    assert f"The lock file {lock} cannot be taken (it is a folder, not a file)" in result.stderr
    assert "already running" not in result.stdout + result.stderr
    used = re.search(r"database open \((\S+)/kiosk.sqlite3\)", result.stderr)
    assert used and used[1] != str(data), result.stderr
    assert not Path(used[1]).exists()  # the temporary data dir is gone, as the notice said
    assert not (data / "kiosk.sqlite3").exists()  # the unlocked folder was left alone


def test_a_data_dir_that_cannot_be_made_runs_the_kiosk_on_a_temporary_one(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(blocker / "data"))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--exit-when-ready", "--language", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"The data folder {blocker / 'data'} cannot be written (Not a directory)" in (
        result.stderr
    )
    assert "already running" not in result.stdout + result.stderr
    assert "single instance: cannot take" not in result.stderr  # locked in the temporary one


def test_the_lock_notice_is_shown_on_the_kiosk_in_both_languages(tmp_path, qtbot, artifacts):
    import argparse
    import shutil

    from kiosk.app import _claim_instance, build
    from kiosk.i18n import set_language
    from tests.gui import quick_engine, save_screenshot

    data = tmp_path / "data"
    (data / "kiosk.lock").mkdir(parents=True)
    notices: list = []
    instance = _claim_instance(data, notices)
    assert instance.data_dir != data and len(notices) == 1
    args = argparse.Namespace(language="en", windowed=True, exit_when_ready=False)
    kiosk = build(args, data_dir=instance.data_dir, notices=notices, engine=quick_engine())
    qtbot.addWidget(kiosk.window)
    try:
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        bar = kiosk.window.notice_bar
        assert bar.isVisible()
        assert str(data / "kiosk.lock") in bar.text.text()
        assert "it is a folder, not a file" in bar.text.text()
        save_screenshot(kiosk.window, artifacts, "lock-notice-en")
        kiosk.language.set_language("fa")
        assert "پوشه است، نه فایل" in bar.text.text() and "برای رفع" in bar.text.text()
        save_screenshot(kiosk.window, artifacts, "lock-notice-fa")
    finally:
        kiosk.window.close()
        kiosk.shutdown()
        instance.release()
        shutil.rmtree(instance.data_dir, ignore_errors=True)
        set_language("fa")


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
