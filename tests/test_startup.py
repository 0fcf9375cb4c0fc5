"""Starting the kiosk: the commands, bad input at start-up, `kiosk doctor`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk import i18n
from kiosk.ui import theme

ROOT = Path(__file__).resolve().parents[1]


def run_kiosk(*args: str, env_extra: dict[str, str] | None = None, timeout: int = 60):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_exit_when_ready_paints_the_home_screen_and_exits_zero(isolated):
    result = run_kiosk("--windowed", "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert (isolated / "kiosk.sqlite3").exists()


def test_help_lists_the_subcommands():
    result = run_kiosk("--help")
    assert result.returncode == 0
    assert "doctor" in result.stdout and "--windowed" in result.stdout


def test_doctor_reports_the_machine_and_passes(isolated):
    result = run_kiosk("doctor", "--language", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    for needle in ("Qt 6.", "QtWebEngine", "Chromium", "Vazirmatn", str(isolated), "schema"):
        assert needle in result.stdout, needle
    assert "Speech" in result.stdout


def test_doctor_fails_on_a_corrupt_database_and_says_so_in_persian(isolated):
    isolated.mkdir(parents=True)
    (isolated / "kiosk.sqlite3").write_bytes(b"garbage" * 200)
    result = run_kiosk("doctor", "--no-webview", "--language", "fa")
    assert result.returncode == 1
    assert "پایگاه داده" in result.stdout and "خوانده نمی‌شود" in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_ini_bad_database_and_missing_font_still_start_with_clear_notices(
    isolated, make_kiosk, monkeypatch, artifacts, qtbot
):
    isolated.mkdir(parents=True)
    (isolated / "kiosk.ini").write_text("[kiosk]\ntext_scale = huge\n", encoding="utf-8")
    (isolated / "kiosk.sqlite3").write_bytes(b"garbage" * 200)
    monkeypatch.setattr(theme, "FONT_FILES", (*theme.FONT_FILES, "Missing-Font.ttf"))
    kiosk = make_kiosk("en")
    bar = kiosk.window.notice_bar
    assert bar.isVisible()
    text = bar.text.text()
    assert "text_scale" in text and "kiosk.ini" in text
    assert "kiosk.sqlite3" in text and "cannot be read" in text
    assert "Missing-Font.ttf" in text
    assert kiosk.store is None
    assert kiosk.window.current_screen().key == "home"
    qtbot.wait(50)
    from tests.gui import save_screenshot

    save_screenshot(kiosk.window, artifacts, "startup-notices-en")
    kiosk.language.set_language("fa")
    assert "برای رفع" in bar.text.text()
    bar.close_button.click()
    assert not bar.isVisible()
    i18n.set_language("fa")
