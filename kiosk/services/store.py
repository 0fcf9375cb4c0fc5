"""The store: a SQLite database in the data dir, in WAL mode, with versioned migrations.

Each migration runs once, in order, in its own transaction, recorded in `schema_version`.
A file that is not a readable database, or one made by a newer kiosk, is refused with a
clear notice and never touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.migrations import LATEST_VERSION, MIGRATIONS


class Store:
    """An open kiosk database."""

    def __init__(self, path: Path, migrations=MIGRATIONS) -> None:
        self.path = path
        self._migrations = tuple(migrations)
        self.db = _open(path)
        try:
            self._check_version()
            self.db.conn.execute("PRAGMA journal_mode=WAL")
            self.db.conn.execute("PRAGMA synchronous=NORMAL")
            self.db.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except BaseException:
            self.db.conn.close()
            raise

    @property
    def schema_version(self) -> int:
        """The highest migration applied."""
        row = self.db.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Everything inside is committed together or not at all."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (checkpoints the WAL)."""
        self.db.conn.close()

    def reader(self) -> Reader:
        """A read-only connection of its own, for a worker thread: `self.db` belongs to the UI
        thread. Open it in the worker and close it there (`with store.reader() as view:`)."""
        return Reader(self.path)

    def _check_version(self) -> None:
        if "schema_version" not in self.db.table_names():
            return
        version = self.schema_version
        if version > len(self._migrations):
            raise NoticeError(
                Notice(
                    N_(
                        "The database {path} was made by a newer version of the kiosk "
                        "(schema {found}, this version knows up to {known}). It is left "
                        "untouched. To fix: install the newer kiosk again, or move the file "
                        "away to start with an empty database."
                    ),
                    {"path": str(self.path), "found": version, "known": len(self._migrations)},
                    severity="error",
                )
            )

    def _migrate(self) -> None:
        conn = self.db.conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        for version, migration in enumerate(self._migrations, start=1):
            if version <= self.schema_version:
                continue
            with self.transaction() as db:
                migration(db)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


class Reader:
    """A read-only view of the database on its own connection (WAL: readers never wait for
    the writer, nor it for them). Has `db` like a Store, so read functions take either."""

    def __init__(self, path: Path) -> None:
        self.path = path
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        self.db = Database(conn)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _open(path: Path) -> Database:
    """Connect and prove the file is a SQLite database, without writing to it."""
    try:
        # isolation_level=None: transactions are explicit (DDL included) via Store.transaction.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.DatabaseError as error:
        raise _unreadable(path, error) from error
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _unreadable(path, error) from error
    return Database(conn)


def _unreadable(path: Path, error: Exception) -> NoticeError:
    return NoticeError(
        Notice(
            N_(
                "The database {path} cannot be read ({reason}). It is left untouched. "
                "To fix: restore it from a backup, or move it away so the kiosk starts "
                "with an empty database."
            ),
            {"path": str(path), "reason": str(error)},
            severity="error",
        )
    )


def open_store(data_dir: Path) -> Store:
    """Open (creating if needed) the kiosk database in `data_dir`."""
    from kiosk.services.paths import DB_NAME

    return Store(data_dir / DB_NAME)


__all__ = ["LATEST_VERSION", "Reader", "Store", "open_store"]
