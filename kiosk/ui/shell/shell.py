"""The kiosk shell around the screens: idle reset, attract screen, kiosk mode, staff gesture.

Built once by kiosk.app; keeps that logic out of the main window. Anything that must happen
when a person's session ends connects to `window.session_ended` (reason "idle" or "done").
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.shell.attract import AttractScreen
from kiosk.ui.shell.gesture import CornerHold
from kiosk.ui.shell.idle import IdleController
from kiosk.ui.shell.kiosk_mode import KioskMode
from kiosk.ui.shell.main_window import MainWindow


class Shell(QObject):
    """Owns the shell's parts and wires them to the window and the staff session."""

    def __init__(self, ctx: UiContext, window: MainWindow, staff: StaffAccess) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.staff = staff
        self.attract = AttractScreen(ctx)
        window.add_screen(self.attract)
        self.idle = IdleController(ctx, window, attract_key=self.attract.key)
        self.kiosk_mode = KioskMode(window)
        self.gesture = CornerHold(window)
        self.gesture.triggered.connect(self.open_staff)
        staff.leave_kiosk_requested.connect(self.kiosk_mode.leave)
        window.session_ended.connect(self._on_session_ended)
        apply_live_settings(ctx)

    def start(self, *, kiosk_mode: bool = False) -> None:
        """Begin idle watching and the hidden gesture; lock the kiosk down if asked."""
        from PySide6.QtWidgets import QApplication

        self.idle.start()
        self.gesture.install()
        if kiosk_mode:
            self.kiosk_mode.enable()
        QApplication.instance().aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        """Remove the application-wide filters (the application is quitting)."""
        self.idle.stop()
        self.gesture.uninstall()
        self.kiosk_mode.disable()

    def open_staff(self) -> None:
        """The hidden gesture: straight to staff sign-in."""
        if self.window.current_screen().key != "staff":
            self.window.show_screen("staff")

    def bring_to_front(self) -> None:
        """Another start of the kiosk asked for this one."""
        window = self.window
        if self.kiosk_mode.enabled:
            window.showFullScreen()
        else:
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def _on_session_ended(self, reason: str) -> None:
        self.staff.sign_out()
        if reason == "idle":  # nobody is at the kiosk: the operator's duty ends too
            self.staff.end_duty()
        # The volume staff chose as default, not the speaker's built-in one.
        self.ctx.speaker.set_volume(int(self.ctx.settings["volume"]))


def apply_live_settings(ctx: UiContext) -> None:
    """Apply speech and language settings the moment they change."""

    def apply(key: str, value: object) -> None:
        speaker = ctx.speaker
        if key == "speech_rate":
            speaker.set_rate(int(value))  # type: ignore[call-overload]
        elif key == "volume":
            speaker.set_volume(int(value))  # type: ignore[call-overload]
        elif key.startswith("voice_"):
            speaker.set_voice(key.removeprefix("voice_"), str(value) or None)
        elif key == "languages":
            language = ctx.language
            language.offered = tuple(value)  # type: ignore[arg-type]
            if language.code not in language.offered:
                language.set_language(language.offered[0])
            else:
                language.language_changed.emit(language.code)  # the language button updates

    ctx.settings.changed.connect(apply)
