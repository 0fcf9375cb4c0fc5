"""Speaks the name of any control that the Tab key moves the focus to."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.context import UiContext

TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class SpeakOnFocus(QObject):
    """Tab onto a control and hear its accessible name (docs/accessibility.md item 4).

    It listens to the window's key presses (through WindowEvents) and to the application's
    focusChanged signal, so it never needs an application-wide event filter. Focus that Qt
    gives a newly active window, or a mouse press, says nothing: a tap speaks through the
    control's own click handling instead, so it never speaks twice.
    """

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._tabbing = False
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def key_event(self, event: QEvent) -> bool:
        """A window input event: remember whether the Tab key is moving the focus."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self._tabbing = event.key() in TAB_KEYS
        elif event.type() != QEvent.Type.KeyRelease:
            self._tabbing = False  # a tap or click moves focus silently
        return False

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not self._tabbing or new is None:
            return
        self._tabbing = False
        name = new.accessibleName()
        if name:
            self._ctx.say(name)

    def detach(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._focus_changed)
