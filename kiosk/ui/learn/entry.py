"""The first Learn page: start as a guest, sign in with my picture, or make my profile."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

CHOICES = (
    ("guest", "guest", N_("Start learning now")),
    ("sign_in", "sign_in", N_("I have a profile")),
    ("enrol", "profile_new", N_("Make my profile")),
)


class EntryPage(Page):
    """`chosen(key)` with key guest, sign_in or enrol."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, N_("Learn"))
        self.tiles: dict[str, Tile] = {}
        for key, pictogram, label in CHOICES:
            tile = Tile(ctx, pictogram, label, name="tile_learn", icon_px=112)
            tile.activated.connect(lambda key=key: self.chosen.emit(key))
            self.tiles[key] = tile
        self.column.addWidget(TileGrid(ctx.theme, list(self.tiles.values())), 1)
        self.retranslate()

    def intro(self) -> str:
        return self.ctx.tr(
            N_("{title}. Touch a picture: {guest}, {sign_in}, or {enrol}."),
            title=super().intro(),
            **{key: tile.label for key, tile in self.tiles.items()},
        )
