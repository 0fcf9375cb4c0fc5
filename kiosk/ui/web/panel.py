"""`GuidePanel`: the column beside the page with the pictogram, the instruction and the buttons.

A view of a `GuideSession`: it listens to the session's signals and calls its methods. Operator
buttons (Back, Next, Skip, Stop) are there only in operator mode.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.flows import events as ev
from kiosk.core.flows import pick
from kiosk.core.flows.model import Card, Step
from kiosk.i18n import N_, format_number
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import BODY_PX
from kiosk.ui.web.session import GuideSession
from kiosk.ui.widgets.fit_column import FitColumn
from kiosk.ui.widgets.tile import Tile

LOOK_AWAY = N_("Operator: please look away while the citizen types.")
STEP_OF = N_("Step {n} of {total}")
# The least height of the web page beside the panel (not scaled with the text: the page has its
# own size); it takes whatever more the screen has. 420 px pushed it under the fold at 1280 x 800.
PAGE_MIN_PX = 240
# The step's pictogram beside the counter: small enough to leave the words their room.
PICTURE_PX = 80
# The panel's buttons: large targets, with words a little smaller than a screen's big tiles so
# that the instruction keeps its room on a small screen.
TILE_TEXT_PX = 26
TILE_ICON_PX = 40
FEE = N_("Fee: {fee}")
BRING = N_("Bring:")
OUTCOMES = {
    "completed": N_("Finished."),
    "aborted": N_("The guide was stopped."),
    "declined": N_("The citizen did not agree. Nothing was done."),
}
PICTOGRAMS = {
    "matches": "guide_type",
    "clicked": "guide_tap",
    "submitted": "guide_tap",
    "acknowledged": "guide_info",
    "appears": "guide_wait",
    "disappears": "guide_wait",
    "url": "guide_wait",
}


def pictogram_for(step: Step) -> str:
    """The step's own pictogram, or one that says what to do (type, tap, read, wait)."""
    if step.pictogram:
        return step.pictogram
    if step.kind == "citizen_private":
        return "guide_private"
    if step.kind == "consent":
        return "guide_agree"
    return PICTOGRAMS.get(step.done.kind if step.done else "", "guide_info")


