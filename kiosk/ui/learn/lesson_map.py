"""The lesson map: modules in order, each lesson a tile with its pictogram and stars."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSizePolicy

from kiosk.core.lessons.model import Pack
from kiosk.i18n import N_, Np_, format_number, localize_digits
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

TITLE = N_("Choose a lesson")
CONTINUE = N_("Continue where I stopped")
# A module's number and title, as one phrase: a translator may write the number elsewhere.
NUMBERED = N_("{number}. {title}")
LESSON_SPOKEN = Np_("{title}, {stars} star of 3", "{title}, {stars} stars of 3")


def star_text(stars: int) -> str:
    return "★" * stars + "☆" * (3 - stars)


class LessonMapPage(Page):
    """`open_lesson(pack_id, lesson_id)`; `resume()` for the Continue tile."""

    open_lesson = Signal(str, str)
    resume = Signal()
    turn_over = Signal()  # Back from the map: this learner's turn ends (their place is kept)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, TITLE)
        self.tiles: dict[tuple[str, str], Tile] = {}
        self._content: list = []
        # The arrow points the way reading goes: ← in Persian (→ there meant Back).
        self.continue_tile = Tile(
            ctx, "next", CONTINUE, name="tile_help", horizontal=True, mirror_in_rtl=True
        )
        self.continue_tile.activated.connect(self.resume)
        self.column.addWidget(self.continue_tile)
        self._shown: tuple[list[Pack], dict, bool] | None = None
        ctx.theme.changed.connect(self._relayout)
        self.retranslate()

    def on_back(self) -> bool:
        self.turn_over.emit()
        return True

    def _relayout(self) -> None:
        """The text size changed: tiles are laid out again for it."""
        if self._shown is not None:
            self.show_packs(*self._shown)

    def show_packs(self, packs: list[Pack], stars: dict, can_resume: bool) -> None:
        """Rebuild the map for these packs and this learner's stars."""
        self._shown = (packs, stars, can_resume)
        for widget in self._content:
            self.column.removeWidget(widget)
            widget.deleteLater()
        self._content, self.tiles = [], {}
        self.continue_tile.setVisible(can_resume)
        for pack in packs:
            for module in pack.modules:
                header = QLabel()
                header.setObjectName("module_title")
                header.setWordWrap(True)
                number = localize_digits(module.number) if module.number else ""
                title = module.title.get(self.ctx.language.code)
                header.setText(
                    self.ctx.tr(NUMBERED, number=number, title=title) if number else title
                )
                tiles = []
                for lesson in module.lessons:
                    count = stars.get((pack.id, lesson.id), 0)

                    def label(lang, lesson=lesson, count=count) -> str:
                        return f"{lesson.title.get(lang)}\n{star_text(count)}"

                    def spoken(lang, lesson=lesson, count=count) -> str:
                        return self.ctx.trn(
                            LESSON_SPOKEN,
                            count,
                            title=lesson.title.get(lang),
                            stars=format_number(count, lang),
                        )

                    tile = Tile(
                        self.ctx,
                        lesson.pictogram or "learn",
                        "",
                        name="tile_learn",
                        icon_px=72,
                        # In large text the pictogram goes beside the title: a tile taller
                        # than the page could never be seen whole (tests/layout).
                        horizontal=self.ctx.theme.scale > 100,
                        text_for=label,
                        spoken_for=spoken,
                    )
                    tile.activated.connect(
                        lambda pack_id=pack.id, lesson_id=lesson.id: self.open_lesson.emit(
                            pack_id, lesson_id
                        )
                    )
                    # As tall as its words, not stretched to fill the page past its bottom.
                    tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                    self.tiles[(pack.id, lesson.id)] = tile
                    tiles.append(tile)
                grid = TileGrid(self.ctx.theme, tiles, min_tile_width=420, wrap=True)
                for widget in (header, grid):
                    self.column.addWidget(widget)
                    widget.show()
                    self._content.append(widget)
