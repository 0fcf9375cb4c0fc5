"""A portal page's alert(), confirm(), prompt() and beforeunload, asked of the operator in the
kiosk's own large box over the page (never Qt's message box).

The page's words are plain text only (never rich text, never a link), cleaned of control and
direction-override characters and cut (`plain_page_text`), shown under the site's name in words
("The website my.gov.ir says:") and spoken as private text (a plain `str`: never cached, see
kiosk/authored.py). One box at a time; a page that keeps opening them gets `LIMIT` within
`WINDOW` seconds, then every further one is refused at once and `stopped` tells the operator.
`close_all()` (the session's end) answers the open box "no" and refuses all that follow. The
file picker (`file_picker.py`) opens its box through the same `may_open` and `hold`: one box of
either kind at a time, counted together.

QtWebEngine asks a page's dialog synchronously (the page's virtual returns the answer), so
`ask()` waits in a nested event loop: the kiosk stays live around it (End, the guide, speech).
The box covers only the web view, so End beside it is always there.
"""

from __future__ import annotations

import time
import unicodedata
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.flows.urls import split_url
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import pixmap
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.tile import Tile

PAGE_TEXT_LIMIT = 600  # characters of a page's dialog text shown; the rest is cut
LIMIT = 5  # dialogs a page may open within WINDOW seconds; the rest of the session: none
WINDOW = 60.0
PROMPT_LIMIT = 500  # characters the operator may type into a prompt() answer

SAYS = N_("The website {site} says:")
ASKS_LEAVE = N_(
    "The website {site} asks whether to leave this page. What was typed on it may be lost."
)
SPOKEN = N_("The website {site} says: {message}")
OK = N_("OK")
YES = N_("Yes")
NO = N_("No")
CANCEL = N_("Cancel")
LEAVE = N_("Leave the page")
STAY = N_("Stay on this page")
STOPPED = N_(
    "The website keeps opening messages, so the kiosk no longer shows them. If the page does "
    "not go on, end the session."
)

KINDS = ("alert", "confirm", "prompt", "leave")


def plain_page_text(text: str) -> str:
    """A page's dialog text made safe to show: control and direction-override characters
    dropped (kept: new lines, tabs, ZWNJ/ZWJ of Persian), cut to `PAGE_TEXT_LIMIT`."""
    kept = []
    for char in text[: PAGE_TEXT_LIMIT * 4]:
        category = unicodedata.category(char)
        if char in "\n\t\u200c\u200d" or category[0] != "C":
            kept.append(char)
    cleaned = "".join(kept).strip()
    return cleaned if len(cleaned) <= PAGE_TEXT_LIMIT else cleaned[:PAGE_TEXT_LIMIT] + "…"


def site_in_words(origin: str) -> str:
    """The page's host, as an operator reads it ("my.gov.ir"), isolated for right-to-left text;
    the origin as it came if it has none (cleaned like page text)."""
    host = split_url(origin).host.strip("[]") if origin else ""
    return "\u2066" + plain_page_text(host or origin)[:100] + "\u2069"


class PageDialogBox(QFrame):
    """The box itself: the site, the page's words, an answer field for prompt(), two buttons
    (one for alert()). `answered(accepted, text)` once."""

    answered = Signal(bool, str)

    def __init__(
        self, ctx: UiContext, kind: str, site: str, message: str, default: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.setObjectName("page_dialog")
        self.setAutoFillBackground(True)
        self._done = False
        column = QVBoxLayout(self)
        px = ctx.theme.px
        column.setContentsMargins(px(32), px(32), px(32), px(32))
        column.setSpacing(px(20))
        top = QHBoxLayout()
        self.picture = QLabel()
        size = ctx.theme.icon_px(64)
        self.picture.setPixmap(pixmap("notice", size))
        self.picture.setFixedSize(size, size)
        self.site = label("page_dialog_site", big=True)
        if kind == "leave":
            self.site.setText(ctx.tr(ASKS_LEAVE, site=site))
        else:
            self.site.setText(ctx.tr(SAYS, site=site))
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.site, 1)
        column.addLayout(top)
        self.text = label("page_dialog_text")  # plain text, word-wrapped: never a link
        self.text.setText(message)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # In a scroll area: 600 characters at 200 % text are taller than a small view.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.text)
        self.scroll.setVisible(bool(message))
        column.addWidget(self.scroll, 1)
        self.field: QLineEdit | None = None
        if kind == "prompt":
            self.field = QLineEdit(default[:PROMPT_LIMIT])
            self.field.setObjectName("page_dialog_field")
            self.field.setMaxLength(PROMPT_LIMIT)
            self.field.setMinimumHeight(px(64))
            column.addWidget(self.field)
        if not message:
            column.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(px(24))
        yes_no = {
            "alert": ((OK, "tick"), None),
            "confirm": ((YES, "tick"), (NO, "cross")),
            "prompt": ((OK, "tick"), (CANCEL, "cross")),
            "leave": ((LEAVE, "exit"), (STAY, "cross")),
        }[kind]
        self.yes = Tile(
            ctx, yes_no[0][1], yes_no[0][0], name="page_dialog_yes", icon_px=48, horizontal=True
        )
        self.yes.activated.connect(lambda: self.answer(True))
        row.addWidget(self.yes)
        self.no: Tile | None = None
        if yes_no[1] is not None:
            self.no = Tile(
                ctx, yes_no[1][1], yes_no[1][0], name="page_dialog_no", icon_px=48, horizontal=True
            )
            self.no.activated.connect(lambda: self.answer(False))
            row.addWidget(self.no)
        column.addLayout(row)
        p = ctx.theme.palette
        self.setStyleSheet(
            f"QFrame#page_dialog {{ background: {p.window}; border: {px(6)}px solid "
            f"{p.notice_text}; border-radius: {px(12)}px; }}"
            f"QLabel#page_dialog_site, QLabel#page_dialog_text {{ color: {p.text}; "
            f"font-size: {px(28)}px; background: transparent; }}"
            f"QLabel#page_dialog_site {{ font-weight: bold; }}"
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; border: 0; }"
            f"QLineEdit {{ font-size: {px(28)}px; }}"
        )
        for tile in (self.yes, self.no):
            if tile is not None:
                tile.setMinimumHeight(px(72))

    def answer(self, accepted: bool) -> None:
        if self._done:
            return
        self._done = True
        text = self.field.text() if (accepted and self.field is not None) else ""
        self.answered.emit(accepted, text)

    @guarded
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.answer(self.kind == "alert")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.field is not None:
            self.answer(True)
        else:
            super().keyPressEvent(event)


