"""A page inside the Learn screen: a title, content, and what is spoken when it appears."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.context import UiContext


class Page(QWidget):
    """Base of the Learn pages."""

    def __init__(self, ctx: UiContext, title_msgid: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self._title_msgid = title_msgid
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(24)
        self.layout_.addWidget(self.title)
        ctx.language.language_changed.connect(self.retranslate)

    def retranslate(self) -> None:
        if self._title_msgid:
            self.title.setText(self.ctx.tr(self._title_msgid))

    def intro(self) -> str:
        """Spoken when the page appears."""
        return self.ctx.tr(self._title_msgid) if self._title_msgid else self.title.text()


def body_label() -> QLabel:
    """A wrapping paragraph of body text that keeps its own direction."""
    label = QLabel()
    label.setObjectName("body")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
