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


MIGRATIONS: tuple[Callable[[Database], None], ...] = (_m1_initial, _m2_staff_and_audit)

LATEST_VERSION = len(MIGRATIONS)
