"""A screen for a feature still to come: its title, one sentence, and a Back tile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap
from kiosk.ui.widgets.screen import Screen


class PlaceholderScreen(Screen):
    """Title, pictogram, a short spoken explanation, Back."""

    def __init__(
        self, ctx: UiContext, key: str, title_msgid: str, body_msgid: str, pictogram: str
    ) -> None:
        super().__init__(ctx, title_msgid)
        self.key = key
        self._body_msgid = body_msgid
        self._pictogram = pictogram
        self.picture = QLabel()
        self.picture.setObjectName(f"picture_{pictogram}")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setObjectName("body")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.back = self.make_back_tile()
        self.footer.addWidget(self.back)
        self.footer.addStretch(1)
        ctx.theme.changed.connect(self._restyle)
        self.retranslate()
        self._restyle()

    def retranslate(self) -> None:
        super().retranslate()
        self.body.setText(self.ctx.tr(self._body_msgid))

    def _restyle(self) -> None:
        size = self.ctx.theme.px(128)
        self.picture.setPixmap(pixmap(self._pictogram, size))
        self.picture.setFixedSize(size + self.ctx.theme.px(48), size + self.ctx.theme.px(48))

    def intro(self) -> str:
        return f"{self.title.text()}. {self.body.text()}"
