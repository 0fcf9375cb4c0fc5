"""The end of a lesson: stars earned, what next, and for a guest the offer to keep progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel

from kiosk.authored import compose
from kiosk.i18n import N_, Np_, format_number
from kiosk.ui.context import UiContext
from kiosk.ui.learn.lesson_map import star_text
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

TITLE = N_("Well done!")
EARNED = Np_(
    "You finished the lesson and earned {count} star of 3.",
    "You finished the lesson and earned {count} stars of 3.",
)
KNOW_WELL = N_("You know this lesson well.")
AGAIN = N_("You can do the lesson again any time to learn it better.")
KEEP_ASK = N_("Do you want the kiosk to remember your progress?")
CHOICES = {
    "map": N_("Choose another lesson"),
    "keep": N_("Keep my progress"),
    "forget": N_("No, thank you"),
}


class DonePage(Page):
    """`chosen(key)`: map, keep (guest → profile), or forget (guest leaves)."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, TITLE)
        self.stars = QLabel()
        self.stars.setObjectName("stars")
        self.stars.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = label("body")
        self.tiles = {
            "map": Tile(ctx, "learn", CHOICES["map"], name="tile_learn"),
            "keep": Tile(ctx, "profile_new", CHOICES["keep"], name="tile_help"),
            "forget": Tile(ctx, "close", CHOICES["forget"], name="tile_staff"),
        }
        for key, tile in self.tiles.items():
            tile.activated.connect(lambda key=key: self.chosen.emit(key))
        self.column.addWidget(self.stars)
        self.column.addWidget(self.summary)
        self.column.addWidget(TileGrid(ctx.theme, list(self.tiles.values())), 1)
        self._count, self._mastered, self._guest = 0, False, False
        self.retranslate()

    def show_result(self, stars: int, mastered: bool, guest: bool, can_keep: bool = True) -> None:
        """The lesson's result; a guest is offered to keep their progress, unless learning
        records are off (`can_keep` False: the kiosk's database was refused)."""
        guest = guest and can_keep
        self._count, self._mastered, self._guest = stars, mastered, guest
        self.tiles["keep"].setVisible(guest)
        self.tiles["forget"].setVisible(guest)
        self.retranslate()

    def retranslate(self) -> None:
        self.stars.setText(star_text(self._count))
        stars = self.ctx.trn(
            EARNED,
            self._count,
            count=format_number(self._count),
        )
        extra = self.ctx.tr(KNOW_WELL) if self._mastered else self.ctx.tr(AGAIN)
        keep = self.ctx.tr(KEEP_ASK) if self._guest else ""
        self._said = compose(stars, extra, keep)  # the texts themselves keep their origin
        self.summary.setText(self._said)

    def intro(self) -> str:
        return compose(self.ctx.tr(TITLE), self._said)
