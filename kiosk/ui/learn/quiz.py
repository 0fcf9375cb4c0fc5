"""One quiz question: tap a choice to hear it and select it; a separate Confirm button answers."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.authored import compose
from kiosk.core.lessons.controls import MIRRORED
from kiosk.core.lessons.model import Item
from kiosk.core.lessons.run import Answer
from kiosk.i18n import N_, localize_digits
from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap
from kiosk.ui.learn.control_sample import control_pictogram
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.scrolling import bring_into_view
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

HOW = {
    "single": N_("Choose one answer, then touch Confirm."),
    "picture": N_("Choose one answer, then touch Confirm."),
    "multiple": N_("Choose every right answer, then touch Confirm."),
    "ordering": N_("Touch the answers in the right order, then touch Confirm."),
}
RIGHT = N_("That is right!")
CHOSEN_MARK, RIGHT_MARK, WRONG_MARK = "●", "✓", "✗"
NOT_QUITE = N_("Not quite.")


class QuizView(QWidget):
    """Emits `answered(chosen, ms)` on Confirm; `show_result` then shows and speaks feedback."""

    answered = Signal(tuple, int)

    def __init__(self, ctx: UiContext, item: Item, order: list[str] | None = None) -> None:
        """`order`: the choices' ids as the lesson run shuffled them (the file's order if None)."""
        super().__init__()
        self.ctx = ctx
        self.item = item
        self.selected: list[str] = []
        self.verdict: Answer | None = None  # the judged answer, until the learner tries again
        self.started = time.monotonic()
        lang = ctx.language.code
        self.prompt = QLabel(item.prompt.get(lang))
        self.prompt.setObjectName("question")
        self.prompt.setWordWrap(True)
        by_id = {c.id: c for c in item.choices}
        choices = [by_id[c] for c in order if c in by_id] if order else list(item.choices)
        self.tiles: dict[str, Tile] = {}
        for choice in choices:
            tile = Tile(
                ctx,
                # A choice naming a kiosk control shows the pictogram that control really has.
                control_pictogram(choice.control) if choice.control else choice.pictogram or "",
                "",
                name="choice",
                icon_px=96 if item.type == "picture" else 56,
                mirror_in_rtl=choice.control in MIRRORED,
                text_for=lambda lang, choice=choice: self._choice_text(choice, lang),
                spoken_for=lambda lang, choice=choice: (
                    choice.text.spoken(lang) or choice.text.get(lang)
                ),
            )
            tile.setCheckable(True)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            tile.activated.connect(lambda choice_id=choice.id: self._toggle(choice_id))
            self.tiles[choice.id] = tile
        self.grid = TileGrid(ctx.theme, list(self.tiles.values()), min_tile_width=240, wrap=True)
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(self._confirm)
        self.again = QPushButton()
        self.again.setObjectName("try_again")
        self.again.clicked.connect(self.try_again)
        self.again.hide()
        self.mark = QLabel()
        self.feedback = label("body")
        self.feedback.setObjectName("feedback")
        self.feedback_row = QWidget()
        feedback_row = QHBoxLayout(self.feedback_row)
        feedback_row.setContentsMargins(0, 0, 0, 0)
        feedback_row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        feedback_row.addWidget(self.feedback, 1)
        self.feedback_row.hide()  # no answer yet: no mark, no empty coloured box
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.again)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        column.addWidget(self.prompt)
        column.addWidget(self.grid)
        column.addLayout(buttons)
        column.addWidget(self.feedback_row)
        self.retranslate()

    def _choice_text(self, choice, lang: str) -> str:
        """The choice's text, marked so nothing shows by colour alone: before Confirm a dot on
        a chosen tile (or its place in the order); after it, ✓ on the right answer and ✗ on a
        chosen wrong one — never a tick on a wrong answer."""
        text = choice.text.get(lang)
        if self.verdict is not None and self.item.type != "ordering":
            if choice.correct:
                return f"{RIGHT_MARK} {text}"
            if choice.id in self.verdict.chosen:
                return f"{WRONG_MARK} {text}"
            return text
        if choice.id not in self.selected:
            return text
        if self.item.type == "ordering":
            number = localize_digits(str(self.selected.index(choice.id) + 1), lang)
            return f"{number}. {text}"
        return f"{CHOSEN_MARK} {text}"

    def retranslate(self) -> None:
        self.confirm.setText(self.ctx.tr(N_("Confirm my answer")))
        self.confirm.setAccessibleName(self.confirm.text())
        self.again.setText(self.ctx.tr(N_("Try again")))
        self.again.setAccessibleName(self.again.text())
        self._refresh()

    def intro(self) -> str:
        """The question; for ordering, how to answer."""
        lang = self.ctx.language.code
        question = self.item.prompt.spoken(lang) or self.item.prompt.get(lang)
        how = HOW.get(self.item.type, HOW["single"])
        return compose(question, self.ctx.tr(how))

    def _toggle(self, choice_id: str) -> None:
        if self.verdict is not None:
            self._clear_result()  # a new choice after a wrong answer: a new try
        if choice_id in self.selected:
            if self.item.type == "ordering":
                del self.selected[self.selected.index(choice_id) :]
            else:
                self.selected.remove(choice_id)
        elif self.item.type in ("single", "picture"):
            self.selected = [choice_id]
        else:
            self.selected.append(choice_id)
        self._refresh()

    def _refresh(self) -> None:
        for choice_id, tile in self.tiles.items():
            tile.setChecked(choice_id in self.selected)
            verdict = ""
            if self.verdict is not None and self.item.type != "ordering":
                choice = next(c for c in self.item.choices if c.id == choice_id)
                if choice.correct:
                    verdict = "right"
                elif choice_id in self.verdict.chosen:
                    verdict = "wrong"
            if tile.property("verdict") != verdict:
                tile.setProperty("verdict", verdict)
                tile.style().unpolish(tile)  # the style sheet picks the new state up
                tile.style().polish(tile)
            tile.retranslate()
        needed = len(self.item.choices) if self.item.type == "ordering" else 1
        self.confirm.setEnabled(len(self.selected) >= needed)

    def _confirm(self) -> None:
        ms = int((time.monotonic() - self.started) * 1000)
        self.answered.emit(tuple(self.selected), ms)

    def show_result(self, answer: Answer) -> None:
        """Show and speak what the answer earned; after a wrong one, the explanation."""
        lang = self.ctx.language.code
        if self.item.type in ("single", "picture") and answer.chosen:
            choice = next(c for c in self.item.choices if c.id == answer.chosen[0])
            said = choice.feedback.get(lang)
        else:
            said = self.ctx.tr(RIGHT if answer.correct else NOT_QUITE)
        if not answer.correct:
            said = compose(said, self.item.explanation.get(lang))
        self.verdict = answer
        self._refresh()
        self.feedback.setText(said)
        self.feedback_row.show()
        self.mark.setPixmap(pixmap("tick" if answer.correct else "cross", self.ctx.theme.px(48)))
        self.mark.setObjectName("mark_right" if answer.correct else "mark_wrong")
        self.mark.style().unpolish(self.mark)  # the style sheet picks the new name up
        self.mark.style().polish(self.mark)
        self.mark.setAccessibleName(self.ctx.tr(N_("Right") if answer.correct else N_("Not right")))
        self.ctx.say(said)
        self.grid.setEnabled(not answer.correct)
        self.confirm.setVisible(not answer.correct)
        self.confirm.setEnabled(False)
        self.again.setVisible(not answer.correct)
        # On a small screen the feedback sits below the fold: show it (and Try again).
        bring_into_view(self.feedback_row)

    def try_again(self) -> None:
        self._clear_result()
        self.ctx.say(self.intro())
        self.focus_next_move()

    def focus_next_move(self) -> None:
        """Keep the keyboard focus in the question (Qt would hand it to the top bar when the
        focused button hides): on Try again after a wrong answer, else on the first choice."""
        if self.again.isVisible():
            self.again.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.grid.isEnabled() and self.tiles:
            next(iter(self.tiles.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_result(self) -> None:
        self.selected = []
        self.verdict = None
        self.feedback.clear()
        self.mark.clear()
        self.feedback_row.hide()  # the mark's coloured box goes with it
        self.again.hide()
        self.confirm.show()
        self.grid.setEnabled(True)
        self.started = time.monotonic()
        self._refresh()
