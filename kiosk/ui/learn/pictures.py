"""Choosing pictures: the avatar grid and the picture password (3 of 12, in order)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from kiosk.core.notices import Notice
from kiosk.core.pictures import AVATAR_NAMES, AVATARS, PASSWORD_LENGTH, PICTURES, display_name
from kiosk.i18n import N_, Np_, format_number
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

CHOSEN = Np_("{count} of {total} picture chosen", "{count} of {total} pictures chosen")
PICTURE_NAMES = {
    "apple": N_("Apple"), "key": N_("Key"), "cup": N_("Cup"), "house": N_("House"),
    "car": N_("Car"), "bread": N_("Bread"), "book": N_("Book"), "clock": N_("Clock"),
    "umbrella": N_("Umbrella"), "shoe": N_("Shoe"), "lamp": N_("Lamp"), "ball": N_("Ball"),
}  # fmt: skip


class AvatarPage(Page):
    """A grid of pictures; `chosen(key)` when one is tapped. Shows learners or free avatars."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext, title_msgid: str, *, back=None) -> None:
        super().__init__(ctx, title_msgid, back=back)
        self.tiles: dict[str, Tile] = {}
        self.grid: TileGrid | None = None
        self.empty = label("body")
        self.column.addWidget(self.empty)
        self.column.addStretch(1)
        self.retranslate()

    def show_avatars(self) -> None:
        """Offer the 12 avatars, named."""
        self._fill(
            [(a, f"avatar_{a}", lambda lang, a=a: self.ctx.tr(AVATAR_NAMES[a])) for a in AVATARS]
        )

    def show_learners(self, learners) -> None:
        """Offer each learner: their avatar with their nickname."""
        self._fill(
            [
                (
                    ln.id,
                    f"avatar_{ln.avatar}",
                    lambda lang, ln=ln: display_name(ln.nickname, ln.avatar, lang),
                )
                for ln in learners
            ]
        )
        self.empty.setVisible(not learners)
        self.empty.setText(self.ctx.tr(N_("Nobody has a profile yet. Go back and make one.")))

    def _fill(self, entries) -> None:
        if self.grid is not None:
            self.column.removeWidget(self.grid)
            self.grid.deleteLater()
        self.tiles = {}
        for key, pictogram, text_for in entries:
            tile = Tile(self.ctx, pictogram, "", name="choice", icon_px=80, text_for=text_for)
            tile.activated.connect(lambda key=key: self.chosen.emit(key))
            self.tiles[key] = tile
        self.grid = TileGrid(
            self.ctx.theme, list(self.tiles.values()), min_tile_width=180, wrap=True
        )
        self.column.insertWidget(1, self.grid)
        self.grid.show()


class PasswordPage(Page):
    """Tap three pictures in order; dots show how many, never which. `entered(pictures)`."""

    entered = Signal(tuple)

    def __init__(self, ctx: UiContext, title_msgid: str, *, back=None) -> None:
        super().__init__(ctx, title_msgid, back=back)
        self.sequence: list[str] = []
        self.tiles: dict[str, Tile] = {}
        for picture in PICTURES:
            tile = Tile(
                self.ctx,
                f"picture_{picture}",
                PICTURE_NAMES[picture],
                name="choice",
                icon_px=72,
            )
            # A password is never said aloud (ACCESSIBILITY.md line 3): a tap says how many
            # pictures are chosen, not which (the tile would say its name).
            tile.clicked.disconnect()
            tile.clicked.connect(lambda _checked=False, picture=picture: self._add(picture))
            self.tiles[picture] = tile
        self.grid = TileGrid(ctx.theme, list(self.tiles.values()), min_tile_width=170, wrap=True)
        self.dots = QLabel()
        self.dots.setObjectName("title")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout()
        row.addWidget(self.dots, 1)
        row.addWidget(self.clear_button)
        self.column.addLayout(row)
        self.column.addWidget(self.message)
        self.column.addWidget(self.grid)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._end_wait)
        self.retranslate()

    def retranslate(self) -> None:
        self.clear_button.setText(self.ctx.tr(N_("Start again")))
        self.clear_button.setAccessibleName(self.clear_button.text())
        self._show_dots()

    def _show_dots(self) -> None:
        filled = len(self.sequence)
        self.dots.setText("● " * filled + "○ " * (PASSWORD_LENGTH - filled))
        lang = self.ctx.language.code
        self._chosen = self.ctx.trn(
            CHOSEN,
            PASSWORD_LENGTH,
            count=format_number(filled, lang),
            total=format_number(PASSWORD_LENGTH, lang),
        )
        self.dots.setAccessibleName(self._chosen)

    def clear(self) -> None:
        self.sequence = []
        self._show_dots()

    def _add(self, picture: str) -> None:
        if self._wait.isActive() or len(self.sequence) >= PASSWORD_LENGTH:
            return
        self.sequence.append(picture)
        self._show_dots()
        self.ctx.say(self._chosen)  # the text itself keeps its origin (cached speech)
        if len(self.sequence) == PASSWORD_LENGTH:
            chosen, self.sequence = tuple(self.sequence), []
            QTimer.singleShot(300, self._show_dots)
            self.entered.emit(chosen)

    def set_busy(self, busy: bool) -> None:
        """No taps while the pictures are being checked (in the background)."""
        self.grid.setEnabled(not busy and not self._wait.isActive())

    def wait(self, seconds: float) -> None:
        """Refuse taps for `seconds` after too many wrong tries."""
        self.grid.setEnabled(False)
        self._wait.start(int(seconds * 1000))

    def _end_wait(self) -> None:
        self.grid.setEnabled(True)
        self.tell(Notice(N_("You can try again now.")), problem=False)
