"""The bar on top of every screen: language, text size, help and Repeat, always in one place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.languages import language_info
from kiosk.i18n import N_, format_percent
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import icon
from kiosk.ui.theme import SCALES


class TopBar(QWidget):
    """Language switch, text size, Repeat. Views over the language, theme and speaker."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._numbers = False
        self.setObjectName("top_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # Its buttons' whole height, always: squeezed, they cut their text at 200 %.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.language_button = self._button("language", "language")
        self.text_size_button = self._button("text_size", "text_size")
        self.repeat_button = self._button("repeat", "repeat")
        # "Ask the operator" help, always in the same place (docs/accessibility.md item 18).
        self.ask_button = self._button("ask", "ask")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(8)
        self._first, self._second = QHBoxLayout(), QHBoxLayout()
        for row in (self._first, self._second):
            row.setSpacing(16)
            column.addLayout(row)
        self._rows = 0
        self._place(rows=1)
        self.language_button.clicked.connect(self._switch_language)
        self.text_size_button.clicked.connect(self._next_text_size)
        self.repeat_button.clicked.connect(ctx.speaker.repeat)
        self.ask_button.clicked.connect(self._ask)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        self.retranslate()
        self._restyle()

    def show_numbers(self) -> None:
        """Add the current percentage to the text-size label (after the first frame)."""
        self._numbers = True
        self.retranslate()

    def _place(self, rows: int) -> None:
        """One row; or two (language and size above, help and Repeat below) when the text is
        too big for one. Each button keeps its side of the bar either way."""
        if rows == self._rows:
            return
        self._rows = rows
        for row in (self._first, self._second):
            while row.count():
                row.takeAt(0)
        self._first.addWidget(self.language_button)
        self._first.addWidget(self.text_size_button)
        self._first.addStretch(1)
        trailing = self._first if rows == 1 else self._second
        if rows == 2:
            self._second.addStretch(1)
        trailing.addWidget(self.ask_button)
        trailing.addWidget(self.repeat_button)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.language_button, self.text_size_button, self.ask_button, self.repeat_button)

    def _fits_in_one_row(self, width: int) -> bool:
        margins = self.layout().contentsMargins()
        needed = sum(button.sizeHint().width() for button in self._buttons())
        needed += self._first.spacing() * 4 + margins.left() + margins.right()
        return needed <= width

    @guarded
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(1 if self._fits_in_one_row(self.width()) else 2)

    def _button(self, name: str, pictogram: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setIcon(icon(pictogram))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def retranslate(self) -> None:
        # The language button names the other language in that language, so anyone can find it.
        other = language_info(self.ctx.language.next_language()).native_name
        self.language_button.setText(other)
        self.language_button.setAccessibleName(other)
        # The percentage needs Babel's locale data (~40 ms to load), so it joins the label
        # just after the first frame (show_numbers), not before it.
        size = (
            self.ctx.tr(N_("Text size {percent}"), percent=format_percent(self.ctx.theme.scale))
            if self._numbers
            else self.ctx.tr(N_("Text size"))
        )
        self._size_text = size  # said as it is: the label's copy would lose its origin
        self.text_size_button.setText(size)
        self.text_size_button.setAccessibleName(size)
        ask = self.ctx.tr(N_("Ask the operator"))
        self.ask_button.setText(ask)
        self.ask_button.setAccessibleName(ask)
        repeat = self.ctx.tr(N_("Repeat"))
        self.repeat_button.setText(repeat)
        self.repeat_button.setAccessibleName(repeat)

    def _restyle(self) -> None:
        # Pictograms grow half as fast as the words: the bar stays one row at 200 % on 1280 px.
        side = self.ctx.theme.icon_px(40)
        for button in self._buttons():
            button.setIconSize(QSize(side, side))
        self.retranslate()
        self._place(1 if self._fits_in_one_row(self.width()) else 2)

    def _ask(self) -> None:
        self.ctx.say(
            self.ctx.tr(N_("Please raise your hand: the operator will come and help you."))
        )

    def _switch_language(self) -> None:
        self.ctx.language.toggle()
        self.ctx.say(language_info(self.ctx.language.code).native_name)

    def _next_text_size(self) -> None:
        scales = list(SCALES)
        scale = scales[(scales.index(self.ctx.theme.scale) + 1) % len(scales)]
        self.ctx.settings.set("text_scale", scale)
        self.ctx.say(self._size_text)
