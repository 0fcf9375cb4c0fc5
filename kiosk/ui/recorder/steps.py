"""One recorded step in the "Record a portal" page: its words in both languages, a preview,
and whether it is citizen-private. An editor needs only a staff Page (its ctx and buttons),
so this module does not import the recorder page, which imports it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout

from kiosk.authored import Authored
from kiosk.i18n import N_, format_number
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.spoken_field import SpokenField

if TYPE_CHECKING:
    from kiosk.core.flows.draft import DraftStep
    from kiosk.ui.widgets.page import Page

STEP_HEAD = N_("Step {number}: {action} “{label}”")
ACTION_WORDS = {
    "input": N_("type in"),
    "file": N_("attach a file to"),
    "select": N_("pick from"),
    "click": N_("choose"),
    "submit": N_("press"),
    "link": N_("follow the link"),
}
TEXT_FA = N_("What to say, in Persian")
TEXT_EN = N_("What to say, in English")
HEAR_FA = N_("Hear the Persian")
HEAR_EN = N_("Hear the English")
PRIVATE = N_("Citizen-private")
# Beside the box, wrapped: a box's own text cannot wrap, and at 200 % on a small screen a long
# one made the whole page wider than the screen (the English title field went under the bar).
PRIVATE_HINT = N_("Tick it when the citizen types a password, code or card number here.")


def isolate(text: str, ltr: bool = False) -> str:
    """`text` kept whole inside a paragraph of the other direction (first-strong, or LTR)."""
    isolated = ("\u2066" if ltr else "\u2068") + text + "\u2069"
    return Authored(isolated) if isinstance(text, Authored) else isolated  # keeps its origin


def text_field(ctx: UiContext, msgid: str, name: str, *, rtl: bool = False) -> SpokenField:
    """A spoken field for Persian (right to left) or Latin text (addresses, English)."""
    field = SpokenField(ctx, msgid)
    field.setObjectName(name)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    field.setLayoutDirection(direction)
    return field


def step_head(tr: Any, number: int, step: DraftStep) -> str:
    """ "Step 2: pick from “Topic”" in the current language."""
    action, name = tr(ACTION_WORDS[step.action]), isolate(step.label or "…")
    return tr(STEP_HEAD, number=format_number(number), action=action, label=name)


class StepEditor(QFrame):
    """One recorded step: its words in both languages, private or not, and a preview."""

    def __init__(self, page: Page, step: DraftStep, number: int) -> None:
        super().__init__()
        self.setObjectName("recorded_step")
        self.page, self.step, self.number = page, step, number
        ctx = page.ctx
        self.head = label("row_title")
        self.fa = text_field(ctx, TEXT_FA, f"step_{number}_fa", rtl=True)
        self.en = text_field(ctx, TEXT_EN, f"step_{number}_en")
        for field, lang in ((self.fa, "fa"), (self.en, "en")):
            field.setText(step.text.get(lang, ""))
            field.textChanged.connect(lambda text, lang=lang: self._edited(lang, text))
        self.hear_fa = page.button(HEAR_FA, f"step_{number}_hear_fa", lambda: self.hear("fa"))
        self.hear_en = page.button(HEAR_EN, f"step_{number}_hear_en", lambda: self.hear("en"))
        self.private = QCheckBox()
        self.private.setObjectName(f"step_{number}_private")
        self.private.setChecked(step.private)
        self.private.toggled.connect(self._private)
        self.private_hint = label("body")
        p, px = ctx.theme.palette, ctx.theme.px
        self.setStyleSheet(
            f"QFrame#recorded_step {{ border: 3px solid {p.muted_text}; "
            f"border-radius: {px(12)}px; }}"
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 16, 16, 16)
        grid.addWidget(self.head, 0, 0, 1, 2)
        grid.addWidget(self.fa, 1, 0)
        grid.addWidget(self.hear_fa, 1, 1)
        grid.addWidget(self.en, 2, 0)
        grid.addWidget(self.hear_en, 2, 1)
        # As wide as its text: a touch on the empty row beside a box does not tick it.
        grid.addWidget(self.private, 3, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.private_hint, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.retranslate()

    def _edited(self, lang: str, text: str) -> None:
        self.step.text[lang] = text.strip()

    def _private(self, on: bool) -> None:
        self.step.private = on
        self.retranslate()

    def hear(self, lang: str) -> None:
        """Preview the step's speech in `lang`: typed (a plain str), so never cached on disk."""
        self.page.ctx.speaker.say(self.step.text.get(lang, ""), lang)

    def retranslate(self) -> None:
        tr = self.page.ctx.tr
        self.head.setText(step_head(tr, self.number, self.step))
        self.private.setText(tr(PRIVATE))
        self.private.setAccessibleName(self.private.text())
        self.private_hint.setText(tr(PRIVATE_HINT))
        self.private.setAccessibleDescription(self.private_hint.text())
