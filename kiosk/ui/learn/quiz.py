"""One quiz question: tap a choice to hear it and select it; a separate Confirm button answers."""

from __future__ import annotations

import random
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
from kiosk.core.lessons.model import Item
from kiosk.core.lessons.run import Answer
from kiosk.i18n import N_, localize_digits
from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap
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
NOT_QUITE = N_("Not quite.")


class QuizView(QWidget):
    """Emits `answered(chosen, ms)` on Confirm; `show_result` then shows and speaks feedback."""

    answered = Signal(tuple, int)

    def __init__(self, ctx: UiContext, item: Item, seed: int = 0) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item
        self.selected: list[str] = []
        self.started = time.monotonic()
        lang = ctx.language.code
        self.prompt = QLabel(item.prompt.get(lang))
        self.prompt.setObjectName("question")
        self.prompt.setWordWrap(True)
        choices = list(item.choices)
        if item.type == "ordering":
            # Shown shuffled (never already in order); the file lists the right order.
            order = random.Random(f"{item.id}:{seed}")
            while len(choices) > 1 and [c.id for c in choices] == [c.id for c in item.choices]:
                order.shuffle(choices)
        self.tiles: dict[str, Tile] = {}
        for choice in choices:
            tile = Tile(
                ctx,
                choice.pictogram or "",
                "",
                name="choice",
                icon_px=96 if item.type == "picture" else 56,
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
        """The choice's text, marked when chosen (a tick, or its place in the order), so
        selection never shows by colour alone."""
        text = choice.text.get(lang)
        if choice.id not in self.selected:
            return text
        if self.item.type == "ordering":
            number = localize_digits(str(self.selected.index(choice.id) + 1), lang)
            return f"{number}. {text}"
        return f"✓ {text}"

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
        self.feedback.setText(said)
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
        self.selected = []
        self.feedback.clear()
        self.mark.clear()
        self.again.hide()
        self.confirm.show()
        self.grid.setEnabled(True)
        self.started = time.monotonic()
        self._refresh()
        self.ctx.say(self.intro())
