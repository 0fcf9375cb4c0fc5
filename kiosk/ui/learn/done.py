"""The end of a lesson: stars earned, what next, and for a guest the offer to keep progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel

from kiosk.i18n import N_, Np_, localize_digits
from kiosk.ui.context import UiContext
from kiosk.ui.learn.lesson_map import star_text
from kiosk.ui.learn.page import Page, body_label
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid


class DonePage(Page):
    """`chosen(key)`: map, keep (guest → profile), or forget (guest leaves)."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, N_("Well done!"))
        self.stars = QLabel()
        self.stars.setObjectName("stars")
        self.stars.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = body_label()
        self.tiles = {
            "map": Tile(ctx, "learn", N_("Choose another lesson"), name="tile_learn"),
            "keep": Tile(ctx, "profile_new", N_("Keep my progress"), name="tile_help"),
            "forget": Tile(ctx, "close", N_("No, thank you"), name="tile_staff"),
        }
        for key, tile in self.tiles.items():
            tile.activated.connect(lambda key=key: self.chosen.emit(key))
        self.layout_.addWidget(self.stars)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(TileGrid(ctx.theme, list(self.tiles.values())), 1)
        self._count, self._mastered, self._guest = 0, False, False
        self.retranslate()

    def show_result(self, stars: int, mastered: bool, guest: bool) -> None:
        self._count, self._mastered, self._guest = stars, mastered, guest
        self.tiles["keep"].setVisible(guest)
        self.tiles["forget"].setVisible(guest)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.stars.setText(star_text(self._count))
        stars = self.ctx.trn(
            Np_(
                "You finished the lesson and earned {count} star of 3.",
                "You finished the lesson and earned {count} stars of 3.",
            ),
            self._count,
            count=localize_digits(str(self._count), self.ctx.language.code),
        )
        extra = (
            self.ctx.tr(N_("You know this lesson well."))
            if self._mastered
            else self.ctx.tr(N_("You can do the lesson again any time to learn it better."))
        )
        keep = (
            self.ctx.tr(N_("Do you want the kiosk to remember your progress?"))
            if self._guest
            else ""
        )
        self.message.setText(" ".join(part for part in (stars, extra, keep) if part))

    def intro(self) -> str:
        return f"{self.title.text()} {self.message.text()}"
