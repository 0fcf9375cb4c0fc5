"""Every input event of the main window, through one filter on its QWindow.

An application-wide Python event filter is not safe with PySide6 6.12: it hands the filter
every QObject of the process, QtWebEngine's internal ones included, and PySide crashes
while wrapping some of them (a wrapper's own property change re-enters the filter). The
window's QWindow receives every key, mouse, touch and wheel event before its widgets do,
so idle detection, kiosk keys, the staff gesture and speaking on Tab all listen there.

That QWindow does not live as long as the widget. On a real display (xcb, Wayland) Qt
destroys the top-level native window and makes a new QWindow when the first web view joins
it (the surface changes from raster to OpenGL), and may do so again later. Holding the old
one crashed the kiosk the moment a web page appeared. So `follow` watches the widget itself
for the events that announce a new native window and moves the filter to whatever
`windowHandle()` is now, forgetting a QWindow the moment it is destroyed.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

from kiosk.ui.guard import guarded

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

# Events a top-level widget gets when its native window (and so its QWindow) may be new.
_NEW_WINDOW = frozenset(
    {
        QEvent.Type.WinIdChange,
        QEvent.Type.PlatformSurface,
        QEvent.Type.Show,
    }
)


class WindowEvents(QObject):
    """Follows a top-level widget's QWindow; `user_input` on activity; handlers see input."""

    user_input = Signal()
    # The QWindow now watched changed (a native window was re-created); for tests and logs.
    rewatched = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[Callable[[QEvent], bool]] = []
        self._window: QWindow | None = None
        self._widget: QWidget | None = None

    def follow(self, widget: QWidget) -> None:
        """Watch `widget`'s QWindow now and after every re-creation of its native window."""
        if self._widget is widget:
            return
        self._widget = widget
        widget.installEventFilter(self)
        self._rewatch()

    def watched_window(self) -> QWindow | None:
        """The QWindow whose input is seen now (None before the widget has a native window).

        A test seam: the real-display tests check which window is watched."""
        return self._window

    def _rewatch(self) -> None:
        widget = self._widget
        if widget is None or not shiboken6.isValid(widget):
            return
        window = widget.windowHandle()
        if window is self._window:
            return
        old = self._window
        if old is not None and shiboken6.isValid(old):
            old.removeEventFilter(self)
            old.destroyed.disconnect(self._forget)
        self._window = window
        if window is not None:
            window.installEventFilter(self)
            window.destroyed.connect(self._forget)
        self.rewatched.emit()

    def _forget(self, *_args: object) -> None:
        """The watched QWindow is gone: drop it; the next Show/WinIdChange brings the new one."""
        self._window = None

    def add_handler(self, handler: Callable[[QEvent], bool]) -> None:
        """`handler(event)` sees every input event; returning True swallows it."""
        self._handlers.append(handler)

    def remove_handler(self, handler: Callable[[QEvent], bool]) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def feed(self, event: QEvent) -> bool:
        """Treat `event` as input to the window (unit tests deliver synthetic events here)."""
        kind = event.type()
        if kind not in INPUT_EVENTS and kind != QEvent.Type.TabletPress:
            return False
        if kind in ACTIVITY:
            self.user_input.emit()
        return any(handler(event) for handler in list(self._handlers))

    @guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget:
            # The widget's own events: only to notice a new native window. Its input already
            # passed through the QWindow; feeding it again would count every tap twice.
            if event.type() in _NEW_WINDOW:
                self._rewatch()
            return False
        return self.feed(event)
