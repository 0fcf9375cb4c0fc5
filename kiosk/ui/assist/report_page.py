"""The staff page "Assisted sessions": today's sessions, and per flow version where people stop."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.core.notices import NoticeError
from kiosk.i18n import N_, Np_, format_number
from kiosk.services.background import Background
from kiosk.ui.widgets.page import Page

TITLE = N_("Assisted sessions")
TODAY = Np_("Today: {count} session.", "Today: {count} sessions.")
NONE_TODAY = N_("No assisted sessions today.")
ROW = Np_(
    "{time}  {flow} (version {version}): {outcome}, step {step}, {reached} step reached",
    "{time}  {flow} (version {version}): {outcome}, step {step}, {reached} steps reached",
)
FEELING = N_("feeling {faces} of 3")
SOLVED = N_("solved: {answer}")
DROP_TITLE = N_("Where people stop (last 30 days):")
DROP_ROW = N_("{flow} version {version}: {completed} of {total} completed")
STOPPED = N_("  stopped at step {step}: {count}")
MISSING = N_("  locator missing at “{step}”: {count}")
OUTCOMES = {
    "completed": N_("completed"),
    "abandoned": N_("abandoned"),
    "timed_out": N_("timed out"),
    "portal_unavailable": N_("portal unavailable"),
    None: N_("still open"),
}
YES_NO = {1: N_("yes"), 0: N_("no")}


class AssistReportPage(Page):
    """Read-only, for operators and admins: no citizen data exists to show."""

    title_msgid = TITLE
    forms = True

    def __init__(self, ctx, access) -> None:
        super().__init__(ctx)
        self.access = access
        self.report = QLabel()
        self.report.setObjectName("body")
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.column.addWidget(self.message)
        self.column.addWidget(self.report)
        # The SQL runs on a worker with its own read-only connection; a language switch
        # re-translates the rows already read instead of querying again.
        self.reading = Background(self, "reading the sessions report", notify=self.tell)
        self._records: tuple[list[dict], list] | None = None

    def refresh(self) -> None:
        super().refresh()
        try:
            store = self.access.database.store
        except NoticeError as error:
            self._records = None
            self.report.clear()
            self.tell(error.notice)
            return
        self.reading.run(lambda: read_records(store), self._read)

    def _read(self, records: tuple[list[dict], list]) -> None:
        self._records = records
        self.retranslate()

    def retranslate(self) -> None:
        if self._records is not None:
            self.report.setText(self.report_text(*self._records))

    def report_text(self, rows: list[dict], drops: list) -> str:
        """Today's sessions, then drop-off per flow version over the last 30 days."""
        tr = self.ctx.tr
        trn = self.ctx.trn
        lines = [trn(TODAY, len(rows), count=format_number(len(rows))) if rows else tr(NONE_TODAY)]
        for row in rows:
            line = trn(
                ROW,
                row["steps_reached"] or 0,
                time=_local_time(row["started_at"]),
                flow=row["flow_id"],
                version=format_number(row["flow_version"]),
                outcome=tr(OUTCOMES.get(row["outcome"], OUTCOMES[None])),
                step=format_number(row["end_step"] or 0),
                reached=format_number(row["steps_reached"] or 0),
            )
            if row["satisfaction"]:
                line += ", " + tr(FEELING, faces=format_number(row["satisfaction"]))
            if row["solved"] is not None:
                line += ", " + tr(SOLVED, answer=tr(YES_NO[row["solved"]]))
            lines.append("• " + line)
        if drops:
            lines += ["", tr(DROP_TITLE)]
        for drop in drops:
            lines.append(
                tr(
                    DROP_ROW,
                    flow=drop.flow_id,
                    version=format_number(drop.version),
                    completed=format_number(drop.completed),
                    total=format_number(drop.total),
                )
            )
            for step, count in drop.stopped_at.items():
                lines.append(tr(STOPPED, step=format_number(step), count=format_number(count)))
            for step, count in drop.missing.items():
                lines.append(tr(MISSING, step=step, count=format_number(count)))
        return "\n".join(lines)


def read_records(store) -> tuple[list[dict], list]:
    """Today's session rows and the last 30 days' drop-off, read on the calling (worker)
    thread through a connection of its own."""
    from kiosk.services.assist import recent, sessions, today_start

    with store.reader() as view:
        return sessions(view, today_start()), recent(view)


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M")
    except ValueError:
        return iso
