"""The database schema, as numbered migrations applied once each, in order.

Append new migrations to MIGRATIONS; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def _m1_initial(db: Database) -> None:
    """Kiosk identity and a key-value table for small runtime state."""
    db["kiosk_state"].create({"key": str, "value": str}, pk="key")


MIGRATIONS: tuple[Callable[[Database], None], ...] = (_m1_initial,)

LATEST_VERSION = len(MIGRATIONS)
