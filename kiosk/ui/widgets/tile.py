"""A large pictogram button with a wrapping label; it speaks its label when tapped or focused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy

from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import pixmap


class Tile(QPushButton):
    """Pictogram above (or beside) its label. `activated` fires after the label is spoken."""

    activated = Signal()

    def __init__(
        self,
        ctx: UiContext,
        pictogram: str,
        label_msgid: str,
        *,
        name: str = "",
        icon_px: int = 96,
        horizontal: bool = False,
        mirror_in_rtl: bool = False,
        text_for: Callable[[str], str] | None = None,
        spoken_for: Callable[[str], str] | None = None,
    ) -> None:
        """`label_msgid` is translated; or `text_for(lang)` gives content text (lessons).
        `spoken_for(lang)`, if given, is what is spoken and announced instead of the label."""
        super().__init__()
        self._ctx = ctx
        self._pictogram = pictogram
        self._label_msgid = label_msgid
        self._text_for = text_for
        self._spoken_for = spoken_for
        self._spoken = self._label = ""
        self._icon_px = icon_px
        self._mirror = mirror_in_rtl
        if name:
            self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = QLabel()
        self.text_label.setObjectName("tile_label")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for child in (self.icon_label, self.text_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QBoxLayout(self._direction(horizontal), self)
        layout.setSpacing(16)
        layout.addStretch(1)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text_label, 0)
        layout.addStretch(1)
        self.clicked.connect(self._on_clicked)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self._restyle)
        self.retranslate()
        self._restyle()

    @staticmethod
    def _direction(horizontal: bool) -> QBoxLayout.Direction:
        # LeftToRight is mirrored by Qt in right-to-left layouts.
        return QBoxLayout.Direction.LeftToRight if horizontal else QBoxLayout.Direction.TopToBottom

    def set_horizontal(self, horizontal: bool) -> None:
        """Pictogram beside the label (short tiles, for big text) or above it."""
        self.layout().setDirection(self._direction(horizontal))
        self.text_label.setAlignment(
            Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
            if horizontal
            else Qt.AlignmentFlag.AlignCenter
        )
        self.updateGeometry()

    @property
    def label(self) -> str:
        """The label in the current language (`Authored` if it was: see kiosk.authored)."""
        return self._label

    def retranslate(self) -> None:
        if self._text_for is not None:
            text = self._text_for(self._ctx.language.code)
        else:
            text = self._ctx.tr(self._label_msgid)
        self.text_label.setText(text)
        self._label = text
        lang = self._ctx.language.code
        # Kept as it came (Authored or not): its type decides whether its speech is cached.
        self._spoken = self._spoken_for(lang) if self._spoken_for else text
        self.setAccessibleName(self._spoken)
        self.setToolTip("")
        self._restyle()

    def _restyle(self) -> None:
        size = self._ctx.theme.icon_px(self._icon_px)
        mirrored = self._mirror and self._ctx.language.info.rtl
        self.icon_label.setVisible(bool(self._pictogram))
        if self._pictogram:
            self.icon_label.setPixmap(pixmap(self._pictogram, size, mirrored))
            self.icon_label.setFixedSize(QSize(size, size))
        self.updateGeometry()

    @guarded(fallback=QSize())
    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    @guarded(fallback=QSize())
    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    @guarded
    def hasHeightForWidth(self) -> bool:
        return True

    @guarded
    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)

    def speak_label(self) -> None:
        """Say the label in the screen's language."""
        self._ctx.say(self._spoken)

    def _on_clicked(self) -> None:
        self.speak_label()
        self.activated.emit()
