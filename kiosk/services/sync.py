"""Sending the xAPI outbox to a Learning Record Store: batches, outcomes, pruning, status.

No Qt here: `kiosk.services.sync_worker` runs it off the UI thread on a timer; the tests and
`bench/sync.py` drive it directly. Each statement carries its own id (written with the answer),
so sending a batch twice is harmless: the LRS answers 204 for statements it already holds and
stores each exactly once. A batch is delivered when the LRS answers 200 or 204.

A 4xx about the content (400, 409, 413, 422 …) refuses the whole batch (xAPI batches are
atomic), so the batch is halved until the one statement at fault is found; that one is set
aside with the LRS's reason ("conflict" for 409: the LRS holds other content under its id;
"rejected" for the rest), and the others go through. Answers that say nothing about the
statements (401/403 credentials, 404/405 a wrong address, 407, 408, 429, every 5xx, a network
error, a time-out) leave the batch unsent: `LrsUnavailable`, retried later with back-off.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.core.notices import Notice
from kiosk.i18n import N_

if TYPE_CHECKING:
    import requests

    from kiosk.services.store import Store

# `requests` (~60 ms to import) loads when the first batch is sent, not at kiosk start-up.

# Statements per POST: 500 (about 0.7 MB). With 100, 10,000 statements took 32 s on a local
# Ralph (whose file backend re-reads its store per batch); with 500, 13 s (bench/sync.py). A
# batch the LRS refuses in part is halved until the statement at fault is found.
BATCH_SIZE = 500
XAPI_VERSION = "1.0.3"
# (connect, read) seconds: a dead LRS is noticed fast; a slow one gets time to store a batch.
TIMEOUT = (5.0, 30.0)
# Answers that are about the request as a whole, not about a statement in it.
NOT_ABOUT_STATEMENTS = frozenset({401, 403, 404, 405, 407, 408, 429})
# kiosk_state keys of the sync status (kept across restarts).
LAST_SUCCESS, LAST_ERROR, LAST_ERROR_AT = "sync.last_success", "sync.last_error", "sync.error_at"


class LrsUnavailable(Exception):
    """The LRS could not take the batch now (network, 5xx, credentials, address): retry later."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Pending:
    """One outbox row still to send: its row id, statement id and JSON text."""

    row_id: int
    statement_id: str
    statement: str


@dataclass
class Delivery:
    """What became of one batch: rows delivered, rows set aside (row id, kind, reason)."""

    delivered: list[int] = field(default_factory=list)
    set_aside: list[tuple[int, str, str]] = field(default_factory=list)

    def merge(self, other: Delivery) -> None:
        self.delivered += other.delivered
        self.set_aside += other.set_aside


@dataclass(frozen=True)
class SyncStatus:
    """What staff see: backlog, set-aside count, last success and last error."""

    backlog: int
    set_aside: int
    delivered: int
    last_success: str | None
    last_error: str | None
    last_error_at: str | None


def now_text(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).isoformat(timespec="milliseconds")


# What went wrong, in words -------------------------------------------------------------------

# Where staff set the LRS's address and credentials (named in the messages below).
WHERE = N_("Staff → Learning records")
CREDENTIALS = N_(
    "The learning record store refused the kiosk's user name or password. Enter the right ones "
    "under {where} and save."
)
WRONG_ADDRESS = N_(
    "Nothing at the learning record store's address takes learning records (the server "
    "answered {code}). Check the address under {where}."
)
BAD_ADDRESS = N_(
    "The learning record store's address is not a web address the kiosk can use. Correct it "
    "under {where} (it starts with https://)."
)
STORE_FAULT = N_(
    "The learning record store had a fault (the server answered {code}). The kiosk tries again "
    "by itself."
)
STORE_BUSY = N_(
    "The learning record store was too busy (the server answered {code}). The kiosk tries "
    "again by itself."
)
TIMED_OUT = N_(
    "The learning record store did not answer in time. The kiosk tries again by itself; if it "
    "keeps happening, check the network."
)
NOT_SECURE = N_(
    "A secure connection to the learning record store could not be made (its certificate was "
    "not accepted). Check the address, or tell the store's administrator."
)
UNREACHABLE = N_(
    "The learning record store could not be reached. Check the network cable or Wi-Fi and the "
    "address under {where}; the kiosk tries again by itself."
)
OTHER = N_(
    "Sending failed. The kiosk tries again by itself; if it keeps failing, a technician can "
    "run “kiosk sync status” for the details."
)
CONFLICT = N_("the store already holds a different learning record under the same number")
REJECTED = N_("the store refused it as not valid (the server answered {code})")


