"""A large on-screen numeric keypad for PINs and codes (docs/accessibility.md item 13).

Keys are 72 px high (the minimum is 64), laid out 1-2-3 left to right in every language (as
on phones and ATMs), with the language's own digits. A key press says only "digit entered".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.i18n import N_, localize_digits
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.spoken_field import DELETED, DIGIT_ENTERED

DELETE = N_("Delete")
CONFIRM = N_("OK")
LAYOUT = ("123", "456", "789")


class Keypad(QWidget):
    """Digits, Delete and OK; types into `target` (a QLineEdit) and never speaks a digit."""

    confirmed = Signal()

    def __init__(self, ctx: UiContext, target: QLineEdit | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.target = target
        self.setObjectName("keypad")
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.digits: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(10)
        for row, keys in enumerate(LAYOUT):
            for column, digit in enumerate(keys):
                grid.addWidget(self._digit(digit), row, column)
        self.delete_button = self._key("keypad_delete", self.delete)
        self.ok_button = self._key("keypad_ok", self.confirmed.emit)
        grid.addWidget(self.delete_button, 3, 0)
        grid.addWidget(self._digit("0"), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        self._restyle()
        self.retranslate()

    def _key(self, name: str, action) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(action)
        return button

    def _digit(self, digit: str) -> QPushButton:
        button = self._key(f"keypad_{digit}", lambda: self.press(digit))
        self.digits[digit] = button
        return button

    def press(self, digit: str) -> None:
        """Type `digit` into the target and say only "digit entered"."""
        if self.target is None:
            return
        if self.target.maxLength() and len(self.target.text()) >= self.target.maxLength():
            return
        self.target.setText(self.target.text() + digit)
        self.ctx.say(self.ctx.tr(DIGIT_ENTERED))

    def delete(self) -> None:
        """Remove the last digit."""
        if self.target is not None and self.target.text():
            self.target.setText(self.target.text()[:-1])
            self.ctx.say(self.ctx.tr(DELETED))

    def retranslate(self) -> None:
        for digit, button in self.digits.items():
            button.setText(localize_digits(digit))
            button.setAccessibleName(button.text())
        for button, msgid in ((self.delete_button, DELETE), (self.ok_button, CONFIRM)):
            button.setText(self.ctx.tr(msgid))
            button.setAccessibleName(button.text())

    def _restyle(self) -> None:
        theme, p = self.ctx.theme, self.ctx.theme.palette
        side = theme.px(72)
        for button in self.findChildren(QPushButton):
            button.setFixedHeight(side)
            button.setMinimumWidth(side)
        self.setMaximumWidth(theme.px(520))
        self.setStyleSheet(
            f"""
QPushButton {{
  font-size: {theme.px(40)}px; font-weight: bold; padding: 0;
  min-height: {theme.px(64)}px; min-width: {theme.px(112)}px;
}}
QPushButton#keypad_delete {{ font-size: {theme.px(24)}px; background: {p.staff}; }}
QPushButton#keypad_ok {{ font-size: {theme.px(32)}px; background: {p.learn}; }}
"""
        )
