"""The settings page (admins): every kiosk setting, saved together, applied live, audited.

"Save" validates every row first; a bad value is named, shown and spoken, and nothing is
applied. Otherwise the values are written to `<data dir>/kiosk.ini` and applied at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel

from kiosk.core.languages import LANGUAGES
from kiosk.core.notices import Notice
from kiosk.i18n import N_, format_percent
from kiosk.services.background import Background
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.staff.settings_rows import (
    ChecksRow,
    ChoiceRow,
    Row,
    StepperRow,
    TextRow,
    ToggleRow,
    validated_changes,
)
from kiosk.ui.widgets.page import Page

SAVED = N_("Settings saved and in use.")


class SettingsPage(Page):
    """All rows, then Save."""

    title_msgid = N_("Settings")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        languages = [(code, info.native_name) for code, info in LANGUAGES.items()]
        scales = [(scale, lambda s=scale: format_percent(s)) for scale in (100, 150, 200)]
        self.rows: list[Row] = [
            ChecksRow(ctx, "languages", languages),
            ChoiceRow(ctx, "language", languages),
            TextRow(ctx, "voice_fa"),
            TextRow(ctx, "voice_en"),
            StepperRow(ctx, "speech_rate", 10),
            StepperRow(ctx, "volume", 10),
            TextRow(ctx, "idle_seconds"),
            StepperRow(ctx, "idle_warning_seconds", 5),
            ToggleRow(ctx, "attract_speech"),
            StepperRow(ctx, "attract_interval", 15),
            TextRow(ctx, "allowed_hosts"),
            TextRow(ctx, "update_url"),
            ChoiceRow(ctx, "text_scale", scales),
            ToggleRow(ctx, "high_contrast"),
        ]
        self.by_key = {row.key: row for row in self.rows}
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.column.addWidget(self.hint)
        for row in self.rows:
            self.column.addWidget(row)
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            self.column.addWidget(rule)
        self.column.addWidget(self.message)
        self.save_button = self.button(N_("Save"), "save_settings", self.save, colour="learn")
        self.column.addWidget(self.save_button)
        # Writing kiosk.ini (write + fsync, maybe on a slow SD card) runs off the UI thread.
        self.work = Background(self, "saving settings", notify=self.tell)
        self.work.busy_changed.connect(self.save_button.setDisabled)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            self.ctx.tr(
                N_(
                    "Change what you need, then touch Save. The default language, volume "
                    "and text size are used from the next person on."
                )
            )
        )
        for row in self.rows:
            row.retranslate()
        self.retranslate_buttons()

    def refresh(self) -> None:
        super().refresh()
        settings = self.ctx.settings
        for row in self.rows:
            source = settings.baseline if row.key in ("text_scale",) else settings
            row.load(source[row.key])

    def changes(self) -> dict[str, object] | None:
        """Every row whose value differs from the one in force, validated; None after saying
        what to correct. The text size in force is the saved one, not a visitor's choice."""
        settings = self.ctx.settings

        def current(key: str) -> object:
            return settings.baseline[key] if key == "text_scale" else settings[key]

        return validated_changes(self, self.rows, current)

    def save(self) -> None:
        """Validate everything, then save (in the background) and apply all at once, or say
        what to fix."""
        if self.work.busy:
            return
        settings = self.ctx.settings
        changes = self.changes()
        if changes is None:
            return
        self.work.run(lambda: settings.write(changes), lambda _: self._saved(changes))

    def _saved(self, changes: dict[str, object]) -> None:
        self.ctx.settings.apply(changes)
        if changes:
            self.access.audit("settings.change", _printable(changes))
        self.tell(Notice(SAVED), problem=False)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeading)


def _printable(changes: dict[str, object]) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in changes.items()}
