"""The composition root: builds settings, store, language, speech and theme, then the window."""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.languages import LANGUAGES
from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services import paths
from kiosk.services.config import Settings, load_settings
from kiosk.services.language import LanguageController
from kiosk.services.logs import configure_logging, enable_crash_log
from kiosk.services.portal import PortalService
from kiosk.services.speech.base import Speaker
from kiosk.services.speech.deferred import DeferredSpeaker
from kiosk.ui.application import apply_direction, create_application, quit_on_signals
from kiosk.ui.assist.screen import AssistScreen
from kiosk.ui.context import UiContext
from kiosk.ui.home.screen import HomeScreen
from kiosk.ui.learn.screen import LearnScreen
from kiosk.ui.shell.errors import ErrorRecovery
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.shell import Shell
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.staff.screen import StaffScreen
from kiosk.ui.theme import Theme, load_fonts

if TYPE_CHECKING:
    from kiosk.services.store import Store

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    """Everything the running kiosk is made of, for `run` and for tests."""

    data_dir: Path
    settings: Settings
    store: Store | None
    language: LanguageController
    speaker: Speaker
    theme: Theme
    window: MainWindow
    notices: list[Notice] = field(default_factory=list)
    # Idle reset, attract screen, kiosk mode, staff gesture; and who is signed in as staff.
    shell: Shell | None = None
    staff: StaffAccess | None = None
    _store_tried: bool = False

    def attach_speech(self) -> None:
        """Load the speech engine behind the deferred speaker (after the first frame)."""
        from kiosk.services.speech.deferred import DeferredSpeaker
        from kiosk.services.speech.factory import create_speaker

        if not isinstance(self.speaker, DeferredSpeaker) or self.speaker.real is not None:
            return
        settings = self.settings
        voices = {"fa": str(settings["voice_fa"]) or None, "en": str(settings["voice_en"]) or None}
        self.speaker.attach(
            create_speaker(
                self.data_dir, voices, int(settings["speech_rate"]), int(settings["volume"])
            )
        )

    def finish_start(self) -> None:
        """Open the database once the home screen is up (importing sqlite-utils costs ~0.1 s)."""
        self.window.top_bar.show_numbers()
        if self.store is not None or self._store_tried:
            return
        self._store_tried = True
        from kiosk.services.store import open_store

        try:
            self.store = open_store(self.data_dir)
            self.window.ctx.store = self.store
            log.info("kiosk: ready, database open (%s)", self.store.path)
        except NoticeError as error:
            log.warning("%s", error)
            self.notices.append(error.notice)
            self.window.notice_bar.add(error.notice)

    def shutdown(self) -> None:
        """Stop every screen's pages, the practice portal, speech, and close the database."""
        self.window.shutdown_screens()
        self.window.ctx.portal.stop()
        self.speaker.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None


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
    speaker: Speaker | None = None,
    on_first_paint: list | None = None,
) -> Kiosk:
    """Build every service and the main window (not yet shown); the store opens after paint."""
    create_application()
    data_dir, notices = paths.prepare_data_dir(paths.data_dir(environ))
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
    deferred = speaker is None
    speaker = speaker or DeferredSpeaker()
    speaker.set_volume(int(settings["volume"]))
    speaker.set_rate(int(settings["speech_rate"]))
    ctx = UiContext(
        language=language,
        speaker=speaker,
        theme=theme,
        settings=settings,
        portal=PortalService(),
    )
    window = MainWindow(ctx, notices)
    for callback in on_first_paint or ():
        window.first_painted.connect(callback)
    window.add_screen(HomeScreen(ctx))
    window.add_screen(LearnScreen(ctx))
    staff = StaffAccess(data_dir, settings)
    assist = AssistScreen(ctx, staff, data_dir=data_dir)
    assist.session_done.connect(lambda: window.end_session("done"))
    window.add_screen(assist)
    window.add_screen(StaffScreen(ctx, staff))
    shell = Shell(ctx, window, staff)
    for notice in notices:
        log.warning("%s", notice.message.format(**notice.params))
    kiosk = Kiosk(data_dir, settings, None, language, speaker, theme, window, notices)
    kiosk.shell, kiosk.staff = shell, staff
    staff.store_provider = lambda: kiosk.store
    shell.start()
    if deferred:
        window.first_painted.connect(kiosk.attach_speech)
    window.first_painted.connect(kiosk.finish_start)
    return kiosk


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
    """Start the kiosk and run until it quits."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    window_ready: list = []
    if args.exit_when_ready:
        window_ready.append(lambda: _ready_then_quit(QTimer, QGuiApplication))
    instance = _claim_instance()
    if instance is None:
        return 0
    kiosk = build(args, on_first_paint=window_ready)
    window = kiosk.window
    # A fatal signal's stacks go to <data dir>/logs/crash.log; an uncaught exception is logged,
    # told to the person calmly, and the kiosk goes home instead of dying.
    enable_crash_log(kiosk.data_dir)
    recovery = ErrorRecovery(window)
    recovery.install()
    # A service manager stops the kiosk with SIGTERM: leave the event loop, then shut down.
    quit_on_signals()
    if getattr(args, "debug_dir", None):
        from kiosk.ui.shell.probe import DebugProbe

        DebugProbe(window, Path(args.debug_dir))
    instance.activate_requested.connect(kiosk.shell.bring_to_front)
    window.first_painted.connect(instance.listen)
    if args.windowed or not kiosk.settings["fullscreen"]:
        window.resize(1280, 800)
        window.show()
    else:
        kiosk.shell.kiosk_mode.enable()  # full screen, keys that would leave it ignored
    code = QGuiApplication.instance().exec()
    log.info("kiosk: stopping (exit code %s)", code)
    recovery.uninstall()
    kiosk.shutdown()
    instance.release()
    return code


def _claim_instance():
    """This user's only kiosk (the lock held), or None after waking the one already running."""
    from kiosk.services.instance import SingleInstance, wake_running

    create_application()
    folder = paths.data_dir()
    instance = SingleInstance(folder)
    if instance.acquire():
        return instance
    woke = wake_running(folder)
    print(
        "The kiosk is already running"
        + ("; it was brought to the front." if woke else ", but did not answer."),
        flush=True,
    )
    return None
