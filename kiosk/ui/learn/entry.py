"""The first Learn page: start as a guest, sign in with my picture, or make my profile.

When the kiosk's database was refused (safe mode), learning records are off: the page says so
(and, for staff, what was found and how to fix it) and offers only learning as a guest, which
is kept nowhere."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.authored import compose
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

CHOICES = (
    ("guest", "guest", N_("Start learning now")),
    ("sign_in", "sign_in", N_("I have a profile")),
    ("enrol", "profile_new", N_("Make my profile")),
)
RECORDS_OFF = N_(
    "Learning records are off: you can learn now, but nothing you do is saved, and profiles "
    "cannot be used."
)
FOR_STAFF = N_("For staff: {problem}")


class EntryPage(Page):
    """`chosen(key)` with key guest, sign_in or enrol."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, N_("Learn"))
        self.tiles: dict[str, Tile] = {}
        for key, pictogram, label_msgid in CHOICES:
            tile = Tile(ctx, pictogram, label_msgid, name="tile_learn", icon_px=112)
            tile.activated.connect(lambda key=key: self.chosen.emit(key))
            self.tiles[key] = tile
        # Safe mode: why learning records are off, for the learner and for staff.
        self.records_off = label("body", big=True)
        self.staff_note = label("body")
        self.records_off.hide()
        self.staff_note.hide()
        self.problem: Notice | None = None
        self.column.addWidget(self.records_off)
        self.grid = TileGrid(ctx.theme, list(self.tiles.values()))
        self.column.addWidget(self.grid, 1)
        self.column.addWidget(self.staff_note)  # below the choice a learner makes
        self.retranslate()

    def set_records_off(self, problem: Notice | None) -> None:
        """Learning records are off because of `problem` (None: they are on): only the guest
        choice is offered, and the page says why."""
        self.problem = problem
        shown = [t for key, t in self.tiles.items() if problem is None or key == "guest"]
        for tile in self.tiles.values():
            tile.setParent(self)  # out of the old grid before it goes
            tile.setVisible(tile in shown)
        index = self.column.indexOf(self.grid)
        self.column.removeWidget(self.grid)
        self.grid.deleteLater()
        self.grid = TileGrid(self.ctx.theme, shown)  # the offered choices fill the row
        self.column.insertWidget(index, self.grid, 1)
        self.records_off.setVisible(problem is not None)
        self.staff_note.setVisible(problem is not None)
        self.retranslate()

    def retranslate(self) -> None:
        if self.problem is not None:
            self.records_off.setText(self.ctx.tr(RECORDS_OFF))
            self.staff_note.setText(self.ctx.tr(FOR_STAFF, problem=self.problem.text()))

    def intro(self) -> str:
        if self.problem is not None:
            return compose(
                self.ctx.tr(RECORDS_OFF),
                self.ctx.tr(
                    N_("{title}. Touch the picture: {guest}."),
                    title=super().intro(),
                    guest=self.tiles["guest"].label,
                ),
            )
        return self.ctx.tr(
            N_("{title}. Touch a picture: {guest}, {sign_in}, or {enrol}."),
            title=super().intro(),
            **{key: tile.label for key, tile in self.tiles.items()},
        )
