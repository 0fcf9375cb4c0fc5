"""The database schema, as numbered migrations applied once each, in order.

Append new migrations to MIGRATIONS; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def _m1_initial(db: Database) -> None:
    """Kiosk identity and a key-value table for small runtime state."""
    db["kiosk_state"].create({"key": str, "value": str}, pk="key")


def _m2_staff_and_audit(db: Database) -> None:
    """Staff accounts (PIN hashes live in the keyring, not here) and the audit log."""
    db["staff"].create(
        {
            "id": str,
            "name": str,
            "role": str,
            "created_at": str,
            "failures": int,
            "locked_until": float,
        },
        pk="id",
        not_null={"name", "role", "created_at"},
        defaults={"failures": 0, "locked_until": 0.0},
    )
    db["staff"].create_index(["name"], unique=True)
    # Who did what, when; never citizen data. `actor` keeps the name as it was.
    db["audit_log"].create(
        {"id": int, "at": str, "actor_id": str, "actor": str, "action": str, "details": str},
        pk="id",
        not_null={"at", "actor", "action"},
    )
    db["audit_log"].create_index(["at"])


def _m3_learners_and_progress(db: Database) -> None:
    """Pseudonymous learners, classes, lesson progress, every answer, and the xAPI outbox."""
    db["classes"].create({"id": str, "name": str, "created_at": str}, pk="id", not_null={"name"})
    db["classes"].create_index(["name"], unique=True)
    # No national ID, no phone: a nickname, an avatar, a picture-password hash.
    db["learners"].create(
        {
            "id": str,
            "nickname": str,
            "avatar": str,
            "class_id": str,
            "password_hash": str,
            "failures": int,
            "locked_until": float,
            "guest": int,
            "created_at": str,
        },
        pk="id",
        not_null={"nickname", "avatar", "created_at"},
        defaults={"failures": 0, "locked_until": 0.0, "guest": 0},
        foreign_keys=[("class_id", "classes", "id")],
    )
    # The resume point: the step a learner is on, with quiz answers so far in `state`.
    db["lesson_progress"].create(
        {
            "learner_id": str,
            "pack_id": str,
            "lesson_id": str,
            "step": int,
            "state": str,
            "completed": int,
            "stars": int,
            "mastered": int,
            "updated_at": str,
        },
        pk=("learner_id", "pack_id", "lesson_id"),
        defaults={"step": 0, "state": "{}", "completed": 0, "stars": 0, "mastered": 0},
        foreign_keys=[("learner_id", "learners", "id")],
    )
    db["answers"].create(
        {
            "id": int,
            "learner_id": str,
            "pack_id": str,
            "lesson_id": str,
            "item_id": str,
            "chosen": str,
            "correct": int,
            "attempt": int,
            "ms": int,
            "at": str,
        },
        pk="id",
        foreign_keys=[("learner_id", "learners", "id")],
    )
    db["answers"].create_index(["learner_id", "pack_id", "lesson_id"])
    db["xapi_outbox"].create(
        {"id": int, "statement": str, "created_at": str, "sent_at": str}, pk="id"
    )


def _m4_assist_sessions(db: Database) -> None:
    """Assisted sessions: flow, times, outcome, steps, feedback; never what a citizen typed."""
    db["assist_sessions"].create(
        {
            "id": int,
            "flow_id": str,
            "flow_version": int,
            "started_at": str,
            "ended_at": str,
            "outcome": str,
            "end_step": int,
            "steps_reached": int,
            "selector_missing": str,
            "satisfaction": int,
            "solved": int,
            "operator_id": str,
        },
        pk="id",
        not_null={"flow_id", "flow_version", "started_at"},
    )
    db["assist_sessions"].create_index(["started_at"])


def _m5_outbox_delivery(db: Database) -> None:
    """The outbox learns delivery: each statement's own id (a re-send is recognised by the LRS),
    when it was delivered or why it was set aside, and an index that serves the unsent rows
    without scanning delivered ones. Lesson attempts get an xAPI registration."""
    import json
    import uuid

    conn = db.conn
    conn.execute("ALTER TABLE xapi_outbox ADD COLUMN statement_id TEXT")
    conn.execute("ALTER TABLE xapi_outbox ADD COLUMN set_aside_at TEXT")
    # "conflict" (409: the LRS holds other content under this id) or "rejected" (another 4xx),
    # then the LRS's own words.
    conn.execute("ALTER TABLE xapi_outbox ADD COLUMN set_aside_reason TEXT")
    conn.execute("ALTER TABLE lesson_progress ADD COLUMN registration TEXT")
    # Statements written before ids existed get one now, in their JSON and in the column.
    rows = conn.execute("SELECT id, statement FROM xapi_outbox").fetchall()
    for row_id, text in rows:
        body = json.loads(text)
        body.setdefault("id", str(uuid.uuid4()))
        conn.execute(
            "UPDATE xapi_outbox SET statement = ?, statement_id = ? WHERE id = ?",
            [json.dumps(body), body["id"], row_id],
        )
    conn.execute("CREATE UNIQUE INDEX idx_xapi_outbox_statement_id ON xapi_outbox (statement_id)")
    # Partial: only rows still to send are in it, so "the next batch" stays a short index walk
    # however many delivered rows the table holds.
    conn.execute(
        "CREATE INDEX idx_xapi_outbox_unsent ON xapi_outbox (id) "
        "WHERE sent_at IS NULL AND set_aside_at IS NULL"
    )
    conn.execute("CREATE INDEX idx_xapi_outbox_sent_at ON xapi_outbox (sent_at)")


def _m6_class_report_indexes(db: Database) -> None:
    """Indexes for the trainers' pages, so a centre of any size answers at once: a class's
    learners by nickname (no scan of every learner), every learner by nickname, and each
    class's answers through its learners (answers by learner exist since migration 3)."""
    conn = db.conn
    conn.execute("CREATE INDEX idx_learners_class ON learners (class_id, guest, nickname)")
    conn.execute("CREATE INDEX idx_learners_guest ON learners (guest, nickname)")


def _m7_certificates(db: Database) -> None:
    """Certificates handed to learners: which serial, to whom, for which course, when; so a
    trainer can see what was issued and issue it again. Not the name printed on it: the learner
    chooses it for the paper (the code carries it), and learners stay pseudonymous here."""
    db["certificates"].create(
        {
            "serial": str,
            "learner_id": str,
            "pack_id": str,
            "issued_on": str,
            "mastered": int,
            "lessons": int,
            "delivered": str,
            "created_at": str,
        },
        pk="serial",
        not_null={"learner_id", "pack_id", "issued_on", "delivered"},
    )
    db["certificates"].create_index(["learner_id", "pack_id"])


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _m1_initial,
    _m2_staff_and_audit,
    _m3_learners_and_progress,
    _m4_assist_sessions,
    _m5_outbox_delivery,
    _m6_class_report_indexes,
    _m7_certificates,
)

LATEST_VERSION = len(MIGRATIONS)
