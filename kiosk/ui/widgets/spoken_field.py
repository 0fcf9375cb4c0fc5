"""A text field that talks: its label on focus, each entry as it is typed, never a masked value."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from kiosk.i18n import N_
from kiosk.ui.context import UiContext

DIGIT_ENTERED = N_("Digit entered")
CHARACTER_ENTERED = N_("Character entered")
DELETED = N_("Deleted")


class SpokenField(QLineEdit):
    """A line edit for kiosk forms.

    Masked (PINs, one-time codes, passwords): shows dots and says only "digit entered".
    Plain: echoes each typed character, synthesized in memory and never cached on disk,
    because it is something a person typed.
    """

    def __init__(self, ctx: UiContext, label_msgid: str, *, masked: bool = False) -> None:
        super().__init__()
        self._ctx = ctx
        self._label_msgid = label_msgid
        self.masked = masked
        if masked:
            self.setEchoMode(QLineEdit.EchoMode.Password)
        self._previous = ""
        self.textEdited.connect(self._on_edited)
        ctx.language.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        label = self._ctx.tr(self._label_msgid)
        self.setAccessibleName(label)
        self.setPlaceholderText(label)

    def _on_edited(self, text: str) -> None:
        previous, self._previous = self._previous, text
        if len(text) < len(previous):
            self._ctx.say(self._ctx.tr(DELETED))
            return
        added = text[-1:] if text else ""
        if self.masked:
            message = DIGIT_ENTERED if added.isdigit() else CHARACTER_ENTERED
            self._ctx.say(self._ctx.tr(message))
        elif added:
            self._ctx.say(added)  # typed: a plain str, never cached on disk
