"""Learning records (admins): where they go, how often, and how sending goes — each change audited.

Shows the last success, the backlog, the statements set aside (with the LRS's reason) and the
last error; sets the LRS address, sync on/off, interval, days kept and the deployment address;
keeps the LRS user name and password in the keyring. The figures are read, and the settings
and credentials written, through Background; the sending itself is the SyncWorker's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.core.notices import Notice
from kiosk.core.options import OptionValueError
from kiosk.i18n import N_, format_number
from kiosk.services import sync
from kiosk.services.background import Background
from kiosk.services.config import InvalidSetting
from kiosk.services.staff_access import StaffAccess
from kiosk.services.sync_worker import SyncWorker
from kiosk.ui.context import UiContext
from kiosk.ui.staff.settings_rows import Row, StepperRow, TextRow, ToggleRow
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.spoken_field import SpokenField

PROBLEM = N_("“{setting}”: {problem}. Nothing was changed. Correct it and save again.")
SAVED = N_("Learning record settings saved and in use.")
STATUS = N_(
    "Last delivered: {success}. Waiting to be sent: {backlog}. Set aside: {aside}. "
    "Last error: {error}"
)
NEVER = N_("never")
NONE = N_("none")
ASIDE = N_("Set aside {statement} at {at}: {reason}")


class SyncPage(Page):
    """Status, then the rows, the credentials, Save and Send now."""

    title_msgid = N_("Learning records")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess, worker: SyncWorker) -> None:
        super().__init__(ctx)
        self.access = access
        self.worker = worker
        self.status_label = QLabel()
        self.status_label.setObjectName("sync_status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.aside_label = QLabel()
        self.aside_label.setObjectName("sync_set_aside")
        self.aside_label.setWordWrap(True)
        self.aside_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rows: list[Row] = [
            ToggleRow(ctx, "sync_enabled"),
            TextRow(ctx, "lrs_url"),
            StepperRow(ctx, "sync_interval", 60),
            StepperRow(ctx, "sync_keep_days", 5),
            TextRow(ctx, "xapi_base"),
        ]
        self.by_key = {row.key: row for row in self.rows}
        self.username = SpokenField(ctx, N_("LRS user name (leave empty to keep)"))
        self.username.setObjectName("lrs_username")
        self.password = SpokenField(ctx, N_("LRS password (leave empty to keep)"), masked=True)
        self.password.setObjectName("lrs_password")
        for widget in (self.status_label, self.aside_label, *self.rows):
            self.column.addWidget(widget)
        self.column.addWidget(self.username)
        self.column.addWidget(self.password)
        self.column.addWidget(self.message)
        self.save_button = self.button(N_("Save"), "save_sync", self.save, colour="learn")
        self.send_button = self.button(N_("Send now"), "sync_now", self.send_now)
        self.column.addWidget(self.save_button)
        self.column.addWidget(self.send_button)
        self.work = Background(self, "saving sync settings", notify=self.tell)
        self.work.busy_changed.connect(self.save_button.setDisabled)
        self.reading = Background(self, "reading sync status", notify=self.tell)
        self.figures: sync.SyncStatus | None = None
        self.aside: list[dict] = []
        worker.status_changed.connect(self.read_status)
        self.retranslate()

    def retranslate(self) -> None:
        for row in self.rows:
            row.retranslate()
        self.retranslate_buttons()
        self._show_status()

    def refresh(self) -> None:
        super().refresh()
        for row in self.rows:
            row.load(self.ctx.settings[row.key])
        self.username.clear()
        self.password.clear()
        self.read_status()

    def read_status(self) -> None:
        """Read the figures off the UI thread (counts over a large outbox)."""
        if not self.isVisible() and self.figures is not None:
            return
        try:
            store = self.access.database.store
        except Exception:
            return
        reader = store.reader

        def read() -> tuple[sync.SyncStatus, list[dict]]:
            with reader() as view:
                return sync.status(view.db), sync.set_aside_rows(view.db, 5)

        self.reading.run(read, self._got_status)

    def _got_status(self, found: tuple[sync.SyncStatus, list[dict]]) -> None:
        self.figures, self.aside = found
        self._show_status()

    def _show_status(self) -> None:
        figures = self.figures
        if figures is None:
            self.status_label.clear()
            return
        tr = self.ctx.tr
        self.status_label.setText(
            tr(STATUS).format(
                success=figures.last_success or tr(NEVER),
                backlog=format_number(figures.backlog),
                aside=format_number(figures.set_aside),
                error=figures.last_error or tr(NONE),
            )
        )
        self.aside_label.setText(
            "\n".join(
                tr(ASIDE).format(statement=row["statement_id"], at=row["at"], reason=row["reason"])
                for row in self.aside
            )
        )
        self.aside_label.setVisible(bool(self.aside))

    def changes(self) -> dict[str, object]:
        found: dict[str, object] = {}
        for row in self.rows:
            try:
                value = row.value()
            except OptionValueError as error:
                raise InvalidSetting(row.key, error) from error
            if value != self.ctx.settings[row.key]:
                found[row.key] = value
        return found

    def save(self) -> None:
        """Validate, then write the settings and the credentials off the UI thread."""
        if self.work.busy:
            return
        settings = self.ctx.settings
        try:
            changes = self.changes()
            settings.validate(changes)
        except InvalidSetting as error:
            row = self.by_key[error.key]
            self.tell(
                Notice(
                    PROBLEM,
                    {
                        "setting": Notice(row.option.title),
                        "problem": Notice(error.message, error.params),
                    },
                )
            )
            row.focus()
            return
        username, password = self.username.text().strip(), self.password.text()
        credentials = self.worker.credentials
        new_credentials = bool(username or password)

        def write() -> None:
            settings.write(changes)
            if new_credentials:
                credentials.write(username, password)

        self.work.run(write, lambda _: self._saved(changes, username if new_credentials else None))

    def _saved(self, changes: dict[str, object], username: str | None) -> None:
        self.ctx.settings.apply(changes)
        if changes:
            self.access.audit("sync.change", changes)
        if username is not None:
            # Who the kiosk signs in as; never the password.
            self.access.audit("sync.credentials", {"username": username})
        self.username.clear()
        self.password.clear()
        self.tell(Notice(SAVED), problem=False)

    def send_now(self) -> None:
        """Send the next batch at once (audited), then show the figures."""
        if self.worker.sync_now():
            self.access.audit("sync.send_now")
        self.read_status()
