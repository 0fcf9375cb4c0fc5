"""The attract screen: a slow carousel of what the kiosk offers, in every offered language.

Shown after an idle reset. Each slide has a pictogram and its text in each language, each
paragraph in its own direction. "Touch the screen to start" is spoken at a gentle interval
(`attract_interval`, silent when `attract_speech` is off). Any touch or key opens home.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from kiosk.core.languages import language_info
from kiosk.i18n import N_, translate
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import icon, pixmap
from kiosk.ui.widgets.screen import Screen

# (pictogram, palette colour, text)
SLIDES = (
    (
        "learn",
        "learn",
        N_("Learn to use government services, step by step, with a voice to guide you."),
    ),
    ("help", "help", N_("Get help with a government service: an operator sits with you.")),
    ("staff", "staff", N_("The staff are here to help you. Ask them anything.")),
)
INVITE = N_("Touch the screen to start")
SLIDE_SECONDS = 8


class AttractScreen(Screen):
    """Carousel and invitation; a touch anywhere asks for the home screen."""

    key = "attract"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, N_("Welcome to the service centre"))
        self.second_ms = 1000  # tests shorten it
        self.index = 0
        self.picture = QLabel()
        self.picture.setObjectName("attract_picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slide = QFrame()
        self.slide.setObjectName("attract_slide")
        self.lines: list[QLabel] = []
        slide_column = QVBoxLayout(self.slide)
        slide_column.setSpacing(16)
        for _ in range(2):
            line = QLabel()
            line.setObjectName("attract_line")
            line.setWordWrap(True)
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
            slide_column.addWidget(line)
            self.lines.append(line)
        self.start_button = QPushButton()
        self.start_button.setObjectName("attract_start")
        self.start_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.start_button.clicked.connect(self.start)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.slide)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.start_button)
        self._slides = QTimer(self)
        self._slides.timeout.connect(self.next_slide)
        self._invite = QTimer(self)
        self._invite.timeout.connect(self.invite)
        self.content.installEventFilter(self)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        ctx.settings.changed.connect(self._on_setting)
        self._restyle()
        self.retranslate()

    def start(self) -> None:
        """Someone is here: go to the home screen."""
        self.navigate.emit("home")

    def intro(self) -> str:
        return self.ctx.tr(INVITE) if self.ctx.settings["attract_speech"] else ""

    def invite(self) -> None:
        """Say "Touch the screen to start" (unless the attract screen is set to be silent)."""
        if self.ctx.settings["attract_speech"]:
            self.ctx.say(self.ctx.tr(INVITE))

    def next_slide(self) -> None:
        """Show the next slide of the carousel."""
        self.index = (self.index + 1) % len(SLIDES)
        self._show_slide()

    def retranslate(self) -> None:
        super().retranslate()
        invite = self.ctx.tr(INVITE)
        self.start_button.setText(invite)
        self.start_button.setAccessibleName(invite)
        self._show_slide()

    def _languages(self) -> list[str]:
        # The interface language first, then the others offered.
        current = self.ctx.language.code
        return [current] + [code for code in self.ctx.language.offered if code != current]

    def _show_slide(self) -> None:
        pictogram, _colour, text = SLIDES[self.index]
        size = self.ctx.theme.icon_px(120)
        self.picture.setPixmap(pixmap(pictogram, size))
        self.picture.setFixedSize(size + self.ctx.theme.px(48), size + self.ctx.theme.px(48))
        self.picture.setProperty("colour", _colour)
        self._restyle_picture()
        codes = self._languages()
        for line, code in zip(self.lines, codes + [""] * len(self.lines), strict=False):
            line.setVisible(bool(code))
            if code:
                line.setText(translate(text, code))
                rtl = language_info(code).rtl
                line.setLayoutDirection(
                    Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
                )

    def _restyle_picture(self) -> None:
        p = self.ctx.theme.palette
        colour = getattr(p, str(self.picture.property("colour") or "learn"))
        self.picture.setStyleSheet(
            f"background: {colour}; border-radius: {self.ctx.theme.px(32)}px;"
        )

    def _restyle(self) -> None:
        theme, p = self.ctx.theme, self.ctx.theme.palette
        self.start_button.setIcon(icon("touch"))
        self.start_button.setIconSize(QSize(theme.icon_px(72), theme.icon_px(72)))
        self.setStyleSheet(
            f"""
QLabel#attract_line {{ font-size: {theme.px(30)}px; color: {p.text}; }}
QPushButton#attract_start {{
  background: {p.learn}; min-height: {theme.px(96)}px; font-size: {theme.px(36)}px;
  font-weight: bold;
}}
"""
        )
        if hasattr(self, "lines"):
            self._show_slide()

    def _on_setting(self, key: str, _value: object) -> None:
        if key == "attract_interval" and self._invite.isActive():
            self._invite.start(int(self.ctx.settings["attract_interval"]) * self.second_ms)

    @guarded
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.index = 0
        self._show_slide()
        self._slides.start(SLIDE_SECONDS * self.second_ms)
        self._invite.start(int(self.ctx.settings["attract_interval"]) * self.second_ms)

    @guarded
    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._slides.stop()
        self._invite.stop()

    @guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.start()
            return True
        return False
