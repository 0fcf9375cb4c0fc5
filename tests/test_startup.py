"""Starting the kiosk: the commands, bad input at start-up, `kiosk doctor`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.core.notices import NoticeError
from kiosk.ui import theme

ROOT = Path(__file__).resolve().parents[1]


def run_kiosk(*args: str, env_extra: dict[str, str | None] | None = None, timeout: int = 60):
    """`python -m kiosk ARGS` on the test X server; `env_extra` values of None unset a variable."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    for key, value in (env_extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
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


def test_doctor_reports_the_machine_and_passes_on_this_x_display(isolated):
    result = run_kiosk("doctor", "--language", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    for needle in ("Qt 6.", "QtWebEngine", "Chromium", "Vazirmatn", str(isolated), "schema"):
        assert needle in result.stdout, needle
    assert "Speech" in result.stdout
    display = os.environ["DISPLAY"]
    assert f"xcb, display “{display}” (chosen by QT_QPA_PLATFORM)" in result.stdout
    assert "libqxcb.so: every library it needs is here" in result.stdout
    assert "a window with a web view opened on xcb" in result.stdout  # not offscreen


def test_doctor_on_a_display_that_does_not_exist_names_it_and_exits_1(isolated):
    from tests.test_display import unused_display

    dead = unused_display()
    for env in ({"DISPLAY": dead}, {"DISPLAY": dead, "QT_QPA_PLATFORM": None}):
        result = run_kiosk("doctor", "--language", "en", env_extra=env)
        assert result.returncode == 1, result.stdout + result.stderr
        failed = [line for line in result.stdout.splitlines() if line.startswith("[FAIL]")]
        assert len(failed) == 1 and "Display" in failed[0], result.stdout
        assert f"The X display {dead} cannot be opened" in failed[0]
        assert "not started: no window can open" in result.stdout
        assert "1 problem would stop the kiosk." in result.stdout
        assert "Traceback" not in result.stdout + result.stderr


def test_doctor_without_any_display_says_so(isolated):
    unset = dict.fromkeys(("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    result = run_kiosk("doctor", "--language", "en", env_extra=unset)
    assert result.returncode == 1
    assert "none of QT_QPA_PLATFORM, WAYLAND_DISPLAY and DISPLAY is set" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def plugin_lacking(tmp_path: Path, needed: bytes, absent: bytes) -> Path:
    """A copy of Qt's xcb plugin that needs the library `absent` instead of `needed` (same
    length), beside the real Qt libraries, as on a machine where that library is missing."""
    from kiosk.services.display import qt_plugin_dir

    real = qt_plugin_dir()
    folder = tmp_path / "Qt" / "plugins" / "platforms"
    folder.mkdir(parents=True)
    (tmp_path / "Qt" / "lib").symlink_to(real.parent.parent / "lib")  # its RUNPATH
    binary = (real / "libqxcb.so").read_bytes()
    assert len(needed) == len(absent) and binary.count(needed + b"\0") == 1
    (folder / "libqxcb.so").write_bytes(binary.replace(needed + b"\0", absent + b"\0"))
    return folder


def test_doctor_names_the_package_of_a_library_the_platform_plugin_lacks(tmp_path):
    from kiosk.commands import doctor
    from kiosk.core.system_packages import XCB_CURSOR

    i18n.set_language("en")
    folder = plugin_lacking(tmp_path, b"libxcb-icccm.so.4", b"libxcb-icccm.so.9")
    rows = doctor.platform_rows(dict(os.environ), with_webview=True, plugin_dir=folder)
    statuses = {what: (status, finding) for status, what, finding in rows}
    status, finding = statuses["Platform plugin"]
    assert status == doctor.FAIL
    assert "libxcb-icccm.so.9 missing" in finding
    assert finding.endswith("To fix: apt-get install libxcb-icccm9")
    assert statuses["Web view (QtWebEngine)"][0] == doctor.WARN  # not tried: it could not work

    # libxcb-cursor is opened at run time: checked on its own, named with its package.
    rows = doctor.platform_rows(
        dict(os.environ), with_webview=False, loadable=lambda soname: soname != XCB_CURSOR
    )
    status, _what, finding = next(row for row in rows if row[1] == "Platform plugin")
    assert status == doctor.FAIL and "apt-get install libxcb-cursor0" in finding
    i18n.set_language("fa")
    rows = doctor.platform_rows(dict(os.environ), with_webview=False, plugin_dir=folder)
    assert any("برای رفع: apt-get install libxcb-icccm9" in row[2] for row in rows)


def test_the_soname_to_package_mapping_is_the_one_system_deps_uses():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.core.system_packages", "libxcb-cursor.so.0", "libGL.so.1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["libxcb-cursor0", "libgl1"]
    script = (ROOT / "tools" / "system-deps.sh").read_text()
    assert "kiosk.core.system_packages" in script and "package_of" not in script


def test_language_before_or_after_any_subcommand(isolated, tmp_path):
    for args in (("--language", "en", "doctor"), ("doctor", "--language", "en")):
        result = run_kiosk(*args, "--no-webview")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Everything the kiosk needs is here." in result.stdout, args
        assert "Data folder" in result.stdout
    flow = tmp_path / "broken.json"
    flow.write_text("{}", encoding="utf-8")
    for args in (
        ("--language", "en", "flows", "validate"),
        ("flows", "validate", "--language", "en"),
    ):
        result = run_kiosk(*args, str(flow))
        assert result.returncode == 1
        assert "“id” is missing." in result.stdout
        assert "1 of 1 flow files has faults." in result.stdout
    from kiosk.cli import build_parser

    # tts prerender's own --language picks the languages to synthesize, beside the global one.
    args = build_parser().parse_args(["--language", "en", "tts", "prerender", "--language", "fa"])
    assert (args.language, args.languages) == ("en", ["fa"])
    args = build_parser().parse_args(["staff", "list", "--language", "en"])
    assert args.language == "en"


def test_an_unknown_language_for_a_subcommand_is_refused_clearly(isolated):
    result = run_kiosk(
        "doctor", "--language", "xx", "--no-webview", env_extra={"KIOSK_LANGUAGE": "en"}
    )
    assert result.returncode == 2
    assert "Unknown language “xx” on the command line; use one of: fa, en." in result.stderr


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
    assert not kiosk.database.is_open
    with pytest.raises(NoticeError, match="cannot be read"):
        assert kiosk.database.store
    assert kiosk.window.current_screen().key == "home"
    from tests.gui import save_screenshot

    save_screenshot(kiosk.window, artifacts, "startup-notices-en")
    kiosk.language.set_language("fa")
    assert "برای رفع" in bar.text.text()
    bar.close_button.click()
    assert not bar.isVisible()
    i18n.set_language("fa")
