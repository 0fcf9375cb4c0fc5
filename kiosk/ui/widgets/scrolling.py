"""Bring a widget into view inside whatever scroll area holds it (a screen's content)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QScrollArea, QWidget


def bring_into_view(widget: QWidget, margin: int = 24) -> None:
    """Once the layout has settled, scroll the nearest enclosing scroll area to `widget`."""

    def scroll() -> None:
        if not shiboken6.isValid(widget):
            return
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None or parent.widget() is None:
            return
        layout = parent.widget().layout()
        if layout is not None:
            layout.activate()
        parent.ensureWidgetVisible(widget, margin, margin)

    QTimer.singleShot(0, scroll)  # no context object: `scroll` checks the widget still lives
