"""`kiosk doctor`: what an operator needs to know about this machine and whether the kiosk runs."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from kiosk.i18n import N_, _, ngettext

OK, WARN, FAIL = "ok", "warn", "FAIL"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("doctor", help="check this machine and print what was found")
    parser.add_argument(
        "--no-webview", action="store_true", help="skip starting a web view (faster)"
    )
    parser.set_defaults(handler=run)


def platform_rows(
    environ: dict[str, str] | None = None,
    with_webview: bool = True,
    plugin_dir: Path | None = None,
    loadable=None,
) -> list[tuple[str, str, str]]:
    """The display the kiosk will use: platform and display, the plugin's libraries, and a
    window with a web view started on it in a child process."""
    from kiosk.services import display

    env = dict(os.environ if environ is None else environ)
    platform = display.session_platform(env)
    rows: list[tuple[str, str, str]] = []
    # Held open while the child connects: an X server with no other client resets when the
    # last one leaves, and refuses connections meanwhile.
    problem = display.display_problem(platform, env, hold=True)
    try:
        rows += _platform_findings(platform, problem, env, with_webview, plugin_dir, loadable)
    finally:
        display.release_held()
    return rows


def _platform_findings(
    platform, problem, env: dict[str, str], with_webview: bool, plugin_dir, loadable
) -> list[tuple[str, str, str]]:
    """The rows of `platform_rows`, given the display's `problem` (None: it opens)."""
    from kiosk.services import display

    rows: list[tuple[str, str, str]] = []
    if platform.name is None:
        rows.append((FAIL, _("Display"), problem.text() if problem else ""))
    else:
        found = _("{platform}, display “{display}” (chosen by {variable})").format(
            platform=platform.name, display=platform.display or "-", variable=platform.variable
        )
        rows.append(
            (FAIL, _("Display"), f"{found}: {problem.text()}")
            if problem
            else (OK, _("Display"), found)
        )
    if platform.name in ("offscreen", "minimal"):
        rows.append(
            (
                FAIL,
                _("Display"),
                _(
                    "QT_QPA_PLATFORM={platform} draws on no screen: nobody would see the kiosk. "
                    "To fix: unset QT_QPA_PLATFORM (or set it to xcb or wayland)."
                ).format(platform=platform.name),
            )
        )
    plugin = display.plugin_file(platform.name, plugin_dir) if platform.name else None
    libraries_ok = True
    if plugin is not None:
        if not plugin.exists():
            libraries_ok = False
            rows.append(
                (
                    FAIL,
                    _("Platform plugin"),
                    _("{plugin} is missing: reinstall the kiosk (make)").format(plugin=plugin),
                )
            )
        else:
            kwargs = {"loadable": loadable} if loadable else {}
            missing, trouble = display.missing_libraries(platform.name, plugin, **kwargs)
            libraries_ok = not missing
            if missing:
                notice = display.libraries_notice(plugin, missing)
                rows.append((FAIL, _("Platform plugin"), notice.text()))
            elif trouble:
                rows.append(
                    (
                        WARN,
                        _("Platform plugin"),
                        _("its libraries were not checked: {reason}").format(reason=trouble),
                    )
                )
            else:
                rows.append(
                    (
                        OK,
                        _("Platform plugin"),
                        _("{plugin}: every library it needs is here").format(plugin=plugin.name),
                    )
                )
    if not with_webview:
        return rows
    if platform.name is None or problem is not None or not libraries_ok:
        rows.append(
            (
                WARN,
                _("Web view (QtWebEngine)"),
                _("not started: no window can open until the problems above are fixed"),
            )
        )
    else:
        rows.append(_webview_check(env, platform.name))
    return rows


def _webview_check(env: dict[str, str], platform: str) -> tuple[str, str, str]:
    """Open a window with a QtWebEngine view on the real display, in a child process (it may
    crash; the doctor must not)."""
    what = _("Web view (QtWebEngine)")
    code = "import sys;from kiosk.ui.webcheck import main;sys.exit(main())"
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
        )
    except subprocess.TimeoutExpired:
        return FAIL, what, _("the web view did not start within 60 seconds")
    lines = result.stdout.strip().splitlines()
    if result.returncode == 0 and len(lines) >= 2:
        return (
            OK,
            what,
            _("{versions}; a window with a web view opened on {platform}").format(
                versions=lines[-2], platform=lines[-1]
            ),
        )
    reason = _failure_reason(result.returncode, result.stderr)
    return (
        FAIL,
        what,
        _("the web view could not start on {platform}: {reason}").format(
            platform=platform, reason=reason
        ),
    )


def _failure_reason(returncode: int, stderr: str) -> str:
    """The line of a failed child's output that says why (Qt's own words), and its signal."""
    import signal

    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    telling = [line for line in lines if line.startswith(("qt.", "Could not", "Cannot"))]
    reason = (telling or lines[-1:] or ["?"])[0]
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        reason = f"{reason} ({name})"
    return reason


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
    rows += platform_rows(with_webview=with_webview)

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
    rows.append(_privacy_row(data_dir))

    rows.append(_session_folders_row(data_dir))

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
        rows.append((WARN, _("Database"), _(SAFE_MODE)))
    rows.append(_pin_file_row(data_dir))
    rows += content_rows(data_dir)
    return rows


