"""The bar on top of every screen: language, text size and Repeat, always in the same place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.languages import language_info
from kiosk.i18n import N_, format_percent
from kiosk.ui.context import UiContext
from kiosk.ui.icons import icon
from kiosk.ui.theme import SCALES


class TopBar(QWidget):
    """Language switch, text size, Repeat. Views over the language, theme and speaker."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("top_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.language_button = self._button("language", "language")
        self.text_size_button = self._button("text_size", "text_size")
        self.repeat_button = self._button("repeat", "repeat")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(16)
        layout.addWidget(self.language_button)
        layout.addWidget(self.text_size_button)
        layout.addStretch(1)
        layout.addWidget(self.repeat_button)
        self.language_button.clicked.connect(self._switch_language)
        self.text_size_button.clicked.connect(self._next_text_size)
        self.repeat_button.clicked.connect(ctx.speaker.repeat)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        self.retranslate()
        self._restyle()

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
        size = self.ctx.tr(N_("Text size {percent}"), percent=format_percent(self.ctx.theme.scale))
        self.text_size_button.setText(size)
        self.text_size_button.setAccessibleName(size)
        repeat = self.ctx.tr(N_("Repeat"))
        self.repeat_button.setText(repeat)
        self.repeat_button.setAccessibleName(repeat)

    def _restyle(self) -> None:
        side = self.ctx.theme.px(40)
        for button in (self.language_button, self.text_size_button, self.repeat_button):
            button.setIconSize(QSize(side, side))
        self.retranslate()

    def _switch_language(self) -> None:
        self.ctx.language.toggle()
        self.ctx.say(language_info(self.ctx.language.code).native_name)

    def _next_text_size(self) -> None:
        scales = list(SCALES)
        scale = scales[(scales.index(self.ctx.theme.scale) + 1) % len(scales)]
        self.ctx.settings.set("text_scale", scale)
        self.ctx.say(self.text_size_button.text())
