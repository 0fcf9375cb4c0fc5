"""The base of every full screen: a title, a spoken introduction and a way to ask to navigate."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.tile import Tile

MORE_BELOW = N_("More below")
MARGINS = (32, 16, 32, 32)  # left, top, right, bottom of the scrolled content
FOOTER_MARGINS = (32, 8, 32, 16)
FILLED_MARGIN = 8  # above a page that fills the screen, and between it and the footer


class Screen(QWidget):
    """One screen of the kiosk. Emits `navigate(key)`; the shell decides what to show."""

    navigate = Signal(str)
    key = "screen"

    def __init__(self, ctx: UiContext, title_msgid: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._title_msgid = title_msgid
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        # Content scrolls rather than being squeezed when text is enlarged on a small screen.
        self.content = content = QWidget()
        content.setObjectName("screen")
        content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        scroll.verticalScrollBar().setObjectName("screen_scrollbar")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        # Navigation (Back) stays in view below the scrolled content.
        bottom = QHBoxLayout()
        bottom.setContentsMargins(*FOOTER_MARGINS)
        self.footer = QHBoxLayout()
        self.footer.setContentsMargins(0, 0, 0, 0)
        bottom.addLayout(self.footer, 1)
        # Where a page must scroll (big text on a small screen), the way down is a large,
        # visible tile that says what it does, not only a bar at the side.
        self.more = Tile(
            ctx, "more_below", MORE_BELOW, name="tile_more", icon_px=48, horizontal=True
        )
        # The arrow alone (its name is spoken on touch and read by screen readers): beside the
        # lesson's Back / Lessons / Next, words would squeeze them at 200 %.
        self.more.text_label.hide()
        self.more.activated.connect(self.scroll_down)
        # Its room is kept while it is hidden: the lesson's Back / Lessons / Next beside it must
        # not move when one step scrolls and the next does not.
        policy = self.more.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)
        self.more.setSizePolicy(policy)
        self.more.hide()
        bottom.addWidget(self.more)
        outer.addLayout(bottom)
        self._bottom = bottom
        bar = scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._show_more)
        bar.valueChanged.connect(self._show_more)
        # And once more when the event loop is back: a relayout (a smaller text size) can end
        # with the bar at 0 and the tile still shown from a moment of it.
        self._more_check = QTimer(self)
        self._more_check.setSingleShot(True)
        self._more_check.setInterval(0)
        self._more_check.timeout.connect(self._update_more)
        self.layout_ = QVBoxLayout(content)
        self.layout_.setContentsMargins(*MARGINS)
        self.layout_.setSpacing(24)
        self.layout_.addWidget(self.title)
        ctx.language.language_changed.connect(self.retranslate)

    def scroll_down(self) -> None:
        """Most of a screen further down (the last lines stay in view, to keep one's place)."""
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + max(1, bar.pageStep() * 4 // 5))

    def _show_more(self, *_args) -> None:
        self._update_more()
        self._more_check.start()

    def _update_more(self) -> None:
        bar = self.scroll.verticalScrollBar()
        self.more.setVisible(bar.value() < bar.maximum())

    def set_filled(self, filled: bool) -> None:
        """A page that fills the screen (a web page and its guide) takes the room the margins
        above and below the content took; the footer keeps only its side margins."""
        left, top, right, bottom = MARGINS
        if filled:
            top, bottom = FILLED_MARGIN, 0
        self.layout_.setContentsMargins(left, top, right, bottom)
        left, top, right, bottom = FOOTER_MARGINS
        self._bottom.setContentsMargins(left, top, right, FILLED_MARGIN if filled else bottom)
        # A page that fills the screen never scrolls: the arrow gives its room to the footer.
        policy = self.more.sizePolicy()
        policy.setRetainSizeWhenHidden(not filled)
        self.more.setSizePolicy(policy)
        if filled:
            self.more.hide()

    def retranslate(self) -> None:
        """Refresh every text in the current language."""
        self.title.setText(self.ctx.tr(self._title_msgid))

    def intro(self) -> str:
        """What is spoken when the screen appears."""
        return self.ctx.tr(self._title_msgid)

    def activate(self) -> None:
        """Called just before the screen is shown (override to refresh)."""

    def reset(self) -> None:
        """The person using the kiosk has gone: forget them (idle reset, end of session)."""

    def shutdown(self) -> None:
        """The kiosk quits: stop anything this screen started (servers, web pages)."""

    def go_back(self) -> None:
        """Back: to the home screen (a screen of pages goes back through its pages first)."""
        self.navigate.emit("home")

    def make_back_tile(self) -> Tile:
        """A Back tile that calls `go_back`; its arrow follows the text direction."""
        back = Tile(
            self.ctx,
            "back",
            N_("Back"),
            name="tile_back",
            icon_px=64,
            horizontal=True,
            mirror_in_rtl=True,
        )
        back.activated.connect(self.go_back)
        return back
