"""Volume and speaking-rate controls for the operator: large − and + buttons with spoken values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from kiosk.i18n import N_, format_percent
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded

STEP = 10


class SpeechControls(QWidget):
    """A view over the speaker's volume and rate; every change is spoken at the new setting."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.volume_label = QLabel()
        self.rate_label = QLabel()
        self.volume_down = self._button("−", lambda: self._volume(-STEP))
        self.volume_up = self._button("+", lambda: self._volume(STEP))
        self.rate_down = self._button("−", lambda: self._rate(-STEP))
        self.rate_up = self._button("+", lambda: self._rate(STEP))
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(24)
        grid.addWidget(self.volume_label, 0, 0)
        grid.addWidget(self.volume_down, 0, 1)
        grid.addWidget(self.volume_up, 0, 2)
        grid.addWidget(self.rate_label, 1, 0)
        grid.addWidget(self.rate_down, 1, 1)
        grid.addWidget(self.rate_up, 1, 2)
        grid.setColumnStretch(0, 1)
        ctx.language.language_changed.connect(self.retranslate)
        self.retranslate()

    def _button(self, text: str, action) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("step_button")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(action)
        return button

    @guarded
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.retranslate()

    def retranslate(self) -> None:
        if not self.isVisible():
            return  # the percentages need Babel (~40 ms): not until a person sees them
        volume = self.ctx.tr(
            N_("Volume {percent}"), percent=format_percent(self.ctx.speaker.volume)
        )
        rate = self.ctx.tr(
            N_("Speaking rate {percent}"), percent=format_percent(self.ctx.speaker.rate)
        )
        # Said as they are: a label's copy would lose their origin (kiosk/authored.py).
        self._volume_text, self._rate_text = volume, rate
        self.volume_label.setText(volume)
        self.rate_label.setText(rate)
        self.volume_down.setAccessibleName(self.ctx.tr(N_("Quieter")))
        self.volume_up.setAccessibleName(self.ctx.tr(N_("Louder")))
        self.rate_down.setAccessibleName(self.ctx.tr(N_("Slower")))
        self.rate_up.setAccessibleName(self.ctx.tr(N_("Faster")))

    def _volume(self, delta: int) -> None:
        self.ctx.speaker.set_volume(self.ctx.speaker.volume + delta)
        self.retranslate()
        self.ctx.say(self._volume_text)

    def _rate(self, delta: int) -> None:
        self.ctx.speaker.set_rate(self.ctx.speaker.rate + delta)
        self.retranslate()
        self.ctx.say(self._rate_text)
