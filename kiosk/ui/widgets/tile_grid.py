"""A grid of tiles that reflows: as many columns as fit at the current text size, else one.

Tiles of a fixed least width (`min_tile_width`, at 100 % text), or widgets measured as they are
(`min_tile_width=None`): a row of buttons whose words must show whole, in the language and at
the text size of the moment, wraps onto more rows rather than squeezing them."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.ui.guard import guarded
from kiosk.ui.theme import Theme


class TileGrid(QWidget):
    """Lays out its tiles in reading order; mirrored automatically in right-to-left."""

    def __init__(
        self,
        theme: Theme,
        tiles: list[QWidget],
        min_tile_width: int | None = 300,
        wrap: bool = False,
        spacing: int = 32,
    ) -> None:
        """`wrap`: fill rows of as many as fit (lesson maps); else all in one row or one column.
        `min_tile_width` None: each column as wide as the widest shown tile wants (its size
        hint), measured again whenever their words or text size change."""
        super().__init__()
        self._wrap = wrap
        self._theme = theme
        self._tiles = tiles
        self._min_tile_width = min_tile_width
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setSpacing(spacing)
        self._grid.setContentsMargins(0, 0, 0, 0)
        theme.changed.connect(self._reflow)
        self._reflow()

    @classmethod
    def button_rows(cls, theme: Theme, buttons: list[QWidget]) -> TileGrid:
        """A page's buttons side by side as far as their words allow, the others on the rows
        below: never squeezed below their words (a long language, 200 % text, a small screen)."""
        return cls(theme, buttons, min_tile_width=None, wrap=True, spacing=theme.px(16))

    def _shown(self) -> list[QWidget]:
        """The tiles not hidden on purpose (a choice that does not apply now takes no place)."""
        return [tile for tile in self._tiles if not tile.isHidden()]

    def columns_for(self, width: int) -> int:
        """How many tiles fit side by side in `width` px at the current text size."""
        count = max(1, len(self._shown()))
        if width <= 0:
            return count
        spacing = self._grid.spacing()
        if self._min_tile_width is None:
            # c columns, none wider than the widest tile, need at most c * widest plus the
            # c - 1 spaces between them.
            widest = max((tile.sizeHint().width() for tile in self._shown()), default=1)
            fits = (width + spacing) // (widest + spacing)
        else:
            fits = width // (self._theme.px(self._min_tile_width) + spacing)
        if self._wrap:
            return max(1, min(count, fits))
        # All in one row, or one column: a ragged 2 + 1 grid hides the third choice.
        return count if fits >= count else 1

    @guarded
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    @guarded(fallback=False)
    def event(self, event: QEvent) -> bool:
        # A tile's words or font changed (a language, a text size): measured tiles may no longer
        # fit their columns. Its layout asks this widget to lay out again: count them anew.
        if event.type() == QEvent.Type.LayoutRequest and self._min_tile_width is None:
            self._reflow()
        return super().event(event)

    def reflow(self) -> None:
        """Lay the tiles out again: call after showing or hiding some of them."""
        self._columns = 0
        self._reflow()

    def _reflow(self) -> None:
        columns = self.columns_for(self.width())
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        shown = self._shown()
        # Hidden tiles stay in the layout after the shown ones (they take no room), so one shown
        # later without a `reflow` still has its place rather than floating at the corner.
        for index, tile in enumerate(shown + [t for t in self._tiles if t not in shown]):
            # One column: pictogram beside the label keeps each tile short.
            if hasattr(tile, "set_horizontal"):
                tile.set_horizontal(columns == 1 and not self._wrap)
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(len(self._tiles) + 1):
            if self._min_tile_width is None:
                # Each column as wide as its widest tile; the room left after the last one.
                self._grid.setColumnStretch(column, 1 if column == columns else 0)
            else:
                self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._grid.activate()  # the tiles in their new places now, not on the next turn
