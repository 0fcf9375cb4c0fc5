"""The base of every page inside the Staff screen: a title, a spoken message line, refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.notices import Notice
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext


class Page(QWidget):
    """One step of the staff area. Asks for another page with `go(name)`."""

    go = Signal(str)
    title_msgid = ""
    parent_page = ""  # where Back leads; "" leaves the staff area
    speech_controls = False  # whether the operator's volume and rate are shown below

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__()
        self.ctx = ctx
        self.access = access
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(24)
        # What went wrong or what was done: shown and spoken (docs/accessibility.md item 15).
        self.message = QLabel()
        self.message.setObjectName("staff_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self._message: Notice | None = None
        ctx.language.language_changed.connect(self._retranslate_all)
        ctx.theme.changed.connect(self._page_style)
        self._page_style()

    def _page_style(self) -> None:
        # Check boxes and choice buttons as large as any other target; a checked choice is
        # marked by its colour, a thick edge and a tick (never colour alone). Picture tiles
        # (learners, avatars) keep a dark fill: their pictures and words are drawn in white.
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
QPushButton#choice {{ background: {p.window}; color: {p.text}; border: 3px solid {p.text}; }}
QPushButton#choice:checked {{
  background: {p.learn}; color: {p.tile_text}; border: 6px solid {p.focus};
}}
Tile#choice {{ background: {p.bar}; border: 4px solid {p.edge or p.window}; }}
Tile#choice:checked {{ background: {p.learn}; border: 6px solid {p.focus}; }}
QLabel#stepper_value {{
  font-size: {theme.px(32)}px; font-weight: bold; min-width: {theme.px(96)}px;
}}
QLabel#row_title {{ font-weight: bold; }}
"""
        )

    def refresh(self) -> None:
        """Re-read the model; called each time the page is shown."""
        self.clear_message()

    def retranslate(self) -> None:
        """Refresh every text in the current language."""

    def _retranslate_all(self) -> None:
        self.retranslate()
        if self._message is not None:
            self.message.setText(self._message.text())

    def title_text(self) -> str:
        """The screen title while this page shows."""
        return self.ctx.tr(self.title_msgid)

    def intro(self) -> str:
        """What is spoken when the page appears."""
        return self.title_text()

    def tell(self, notice: Notice, *, problem: bool = True) -> None:
        """Show and speak `notice` (a problem in the warning colours, else as news)."""
        self._message = notice
        self.message.setProperty("problem", problem)
        self.message.setText(notice.text())
        self._style_message(problem)
        self.message.show()
        self.ctx.say(notice.text())  # the notice, not the label's copy: it keeps its origin

    def clear_message(self) -> None:
        self._message = None
        self.message.hide()

    def _style_message(self, problem: bool) -> None:
        p = self.ctx.theme.palette
        background = p.notice_bg if problem else p.learn
        colour = p.notice_text if problem else p.tile_text
        self.message.setStyleSheet(
            f"background: {background}; color: {colour}; padding: {self.ctx.theme.px(12)}px;"
            f"border-radius: {self.ctx.theme.px(8)}px;"
        )

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
