"""A yellow bar listing start-up problems (bad settings, missing font…) until dismissed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import BODY_PX


class NoticeBar(QWidget):
    """Shows notices in the current language; hidden when there are none."""

    def __init__(self, ctx: UiContext, notices: list[Notice]) -> None:
        super().__init__()
        self.ctx = ctx
        self.notices = list(notices)
        self.setObjectName("notice_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.symbol = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QPushButton()
        self.close_button.setObjectName("notice_close")
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.addWidget(self.symbol, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addWidget(self.text)
        row.addLayout(column, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        ctx.language.language_changed.connect(self.retranslate)
        ctx.theme.changed.connect(self.retranslate)
        self.retranslate()
        self.setVisible(bool(self.notices))

    def retranslate(self) -> None:
        self.text.setText("\n".join(notice.text() for notice in self.notices))
        # For the operator, and it takes the page's room: body size whatever the citizen's
        # text size (at 200 % on 1280 x 800 a notice in large text pushed the window off the
        # screen: tests/layout).
        self.text.setStyleSheet(f"font-size: {BODY_PX}px;")
        side = self.ctx.theme.px(40)
        self.symbol.setPixmap(pixmap("notice", side))
        self.close_button.setIcon(pixmap("close", side))
        self.close_button.setIconSize(QSize(side, side))
        label = self.ctx.tr(N_("Close this message"))
        self.close_button.setAccessibleName(label)
        self.close_button.setToolTip(label)

    def add(self, notice: Notice) -> None:
        """Show one more notice."""
        self.notices.append(notice)
        self.retranslate()
        self.show()

    def dismiss(self) -> None:
        """Hide the bar (the notices stay in the log and in `kiosk doctor`)."""
        self.hide()
