"""A caption strip: what the kiosk is saying, in large text, for people who cannot hear it.

The strip always keeps its room at the bottom of the window, two lines high, even when nothing
is said: a strip that appeared with each sentence (and grew with its lines) moved every button
on the screen just as a person reached for it (found by the learner journey). A sentence too
long for two lines is drawn smaller so that all of it shows, down to body text's least size
(ACCESSIBILITY.md item 6, `MIN_PX`); the strip never grows (a taller strip moved the lesson's
buttons too, tests/layout finds it). What does not fit even then is shown as subtitles are:
in pages of two lines, each long enough to read (`READ_MS_PER_CHAR`), the last one lingering.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.theme import BODY_PX

LINGER_MS = 4000  # how long the caption stays after the speech ends
MIN_PX = BODY_PX  # the smallest the words are drawn (4.8 mm on the kiosk's screen)
READ_MS_PER_CHAR = 75  # a page of a long caption stays this long per letter (a slow reader)
PAGE_LEAST_MS = 2500  # and never less
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
        self._turn = QTimer(self)  # the next page of a long caption
        self._turn.setSingleShot(True)
        self._turn.timeout.connect(self._next_page)
        self._whole = ""  # what is being said; `text()` is the page of it shown
        self._pages: list[str] | None = None  # None: to be laid out again (new words)
        self._page = 0
        self._ended = False  # the speech ended while pages were still to show
        ctx.speaker.speaking.connect(self.show_text)
        # A bound method, not a lambda: Qt drops the connection when the caption is deleted,
        # while a lambda outlived it and touched a deleted timer when speech ended at quit.
        ctx.speaker.finished.connect(self._linger_then_hide)
        ctx.theme.changed.connect(self._fit)
        self._size_px = 0
        self._fit()

    def _linger_then_hide(self) -> None:
        if self._page < len(self._pages or []) - 1:
            self._ended = True  # the last page lingers once it is shown
            return
        self._linger.start(LINGER_MS)

    def show_text(self, text: str) -> None:
        """Show `text` now (each new utterance replaces the last)."""
        self._linger.stop()
        self._turn.stop()
        self._whole, self._pages, self._page, self._ended = text, None, 0, False
        self._fit()

    def clear_text(self) -> None:
        """Nothing is being said: an empty strip (its room stays)."""
        self._turn.stop()
        self._whole, self._pages, self._page, self._ended = "", None, 0, False
        self._fit()

    @property
    def pages(self) -> list[str]:
        """The pages the words being said are shown in (one where they fit two lines)."""
        return list(self._pages or [])

    def _next_page(self) -> None:
        self._page += 1
        self._show_page()

    def _show_page(self) -> None:
        page = self._pages[self._page] if self._pages else ""
        self.setText(page)
        if self._page < len(self._pages) - 1:
            self._turn.start(max(PAGE_LEAST_MS, READ_MS_PER_CHAR * len(page)))
        elif self._ended:
            self._linger.start(LINGER_MS)

    def _fit(self) -> None:
        """Keep the height of LINES lines; pick the largest text size, down to MIN_PX, that
        shows the words whole (small letters rather than a taller strip that moves every
        button above it); where even MIN_PX does not, split them into pages at MIN_PX."""
        theme = self.ctx.theme
        body, padding = theme.px(BODY_PX), PADDING_PX
        font = QFont(self.font())
        font.setPixelSize(body)
        room = LINES * QFontMetrics(font).lineSpacing()
        width = self.width() - 2 * padding
        size, pages = body, [self._whole] if self._whole else []
        if self._whole and width > 0:
            while size > MIN_PX and self._needs(font, size, width, self._whole) > room:
                size -= 1
            if self._needs(font, size, width, self._whole) > room:
                pages = self._paged(font, size, width, room)
        self.setFixedHeight(room + 2 * padding)
        if size != self._size_px:
            self._size_px = size
            # Only when the sentence needs it: the theme's size otherwise.
            self.setStyleSheet("" if size == body else f"QLabel#caption {{ font-size: {size}px; }}")
        if pages != self._pages:
            old = self._pages or []
            shown = old[self._page] if self._page < len(old) else ""
            self._pages = pages
            # At another width the same words fall on other pages: go on from the one whose
            # words were being read.
            self._page = next(
                (i for i, page in enumerate(pages) if shown and shown.split()[0] in page.split()),
                0,
            )
            self._turn.stop()
            self._show_page()

    def _paged(self, font: QFont, size: int, width: int, room: int) -> list[str]:
        """The words in pages of at most LINES lines at `size`, each as full as it can be."""
        pages: list[str] = []
        page: list[str] = []
        for word in self._whole.split():
            if page and self._needs(font, size, width, " ".join([*page, word])) > room:
                pages.append(" ".join(page))
                page = []
            page.append(word)
        if page:
            pages.append(" ".join(page))
        return pages

    @staticmethod
    def _needs(font: QFont, size: int, width: int, text: str) -> int:
        font.setPixelSize(size)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), flags, text).height()

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()
