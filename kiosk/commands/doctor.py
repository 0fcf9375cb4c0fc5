"""`kiosk doctor`: what an operator needs to know about this machine and whether the kiosk runs."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from kiosk.i18n import N_, _

OK, WARN, FAIL = "ok", "warn", "FAIL"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("doctor", help="check this machine and print what was found")
    parser.add_argument("--language", help="language of the report (fa, en)")
    parser.add_argument(
        "--no-webview", action="store_true", help="skip starting a web view (faster)"
    )
    parser.set_defaults(handler=run)


def _webview_check() -> tuple[str, str]:
    """Start a QtWebEngine view in a child process (it may crash; the doctor must not)."""
    code = (
        "import os,sys;os.environ.setdefault('QT_QPA_PLATFORM','offscreen');"
        "from kiosk.ui.webcheck import main;sys.exit(main())"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        return FAIL, _("the web view did not start within 60 seconds")
    if result.returncode == 0:
        return OK, result.stdout.strip().splitlines()[-1]
    tail = (result.stderr.strip().splitlines() or ["?"])[-1]
    return FAIL, _("the web view cannot start: {reason}").format(reason=tail)


def collect(with_webview: bool = True) -> list[tuple[str, str, str]]:
    """Every check as (status, what, finding), in the current language."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from kiosk.core.options import OPTIONS
    from kiosk.services import paths
    from kiosk.services.config import load_settings
    from kiosk.services.migrations import LATEST_VERSION
    from kiosk.services.store import open_store
    from kiosk.ui.theme import FONT_DIR, FONT_FILES

    rows: list[tuple[str, str, str]] = []
    rows.append((OK, _("Qt"), f"Qt {qVersion()}, PySide6 {pyside_version}"))
    if with_webview:
        status, finding = _webview_check()
        rows.append((status, _("Web view (QtWebEngine)"), finding))

    for status, what, finding in _speech_rows():
        rows.append((status, what, finding))

    missing = [name for name in FONT_FILES if not (FONT_DIR / name).exists()]
    rows.append(
        (WARN, _("Fonts"), _("missing: {files}").format(files=", ".join(missing)))
        if missing
        else (OK, _("Fonts"), _("Vazirmatn in {path}").format(path=FONT_DIR))
    )

    data_dir, notices = paths.prepare_data_dir(paths.data_dir())
    status = FAIL if notices else OK
    rows.append((status, _("Data folder"), str(data_dir)))
    for notice in notices:
        rows.append((FAIL, _("Data folder"), notice.text()))

    settings = load_settings(data_dir / paths.INI_NAME)
    for notice in settings.notices:
        rows.append((WARN, _("Settings"), notice.text()))
    changed = [o.key for o in OPTIONS if settings.sources[o.key] != "default"]
    rows.append(
        (
            OK,
            _("Settings"),
            _("changed from default: {keys}").format(keys=", ".join(changed) or "-"),
        )
    )

    from kiosk.core.notices import NoticeError

    try:
        store = open_store(data_dir)
        rows.append(
            (
                OK,
                _("Database"),
                _("schema version {found} of {known}, {path}").format(
                    found=store.schema_version, known=LATEST_VERSION, path=store.path
                ),
            )
        )
        store.close()
    except NoticeError as error:
        rows.append((FAIL, _("Database"), error.notice.text()))
    return rows


def _speech_rows() -> list[tuple[str, str, str]]:
    """Speech engine, library in use, voices for each language, and whether sound can play."""
    from kiosk.services.speech.factory import speech_report

    rows = []
    for line in speech_report():
        status = WARN if ("NONE" in line or "NO ENGINE" in line or "failed" in line) else OK
        rows.append((status, _("Speech"), line.removeprefix("speech").lstrip(": ")))
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtMultimedia import QMediaDevices

        _app = QCoreApplication.instance() or QCoreApplication([])

        outputs = [device.description() for device in QMediaDevices.audioOutputs()]
        rows.append(
            (OK, _("Sound output"), ", ".join(outputs))
            if outputs
            else (WARN, _("Sound output"), _("no audio device: text is shown, not heard"))
        )
    except ImportError as error:
        rows.append(
            (
                WARN,
                _("Sound output"),
                _("QtMultimedia cannot load ({reason}); install libpulse0").format(reason=error),
            )
        )
    return rows


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 if anything would stop the kiosk from working."""
    from kiosk import i18n

    language = args.language or os.environ.get("KIOSK_LANGUAGE") or "fa"
    if language in ("fa", "en"):
        i18n.set_language(language)
    rows = collect(with_webview=not args.no_webview)
    width = max(len(what) for _status, what, _finding in rows)
    for status, what, finding in rows:
        print(f"[{status:>4}] {what.ljust(width)}  {finding}")
    failed = [row for row in rows if row[0] == FAIL]
    print(
        _("{count} problem(s) would stop the kiosk.").format(count=len(failed))
        if failed
        else _("Everything the kiosk needs is here.")
    )
    return 1 if failed else 0


__all__ = ["N_", "collect", "register", "run"]
