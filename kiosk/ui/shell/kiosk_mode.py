"""Kiosk mode: keys that would leave the app (Alt+F4, Ctrl+Q, Escape) and window closing ignored.

On while the kiosk runs full screen; staff can leave it (after signing in) to reach the
desktop, and enter it again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.guard import guarded

log = logging.getLogger(__name__)

_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier


def is_escape_key(event: QKeyEvent) -> bool:
    """Whether `event` is one of the keys kiosk mode ignores."""
    key, mods = event.key(), event.modifiers()
    if key == Qt.Key.Key_Escape:
        return True
    if key == Qt.Key.Key_F4 and mods & _ALT:
        return True
    return bool(key in (Qt.Key.Key_Q, Qt.Key.Key_W) and mods & _CTRL)


class KioskMode(QObject):
    """Keeps people inside the kiosk while `enabled`: leaving keys and closing are ignored."""

    changed = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = False
        self.ignored = 0  # how many attempts to leave were ignored (for tests and the log)

    def enable(self, full_screen: bool = True) -> None:
        """Turn kiosk mode on (and go full screen, unless told not to, as in tests)."""
        if not self.enabled:
            self.window.events.add_handler(self._on_input)
            self.window.installEventFilter(self)  # the window itself only: its close
            self.enabled = True
            self.changed.emit(True)
        if full_screen:
            self._fill_screen()

    def _fill_screen(self) -> None:
        """Full screen, even on an X server with no window manager (a bare `xinit` kiosk):
        there nothing acts on the full-screen request, so the window also takes the screen's
        geometry itself."""
        screen = self.window.screen()
        if screen is not None:
            self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()

    def disable(self) -> None:
        """Turn kiosk mode off: keys work, the window can be closed."""
        if self.enabled:
            self.window.events.remove_handler(self._on_input)
            self.window.removeEventFilter(self)
            self.enabled = False
            self.changed.emit(False)

    def leave(self) -> None:
        """Staff leave kiosk mode: a normal window with its decorations."""
        self.disable()
        self.window.showNormal()
        log.info("kiosk mode: left by staff")

    def _on_input(self, event: QEvent) -> bool:
        """A key that would leave the kiosk is swallowed before any widget or shortcut."""
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and is_escape_key(event):
            self.ignored += 1
            event.accept()
            return True
        return False

    @guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if getattr(self, "window", None) is None:  # torn down while events still arrive
            return False
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Close:
            if not QApplication.instance().closingDown():
                self.ignored += 1
                log.info("kiosk mode: a request to close the window was ignored")
                event.ignore()
                return True
        elif (
            watched is self.window
            and kind == QEvent.Type.WindowStateChange
            and not self.window.isFullScreen()
            and self.window.isVisible()
        ):
            QTimer.singleShot(0, self._back_to_full_screen)
        return False

    def _back_to_full_screen(self) -> None:
        if self.enabled and not self.window.isFullScreen():
            self._fill_screen()
