"""The base of every page of every screen (Learn, Get help, Staff and the pages other features
lend it): a title, what is said when it appears, a message line, refresh on show, Back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.notices import Notice
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.fit_lists import FitLists
from kiosk.ui.widgets.label import label

LIST_PAGE_SPACING = 12  # between the parts of a page whose lists fill the screen


class Page(QWidget):
    """One page of a `PagedScreen`, which shows it with `open(page)` and goes back through its
    `BackStack`. A page asks for another page of its screen with `go(name)` (the staff screen's
    registry) and for another screen of the kiosk with `navigate(key)` (its screen leaves for
    it). A page handles Back itself by overriding `on_back()` (or being given `back=`)."""

    go = Signal(str)
    navigate = Signal(str)
    # Whether the page fills its screen (a web page with the guide beside it): its screen then
    # leaves no margin above and below it. `fills_changed` when it starts or stops.
    fills_changed = Signal(bool)
    fills_screen = False
    title_msgid = ""  # the page's title; "" for none (a page that names itself, or needs room)
    # The page's lists, which take the room the rest of it leaves (see `fit_lists`).
    lists: FitLists | None = None
    speech_controls = False  # whether the operator's volume and rate are shown below (staff)
    forms = False  # check boxes and choice buttons styled as large targets (staff forms)

    def __init__(
        self,
        ctx: UiContext,
        title_msgid: str | None = None,
        *,
        back: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        if title_msgid is not None:
            self.title_msgid = title_msgid
        self._back = back
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(24)
        self.title = label("title")
        self.title.setText(ctx.tr(self.title_msgid) if self.title_msgid else "")
        self.column.addWidget(self.title)
        if not self.title_msgid:
            self.title.hide()
        # What went wrong or what was done: shown and spoken (docs/accessibility.md item 15).
        # Each page puts it where it belongs in its column.
        self.message = label("page_message")
        self.message.setParent(self)  # until the page lays it out
        self.message.hide()
        self._message: Notice | None = None
        self._styled: bool | None = None  # whether the line is styled as a problem, as news
        self._style_message(True)  # now, while the page is not shown: cheap
        ctx.language.language_changed.connect(self._retranslate_all)
        ctx.theme.changed.connect(self._restyle_message)
        if self.forms:
            ctx.theme.changed.connect(self._form_style)
            self._form_style()

    # What a page is ------------------------------------------------------------------------
    def title_text(self) -> str:
        """The page's title in the current language."""
        return self.ctx.tr(self.title_msgid) if self.title_msgid else ""

    def intro(self) -> str:
        """What is spoken when the page appears (keep the texts' origin: `compose`)."""
        return self.title_text()

    def refresh(self) -> None:
        """Re-read the model; called each time the page is shown."""
        self.clear_message()
        self.show_title()

    def retranslate(self) -> None:
        """Refresh every text in the current language (the title and message are done)."""

    def shutdown(self) -> None:
        """The kiosk quits: stop what this page started (a web page above all: one still alive
        when Qt releases its profile crashes the process on the way out)."""

    def on_back(self) -> bool:
        """Back was pressed on this page: True if the page handled it (a wizard stepping back,
        a session ending); False lets the screen return to the page before."""
        return self._back() if self._back is not None else False

    def set_fills_screen(self, fills: bool) -> None:
        """Say whether the page fills its screen now (see `fills_screen`)."""
        if fills != self.fills_screen:
            self.fills_screen = fills
            self.fills_changed.emit(fills)

    def fit_lists(self, *views: QAbstractItemView) -> FitLists:
        """Make `views` (lists and tables that scroll themselves) take the room the rest of the
        page leaves: the page fills its screen, which then does not scroll; where that cannot
        fit, the screen scrolls and the lists show all their rows (kiosk/ui/widgets/fit_lists.py).
        Give the views the stretch in their layouts."""
        self.lists = FitLists(self.ctx.theme, views)
        self.lists.setParent(self)
        self.column.setSpacing(LIST_PAGE_SPACING)  # the room is the lists'
        self.set_fills_screen(True)
        return self.lists

    def show_title(self) -> None:
        if self.title_msgid:
            self.title.setText(self.title_text())

    def _retranslate_all(self) -> None:
        self.show_title()
        self.retranslate()
        if self._message is not None:
            self.message.setText(self._message.text())

    # The message line ----------------------------------------------------------------------
    def tell(self, notice: Notice, *, problem: bool = True, say: Notice | None = None) -> None:
        """Show and speak `notice` (a problem in the warning colours, else as news); `say`
        is spoken instead when the shown text is not for saying aloud."""
        self._message = notice
        text = notice.text()
        self.message.setProperty("problem", problem)
        self.message.setText(text)
        self._style_message(problem)
        self.message.show()
        # The notice, not the label's copy: it keeps its origin (kiosk/authored.py).
        self.ctx.say(say.text() if say is not None else text)

    def clear_message(self) -> None:
        self._message = None
        self.message.hide()

    def _restyle_message(self) -> None:
        styled, self._styled = self._styled, None
        self._style_message(bool(styled))

    def _style_message(self, problem: bool) -> None:
        # Only when it changes: a style sheet set re-polishes the line (tens of ms on a full
        # page), and a message can come while something runs in the background.
        if self._styled is problem:
            return
        self._styled = problem
        p = self.ctx.theme.palette
        background = p.notice_bg if problem else p.learn
        colour = p.notice_text if problem else p.tile_text
        self.message.setStyleSheet(
            f"background: {background}; color: {colour}; padding: {self.ctx.theme.px(12)}px;"
            f"border-radius: {self.ctx.theme.px(8)}px;"
        )

    # Building ------------------------------------------------------------------------------
    def button(self, msgid: str, name: str, action, *, colour: str = "") -> QPushButton:
        """A large labelled button that speaks nothing by itself (its action does)."""
        button = QPushButton()
        button.setObjectName(name)
        button.setProperty("msgid", msgid)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(self.ctx.theme.px(72))
        if colour:
            button.setStyleSheet(f"background: {getattr(self.ctx.theme.palette, colour)};")
        button.clicked.connect(action)
        return button

    def retranslate_buttons(self) -> None:
        """Re-read the label of every button made with `button()`."""
        for button in self.findChildren(QPushButton):
            msgid = button.property("msgid")
            if msgid:
                button.setText(self.ctx.tr(msgid))
                button.setAccessibleName(button.text())

    def _form_style(self) -> None:
        # Check boxes and choice buttons as large as any other target; a checked choice is
        # marked by its colour, a thick edge and a tick (never colour alone). Picture tiles
        # (learners, avatars) keep a dark fill: their pictures and words are drawn in white.
        # A choice is as large checked as not (its thicker edge takes from its padding): the
        # least size the style sheet sets is measured in one state and holds in both.
        theme, p = self.ctx.theme, self.ctx.theme.palette
        box, target = theme.px(44), theme.px(64)
        self.setStyleSheet(
            f"""
QCheckBox {{ min-height: {target}px; spacing: {theme.px(12)}px; }}
QCheckBox::indicator {{
  width: {box}px; height: {box}px; border: 3px solid {p.text}; border-radius: {theme.px(6)}px;
  background: #FFFFFF;
}}
QCheckBox::indicator:checked {{ background: {p.learn}; image: none; border-color: {p.learn}; }}
QCheckBox:focus {{ outline: none; }}
QCheckBox::indicator:focus {{ border: 6px solid {p.focus}; }}
QPushButton#choice {{
  background: {p.window}; color: {p.text}; border: 3px solid {p.text};
  padding: 11px {theme.px(16) + 3}px;
}}
QPushButton#choice:checked {{
  background: {p.learn}; color: {p.tile_text}; border: 6px solid {p.focus};
  padding: 8px {theme.px(16)}px;
}}
Tile#choice {{ background: {p.bar}; border: 4px solid {p.edge or p.window}; }}
Tile#choice:checked {{ background: {p.learn}; border: 6px solid {p.focus}; }}
QLabel#stepper_value {{
  font-size: {theme.px(32)}px; font-weight: bold; min-width: {theme.px(96)}px;
}}
QLabel#row_title {{ font-weight: bold; }}
"""
        )
