"""A plain-text, word-wrapped label named for the stylesheet: the text line every page uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def label(name: str, *, big: bool = False) -> QLabel:
    text = QLabel()
    text.setObjectName(name)
    text.setWordWrap(True)
    text.setTextFormat(Qt.TextFormat.PlainText)
    if big:
        text.setStyleSheet("font-weight: bold;")
    return text
