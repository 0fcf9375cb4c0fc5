"""The composition root: builds settings, store, language, speech and theme, then the window."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.languages import LANGUAGES
from kiosk.core.notices import Notice
from kiosk.core.options import OPTIONS_BY_KEY
from kiosk.i18n import N_
from kiosk.services import paths
from kiosk.services.config import Settings, load_settings
from kiosk.services.database import Database
from kiosk.services.language import LanguageController
from kiosk.services.logs import configure_logging, enable_crash_log
from kiosk.services.portal import PortalService
from kiosk.services.speech.base import SpeechEngine
from kiosk.services.speech.deferred import DeferredSpeaker
from kiosk.services.staff_access import StaffAccess
from kiosk.services.sync_worker import LrsCredentials, SyncWorker
from kiosk.services.watchdog import Watchdog
from kiosk.ui.application import apply_direction, create_application, quit_on_signals
from kiosk.ui.assist.screen import AssistScreen
from kiosk.ui.context import UiContext
from kiosk.ui.home.screen import HomeScreen
from kiosk.ui.learn.screen import LearnScreen
from kiosk.ui.shell.errors import ErrorRecovery
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.shell import Shell
from kiosk.ui.staff.screen import PageFactory, StaffScreen
from kiosk.ui.theme import Theme, load_fonts

if TYPE_CHECKING:
    from kiosk.services.store import Store
    from kiosk.ui.widgets.page import Page

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    """Everything the running kiosk is made of, for `run` and for tests."""

    data_dir: Path
    settings: Settings
    database: Database
    language: LanguageController
    speaker: DeferredSpeaker
    theme: Theme
    window: MainWindow
    notices: list[Notice] = field(default_factory=list)
    # Idle reset, attract screen, kiosk mode, staff gesture; and who is signed in as staff.
    shell: Shell | None = None
    staff: StaffAccess | None = None
    # The engine to speak with instead of the platform's (tests, benchmarks); None: pyttsx3.
    speech_engine: SpeechEngine | None = None
    # Sends learning records to the LRS (kiosk.services.sync_worker).
    sync: SyncWorker | None = None

    @property
    def store(self) -> Store:
        """The open database (NoticeError if it could not be opened): for tests and tools."""
        return self.database.store

    def attach_speech(self) -> None:
        """Load the speech engine behind the deferred speaker (after the first frame)."""
        from kiosk.services.speech.factory import create_speaker

        if self.speaker.real is not None:
            return
        from kiosk.services.voice_pack import Narration, installed_voices, voice_roots

        # The trainer's recorded sentences, preferred over synthesis by the player and guide:
        # recorded here, beside the lesson packs, and installed through content updates.
        self.speaker.narration = Narration(
            voice_roots(self.data_dir), installed_voices(self.data_dir)
        )
        settings = self.settings
        self.speaker.attach(
            create_speaker(
                self.data_dir,
                self.speaker.configured_voices(),
                int(settings["speech_rate"]),
                int(settings["volume"]),
                engine=self.speech_engine,
            )
        )

    def finish_start(self) -> None:
        """Open the database once the home screen is up (importing sqlite-utils costs ~0.1 s)."""
        self.window.top_bar.show_numbers()
        if self.database.open():
            from kiosk.services.assist import close_interrupted

            # This kiosk holds the instance lock: an open session record is one a crash cut off.
            closed = close_interrupted(self.database.store)
            if closed:
                log.info("assist: %d session(s) cut off by a crash or kill closed", closed)

    def _database_failed(self, notice: Notice) -> None:
        """The database could not be opened: the kiosk goes on, and says why at the top."""
        self.notices.append(notice)
        self.window.notice_bar.add(notice)

    def shutdown(self) -> None:
        """Stop every screen's pages, the practice portal, speech, and close the database."""
        self.window.shutdown_screens()
        self.window.ctx.portal.stop()
        if self.sync is not None:
            self.sync.stop()
        self.speaker.shutdown()
        from kiosk.services.background import wait_until_idle

        wait_until_idle()  # a settings file half-written, a copy to a USB stick: let them end
        flush_deferred_deletes()  # web pages, then their profiles
        self.database.close()


