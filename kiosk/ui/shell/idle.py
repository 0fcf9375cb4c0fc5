"""Idle handling for every screen: warn by voice and on screen, let people stay, else reset.

After `idle_seconds` without a touch, key or wheel anywhere in the application, a warning
covers the window with a large "I am still here" button and a countdown of
`idle_warning_seconds` (at least 20). Any touch extends the session, as often as needed
(docs/accessibility.md item 14 asks for at least 10 times). When the countdown ends the session
resets: `window.end_session("idle")` (others hook `session_ended`), then the attract screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import N_, Np_, format_number
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import icon, pixmap

TITLE = N_("Are you still there?")
STAY = N_("I am still here")
COUNTDOWN = Np_(
    "The kiosk will start again for the next person in {seconds} second.",
    "The kiosk will start again for the next person in {seconds} seconds.",
)
SPOKEN = N_("Are you still there? Touch “I am still here” to go on.")


class IdleWarning(QWidget):
    """The warning layer over the whole window: pictogram, question, countdown, big button."""

    stay = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("idle_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card = QFrame()
        self.card.setObjectName("idle_card")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.message = QLabel()
        self.message.setObjectName("body")
        for label in (self.title, self.message):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton()
        self.button.setObjectName("idle_stay")
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.clicked.connect(self.stay)
        column = QVBoxLayout(self.card)
        column.setSpacing(24)
        column.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        column.addWidget(self.message)
        column.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        self.seconds = 0
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        self._restyle()
        self.hide()

    def set_seconds(self, seconds: int) -> None:
        """Show how many seconds are left."""
        self.seconds = seconds
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.ctx.tr(TITLE))
        if self.seconds:  # Babel's digits (~30 ms to load) only once a countdown runs
            self.message.setText(
                self.ctx.trn(COUNTDOWN, self.seconds, seconds=format_number(self.seconds))
            )
        self.button.setText(self.ctx.tr(STAY))
        self.button.setAccessibleName(self.button.text())

    def _restyle(self) -> None:
        theme, p = self.ctx.theme, self.ctx.theme.palette
        side = theme.icon_px(96)
        self.picture.setPixmap(pixmap("timer", side))
        self.picture.setFixedSize(side + theme.px(32), side + theme.px(32))
        self.button.setIcon(icon("touch"))
        self.button.setIconSize(QSize(theme.icon_px(64), theme.icon_px(64)))
        self.card.setMaximumWidth(theme.px(760))
        self.setStyleSheet(
            f"""
