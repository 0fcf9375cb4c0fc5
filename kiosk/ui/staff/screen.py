"""The Staff screen: for now the operator's speech controls; sign-in and settings come next."""

from __future__ import annotations

from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.staff.speech_controls import SpeechControls
from kiosk.ui.widgets.placeholder import PlaceholderScreen


class StaffScreen(PlaceholderScreen):
    """Placeholder text, speech volume and rate, Back."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(
            ctx,
            "staff",
            N_("Staff"),
            N_("Staff sign-in and settings will appear here."),
            "staff",
        )
        self.speech_controls = SpeechControls(ctx)
        # Below the explanation, before the closing stretch.
        self.layout_.insertWidget(self.layout_.count() - 1, self.speech_controls)
