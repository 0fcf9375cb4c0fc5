"""One row per setting on the settings page: a title and a large control holding a pending value.

Rows never apply anything: the page collects `value()` from every row, and Settings.update
validates them all before any is applied.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.notices import Notice
from kiosk.core.options import OPTIONS_BY_KEY, OptionValueError
from kiosk.i18n import N_, format_number, localize_digits
from kiosk.services.config import InvalidSetting
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.spoken_field import SpokenField

# Whole phrases with named parts, so a translator can order them as the language needs.
SETTING_VALUE = N_("{setting}: {value}")
LESS = N_("{setting}: less")
MORE = N_("{setting}: more")


class Row(QWidget):
    """A setting's title above its control."""

    def __init__(self, ctx: UiContext, key: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.key = key
        self.option = OPTIONS_BY_KEY[key]
        self.setObjectName(f"row_{key}")
        self.label = QLabel()
        self.label.setObjectName("row_title")
        self.label.setWordWrap(True)
        self.controls = QHBoxLayout()
        self.controls.setSpacing(16)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.label)
        column.addLayout(self.controls)

    @property
    def title(self) -> str:
        return self.ctx.tr(self.option.title)

    def retranslate(self) -> None:
        self.label.setText(self.title)

    def load(self, value: object) -> None:
        """Show `value` (the one in force)."""
        raise NotImplementedError

    def value(self) -> object:
        """The pending value (may raise OptionValueError for text that does not parse)."""
        raise NotImplementedError

    def focus(self) -> None:
        """Put the keyboard focus on this row's control."""
        self.focusNextChild()

    def _button(self, text: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return button


class ChoiceRow(Row):
    """One of a few values, as large toggle buttons (exclusive)."""

    def __init__(self, ctx: UiContext, key: str, choices: list[tuple[object, str]]) -> None:
        super().__init__(ctx, key)
        self.choices = choices  # (value, label: a callable or text)
        self.group = QButtonGroup(self)
        self.buttons: list[QPushButton] = []
        for index, _choice in enumerate(choices):
            button = self._button()
            button.setCheckable(True)
            button.setObjectName("choice")
            self.group.addButton(button, index)
            button.toggled.connect(self.retranslate)
            self.controls.addWidget(button)
            self.buttons.append(button)
        self.controls.addStretch(1)

    def retranslate(self) -> None:
        super().retranslate()
        for button, (_value, label) in zip(self.buttons, self.choices, strict=True):
            text = label() if callable(label) else label
            # The chosen one carries a tick as well as its colour.
            button.setText(f"✓ {text}" if button.isChecked() else text)
            button.setAccessibleName(self.ctx.tr(SETTING_VALUE, setting=self.title, value=text))

    def load(self, value: object) -> None:
        for button, (choice, _label) in zip(self.buttons, self.choices, strict=True):
            button.setChecked(choice == value)

    def value(self) -> object:
        index = self.group.checkedId()
        return self.choices[index][0] if index >= 0 else self.option.default

    def focus(self) -> None:
        self.buttons[0].setFocus()


class ChecksRow(Row):
    """Several of a few values (languages offered), as large check boxes."""

    def __init__(self, ctx: UiContext, key: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(ctx, key)
        self.choices = choices
        self.boxes: list[QCheckBox] = []
        for value, label in choices:
            box = QCheckBox(label)
            box.setObjectName(f"check_{value}")
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            box.setAccessibleName(label)
            self.controls.addWidget(box)
            self.boxes.append(box)
        self.controls.addStretch(1)

    def load(self, value: object) -> None:
        for box, (choice, _label) in zip(self.boxes, self.choices, strict=True):
            box.setChecked(choice in value)  # type: ignore[operator]

    def value(self) -> object:
        return tuple(
            choice
            for box, (choice, _l) in zip(self.boxes, self.choices, strict=True)
            if box.isChecked()
        )

    def focus(self) -> None:
        self.boxes[0].setFocus()


class ToggleRow(Row):
    """On or off, as one large check box."""

    def __init__(self, ctx: UiContext, key: str) -> None:
        super().__init__(ctx, key)
        self.box = QCheckBox()
        self.box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.controls.addWidget(self.box)
        self.controls.addStretch(1)

    def retranslate(self) -> None:
        super().retranslate()
        self.box.setText(self.title)
        self.box.setAccessibleName(self.title)
        self.label.hide()  # the check box carries the title itself

    def load(self, value: object) -> None:
        self.box.setChecked(bool(value))

    def value(self) -> object:
        return self.box.isChecked()

    def focus(self) -> None:
        self.box.setFocus()


class StepperRow(Row):
    """A whole number changed with large − and + buttons, shown in the language's digits."""

    def __init__(self, ctx: UiContext, key: str, step: int) -> None:
        super().__init__(ctx, key)
        self.step = step
        self.number = int(self.option.default)  # type: ignore[call-overload]
        self.down = self._button("−")
        self.up = self._button("+")
        for button in (self.down, self.up):
            button.setObjectName("step_button")
        self.shown = QLabel()
        self.shown.setObjectName("stepper_value")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.down.clicked.connect(lambda: self._change(-step))
        self.up.clicked.connect(lambda: self._change(step))
        self.controls.addWidget(self.down)
        self.controls.addWidget(self.shown)
        self.controls.addWidget(self.up)
        self.controls.addStretch(1)

    def _change(self, delta: int) -> None:
        low = self.option.minimum if self.option.minimum is not None else -(10**9)
        high = self.option.maximum if self.option.maximum is not None else 10**9
        self.number = max(low, min(high, self.number + delta))
        self._show()
        # The number itself, not the label's copy: the sentence stays authored (cacheable).
        self.ctx.say(
            self.ctx.tr(SETTING_VALUE, setting=self.title, value=format_number(self.number))
        )

    def _show(self) -> None:
        self.shown.setText(format_number(self.number))

    def retranslate(self) -> None:
        super().retranslate()
        self.down.setAccessibleName(self.ctx.tr(LESS, setting=self.title))
        self.up.setAccessibleName(self.ctx.tr(MORE, setting=self.title))
        self._show()

    def load(self, value: object) -> None:
        self.number = int(value)  # type: ignore[call-overload]
        self._show()

    def value(self) -> object:
        return self.number

    def focus(self) -> None:
        self.up.setFocus()


class TextRow(Row):
    """Free text parsed by the option itself (idle time, host names, voice names)."""

    def __init__(self, ctx: UiContext, key: str) -> None:
        super().__init__(ctx, key)
        self.field = SpokenField(ctx, self.option.title)
        self.field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # host names, numbers
        self.controls.addWidget(self.field, 1)

    def load(self, value: object) -> None:
        if isinstance(value, tuple):
            value = ", ".join(value)  # not a sentence: host names, as staff type them
        text = str(value)
        # A number shows in the interface language's digits, like the steppers beside it (the
        # option reads Persian and Latin digits alike).
        self.field.setText(localize_digits(text) if isinstance(value, int) else text)

    def retranslate(self) -> None:
        super().retranslate()
        text = self.field.text().strip()
        if text and all(c.isdecimal() for c in text):  # still a number: re-written in its digits
            self.field.setText(localize_digits(str(int(text))))

    def value(self) -> object:
        return self.option.parse(self.field.text())

    def focus(self) -> None:
        self.field.setFocus()


# Said when a setting cannot be saved: which one, what is wrong, and that nothing changed.
PROBLEM = N_("“{setting}”: {problem}. Nothing was changed. Correct it and save again.")


def validated_changes(page, rows: list[Row], current=None) -> dict[str, object] | None:
    """The values of `rows` that differ from those in force (`current(key)`, by default the
    setting itself), validated together; or None after `page` has said which row to correct
    (and focused it). The one check behind every staff page that saves settings."""
    settings = page.ctx.settings
    current = current or (lambda key: settings[key])
    found: dict[str, object] = {}
    try:
        for row in rows:
            try:
                value = row.value()
            except OptionValueError as error:
                raise InvalidSetting(row.key, error) from error
            if value != current(row.key):
                found[row.key] = value
        settings.validate(found)
    except InvalidSetting as error:
        row = next(r for r in rows if r.key == error.key)
        page.tell(
            Notice(
                PROBLEM,
                {
                    "setting": Notice(row.option.title),
                    "problem": Notice(error.message, error.params),
                },
            )
        )
        row.focus()
        return None
    return found