class PageDialogs(QObject):
    """The operator's side of one session's page dialogs (see the module's text)."""

    stopped = Signal()  # the page opened too many: the rest are refused
    shown = Signal(object)  # the PageDialogBox now shown (tests and the probe find it)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.box: Any = None  # the box shown: a PageDialogBox or the file picker's
        self.closed = False
        self.flooded = False
        self.asked = 0  # boxes shown (a test seam)
        self.refused = 0  # dialogs answered "no" without a box: busy, flooded or closed
        self._times: list[float] = []
        self._loop: QEventLoop | None = None
        self._cover: QWidget | None = None

    @property
    def open(self) -> bool:
        """Whether a box is waiting for the operator (its nested event loop is running)."""
        return self._loop is not None

    def ask(
        self, cover: QWidget | None, kind: str, origin: str, message: str, default: str = ""
    ) -> tuple[bool, str]:
        """Show the box over `cover` (the web view) and wait for the operator's answer."""
        if not self.may_open(cover):
            return False, ""
        assert cover is not None
        site = site_in_words(origin)
        text = "" if kind == "leave" else plain_page_text(message)
        box = PageDialogBox(self.ctx, kind, site, text, plain_page_text(default), cover)
        # Page text: a plain str, so the words are spoken but never cached.
        if kind == "leave":
            words = box.site.text()
        else:
            words = Notice(SPOKEN, {"site": site, "message": text}).text()
        answer = self.hold(box, cover, box.field or box.yes, words, self.shown)
        return (answer[0], answer[1]) if answer else (False, "")

    def may_open(self, cover: QWidget | None) -> bool:
        """Whether a box may open over `cover` now: the session goes on, no other box is open,
        and the page has not opened too many (this one counts). A no is counted as refused."""
        if self.closed or self._loop is not None or cover is None or not self._admit():
            self.refused += 1
            return False
        return True

    def hold(
        self, box: QWidget, cover: QWidget, focus: QWidget, words: str, shown: SignalInstance
    ) -> tuple | None:
        """Show `box` (any box with `answered` and `answer(False)`: this module's, the file
        picker's) over `cover`, say `words`, emit `shown(box)`, and wait in a nested event loop
        for the operator's answer: the arguments of `answered`, or None. Ask `may_open` first."""
        result: list[tuple] = []
        loop = QEventLoop()
        box.answered.connect(lambda *args: (result.append(args), loop.quit()))
        self.box, self._loop, self._cover = box, loop, cover
        cover.installEventFilter(self)
        self._place()
        box.show()
        box.raise_()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.asked += 1
        self.ctx.say(words)
        shown.emit(box)
        loop.exec()
        cover.removeEventFilter(self)
        self.box, self._loop, self._cover = None, None, None
        box.hide()
        box.deleteLater()
        return result[0] if result else None

    def _admit(self) -> bool:
        if self.flooded:
            return False
        now = time.monotonic()
        self._times = [t for t in self._times if now - t < WINDOW]
        if len(self._times) >= LIMIT:
            self.flooded = True
            self.stopped.emit()
            return False
        self._times.append(now)
        return True

    def close_all(self) -> None:
        """The session ends: the open box answers "no", and every later dialog is refused."""
        self.closed = True
        if self.box is not None:
            self.box.answer(False)

    def _place(self) -> None:
        if self.box is not None and self._cover is not None:
            self.box.setGeometry(self._cover.rect())

    @guarded(fallback=False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._cover and event.type() == QEvent.Type.Resize:
            self._place()
        return False
