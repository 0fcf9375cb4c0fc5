"""The main window: a thin frame of top bar, notice bar and a stack of screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.shell.caption import Caption
from kiosk.ui.shell.notice_bar import NoticeBar
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.shell.window_events import WindowEvents
from kiosk.ui.speech_focus import SpeakOnFocus
from kiosk.ui.widgets.screen import Screen


class MainWindow(QMainWindow):
    """Shows one screen at a time; screens ask to navigate by key and the window obliges."""

    # Emitted once, when the home screen has painted its first frame.
    first_painted = Signal()
    # A person's session ended ("idle" reset, or "done"): sign learners and staff out here.
    session_ended = Signal(str)

    def __init__(self, ctx: UiContext, notices: list[Notice]) -> None:
        super().__init__()
        self.ctx = ctx
        self.screens: dict[str, Screen] = {}
        self.top_bar = TopBar(ctx)
        self.notice_bar = NoticeBar(ctx, notices)
        self.stack = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top_bar)
        column.addWidget(self.notice_bar)
        column.addWidget(self.stack, 1)
        self.caption = Caption(ctx)
        column.addWidget(self.caption)
        # The window is the screen: it never grows to what its pages would like (a notice in
        # large text grew it past the bottom of the screen). What does not fit must scroll.
        central.setMinimumSize(1, 1)
        self.setCentralWidget(central)
        self._painted = False
        # Every input event of this window, for idle handling, kiosk keys and the like.
        self.events = WindowEvents(self)
        self.events.follow(self)
        # Any control reached by keyboard speaks its name (docs/accessibility.md item 4).
        self._speak_on_focus = SpeakOnFocus(ctx)
        self.events.add_handler(self._speak_on_focus.key_event)
        ctx.language.language_changed.connect(self.retranslate)
        self.retranslate()

    def add_screen(self, screen: Screen) -> None:
        """Register `screen` under its key; the first one added is the home screen."""
        if not self.screens:
            # The scrolled content is what actually paints (the screen itself is covered).
            screen.content.installEventFilter(self)
        self.screens[screen.key] = screen
        self.stack.addWidget(screen)
        screen.navigate.connect(self.show_screen)

    def show_screen(self, key: str) -> None:
        """Bring the screen `key` forward and speak its introduction."""
        screen = self.screens[key]
        screen.activate()
        self.stack.setCurrentWidget(screen)
        self.ctx.say(screen.intro())

    def current_screen(self) -> Screen:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def end_session(self, reason: str = "done") -> None:
        """A person is done: stop speech, volume back to default, home screen."""
        self.ctx.speaker.stop()
        self.ctx.speaker.reset_volume()
        for screen in self.screens.values():
            screen.reset()
        self.stack.setCurrentWidget(self.screens["home"])
        self.session_ended.emit(reason)

    def shutdown_screens(self) -> None:
        """The kiosk quits: let every screen stop what it started."""
        for screen in self.screens.values():
            screen.shutdown()

    @guarded
    def closeEvent(self, event: QCloseEvent) -> None:
        self._speak_on_focus.detach()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.ctx.tr(N_("Service centre kiosk")))

    @guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            self.first_painted.emit()
        return False
