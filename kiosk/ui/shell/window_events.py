"""Every input event of the main window, through one filter on its QWindow.

An application-wide Python event filter is not safe with PySide6 6.12: it hands the filter
every QObject of the process, QtWebEngine's internal ones included, and PySide crashes
while wrapping some of them (a wrapper's own property change re-enters the filter). The
window's QWindow receives every key, mouse, touch and wheel event before its widgets do,
and it is the only object this filter ever sees, so idle detection, kiosk keys, the staff
gesture and speaking on Tab all listen here instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QWindow

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.Wheel,
    }
)


# What counts as a person still being there (a press, a key, a touch, a wheel turn).
ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)


class WindowEvents(QObject):
    """Watches one QWindow; `user_input` on activity; handlers see (and may consume) input."""

    user_input = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[Callable[[QEvent], bool]] = []
        self._window: QWindow | None = None

    def watch(self, window: QWindow | None) -> None:
        """Start watching `window` (the main window's windowHandle(), once it exists)."""
        if window is None or window is self._window:
            return
        if self._window is not None:
            self._window.removeEventFilter(self)
        self._window = window
        window.installEventFilter(self)

    def add_handler(self, handler: Callable[[QEvent], bool]) -> None:
        """`handler(event)` sees every input event; returning True swallows it."""
        self._handlers.append(handler)

    def remove_handler(self, handler: Callable[[QEvent], bool]) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def feed(self, event: QEvent) -> bool:
        """Treat `event` as input to the window (tests deliver events this way offscreen)."""
        kind = event.type()
        if kind not in INPUT_EVENTS and kind != QEvent.Type.TabletPress:
            return False
        if kind in ACTIVITY:
            self.user_input.emit()
        return any(handler(event) for handler in list(self._handlers))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self.feed(event)
