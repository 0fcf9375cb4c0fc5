"""The store: a SQLite database in the data dir, in WAL mode, with versioned migrations.

Each migration runs once, in order, in its own transaction, recorded in `schema_version`.
A file that is not a readable database, or one made by a newer kiosk, is refused with a
clear notice and never touched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.migrations import LATEST_VERSION, MIGRATIONS


class Store:
    """An open kiosk database."""

    def __init__(self, path: Path, migrations=MIGRATIONS, *, memory: bool = False) -> None:
        self.path = path
        self.memory = memory
        self._migrations = tuple(migrations)
        if memory:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self.db = Database(conn)
        else:
            self.db = _open(path)
        try:
            if not memory:
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
        thread. Open it in the worker and close it there (`with store.reader() as view:`).
        A scratch store (`scratch_store`) has none: it lives on one connection only."""
        if self.memory:
            raise RuntimeError("a scratch store has no reader")
        return Reader(self.path)

    def _check_version(self) -> None:
        """Refuse, before anything is written, a file that is not this kiosk's database in a
        state it can use: read-only, damaged, someone else's, or half-made."""
        names = set(self.db.table_names())
        # Write bits too: root may write anywhere, but a file made read-only means "hands off".
        mode = os.stat(self.path).st_mode
        writable = os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        if not writable or not mode & 0o222:
            raise _refused(self.path, N_("it cannot be written (read-only)"))
        try:
            problems = self.db.conn.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.DatabaseError as error:
            raise _unreadable(self.path, error) from error
        if problems and problems[0] != "ok":
            raise _refused(self.path, N_("it is damaged (perhaps cut short)"))
        if not names:
            return  # empty: a new database
        if "schema_version" not in names:
            raise _refused(
                self.path, N_("it is not the kiosk's database (no schema_version table)")
            )
        rows = self.db.conn.execute("SELECT version FROM schema_version").fetchall()
        versions = [row[0] for row in rows]
        if not all(type(v) is int and v > 0 for v in versions) or (
            not versions and names != {"schema_version"}
        ):
            raise _refused(self.path, N_("its schema_version table is damaged"))
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
        # The kiosk's own tables, found by running its migrations on a scratch database (a test's
        # own migrations are not run twice for it).
        ours = self._migrations == tuple(MIGRATIONS)
        unknown = sorted(names - known_tables(self._migrations)) if ours else []
        if unknown:
            raise _refused(
                self.path, N_("it has tables the kiosk does not know"), ", ".join(unknown)
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


def _refused(path: Path, reason: str, detail: str = "") -> NoticeError:
    return NoticeError(
        Notice(
            N_(
                "The database {path} was not opened: {reason}{detail}. It is left untouched, "
                "and learning records are off until it is fixed. To fix: restore it from a "
                "backup, or move it away so the kiosk starts with an empty database."
            ),
            {
                "path": str(path),
                "reason": Notice(reason),
                "detail": f" ({detail})" if detail else "",
            },
            severity="error",
        )
    )


@cache
def _known_tables(migrations: tuple) -> frozenset[str]:
    scratch = Database(sqlite3.connect(":memory:"))
    try:
        for migration in migrations:
            migration(scratch)
        names = set(scratch.table_names())
    finally:
        scratch.conn.close()
    return frozenset(names | {"schema_version", "sqlite_sequence", "sqlite_stat1"})


def known_tables(migrations=MIGRATIONS) -> frozenset[str]:
    """Every table the kiosk's migrations make (found by running them on a scratch database)."""
    return _known_tables(tuple(migrations))


def open_store(data_dir: Path) -> Store:
    """Open (creating if needed) the kiosk database in `data_dir`, or NoticeError saying why
    not: the loader's boundary, no other exception escapes."""
    from kiosk.services.paths import DB_NAME

    path = data_dir / DB_NAME
    try:
        return Store(path)
    except NoticeError:
        raise
    except Exception as error:
        raise _unreadable(path, error) from error


def scratch_store() -> Store:
    """A kiosk database in memory only, for the safe mode a refused database leaves the kiosk
    in: a guest can learn (the lesson player keeps its place in it), and nothing is written
    anywhere; it is gone when closed."""
    return Store(Path(":memory:"), memory=True)


__all__ = ["LATEST_VERSION", "Reader", "Store", "open_store", "scratch_store"]