def _status_code(reason: str) -> int | None:
    """The HTTP status in a reason written as "HTTP 503: …" (by `LrsClient`), else None."""
    head = reason.split(":", 1)[0].strip()
    if head.startswith("HTTP "):
        try:
            return int(head[5:])
        except ValueError:
            return None
    return None


def explain(reason: str) -> Notice:
    """What a sending failure (`LrsUnavailable.reason`, as kept in the status) means, in words
    for staff; the reason itself is for the log and `kiosk sync status`."""
    where = {"where": Notice(WHERE)}
    code = _status_code(reason)
    if code is not None:
        if code in (401, 403, 407):
            return Notice(CREDENTIALS, where)
        if code in (404, 405):
            return Notice(WRONG_ADDRESS, {**where, "code": code})
        if code in (408, 429, 503):
            return Notice(STORE_BUSY, {"code": code})
        return Notice(STORE_FAULT, {"code": code})
    name = reason.split(":", 1)[0].strip()
    if "Timeout" in name:
        return Notice(TIMED_OUT)
    if name == "SSLError":
        return Notice(NOT_SECURE)
    if name in ("InvalidURL", "MissingSchema", "InvalidSchema", "InvalidHeader"):
        return Notice(BAD_ADDRESS, where)
    if name in ("ConnectionError", "ChunkedEncodingError", "ProxyError", "RetryError"):
        return Notice(UNREACHABLE, where)
    return Notice(OTHER)


def explain_set_aside(reason: str) -> Notice:
    """Why a statement was set aside ("conflict: HTTP 409: …", "rejected: HTTP 400: …")."""
    kind, _, rest = reason.partition(":")
    if kind == "conflict":
        return Notice(CONFLICT)
    return Notice(REJECTED, {"code": _status_code(rest) or "?"})


# The outbox ------------------------------------------------------------------------------


def next_batch(db, limit: int = BATCH_SIZE) -> list[Pending]:
    """The oldest statements not yet delivered nor set aside (served by the partial index)."""
    rows = db.conn.execute(
        "SELECT id, statement_id, statement FROM xapi_outbox INDEXED BY idx_xapi_outbox_unsent "
        "WHERE sent_at IS NULL AND set_aside_at IS NULL ORDER BY id LIMIT ?",
        [limit],
    ).fetchall()
    return [Pending(row_id, statement_id, text) for row_id, statement_id, text in rows]


def record(store: Store, delivery: Delivery, when: datetime | None = None) -> None:
    """Write what became of a batch, and the time of this success, in one transaction."""
    stamp = now_text(when)
    with store.transaction() as db:
        db.conn.executemany(
            "UPDATE xapi_outbox SET sent_at = ? WHERE id = ?",
            [(stamp, row_id) for row_id in delivery.delivered],
        )
        db.conn.executemany(
            "UPDATE xapi_outbox SET set_aside_at = ?, set_aside_reason = ? WHERE id = ?",
            [(stamp, f"{kind}: {reason}", row_id) for row_id, kind, reason in delivery.set_aside],
        )
        _set_state(db, LAST_SUCCESS, stamp)


def record_failure(store: Store, reason: str, when: datetime | None = None) -> None:
    """Keep the last error (what, when) for the staff page."""
    with store.transaction() as db:
        _set_state(db, LAST_ERROR, reason)
        _set_state(db, LAST_ERROR_AT, now_text(when))


def prune(store: Store, keep_days: int, when: datetime | None = None) -> int:
    """Delete statements delivered more than `keep_days` ago; how many went."""
    cutoff = now_text((when or datetime.now(UTC)) - timedelta(days=keep_days))
    with store.transaction() as db:
        cursor = db.conn.execute(
            "DELETE FROM xapi_outbox WHERE sent_at IS NOT NULL AND sent_at < ?", [cutoff]
        )
    return cursor.rowcount