def flush_deferred_deletes() -> None:
    """Run the deleteLater()s still queued (web pages, then their profiles), as the event loop
    no longer runs once the kiosk is quitting."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.processEvents()  # zero timers: a session browser's ordered deletion
    for _round in range(3):  # a page's deletion queues its profile's
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _start_language(requested: str | None, settings: Settings, notices: list[Notice]) -> str:
    if requested and requested not in LANGUAGES:
        notices.append(
            Notice(
                N_("Unknown language “{code}” on the command line; use one of: {known}."),
                {"code": requested, "known": ", ".join(LANGUAGES)},
            )
        )
        requested = None
    return requested or str(settings["language"])


def build(
    args: argparse.Namespace,
    environ: dict[str, str] | None = None,
    on_first_paint: list | None = None,
    data_dir: Path | None = None,
    notices: list[Notice] | None = None,
    *,
    engine: SpeechEngine | None = None,
) -> Kiosk:
    """Build every service and the main window (not yet shown); the store opens after paint.

    `run` passes the data dir it prepared and locked, with the notices found on the way;
    without them (tests) the data dir is prepared here. `engine` speaks instead of the
    platform's speech engine (tests, benchmarks): the kiosk still talks to it through the same
    deferred speaker and engine speaker as ever.
    """
    create_application()
    if data_dir is None:
        data_dir, found = paths.prepare_data_dir(paths.data_dir(environ))
        notices = [*(notices or []), *found]
    notices = list(notices or [])
    configure_logging(data_dir)
    settings = load_settings(data_dir / paths.INI_NAME, environ)
    notices += settings.notices
    notices += load_fonts()
    language = LanguageController(
        _start_language(getattr(args, "language", None), settings, notices),
        tuple(settings["languages"]),  # type: ignore[arg-type]
    )
    apply_direction(language.code)
    language.language_changed.connect(apply_direction)
    theme = Theme(int(settings["text_scale"]), bool(settings["high_contrast"]))
    theme.apply()
    settings.changed.connect(lambda key, value: _apply_setting(theme, key, value))
    # Widgets get a speaker at once; the engine behind it loads after the first frame.
    speaker = DeferredSpeaker()
    speaker.set_volume(int(settings["volume"]))
    speaker.set_rate(int(settings["speech_rate"]))
    for lang in LANGUAGES:
        if f"voice_{lang}" in OPTIONS_BY_KEY:
            speaker.set_voice(lang, str(settings[f"voice_{lang}"]) or None)
    # The store opens after the first frame, or when first asked for (never at build time).
    database = Database(data_dir)
    ctx = UiContext(
        language=language,
        speaker=speaker,
        theme=theme,
        settings=settings,
        database=database,
        portal=PortalService(),
    )
    window = MainWindow(ctx, notices)
    for callback in on_first_paint or ():
        window.first_painted.connect(callback)
    window.add_screen(HomeScreen(ctx))
    window.add_screen(LearnScreen(ctx))
    staff = StaffAccess(data_dir, settings, database)
    assist = AssistScreen(ctx, staff, data_dir=data_dir)
    assist.session_done.connect(lambda: window.end_session("done"))
    window.add_screen(assist)
    # Learning records go to the LRS off the UI thread once the database is open.
    sync_worker = SyncWorker(database, settings, LrsCredentials(data_dir, settings))
    database.opened.connect(sync_worker.start)
    window.add_screen(StaffScreen(ctx, staff, staff_pages(sync_worker)))
    shell = Shell(ctx, window, staff)
    for notice in notices:
        log.warning("%s", notice.message.format(**notice.params))
    kiosk = Kiosk(data_dir, settings, database, language, speaker, theme, window, notices)
    kiosk.shell, kiosk.staff, kiosk.speech_engine = shell, staff, engine
    kiosk.sync = sync_worker
    database.failed.connect(kiosk._database_failed)
    shell.start()
    window.first_painted.connect(kiosk.attach_speech)
    window.first_painted.connect(kiosk.finish_start)
    return kiosk


def staff_pages(sync_worker: SyncWorker | None = None) -> dict[str, PageFactory]:
    """The staff pages other features lend the staff screen (which imports no feature), each
    imported when first opened; the learning-records page gets the kiosk's sync worker."""

    def sync_page(ctx: UiContext, access: StaffAccess) -> Page:
        from kiosk.ui.staff.sync_page import SyncPage

        assert sync_worker is not None
        return SyncPage(ctx, access, sync_worker)

    def assist_report(ctx: UiContext, access: StaffAccess) -> Page:
        from kiosk.ui.assist.report_page import AssistReportPage

        return AssistReportPage(ctx, access)

    def flow_health(ctx: UiContext, access: StaffAccess) -> Page:
        from kiosk.ui.assist.health_page import HealthPage

        return HealthPage(ctx, access)

    def record_flow(ctx: UiContext, access: StaffAccess) -> Page:
        from kiosk.ui.recorder.page import RecorderPage

        return RecorderPage(ctx, access)

    def learners(ctx: UiContext, access: StaffAccess) -> Page:
        from kiosk.ui.learn.learners_page import LearnersPage

        return LearnersPage(ctx, access)

    pages: dict[str, PageFactory] = {
        "assist_report": assist_report,
        "flow_health": flow_health,
        "record_flow": record_flow,
        "learners": learners,
    }
    if sync_worker is not None:
        pages["sync"] = sync_page
    return pages


