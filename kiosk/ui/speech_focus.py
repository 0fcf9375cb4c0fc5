"""Speaks the name of any control that receives keyboard focus, across the whole application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
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
        # Qt also reports the first focus of a newly active window as "Tab"; speak only when
        # a Tab key really moved the focus.
        self._tabbing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self._tabbing = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        elif (
            event.type() == QEvent.Type.FocusIn
            and self._tabbing
            and isinstance(watched, QWidget)
            and isinstance(event, QFocusEvent)
            and event.reason() in _KEYBOARD
        ):
            self._tabbing = False
            name = watched.accessibleName()
            if name:
                self._ctx.say(name)
        return False
