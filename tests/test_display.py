"""The display the kiosk uses: chosen as Qt chooses it, refused with one clear message when it
cannot be opened, and a display that dies under the running kiosk loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.services import display
from kiosk.services.migrations import LATEST_VERSION

ROOT = Path(__file__).resolve().parents[1]
KIOSK = Path(sys.executable).with_name("kiosk")


def unused_display() -> str:
    """An X display name no server listens on (no socket, no lock file)."""
    for number in range(471, 600):
        if not (
            Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()
        ):
            return f":{number}"
    raise AssertionError("no free X display number between 471 and 599")


@pytest.mark.parametrize(
    ("environ", "name", "variable"),
    [
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "offscreen", "QT_QPA_PLATFORM"),
        (
            {"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "w-1"},
            "wayland",
            "QT_QPA_PLATFORM",
        ),
        ({"QT_QPA_PLATFORM": "xcb:nograb", "DISPLAY": ":3"}, "xcb", "QT_QPA_PLATFORM"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland", "WAYLAND_DISPLAY"),
        ({"DISPLAY": ":0"}, "xcb", "DISPLAY"),
        ({}, None, ""),
    ],
)
def test_the_platform_is_chosen_as_qt_chooses_it(environ, name, variable):
    platform = display.session_platform(environ)
    assert (platform.name, platform.variable) == (name, variable)


def test_the_test_x_server_opens_and_a_missing_one_is_named():
    live = display.session_platform(dict(os.environ))
    assert live.name == "xcb" and live.display  # pytest-xvfb's server
    assert display.display_problem(live) is None
    i18n.set_language("en")
    dead = unused_display()
    problem = display.display_problem(display.session_platform({"DISPLAY": dead}))
    assert problem is not None and f"The X display {dead} cannot be opened" in problem.text()
    bad = display.display_problem(display.session_platform({"DISPLAY": "nonsense"}))
    assert bad is not None and "DISPLAY=nonsense is not an X display name" in bad.text()
    nothing = display.display_problem(display.session_platform({}))
    assert nothing is not None and "none of QT_QPA_PLATFORM" in nothing.text()
    wayland = {"WAYLAND_DISPLAY": "gone-0", "XDG_RUNTIME_DIR": "/nonexistent"}
    away = display.display_problem(display.session_platform(wayland), wayland)
    assert away is not None and "/nonexistent/gone-0" in away.text()


def kiosk_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="xcb", **extra)


@pytest.mark.parametrize(("language", "needle"), [("en", "cannot be opened"), ("fa", "باز نمی‌شود")])
def test_the_kiosk_on_a_display_that_does_not_exist_says_so_and_exits_2(isolated, language, needle):
    dead = unused_display()
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--language", language],
        cwd=ROOT,
        env=kiosk_env(DISPLAY=dead),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one message: Qt never got to print its own
    assert dead in lines[0] and needle in lines[0] and "kiosk doctor" in lines[0]
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
    assert not isolated.exists()  # nothing was touched before giving up


def test_the_x_server_dying_under_the_kiosk_loses_nothing(tmp_path):
    from pyvirtualdisplay import Display

    data = tmp_path / "data"
    screen = Display(visible=False, size=(1280, 800), color_depth=24)
    screen.start()
    name = f":{screen.display}"
    try:
        output = (tmp_path / "kiosk-output.txt").open("w", encoding="utf-8")
        kiosk = subprocess.Popen(
            [str(KIOSK), "--language", "en"],
            env=kiosk_env(DISPLAY=name, KIOSK_DATA_DIR=str(data)),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        log = data / "logs" / "kiosk.log"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and kiosk.poll() is None:
            if log.exists() and "database open" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert "database open" in log.read_text(encoding="utf-8")
    finally:
        screen.stop()  # the X server dies under the full-screen kiosk
    try:
        code = kiosk.wait(timeout=30)
    except subprocess.TimeoutExpired:
        kiosk.send_signal(signal.SIGKILL)
        kiosk.wait(timeout=30)
        raise AssertionError("the kiosk lived on without its display") from None
    finally:
        output.close()
    said = (tmp_path / "kiosk-output.txt").read_text(encoding="utf-8")
    logged = log.read_text(encoding="utf-8")
    assert code == 2, said
    assert f"The display {name} went away" in said
    assert f"The display {name} went away" in logged and "database closed" in logged
    assert "Traceback" not in said
    connection = sqlite3.connect(data / "kiosk.sqlite3")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            connection.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            == LATEST_VERSION
        )
    finally:
        connection.close()
