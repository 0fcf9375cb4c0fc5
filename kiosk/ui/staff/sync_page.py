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
from kiosk.i18n import N_, format_number, localize_digits
from kiosk.services import sync
from kiosk.services.background import Background
from kiosk.services.staff_access import StaffAccess
from kiosk.services.sync import explain, explain_set_aside
from kiosk.services.sync_worker import SyncWorker
from kiosk.ui.context import UiContext
from kiosk.ui.staff.settings_rows import Row, StepperRow, TextRow, ToggleRow, validated_changes
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.spoken_field import SpokenField

SAVED = N_("Learning record settings saved and in use.")
STATUS = N_("Last delivered: {success}. Waiting to be sent: {backlog}. Set aside: {aside}.")
LAST_ERROR = N_("Last problem ({when}): {error}")
NO_ERROR = N_("No problem since the last delivery.")
NEVER = N_("never")
ASIDE = N_("Set aside on {at}: {reason} (record {statement}).")
SENDING = N_("Sending learning records now…")
SENT = N_("Sending is done.")
NOT_SENT = N_("The learning records were not sent. {error}")
SYNC_OFF = N_(
    "Sending is off, or no learning record store address is set: nothing was sent. Turn "
    "sending on, set the address and save first."
)


def when_text(iso: str, lang: str) -> str:
    """A kept time (UTC, ISO) as the person reads it: the local date in their calendar (Jalali
    in Persian) and the time, «۷ آذر ۱۴۰۴، ۱۰:۰۶», "28 November 2025, 10:06"."""
    from datetime import datetime

    from kiosk.core.certificate import gregorian_text, jalali_text

    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    day = jalali_text(moment.date(), lang) if lang == "fa" else gregorian_text(moment.date(), lang)
    comma = "، " if lang == "fa" else ", "
    # not a sentence: a date and a time, in the order both languages write them
    return day + comma + localize_digits(moment.strftime("%H:%M"), lang)


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
        self.error_label = QLabel()
        self.error_label.setObjectName("sync_last_error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
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
        for widget in (self.status_label, self.error_label, self.aside_label, *self.rows):
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
        self._read_again = False
        self._sending = False  # Send now was tapped: say how it went when the figures come
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

        if not self.reading.run(read, self._got_status):
            self._read_again = True  # a read is under way: the figures may have moved since

    def _got_status(self, found: tuple[sync.SyncStatus, list[dict]]) -> None:
        self.figures, self.aside = found
        self._show_status()
        if self._read_again:
            self._read_again = False
            self.read_status()
            return
        if self._sending and not self.worker.work.busy:
            self._sending = False  # the send this page asked for is over: say how it went
            if self._error_shown() is not None:
                self.tell(Notice(NOT_SENT, {"error": self._error_shown()}))
            else:
                self.tell(Notice(SENT), problem=False)

    def _error_shown(self) -> Notice | None:
        """The last error, in words, if it came after the last success."""
        figures = self.figures
        if figures is None:
            return None
        error, at, success = figures.last_error, figures.last_error_at, figures.last_success
        if error and at and (not success or at > success):
            return explain(error)
        return None

    def _show_status(self) -> None:
        figures = self.figures
        if figures is None:
            self.status_label.clear()
            self.error_label.clear()
            self.aside_label.hide()
            return
        tr, lang = self.ctx.tr, self.ctx.language.code
        success = figures.last_success
        self.status_label.setText(
            tr(STATUS).format(
                success=when_text(success, lang) if success else tr(NEVER),
                backlog=format_number(figures.backlog),
                aside=format_number(figures.set_aside),
            )
        )
        # The last error stays kept after a later success: shown only if it came after it.
        error = self._error_shown()
        if error is not None and figures.last_error_at:
            when = when_text(figures.last_error_at, lang)
            self.error_label.setText(tr(LAST_ERROR).format(when=when, error=error.text()))
        else:
            self.error_label.setText(tr(NO_ERROR))
        self.aside_label.setText(
            "\n".join(
                tr(ASIDE).format(
                    statement=row["statement_id"][:8],
                    at=when_text(row["at"], lang),
                    reason=explain_set_aside(row["reason"]).text(),
                )
                for row in self.aside
            )
        )
        self.aside_label.setVisible(bool(self.aside))

    def changes(self) -> dict[str, object] | None:
        """The rows changed, validated; None after saying what to correct."""
        return validated_changes(self, self.rows)

    def save(self) -> None:
        """Validate, then write the settings and the credentials off the UI thread."""
        if self.work.busy:
            return
        settings = self.ctx.settings
        changes = self.changes()
        if changes is None:
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
        """Send the next batch at once (audited); the figures follow when it is done."""
        if not self.worker.enabled:
            self.tell(Notice(SYNC_OFF))
            return
        if self.worker.sync_now():
            self.access.audit("sync.send_now")
            self._sending = True
            self.tell(Notice(SENDING), problem=False)
        self.read_status()
