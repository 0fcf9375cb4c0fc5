"""The end of a lesson: stars earned, what next, for a guest the offer to keep progress, and
for a learner who has mastered the whole course, their certificate."""

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
COURSE_DONE = N_("You have mastered every lesson of the course. You can get your certificate.")
GUEST_COURSE_DONE = N_(
    "You have mastered every lesson of the course. To get a certificate, keep your progress in "
    "a profile first."
)
GUEST_NO_CERTIFICATE = N_(
    "A certificate is only for learners with a profile. Touch “Keep my progress” to make your "
    "profile, then finish a lesson again to get your certificate."
)
CHOICES = {
    "certificate": N_("Get my certificate"),
    "map": N_("Choose another lesson"),
    "keep": N_("Keep my progress"),
    "forget": N_("No, thank you"),
}


class DonePage(Page):
    """`chosen(key)`: map, keep (guest → profile), forget (guest leaves), or certificate
    (the course is mastered)."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, TITLE)
        self.stars = QLabel()
        self.stars.setObjectName("stars")
        self.stars.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = label("body")
        self.tiles = {
            "certificate": Tile(
                ctx, "assist_certificate", CHOICES["certificate"], name="tile_help"
            ),
            "map": Tile(ctx, "learn", CHOICES["map"], name="tile_learn"),
            "keep": Tile(ctx, "profile_new", CHOICES["keep"], name="tile_help"),
            "forget": Tile(ctx, "close", CHOICES["forget"], name="tile_staff"),
        }
        for key, tile in self.tiles.items():
            tile.activated.connect(lambda key=key: self.chosen.emit(key))
        self.column.addWidget(self.stars)
        self.column.addWidget(self.summary)
        self.column.addWidget(self.message)
        self.grid = TileGrid(ctx.theme, list(self.tiles.values()))
        self.column.addWidget(self.grid, 1)
        self._count, self._mastered, self._guest, self._course = 0, False, False, False
        self.retranslate()

    def show_result(
        self,
        stars: int,
        mastered: bool,
        guest: bool,
        course: bool = False,
        can_keep: bool = True,
    ) -> None:
        """`course`: every lesson of the lesson's course is mastered (a certificate's due). A
        guest is offered to keep their progress, unless learning records are off (`can_keep`
        False: the kiosk's database was refused)."""
        guest = guest and can_keep
        self._count, self._mastered, self._guest, self._course = stars, mastered, guest, course
        self.tiles["certificate"].setVisible(course and can_keep)
        self.tiles["keep"].setVisible(guest)
        self.tiles["forget"].setVisible(guest)
        self.grid.reflow()  # the choices that apply, side by side when they fit
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
        course = ""
        if self._course:
            course = self.ctx.tr(GUEST_COURSE_DONE if self._guest else COURSE_DONE)
        self._said = compose(stars, extra, course, keep)  # the texts themselves keep their origin
        self.summary.setText(self._said)

    def intro(self) -> str:
        return compose(self.ctx.tr(TITLE), self._said)
