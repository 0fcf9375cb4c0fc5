"""The hidden staff gesture: hold a finger on the top-left corner of the window for 3 seconds.

Citizens never need a long-press (docs/accessibility.md item 11); this one is only for staff. When
the hold completes, `triggered` fires and the press does not become a click on whatever
control lies under the corner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

HOLD_MS = 3000
CORNER_PX = 96  # the square in the window's top-left corner that listens


class CornerHold(QObject):
    """Recognises a long press on the window's corner, from the window's own input."""

    triggered = Signal()

    def __init__(self, window: QWidget, hold_ms: int = HOLD_MS, corner_px: int = CORNER_PX):
        super().__init__(window)
        self.window = window
        self.hold_ms = hold_ms
        self.corner_px = corner_px
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self._pressed: QWidget | None = None
        self._swallow_release = False

    def install(self) -> None:
        self.window.events.add_handler(self._on_input)

    def uninstall(self) -> None:
        self.window.events.remove_handler(self._on_input)
        self._timer.stop()

    def _in_corner(self, global_pos: QPoint) -> bool:
        local = self.window.mapFromGlobal(global_pos)
        return QRect(0, 0, self.corner_px, self.corner_px).contains(local)

    def _on_input(self, event: QEvent) -> bool:
        """One input event of the window (from WindowEvents); True swallows it."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            where = event.globalPosition().toPoint()
            if self._in_corner(where):
                self._pressed = QApplication.widgetAt(where)
                self._timer.start(self.hold_ms)
        elif kind == QEvent.Type.MouseMove and self._timer.isActive():
            if not self._in_corner(event.globalPosition().toPoint()):
                self._timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._timer.stop()
            if self._swallow_release:
                self._swallow_release = False
                return True  # the long press is not also a click
        return False

    def _fire(self) -> None:
        pressed, self._pressed = self._pressed, None
        if isinstance(pressed, QAbstractButton):
            pressed.setDown(False)
        self._swallow_release = True
        self.triggered.emit()
