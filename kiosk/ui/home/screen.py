"""The home screen: three large tiles — Learn, Get help with a government service, Staff."""

from __future__ import annotations

from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.screen import Screen
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

# (screen key, pictogram, label)
TILES = (
    ("learn", "learn", N_("Learn")),
    ("help", "help", N_("Get help with a government service")),
    ("staff", "staff", N_("Staff")),
)


class HomeScreen(Screen):
    """The first screen everyone sees."""

    key = "home"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, N_("Welcome to the service centre"))
        self.tiles: dict[str, Tile] = {}
        for key, pictogram, label in TILES:
            tile = Tile(ctx, pictogram, label, name=f"tile_{key}", icon_px=128)
            tile.activated.connect(lambda key=key: self.navigate.emit(key))
            self.tiles[key] = tile
        self.grid = TileGrid(ctx.theme, list(self.tiles.values()))
        self.layout_.addWidget(self.grid, 1)
        self.retranslate()

    def intro(self) -> str:
        return self.ctx.tr(
            N_("{welcome}. Touch a picture: {learn}, {help}, or {staff}."),
            welcome=super().intro(),
            learn=self.tiles["learn"].label,
            help=self.tiles["help"].label,
            staff=self.tiles["staff"].label,
        )