class GuidePanel(QFrame):
    """Beside the web view: what to do now, spoken and shown, and the buttons to go on."""

    def __init__(self, ctx: UiContext, session: GuideSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.session = ctx, session
        self.setObjectName("guide_panel")
        self._show: ev.ShowStep | None = None
        self._card: Card | None = None
        self._ask = ""
        self._outcome: str | None = None
        self._build()
        session.step_shown.connect(self._on_step)
        session.card_shown.connect(self._on_card)
        session.operator_needed.connect(self._on_ask)
        session.go_back_offered.connect(self.back_to_service.setVisible)
        session.finished.connect(self._on_finished)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        self._restyle()
        self.retranslate()

    # ---- building ----------------------------------------------------------------------

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _tile(self, pictogram: str, msgid: str, name: str, slot, mirror: bool = False) -> Tile:
        tile = Tile(
            self.ctx,
            pictogram,
            msgid,
            name=name,
            icon_px=TILE_ICON_PX,
            horizontal=True,
            mirror_in_rtl=mirror,
        )
        tile.activated.connect(slot)
        return tile

    def _build(self) -> None:
        s = self.session
        self.picture = QLabel()
        self.picture.setObjectName("guide_picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._picture_px = self.ctx.theme.icon_px(PICTURE_PX)
        self.flow_title = self._label("guide_title")
        self.about = self._label("guide_about")  # what the practice is for (set_about)
        self._about: Callable[[str], str] | None = None
        self.counter = self._label("guide_count")
        # The step counter beside the pictogram on one line (wrapped word by word it read
        # «گام ۲ از / ۷»), the service's name under them across the whole panel.
        self.counter.setWordWrap(False)
        self.instruction = self._label("guide_text")
        self.note = self._label("guide_note")
        self.ask = self._label("guide_ask")
        self.card = self._label("guide_card")
        self.result = self._label("guide_result")
        self.repeat = self._tile("repeat", N_("Repeat"), "guide_repeat", s.repeat)
        self.ok = self._tile("guide_ok", N_("OK, go on"), "guide_ok", lambda: s.operator("ack"))
        self.agree = self._tile(
            "guide_agree", N_("I agree"), "guide_agree", lambda: s.operator("ack")
        )
        self.decline = self._tile(
            "close", N_("I do not agree"), "guide_decline", lambda: s.operator("decline")
        )
        self.back_to_service = self._tile(
            "back", N_("Back to the service"), "guide_return", lambda: s.operator("go_back"), True
        )
        self.op_back = self._tile(
            "back", N_("Back"), "guide_op_back", lambda: s.operator("back"), True
        )
        self.op_next = self._tile(
            "guide_next", N_("Next"), "guide_op_next", lambda: s.operator("next"), True
        )
        self.op_skip = self._tile(
            "guide_skip", N_("Skip"), "guide_op_skip", lambda: s.operator("skip"), True
        )
        self.op_stop = self._tile("close", N_("Stop"), "guide_op_stop", s.stop)
        self.operator_row = QWidget()
        grid = QGridLayout(self.operator_row)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, tile in enumerate((self.op_back, self.op_next, self.op_skip, self.op_stop)):
            grid.addWidget(tile, index // 2, index % 2)
        self.operator_row.setVisible(self.session.mode == "operator")
        # No scroll box, and no height asked for: the words take the room above the buttons,
        # which stay in view, and are drawn as large as fits it (a one-line scroll box inside
        # the scrolled page hid the instruction and the buttons; words that asked for their
        # height made the page scroll, squeezed they overlapped).
        self.words = FitColumn(self.ctx.theme)
        self.words.setObjectName("guide_content")
        words = self.words.column
        head = QHBoxLayout()
        head.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.counter, 1)
        words.addLayout(head)
        self.about.hide()
        # Where the room is short the line about the practice, then the service's name, give
        # their room to the instruction (the counter and the instruction always show).
        for widget, px in (
            (self.about, 24),
            (self.flow_title, 24),
            (self.counter, 28),
            (self.instruction, 32),
            (self.note, BODY_PX),
            (self.ask, BODY_PX),
            (self.card, BODY_PX),
            (self.result, BODY_PX),
        ):
            self.words.fit(widget, px, optional=widget in (self.about, self.flow_title))
        for widget in (self.flow_title, self.about, self.instruction, self.note, self.ask):
            words.addWidget(widget)
        words.addWidget(self.card)
        words.addWidget(self.result)
        words.addStretch(1)
        self.words.follow(self._scale_picture)
        answers = QHBoxLayout()
        for widget in (self.ok, self.agree, self.decline):
            answers.addWidget(widget)
        # Repeat, and beside it what the page lends (Get help's End): one row, not two.
        self.controls = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.controls.addWidget(self.repeat)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(self.words, 1)
        layout.addLayout(answers)
        layout.addLayout(self.controls)
        layout.addWidget(self.back_to_service)
        layout.addWidget(self.operator_row)
        for widget in (self.note, self.ask, self.card, self.result):
            widget.hide()
        for widget in (self.ok, self.agree, self.decline, self.back_to_service):
            widget.hide()

    def add_control(self, widget: QWidget) -> None:
        """Put `widget` (a tile of the page around the panel) in the row beside Repeat (or under
        it, where the row is too narrow for both)."""
        self.controls.addWidget(widget)
        self.place_controls()

    def _hold_tiles(self) -> None:
        """No tile of the panel is squeezed below its words: the style's least height (a touch
        target's) is an explicit minimum, which layouts take over the height the words need
        (at 200 % the panel's buttons were cut through their words)."""
        for tile in self.findChildren(Tile):
            need = tile.minimumSizeHint().height()
            if tile.minimumHeight() < need:
                tile.setMinimumHeight(need)

    def place_controls(self) -> None:
        """Repeat and the page's tiles side by side where their words fit, else one above the
        other (squeezed, «Repeat» was cut at 150 %)."""
        tiles = [
            item.widget()
            for item in (self.controls.itemAt(i) for i in range(self.controls.count()))
            if item.widget() is not None and not item.widget().isHidden()
        ]
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        needed = sum(tile.sizeHint().width() for tile in tiles)
        needed += self.controls.spacing() * max(0, len(tiles) - 1)
        direction = (
            QBoxLayout.Direction.LeftToRight if needed <= room else QBoxLayout.Direction.TopToBottom
        )
        if self.controls.direction() != direction:
            self.controls.setDirection(direction)
        self._hold_tiles()

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place_controls()

    def _restyle(self) -> None:
        theme = self.ctx.theme
        p, px = theme.palette, theme.px
        self.setStyleSheet(
            f"""
QWidget#guide_content {{ background: {p.window}; }}
QFrame#guide_panel {{ background: {p.window}; border-left: 4px solid {p.bar};
  border-right: 4px solid {p.bar}; }}
QLabel#guide_title {{ color: {p.muted_text}; }}
QLabel#guide_count, QLabel#guide_text {{ font-weight: bold; }}
QLabel#guide_note, QLabel#guide_ask {{ background: {p.notice_bg}; color: {p.notice_text};
  padding: {px(12)}px; border-radius: {px(8)}px; }}
QLabel#guide_card {{ border: 3px solid {p.bar}; padding: {px(12)}px; border-radius: {px(8)}px; }}
QLabel#guide_picture {{ background: {p.help}; border-radius: {px(24)}px; }}
QFrame#guide_panel QPushButton QLabel#tile_label {{ font-size: {px(TILE_TEXT_PX)}px; }}
"""
        )
        self._scale_picture(self.words.percent / 100)
        self.words.refit(force=True)
        self.place_controls()

    def _scale_picture(self, factor: float) -> None:
        """The pictogram shrinks with the words (never below a size that still reads)."""
        self._picture_px = max(32, round(self.ctx.theme.icon_px(PICTURE_PX) * factor))
        pad = max(8, round(24 * factor))
        self.picture.setFixedSize(self._picture_px + pad, self._picture_px + pad)
        self._render_picture()

    # ---- session signals ---------------------------------------------------------------

    def _on_step(self, show: ev.ShowStep) -> None:
        self._show = show
        self._card = None
        self.retranslate()

    def _on_card(self, card: Card) -> None:
        self._card = card
        self.retranslate()

    def _on_ask(self, msgid: str) -> None:
        self._ask = msgid
        self.retranslate()

    def _on_finished(self, outcome: str) -> None:
        self._outcome = outcome
        for widget in (self.ok, self.agree, self.decline, self.back_to_service):
            widget.hide()
        self.operator_row.hide()
        self.retranslate()

    # ---- text --------------------------------------------------------------------------

    def _render_picture(self) -> None:
        name = pictogram_for(self._show.step) if self._show else "guide_info"
        if self._outcome == "completed":
            name = "guide_ok"
        self.picture.setPixmap(pixmap(name, self._picture_px))

    def retranslate(self) -> None:
        """Every text in the current language, from the step kept as a language map."""
        tr, lang = self.ctx.tr, self.ctx.language.code
        self.flow_title.setText(pick(self.session.flow.title, lang))
        show = self._show
        step = show.step if show else None
        if show is not None:
            self.counter.setText(
                tr(STEP_OF, n=format_number(show.position), total=format_number(show.total))
            )
            self.instruction.setText(pick(show.step.text, lang))
        private = step is not None and step.kind == "citizen_private"
        self.note.setText(tr(LOOK_AWAY))
        self.note.setVisible(private and self.session.mode == "operator" and not self._outcome)
        self.ask.setText(tr(self._ask) if self._ask else "")
        self.ask.setVisible(bool(self._ask) and not self._outcome)
        self.card.setText(self._card_text())
        self.card.setVisible(self._card is not None and not self._outcome)
        acknowledged = (
            step is not None and step.done is not None and step.done.kind == "acknowledged"
        )
        live = self._outcome is None
        self.ok.setVisible(live and acknowledged and step.kind != "consent")
        self.agree.setVisible(live and step is not None and step.kind == "consent")
        self.decline.setVisible(live and step is not None and step.kind == "consent")
        self.result.setText(tr(OUTCOMES.get(self._outcome or "", OUTCOMES["completed"])))
        self.result.setVisible(not live)
        about = self._about(lang) if self._about is not None else ""
        self.about.setText(about)
        self.words.want(self.about, bool(about))
        self._render_picture()
        self.words.refit()
        self.place_controls()

    def set_about(self, text_for: Callable[[str], str] | None) -> None:
        """Show what this guide is for under its title (a lesson's practice text):
        `text_for(language)` gives it in each language."""
        self._about = text_for
        self.retranslate()

    def _card_text(self) -> str:
        card, lang, tr = self._card, self.ctx.language.code, self.ctx.tr
        if card is None:
            return ""
        lines = [tr(FEE, fee=pick(card.fee, lang))] if card.fee else []
        if card.documents:
            lines.append(tr(BRING))
            lines += ["• " + pick(doc, lang) for doc in card.documents]
        return "\n".join(lines)
