"""`GuidePanel`: the column beside the page with the pictogram, the instruction and the buttons.

A view of a `GuideSession`: it listens to the session's signals and calls its methods. Operator
buttons (Back, Next, Skip, Stop) are there only in operator mode.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from kiosk.ui.icons import pixmap
from kiosk.ui.web.session import GuideSession
from kiosk.ui.widgets.tile import Tile

LOOK_AWAY = N_("Operator: please look away while the citizen types.")
STEP_OF = N_("Step {n} of {total}")
# The step's pictogram beside the counter: small enough to leave the words their room.
PICTURE_PX = 80
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
            self.ctx, pictogram, msgid, name=name, icon_px=48, horizontal=True, mirror_in_rtl=mirror
        )
        tile.activated.connect(slot)
        return tile

    def _build(self) -> None:
        s = self.session
        self.picture = QLabel()
        self.picture.setObjectName("guide_picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.flow_title = self._label("guide_title")
        self.counter = self._label("guide_count")
        # The step counter beside the pictogram on one line (wrapped word by word it read
        # «گام ۲ از / ۷»), the service's name under them across the whole panel.
        self.counter.setWordWrap(False)
        head = QHBoxLayout()
        head.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.counter, 1)
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
        # No scroll box: the words take the room above the buttons, which stay in view (a
        # one-line scroll box inside the scrolled page hid the instruction and the buttons).
        content = QWidget()
        content.setObjectName("guide_content")
        words = QVBoxLayout(content)
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(16)
        words.addLayout(head)
        for widget in (self.flow_title, self.instruction, self.note, self.ask, self.card):
            words.addWidget(widget)
        words.addWidget(self.result)
        words.addStretch(1)
        self.words = content
        answers = QHBoxLayout()
        for widget in (self.ok, self.agree, self.decline, self.repeat):
            answers.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(content, 1)
        layout.addLayout(answers)
        layout.addWidget(self.back_to_service)
        layout.addWidget(self.operator_row)
        for widget in (self.note, self.ask, self.card, self.result):
            widget.hide()
        for widget in (self.ok, self.agree, self.decline, self.back_to_service):
            widget.hide()

    def _restyle(self) -> None:
        theme = self.ctx.theme
        p, px = theme.palette, theme.px
        self.setStyleSheet(
            f"""
QWidget#guide_content {{ background: {p.window}; }}
QFrame#guide_panel {{ background: {p.window}; border-left: 4px solid {p.bar};
  border-right: 4px solid {p.bar}; }}
QLabel#guide_title {{ font-size: {px(24)}px; color: {p.muted_text}; }}
QLabel#guide_count {{ font-size: {px(28)}px; font-weight: bold; }}
QLabel#guide_text {{ font-size: {px(32)}px; font-weight: bold; }}
QLabel#guide_note, QLabel#guide_ask {{ background: {p.notice_bg}; color: {p.notice_text};
  padding: {px(12)}px; border-radius: {px(8)}px; }}
QLabel#guide_card {{ border: 3px solid {p.bar}; padding: {px(12)}px; border-radius: {px(8)}px; }}
QLabel#guide_picture {{ background: {p.help}; border-radius: {px(24)}px; }}
"""
        )
        size = theme.icon_px(PICTURE_PX)
        self.picture.setFixedSize(size + 24, size + 24)
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
        self.picture.setPixmap(pixmap(name, self.ctx.theme.icon_px(PICTURE_PX)))

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
        self._render_picture()

    def _card_text(self) -> str:
        card, lang, tr = self._card, self.ctx.language.code, self.ctx.tr
        if card is None:
            return ""
        lines = [tr(FEE, fee=pick(card.fee, lang))] if card.fee else []
        if card.documents:
            lines.append(tr(BRING))
            lines += ["• " + pick(doc, lang) for doc in card.documents]
        return "\n".join(lines)
