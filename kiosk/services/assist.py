"""Assisted-session records and the operator report: flow, times, outcome, never citizen data.

A record holds the flow id and version, when the session started and ended, how it ended
(completed, abandoned at step N, timed out, portal unavailable), how many steps were reached,
the steps whose locators were missing, the citizen's satisfaction (1–3) and whether the problem
was solved, and the operator's account id. Nothing the citizen typed or saw is ever given here:
the functions accept only these fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.services.store import Store

TABLE = "assist_sessions"
OUTCOMES = ("completed", "abandoned", "timed_out", "portal_unavailable", "interrupted")
SATISFACTION = (1, 2, 3)  # unhappy, so-so, happy


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def start_session(store: Store, flow_id: str, version: int, operator_id: str | None) -> int:
    """A new record for a session that has just begun (after consent); returns its id."""
    with store.transaction() as db:
        table = db[TABLE]
        table.insert(
            {
                "flow_id": str(flow_id),
                "flow_version": int(version),
                "started_at": _now(),
                "operator_id": operator_id or None,
                "steps_reached": 0,
                "selector_missing": "[]",
            }
        )
        return int(table.last_pk)


def end_session(
    store: Store,
    session_id: int,
    outcome: str,
    *,
    step: int | None,
    steps_reached: int,
    missing: Iterable[str] = (),
) -> None:
    """Close the record: `outcome` (one of OUTCOMES), the step it ended on (1-based), the
    number of steps reached and the ids of steps whose target could not be found."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
    with store.transaction() as db:
        db[TABLE].update(
            session_id,
            {
                "ended_at": _now(),
                "outcome": outcome,
                "end_step": int(step) if step is not None else None,
                "steps_reached": int(steps_reached),
                "selector_missing": json.dumps(sorted(set(map(str, missing)))),
            },
        )


def close_interrupted(store: Store) -> int:
    """Close the records of sessions a crash, a kill or a power cut left open: at start-up no
    session is under way, so an open record can only be one that was cut off. Returns how many.

    Call only from the kiosk that holds the instance lock (never from a command-line tool
    running beside it, which would close a live session)."""
    with store.transaction() as db:
        cursor = db.execute(
            f"UPDATE {TABLE} SET outcome = 'interrupted', ended_at = ? WHERE outcome IS NULL",
            [_now()],
        )
        return cursor.rowcount


def record_feedback(
    store: Store, session_id: int, satisfaction: int | None, solved: bool | None
) -> None:
    """The citizen's answer to "How was your experience?" and "Was your problem solved?"."""
    if satisfaction is not None and satisfaction not in SATISFACTION:
        raise ValueError(f"satisfaction must be one of {SATISFACTION}")
    changes: dict[str, object] = {}
    if satisfaction is not None:
        changes["satisfaction"] = satisfaction
    if solved is not None:
        changes["solved"] = int(bool(solved))
    if changes:
        with store.transaction() as db:
            db[TABLE].update(session_id, changes)


def sessions(store: Store, since: datetime | None = None) -> list[dict]:
    """Records started at or after `since` (all if None), oldest first."""
    where, args = ("started_at >= ?", [since.isoformat(timespec="seconds")]) if since else ("", [])
    rows = list(store.db[TABLE].rows_where(where or None, args, order_by="id"))
    for row in rows:
        row["selector_missing"] = json.loads(row["selector_missing"] or "[]")
    return rows


def today_start(now: datetime | None = None) -> datetime:
    """Midnight (local time) of today, in UTC, for "today's sessions"."""
    local = (now or datetime.now(UTC)).astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(UTC)


@dataclass(frozen=True)
class DropOff:
    """Per flow version: how many sessions, how many completed, where the others stopped."""

    flow_id: str
    version: int
    total: int
    completed: int
    stopped_at: dict[int, int]  # step number -> sessions that ended there without completing
    missing: dict[str, int]  # step id -> sessions where its locator was missing


def drop_off(store: Store, since: datetime | None = None) -> list[DropOff]:
    """Where people drop off, per flow version (sessions still open are left out)."""
    groups: dict[tuple[str, int], list[dict]] = {}
    for row in sessions(store, since):
        if row["outcome"]:
            groups.setdefault((row["flow_id"], row["flow_version"]), []).append(row)
    report = []
    for (flow_id, version), rows in sorted(groups.items()):
        stopped: dict[int, int] = {}
        missing: dict[str, int] = {}
        for row in rows:
            if row["outcome"] != "completed" and row["end_step"] is not None:
                stopped[row["end_step"]] = stopped.get(row["end_step"], 0) + 1
            for step in row["selector_missing"]:
                missing[step] = missing.get(step, 0) + 1
        completed = sum(1 for r in rows if r["outcome"] == "completed")
        report.append(
            DropOff(flow_id, version, len(rows), completed, dict(sorted(stopped.items())), missing)
        )
    return report


def recent(store: Store, days: int = 30) -> list[DropOff]:
    """`drop_off` over the last `days` days."""
    return drop_off(store, datetime.now(UTC) - timedelta(days=days))