def _apply_setting(theme: Theme, key: str, value: object) -> None:
    if key == "text_scale":
        theme.set_scale(int(value))  # type: ignore[arg-type]
    elif key == "high_contrast":
        theme.set_high_contrast(bool(value))


def _ready_then_quit(timer, application) -> None:
    # The wall-clock moment of the first painted frame, for bench/startup.py.
    print(f"ready {time.time():.6f}", flush=True)
    # exit(), not quit(): Qt 6's quit() first asks every window to close, and kiosk mode
    # rightly refuses, so a full-screen kiosk never left.
    timer.singleShot(0, lambda: application.exit(0))


def run(args: argparse.Namespace) -> int:
    """Start the kiosk and run until it quits.

    Exit codes: 0 normal, 1 another kiosk holds the data dir but does not answer,
    2 the display cannot be opened (at start, or it went away under the running kiosk).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from kiosk.services import display

    # Before any QApplication: Qt answers a missing display with an abort and a wrong hint.
    platform = display.session_platform()
    problem = display.display_problem(platform, hold=True)
    if problem is not None:
        print(problem.text(), file=sys.stderr, flush=True)
        return 2
    wanted = paths.data_dir()
    data_dir, notices = paths.prepare_data_dir(wanted)
    _start_logs(data_dir)
    create_application()
    display.release_held()  # Qt holds its own connection now
    claimed = _claim_instance(data_dir, notices)
    if isinstance(claimed, int):
        return claimed
    instance = claimed
    if instance.data_dir != data_dir:
        data_dir = instance.data_dir
        _start_logs(data_dir)
    # This kiosk holds the folder now: repair what an older install left readable to all.
    paths.make_private(data_dir)
    # The lock is ours, so no session runs: remove what a killed one left (its downloads).
    # Not the /tmp/kiosk-assist-* of older versions: another kiosk of this account (another
    # data dir, a test run) may be using one; `session_folders.sweep(..., legacy)` can.
    from kiosk.services.session_folders import sweep

    sweep(data_dir)
    # Listen at once: a later start's knock waits in the socket until the event loop runs,
    # so a kiosk still starting up is not taken for a frozen one.
    instance.listen()

    # Under systemd: READY=1 after the first frame, WATCHDOG=1 from this (the UI) thread.
    watchdog = Watchdog.from_environment()
    window_ready: list = [watchdog.ready] if watchdog is not None else []
    if args.exit_when_ready:
        window_ready.append(lambda: _ready_then_quit(QTimer, QGuiApplication))
    kiosk = build(args, on_first_paint=window_ready, data_dir=data_dir, notices=notices)
    window = kiosk.window
    # An uncaught exception is logged, told to the person calmly, and the kiosk goes home
    # instead of dying.
    recovery = ErrorRecovery(window)
    recovery.install()
    # A service manager stops the kiosk with SIGTERM: leave the event loop, then shut down.
    quit_on_signals()
    if getattr(args, "debug_dir", None):
        from kiosk.ui.shell.probe import DebugProbe

        DebugProbe(window, Path(args.debug_dir))
    instance.activate_requested.connect(kiosk.shell.bring_to_front)
    if args.windowed or not kiosk.settings["fullscreen"]:
        window.resize(1280, 800)
        window.show()
    else:
        kiosk.shell.kiosk_mode.enable()  # full screen, keys that would leave it ignored
    code = QGuiApplication.instance().exec()
    # Qt's xcb plugin leaves the event loop with 1 when the X connection breaks.
    lost = code != 0 and display.display_problem(platform) is not None
    if lost:
        notice = Notice(display.DISPLAY_LOST, {"display": platform.display}, "error")
        log.error("kiosk: %s", notice.message.format(**notice.params))
        print(notice.text(), file=sys.stderr, flush=True)
    log.info("kiosk: stopping (exit code %s)", 2 if lost else code)
    if watchdog is not None:
        watchdog.stopping()
    recovery.uninstall()
    kiosk.shutdown()
    instance.release()
    log.info("kiosk: stopped, database closed")
    if data_dir != wanted:
        # A temporary data dir, as its notice said: nothing of this run stays behind.
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
    return 2 if lost else code


def _start_logs(data_dir: Path) -> None:
    """The log file, and the crash log for a fatal signal's stacks (a crash during `build`
    included), in `data_dir`."""
    configure_logging(data_dir)
    enable_crash_log(data_dir)


LOCK_UNUSABLE = N_(
    "The lock file {lock} cannot be taken ({reason}), so the kiosk cannot make sure it is the "
    "only one using {folder}. It runs on a temporary data folder: nothing will be kept after it "
    "closes. To fix: make {lock} a file the kiosk's user can write (remove it if it is a folder) "
    "in a folder it can write, then restart the kiosk."
)
ALREADY_RUNNING = N_("The kiosk is already running; it was brought to the front.")
NOT_ANSWERING = N_(
    "Another kiosk (process {pid}) is using {folder} but did not answer. To fix: if it is "
    "frozen, stop it (kill {pid}) and start the kiosk again."
)


def _claim_instance(data_dir: Path, notices: list[Notice]):
    """This user's only kiosk on `data_dir` (the lock held); or an exit code after waking the
    one already running (0) or finding it deaf (1). A lock that cannot be taken for another
    reason moves the kiosk to a temporary data dir, with a notice in `notices`."""
    import tempfile

    from kiosk.i18n import _
    from kiosk.services.instance import Claim, SingleInstance, wake_running

    instance = SingleInstance(data_dir)
    claim = instance.acquire()
    if claim is Claim.TAKEN:
        return instance
    if claim is Claim.HELD:
        if wake_running(data_dir):
            print(_(ALREADY_RUNNING), flush=True)
            return 0
        text = _(NOT_ANSWERING).format(pid=instance.holder, folder=data_dir)
        log.error("kiosk: %s", NOT_ANSWERING.format(pid=instance.holder, folder=data_dir))
        print(text, file=sys.stderr, flush=True)
        return 1
    notice = Notice(
        LOCK_UNUSABLE,
        {"lock": str(instance.lock_path), "reason": instance.reason, "folder": str(data_dir)},
        severity="error",
    )
    notices.append(notice)
    fallback = SingleInstance(Path(tempfile.mkdtemp(prefix="kiosk-data-")))
    if fallback.acquire() is not Claim.TAKEN:
        log.warning("kiosk: no lock in %s either: %s", fallback.data_dir, fallback.reason)
    log.warning("kiosk: running on %s instead", fallback.data_dir)
    return fallback