def status(db) -> SyncStatus:
    """The figures the staff page shows."""
    conn = db.conn
    backlog = conn.execute(
        "SELECT count(*) FROM xapi_outbox INDEXED BY idx_xapi_outbox_unsent "
        "WHERE sent_at IS NULL AND set_aside_at IS NULL"
    ).fetchone()[0]
    aside = conn.execute(
        "SELECT count(*) FROM xapi_outbox WHERE set_aside_at IS NOT NULL"
    ).fetchone()[0]
    delivered = conn.execute(
        "SELECT count(*) FROM xapi_outbox WHERE sent_at IS NOT NULL"
    ).fetchone()[0]
    state = dict(
        conn.execute(
            "SELECT key, value FROM kiosk_state WHERE key IN (?, ?, ?)",
            [LAST_SUCCESS, LAST_ERROR, LAST_ERROR_AT],
        ).fetchall()
    )
    return SyncStatus(
        backlog,
        aside,
        delivered,
        state.get(LAST_SUCCESS),
        state.get(LAST_ERROR),
        state.get(LAST_ERROR_AT),
    )


def set_aside_rows(db, limit: int = 20) -> list[dict]:
    """The most recent statements set aside: statement id, when, and why."""
    rows = db.conn.execute(
        "SELECT statement_id, set_aside_at, set_aside_reason FROM xapi_outbox "
        "WHERE set_aside_at IS NOT NULL ORDER BY set_aside_at DESC, id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [{"statement_id": a, "at": b, "reason": c} for a, b, c in rows]


def _set_state(db, key: str, value: str) -> None:
    db.conn.execute(
        "INSERT INTO kiosk_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


# The LRS ----------------------------------------------------------------------------------


def statements_url(endpoint: str) -> str:
    """The statements resource of an xAPI endpoint (…/xAPI → …/xAPI/statements)."""
    endpoint = endpoint.rstrip("/")
    return endpoint if endpoint.endswith("/statements") else f"{endpoint}/statements"


class LrsClient:
    """Posts batches of statements to one LRS with basic auth and the xAPI version header."""

    def __init__(
        self,
        endpoint: str,
        username: str,
        password: str,
        *,
        timeout: tuple[float, float] = TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        import requests

        self.url = statements_url(endpoint)
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.auth = (username, password) if username or password else None
        self.session.headers.update(
            {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}
        )

    def post(self, batch: list[Pending]) -> tuple[int, str]:
        """POST the batch; (status, first words of the answer). LrsUnavailable on a network
        error, a time-out or an answer that is not about the statements."""
        import requests

        body = ("[" + ",".join(item.statement for item in batch) + "]").encode()
        try:
            answer = self.session.post(
                self.url, data=body, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as error:
            raise LrsUnavailable(f"{type(error).__name__}: {_first_line(str(error))}") from error
        text = _first_line(answer.text)
        code = answer.status_code
        if code in (200, 204) or (400 <= code < 500 and code not in NOT_ABOUT_STATEMENTS):
            return code, text
        raise LrsUnavailable(f"HTTP {code}: {text}")

    def deliver(self, batch: list[Pending]) -> Delivery:
        """Send `batch`; a refused batch is halved until the statement at fault is found."""
        if not batch:
            return Delivery()
        code, text = self.post(batch)
        if code in (200, 204):
            return Delivery(delivered=[item.row_id for item in batch])
        if len(batch) == 1:
            kind = "conflict" if code == 409 else "rejected"
            return Delivery(set_aside=[(batch[0].row_id, kind, f"HTTP {code}: {text}")])
        half = len(batch) // 2
        outcome = self.deliver(batch[:half])
        outcome.merge(self.deliver(batch[half:]))
        return outcome

    def close(self) -> None:
        self.session.close()


def _first_line(text: str, limit: int = 300) -> str:
    """The LRS's own words, short: its JSON `detail` if it has one, else its first line."""
    try:
        detail = json.loads(text).get("detail")
        if detail:
            text = detail if isinstance(detail, str) else json.dumps(detail)
    except (ValueError, AttributeError):
        pass
    return (text.strip().splitlines() or [""])[0][:limit]


def backoff(
    failures: int,
    base: float,
    cap: float = 3600.0,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after `failures` failures in a row: doubling from `base` up to `cap`,
    with jitter (half to all of it), so kiosks that lost the LRS together do not return in step."""
    delay = min(cap, base * 2 ** max(0, failures - 1))
    return delay * (0.5 + rand() / 2)


def send_all(store: Store, client: LrsClient, *, batch_size: int = BATCH_SIZE) -> Delivery:
    """Send every unsent statement, batch after batch, recording each batch's outcome as it
    comes (LrsUnavailable stops it: what was recorded stays, the rest is sent next time)."""
    total = Delivery()
    while batch := next_batch(store.db, batch_size):
        try:
            outcome = client.deliver(batch)
        except LrsUnavailable as error:
            record_failure(store, error.reason)
            raise
        record(store, outcome)
        total.merge(outcome)
    return total
