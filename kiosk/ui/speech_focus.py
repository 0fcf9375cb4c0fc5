"""Speaks the name of any control that receives keyboard focus, across the whole application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.context import UiContext

_KEYBOARD = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


class SpeakOnFocus(QObject):
    """An application event filter: Tab onto a control and hear its accessible name.

    Touch and mouse presses speak through the control's own click handling instead, so a
    tap never speaks twice.
    """

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QWidget)
            and isinstance(event, QFocusEvent)
            and event.reason() in _KEYBOARD
        ):
            name = watched.accessibleName()
            if name:
                self._ctx.say(name)
        return False
