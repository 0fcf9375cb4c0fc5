"""A caption strip: what the kiosk is saying, in large text, for people who cannot hear it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from kiosk.ui.context import UiContext

LINGER_MS = 4000  # how long the caption stays after the speech ends


class Caption(QLabel):
    """Shows each utterance as it starts; hides a few seconds after speech ends."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setObjectName("caption")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._linger = QTimer(self)
        self._linger.setSingleShot(True)
        self._linger.timeout.connect(self.hide)
        ctx.speaker.speaking.connect(self.show_text)
        # A bound method, not a lambda: Qt drops the connection when the caption is deleted,
        # while a lambda outlived it and touched a deleted timer when speech ended at quit.
        ctx.speaker.finished.connect(self._linger_then_hide)
        self.hide()

    def _linger_then_hide(self) -> None:
        self._linger.start(LINGER_MS)

    def show_text(self, text: str) -> None:
        """Show `text` now (each new utterance replaces the last)."""
        self._linger.stop()
        self.setText(text)
        self.show()
