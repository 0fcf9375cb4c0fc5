"""A lesson's picture of one of the kiosk's own controls: the same pictogram, through the same
icon loader, with the same label, on the colour of the bar it sits on — what the learner will
really touch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.languages import language_info
from kiosk.core.lessons.controls import CONTROLS, MIRRORED
from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap

# The labels the controls carry (kiosk.ui.shell.top_bar, kiosk.ui.learn.player).
LABELS = {
    "repeat": N_("Repeat"),
    "ask": N_("Ask the operator"),
    "text_size": N_("Text size"),
    "back": N_("Back"),
    "next": N_("Next"),
    "lessons": N_("Lessons"),
}


def control_pictogram(control: str) -> str:
    """The pictogram the interface draws on `control`."""
    return CONTROLS[control]


def control_label(ctx: UiContext, control: str) -> str:
    """The label `control` shows now; the language button names the other language."""
    if control == "language":
        return language_info(ctx.language.next_language()).native_name
    return ctx.tr(LABELS[control])


class ControlSample(QWidget):
    """The control as it looks on screen (not a button: touching it does nothing)."""

    def __init__(self, ctx: UiContext, control: str) -> None:
        super().__init__()
        self.control = control
        self.setObjectName("control_sample")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        side = ctx.theme.px(64)
        mirrored = control in MIRRORED and ctx.language.info.rtl
        self.picture = QLabel()
        self.picture.setPixmap(pixmap(control_pictogram(control), side, mirrored))
        self.label = QLabel(control_label(ctx, control))
        self.setAccessibleName(self.label.text())
        row = QHBoxLayout(self)
        margin = ctx.theme.px(20)
        row.setContentsMargins(margin, margin // 2, margin, margin // 2)
        row.setSpacing(ctx.theme.px(12))
        row.addWidget(self.picture)
        row.addWidget(self.label)
