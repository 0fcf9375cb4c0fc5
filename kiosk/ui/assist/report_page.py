"""The staff page "Assisted sessions": today's sessions, and per flow version where people stop."""

from __future__ import annotations

from dataclasses import dataclass
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
    "{time}  {service} (version {version}): {outcome}, step {step}, {reached} step reached",
    "{time}  {service} (version {version}): {outcome}, step {step}, {reached} steps reached",
)
# Each detail is a whole line of its own, so that a translator never gets a fragment.
FEELING = N_("How it felt: {faces} of 3")
SOLVED = {1: N_("The problem was solved."), 0: N_("The problem was not solved.")}
DROP_TITLE = N_("Where people stop (last 30 days):")
DROP_ROW = N_("{service} version {version}: {completed} of {total} completed")
STOPPED = N_("Stopped at step {step}: {count}")
MISSING = N_("The guide could not find its place at step {step}: {count}")
MISSING_GONE = N_("The guide could not find its place at a step the service no longer has: {count}")
# A record of a service since removed: its id is a technical name staff should not have to read.
GONE = N_("a service no longer offered")
OUTCOMES = {
    "completed": N_("completed"),
    "abandoned": N_("abandoned"),
    "timed_out": N_("timed out"),
    "portal_unavailable": N_("portal unavailable"),
    "interrupted": N_("cut off (the kiosk stopped)"),
    None: N_("still open"),
}


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
        self._records: tuple[list[dict], list, dict[str, ServiceNames]] | None = None

    def refresh(self) -> None:
        super().refresh()
        try:
            store = self.access.database.store
        except NoticeError as error:
            self._records = None
            self.report.clear()
            self.tell(error.notice)
            return
        data_dir = self.access.data_dir
        self.reading.run(lambda: read_records(store, data_dir), self._read)

    def _read(self, records: tuple[list[dict], list, dict[str, ServiceNames]]) -> None:
        self._records = records
        self.retranslate()

    def retranslate(self) -> None:
        if self._records is not None:
            self.report.setText(self.report_text(*self._records))

    def report_text(
        self, rows: list[dict], drops: list, names: dict[str, ServiceNames] | None = None
    ) -> str:
        """Today's sessions, then drop-off per flow version over the last 30 days. Services
        are named by their title in the interface language, never by their flow id."""
        tr = self.ctx.tr
        trn = self.ctx.trn
        names = names or {}

        def service(flow_id: str) -> str:
            known = names.get(flow_id)
            return known.title(self.ctx.language.code) if known else tr(GONE)

        lines = [trn(TODAY, len(rows), count=format_number(len(rows))) if rows else tr(NONE_TODAY)]
        for row in rows:
            line = trn(
                ROW,
                row["steps_reached"] or 0,
                time=_local_time(row["started_at"]),
                service=service(row["flow_id"]),
                version=format_number(row["flow_version"]),
                outcome=tr(OUTCOMES.get(row["outcome"], OUTCOMES[None])),
                step=format_number(row["end_step"] or 0),
                reached=format_number(row["steps_reached"] or 0),
            )
            lines.append("• " + line)
            if row["satisfaction"]:
                lines.append(INDENT + tr(FEELING, faces=format_number(row["satisfaction"])))
            if row["solved"] is not None:
                lines.append(INDENT + tr(SOLVED[1 if row["solved"] else 0]))
        if drops:
            lines += ["", tr(DROP_TITLE)]
        for drop in drops:
            lines.append(
                tr(
                    DROP_ROW,
                    service=service(drop.flow_id),
                    version=format_number(drop.version),
                    completed=format_number(drop.completed),
                    total=format_number(drop.total),
                )
            )
            for step, count in drop.stopped_at.items():
                lines.append(
                    INDENT + tr(STOPPED, step=format_number(step), count=format_number(count))
                )
            known = names.get(drop.flow_id)
            for step_id, count in drop.missing.items():
                number = known.step_number(step_id) if known else None
                if number is None:
                    lines.append(INDENT + tr(MISSING_GONE, count=format_number(count)))
                else:
                    lines.append(
                        INDENT + tr(MISSING, step=format_number(number), count=format_number(count))
                    )
        return "\n".join(lines)


INDENT = "    "


@dataclass(frozen=True)
class ServiceNames:
    """What staff read for a flow id: the service's title and the number of each step."""

    titles: dict[str, str]
    step_ids: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), "")

    def step_number(self, step_id: str) -> int | None:
        return self.step_ids.index(step_id) + 1 if step_id in self.step_ids else None


def read_records(store, data_dir=None) -> tuple[list[dict], list, dict[str, ServiceNames]]:
    """Today's session rows, the last 30 days' drop-off and the names of the services, read on
    the calling (worker) thread (the database through a connection of its own)."""
    from kiosk.services.assist import recent, sessions, today_start
    from kiosk.services.assist_catalog import load_services, service_folders

    with store.reader() as view:
        rows, drops = sessions(view, today_start()), recent(view)
    services, _faults = load_services(service_folders(data_dir))  # faults: the health page
    names = {
        s.flow.id: ServiceNames(dict(s.flow.title), tuple(step.id for step in s.flow.steps))
        for s in services
    }
    return rows, drops, names


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M")
    except ValueError:
        return iso
