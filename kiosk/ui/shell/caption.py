"""A caption strip: what the kiosk is saying, in large text, for people who cannot hear it.

The strip always keeps its room at the bottom of the window, two lines high, even when nothing
is said: a strip that appeared with each sentence (and grew with its lines) moved every button
on the screen just as a person reached for it (found by the learner journey). A sentence too
long for two lines is drawn smaller so that all of it shows; the strip never grows (a taller
strip moved the lesson's buttons too, tests/layout finds it).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.theme import BODY_PX

LINGER_MS = 4000  # how long the caption stays after the speech ends
LINES = 2  # the room the strip keeps
PADDING_PX = 12  # the style sheet's padding of QLabel#caption (not scaled: the text is)


class Caption(QLabel):
    """Shows each utterance as it starts; clears it a few seconds after speech ends."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("caption")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._linger = QTimer(self)
        self._linger.setSingleShot(True)
        self._linger.timeout.connect(self.clear_text)
        ctx.speaker.speaking.connect(self.show_text)
        # A bound method, not a lambda: Qt drops the connection when the caption is deleted,
        # while a lambda outlived it and touched a deleted timer when speech ended at quit.
        ctx.speaker.finished.connect(self._linger_then_hide)
        ctx.theme.changed.connect(self._fit)
        self._size_px = 0
        self._fit()

    def _linger_then_hide(self) -> None:
        self._linger.start(LINGER_MS)

    def show_text(self, text: str) -> None:
        """Show `text` now (each new utterance replaces the last)."""
        self._linger.stop()
        self.setText(text)
        self._fit()

    def clear_text(self) -> None:
        """Nothing is being said: an empty strip (its room stays)."""
        self.setText("")
        self._fit()

    def _fit(self) -> None:
        """Keep the height of LINES lines; pick the largest text size that shows it all
        (a very long sentence gets small letters rather than a taller strip that moves every
        button above it)."""
        theme = self.ctx.theme
        body, padding = theme.px(BODY_PX), PADDING_PX
        font = QFont(self.font())
        font.setPixelSize(body)
        room = LINES * QFontMetrics(font).lineSpacing()
        width = self.width() - 2 * padding
        size = body
        if self.text() and width > 0:
            while size > 1 and self._needs(font, size, width) > room:
                size -= 1
        self.setFixedHeight(room + 2 * padding)
        if size != self._size_px:
            self._size_px = size
            # Only when the sentence needs it: the theme's size otherwise.
            self.setStyleSheet("" if size == body else f"QLabel#caption {{ font-size: {size}px; }}")

    def _needs(self, font: QFont, size: int, width: int) -> int:
        font.setPixelSize(size)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        return (
            QFontMetrics(font)
            .boundingRect(QRect(0, 0, width, 100_000), flags, self.text())
            .height()
        )

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()
