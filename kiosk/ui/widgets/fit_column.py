"""`FitColumn`: a column of words that takes the room it is given and draws them as large as fits.

The guide panel's instruction must show whole, in large type, with its buttons in view, at every
text size on a 1280 x 800 screen. A column that asked for the height of its wrapped words made
the page around it scroll (and the buttons went under the fold); squeezed, its labels overlapped.
This column asks for no more height than its words need at their smallest: its parent's layout
gives it what is left after the buttons, and its labels all shrink together, from the theme's
size down to `MIN_PERCENT` of it (never below `MIN_TEXT_PX`), until everything shows (the
caption strip does the same for one sentence); optional labels give up their room first. Only
where even that does not fit (200 % text, or a small screen) does the screen around it scroll,
with its large scroll bar: the column never scrolls by itself (no scroll box inside a scrolled
page).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.guard import guarded
from kiosk.ui.theme import BODY_PX, Theme

# The smallest the words get, in percent of their size at the theme's scale: where even that
# does not fit, the room is too small for any size a person could read.
MIN_PERCENT = 40
# ...and never below body text's least size on the kiosk's screen (ACCESSIBILITY.md line 6:
# 4.8 mm, about 24 px): at 100 % text 40 % drew the instruction at 13 px beside the receipt's
# buttons. Where words of that size do not fit, the column asks for their room and the screen
# scrolls, with its large scroll bar and More-below arrow.
MIN_TEXT_PX = BODY_PX
# Below this size the optional labels (a title, a line about the guide) give their room to the
# others, one after another, before those shrink any further.
DROP_BELOW = 70


class FitColumn(QWidget):
    """A vertical layout (`column`) whose registered labels (`fit`) shrink together to fit."""

    def __init__(self, theme: Theme, spacing: int = 16) -> None:
        super().__init__()
        self.theme = theme
        self._least = 0  # the height the shown words need at their smallest
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(spacing)
        self._labels: list[tuple[QLabel, int]] = []
        self._optional: dict[QLabel, bool] = {}  # optional label -> whether its owner wants it
        self._followers: list[Callable[[float], None]] = []
        self._applied: tuple[int, int] | None = None  # (percent, theme scale) drawn now
        self._fitted: tuple | None = None  # what the last fit was for
        self._fitting = False
        self.percent = 100  # the size the words are drawn at, in percent of the theme's
        # Whatever height the parent gives, never the height of the words: see the module.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        theme.changed.connect(self.refit)

    def fit(self, label: QLabel, px: int, *, optional: bool = False) -> QLabel:
        """Draw `label` at `px` (at 100 % text), or smaller when the column needs the room.
        An `optional` label is left out where the room is short (optional labels are left out
        in the order they were added); show or hide it with `want`, not `setVisible`."""
        self._labels.append((label, px))
        if optional:
            self._optional[label] = True  # wanted until its owner says otherwise (`want`)
        self._applied = None
        return label

    def want(self, label: QLabel, shown: bool) -> None:
        """Whether the optional `label` should show (if there is room for it)."""
        self._optional[label] = shown
        self.refit(force=True)

    def follow(self, scaled: Callable[[float], None]) -> None:
        """Call `scaled(factor)` whenever the words are drawn at another size (a pictogram)."""
        self._followers.append(scaled)

    @guarded(fallback=QSize())
    def sizeHint(self) -> QSize:
        return QSize(self.theme.px(320), self.theme.px(160))

    @guarded
    def hasHeightForWidth(self) -> bool:
        return False

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refit()

    def refit(self, force: bool = False) -> None:
        """Pick the largest size at which every shown label fits the column's room (call it
        after changing a label's text or visibility; `force` after a change of style)."""
        if self._fitting:
            return
        if force:
            self._fitted = self._applied = None
        width, height = self.width(), self.height()
        key = (
            width,
            height,
            self.theme.scale,
            tuple(
                (label.text(), self._optional.get(label, not label.isHidden()))
                for label, _ in self._labels
            ),
        )
        if key == self._fitted or width <= 0 or height <= 0:
            return
        self._fitting = True
        try:
            for label, wanted in self._optional.items():
                label.setVisible(wanted)
            least = self._least_height(width)
            best = self._largest(width, height)
            for label, wanted in self._optional.items():
                if best >= DROP_BELOW:
                    break
                if wanted:
                    label.hide()
                    best = self._largest(width, height)
            self._apply(best)
        finally:
            self._fitting = False
        self._fitted = key
        if least != self._least:
            self._least = least
            # An explicit minimum: the Ignored size policy ignores the minimum size hint.
            self.setMinimumHeight(least)

    def _least_height(self, width: int) -> int:
        """The height the words need at their smallest, without the optional ones."""
        for label in self._optional:
            label.hide()
        self._apply(MIN_PERCENT)
        least = self._need(width)[1]
        for label, wanted in self._optional.items():
            label.setVisible(wanted)
        return least

    def _need(self, width: int) -> tuple[int, int]:
        """The width and height the shown words need at their present size, `width` wide:
        measured on the labels themselves (a layout's cached sizes lag behind a new font)."""
        widest, height, shown = 0, 0, 0
        for index in range(self.column.count()):
            item = self.column.itemAt(index)
            widget, row = item.widget(), item.layout()
            if widget is not None and not widget.isHidden():
                size = (self._width(widget), self._height(widget, width))
            elif row is not None:
                parts = [
                    part
                    for part in (row.itemAt(i).widget() for i in range(row.count()))
                    if part is not None and not part.isHidden()
                ]
                if not parts:
                    continue
                size = (
                    sum(p.sizeHint().width() for p in parts) + row.spacing() * (len(parts) - 1),
                    max(p.sizeHint().height() for p in parts),
                )
            else:
                continue  # a stretch, or a hidden label
            widest = max(widest, size[0])
            height += size[1]
            shown += 1
        return widest, height + self.column.spacing() * max(0, shown - 1)

    @staticmethod
    def _width(widget: QWidget) -> int:
        """The least width `widget` can show its words in: a wrapping label's longest word
        (its preferred width is a long line, wider than any column at body-text size)."""
        if isinstance(widget, QLabel) and widget.wordWrap():
            return widget.minimumSizeHint().width()
        return widget.sizeHint().width()

    @staticmethod
    def _height(widget: QWidget, width: int) -> int:
        if widget.hasHeightForWidth():
            return widget.heightForWidth(width)
        return widget.sizeHint().height()

    def _largest(self, width: int, height: int) -> int:
        """The largest size (percent) at which the shown labels fit; MIN_PERCENT if none."""
        if self._fits(100, width, height):
            return 100
        low, high = MIN_PERCENT, 99  # the answer is in [low, high]
        while low < high:
            middle = (low + high + 1) // 2
            if self._fits(middle, width, height):
                low = middle
            else:
                high = middle - 1
        return low

    def _fits(self, percent: int, width: int, height: int) -> bool:
        self._apply(percent)
        need_width, need_height = self._need(width)
        # A line that cannot wrap (the step counter beside its pictogram) must fit too.
        return need_width <= width and need_height <= height

    def _apply(self, percent: int) -> None:
        if self._applied == (percent, self.theme.scale):
            return
        self._applied = (percent, self.theme.scale)
        self.percent = percent
        for label, px in self._labels:
            size = max(MIN_TEXT_PX, round(self.theme.px(px) * percent / 100))
            label.setStyleSheet(f"font-size: {size}px;")
            # Now, not when first shown: measured before that, it had its old size.
            label.ensurePolished()
        for scaled in self._followers:
            scaled(percent / 100)