SAFE_MODE = N_(
    "the kiosk starts in safe mode: Get help works; learning records, learner profiles and "
    "staff accounts are off until the database is fixed"
)


def content_rows(data_dir: Path, shown: int = 8) -> list[tuple[str, str, str]]:
    """The lesson packs and Get help's services in use, and the first faults of those
    skipped (each naming its file and JSON pointer)."""
    from kiosk.services.assist_catalog import fault_lines, load_services, service_folders
    from kiosk.services.lessons import load_packs

    rows: list[tuple[str, str, str]] = []
    packs, broken = load_packs()
    what = _("Lesson packs")
    count = ngettext("{count} pack in use", "{count} packs in use", len(packs))
    rows.append((OK if packs else WARN, what, count.format(count=len(packs))))
    for report in broken:
        for fault in report.faults[:shown]:
            rows.append((WARN, what, _("skipped: {fault}").format(fault=fault.text())))
    services, faults = load_services(service_folders(data_dir))
    what = _("Get help services")
    count = ngettext("{count} service offered", "{count} services offered", len(services))
    rows.append((OK if services else WARN, what, count.format(count=len(services))))
    for line in fault_lines(faults)[: shown * 4]:
        rows.append((WARN, what, _("skipped: {fault}").format(fault=line)))
    return rows


def _privacy_row(data_dir: Path) -> tuple[str, str, str]:
    """Whether another account on this machine could read the data folder."""
    from kiosk.services.paths import open_entries

    opened = open_entries(data_dir)
    if not opened:
        return OK, _("Data folder privacy"), _("only this account can read it")
    shown = ", ".join(str(p.relative_to(data_dir)) or "." for p in opened[:5])
    return (
        FAIL,
        _("Data folder privacy"),
        ngettext(
            "{count} entry other accounts can read ({entries}). To fix: start the kiosk once "
            "(it repairs them), or run: chmod -R go-rwx {path}",
            "{count} entries other accounts can read ({entries}). To fix: start the kiosk "
            "once (it repairs them), or run: chmod -R go-rwx {path}",
            len(opened),
        ).format(count=len(opened), entries=shown, path=data_dir),
    )


def _pin_file_row(data_dir) -> tuple[str, str, str]:
    """Whether the staff PIN file (when PINs are kept in a file) can be read."""
    from kiosk.core.notices import Notice
    from kiosk.services.file_keyring import CorruptKeyringError, FileKeyring
    from kiosk.services.secrets import FILE_NAME, RESET_HINT

    keyring = FileKeyring(data_dir / FILE_NAME)
    if not os.path.lexists(keyring.path):
        return (OK, _("Staff PIN file"), _("none yet ({path})").format(path=keyring.path))
    try:
        keyring.check()
    except CorruptKeyringError as error:
        notice = Notice(
            N_("The staff PIN file {path} is damaged ({reason}). {fix}"),
            {"path": str(error.path), "reason": error.reason, "fix": Notice(RESET_HINT)},
        )
        return (FAIL, _("Staff PIN file"), notice.text())
    return (OK, _("Staff PIN file"), str(keyring.path))


def _session_folders_row(data_dir) -> tuple[str, str, str]:
    """Remove the session folders a killed kiosk left behind, unless a kiosk is running."""
    from kiosk.services.instance import Claim, SingleInstance
    from kiosk.services.session_folders import leftovers, sweep

    instance = SingleInstance(data_dir)
    if instance.acquire() is not Claim.TAKEN:
        count = len(leftovers(data_dir))
        return (
            OK,
            _("Session folders"),
            _("{count} in use by the running kiosk").format(count=count),
        )
    try:
        removed = sweep(data_dir)
    finally:
        instance.release()
    return (
        OK,
        _("Session folders"),
        _("{count} left by an earlier run, removed").format(count=removed)
        if removed
        else _("none left behind"),
    )


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
            else (
                WARN,
                _("Sound output"),
                _(
                    "no audio device: text is shown, not heard. To fix: connect speakers or "
                    "headphones; `pactl list short sinks` lists what the sound server sees"
                ),
            )
        )
    except ImportError as error:
        rows.append(
            (
                WARN,
                _("Sound output"),
                _("QtMultimedia cannot load ({reason}). To fix: apt-get install libpulse0").format(
                    reason=error
                ),
            )
        )
    return rows


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 if anything would stop the kiosk from working (a window that
    cannot open included). The language is set by `kiosk.cli` (--language before or after)."""
    rows = collect(with_webview=not args.no_webview)
    width = max(len(what) for _status, what, _finding in rows)
    for status, what, finding in rows:
        print(f"[{status:>4}] {what.ljust(width)}  {finding}")
    failed = [row for row in rows if row[0] == FAIL]
    print(
        ngettext(
            "{count} problem would stop the kiosk.",
            "{count} problems would stop the kiosk.",
            len(failed),
        ).format(count=len(failed))
        if failed
        else _("Everything the kiosk needs is here.")
    )
    return 1 if failed else 0


__all__ = ["N_", "collect", "register", "run"]