#idle_overlay {{ background: rgba(0, 0, 0, 170); }}
#idle_card {{
  background: {p.window}; border: 4px solid {p.edge or p.text}; border-radius: {theme.px(24)}px;
  padding: 32px;
}}
#idle_card QLabel {{ background: {p.bar}; border-radius: {theme.px(16)}px; }}
#idle_card QLabel#title, #idle_card QLabel#body {{ background: transparent; }}
QPushButton#idle_stay {{
  background: {p.learn}; min-height: {theme.icon_px(112)}px; font-size: {theme.px(40)}px;
  font-weight: bold;
}}
"""
        )
        self.retranslate()


# The end of a press: the moment a warning may leave without the finger landing elsewhere.
_RELEASES = frozenset(
    {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.KeyRelease}
)


class IdleController(QObject):
    """Watches all input; warns after `idle_seconds`, resets after the countdown."""

    warning_shown = Signal()
    extended = Signal(int)  # how many times this session has been extended
    reset_done = Signal()

    def __init__(self, ctx: UiContext, window, *, attract_key: str = "attract") -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.attract_key = attract_key
        # How long one "second" lasts; tests shorten it, never the options' own limits.
        self.second_ms = 1000
        self.extensions = 0
        self._refocus: QWidget | None = None
        self._left = 0
        self.warning = IdleWarning(ctx, window)
        self.warning.stay.connect(self.extend)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)
        ctx.settings.changed.connect(self._on_setting)
        self._watching = False
        self._extend_on_release = False
        window.installEventFilter(self)  # the window itself only: resize and close

    def start(self) -> None:
        """Begin watching the window's input (after the window is shown)."""
        if not self._watching:
            self.window.events.user_input.connect(self._on_activity)
            self.window.events.add_handler(self._on_input)
            self._watching = True
        self.restart()

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        if self._watching:
            self.window.events.user_input.disconnect(self._on_activity)
            self.window.events.remove_handler(self._on_input)
            self._watching = False
        self._idle.stop()
        self._tick.stop()

    def restart(self) -> None:
        """Count the idle time again from now."""
        self._idle.start(int(self.ctx.settings["idle_seconds"]) * self.second_ms)

    def extend(self) -> None:
        """The person is still here: hide the warning and count again."""
        self._extend_on_release = False
        if self.warning.isVisible():
            self._tick.stop()
            self._hide_warning()
            self.extensions += 1
            self.extended.emit(self.extensions)
        self.restart()

    @guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = getattr(self, "window", None)
        if window is None:  # being torn down while the application still sends events
            return False
        kind = event.type()
        if watched is window:
            if kind == QEvent.Type.Resize:
                self.warning.setGeometry(self.window.rect())
            elif kind == QEvent.Type.Close:
                self.stop()
        return False

    def _on_activity(self) -> None:
        """Any key, touch or mouse input in the window."""
        if self.warning.isVisible():
            # Extend when the press ends, not now: hiding the warning under a finger sent
            # the release to whatever lay beneath it, so "I am still here" also pressed the
            # button behind it (found by the idle journey, on a real display).
            self._extend_on_release = True
        elif self._idle.isActive() or self._on_attract():
            self.restart()

    def _on_input(self, event: QEvent) -> bool:
        if self._extend_on_release and event.type() in _RELEASES:
            self._extend_on_release = False
            QTimer.singleShot(0, self.extend)  # once the release has reached the warning
        return False

    def _hide_warning(self) -> None:
        # Hand focus back quietly: hiding a focused widget would tab on (and speak) otherwise.
        self.warning.button.clearFocus()
        self.warning.hide()
        previous, self._refocus = self._refocus, None
        if previous is not None and previous.isVisible():
            previous.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_attract(self) -> bool:
        current = self.window.current_screen()
        return current is not None and current.key == self.attract_key

    def _on_idle(self) -> None:
        if self._on_attract():
            return  # nobody to warn; the next touch starts counting again
        from PySide6.QtWidgets import QApplication

        self._refocus = QApplication.focusWidget()
        self._left = int(self.ctx.settings["idle_warning_seconds"])
        self.warning.set_seconds(self._left)
        self.warning.setGeometry(self.window.rect())
        self.warning.show()
        self.warning.raise_()
        self.warning.button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._tick.start(self.second_ms)
        self.ctx.say(self.ctx.tr(SPOKEN))
        self.warning_shown.emit()

    def _on_tick(self) -> None:
        self._left -= 1
        self.warning.set_seconds(self._left)
        if self._left <= 0:
            self.reset()

    def reset(self) -> None:
        """Nobody answered: end the session and show the attract screen."""
        self._tick.stop()
        self._refocus = None
        self._hide_warning()
        self.extensions = 0
        settings = self.ctx.settings
        self.window.end_session("idle")
        # The next person starts from the kiosk's defaults, not the last person's choices.
        self.ctx.language.set_language(str(settings["language"]))
        settings.set("text_scale", settings.baseline["text_scale"])
        self.ctx.speaker.set_volume(int(settings["volume"]))
        if self.attract_key in self.window.screens:
            self.window.show_screen(self.attract_key)
        self.reset_done.emit()

    def _on_setting(self, key: str, _value: object) -> None:
        if key == "idle_seconds" and self._idle.isActive():
            self.restart()
