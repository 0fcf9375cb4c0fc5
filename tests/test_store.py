"""The store: WAL, migrations once each and in order, bad databases refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from kiosk import i18n
from kiosk.core.notices import NoticeError
from kiosk.services.migrations import LATEST_VERSION
from kiosk.services.store import Store, open_store


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_wal_and_fully_migrated(tmp_path):
    store = open_store(tmp_path)
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == LATEST_VERSION
    assert "kiosk_state" in store.db.table_names()
    store.close()


def test_migrations_run_once_each_in_order(tmp_path):
    calls = []

    def first(db):
        calls.append(1)
        db["a"].create({"id": int}, pk="id")

    def second(db):
        calls.append(2)
        db["b"].create({"id": int}, pk="id")

    Store(tmp_path / "db.sqlite3", migrations=[first]).close()
    Store(tmp_path / "db.sqlite3", migrations=[first, second]).close()
    store = Store(tmp_path / "db.sqlite3", migrations=[first, second])
    assert calls == [1, 2]
    rows = store.db.conn.execute("SELECT version FROM schema_version ORDER BY version")
    assert [r[0] for r in rows] == [1, 2]
    store.close()


def test_a_failing_migration_is_rolled_back_whole(tmp_path):
    def good(db):
        db["a"].create({"id": int}, pk="id")

    def bad(db):
        db["b"].create({"id": int}, pk="id")
        raise RuntimeError("half-way")

    with pytest.raises(RuntimeError):
        Store(tmp_path / "db.sqlite3", migrations=[good, bad])
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "a" in tables and "b" not in tables
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
    conn.close()


def test_transaction_commits_together_or_not_at_all(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError), store.transaction() as db:
        db.execute("INSERT INTO kiosk_state (key, value) VALUES ('a', '1')")
        raise ValueError
    assert store.db.execute("SELECT count(*) FROM kiosk_state").fetchone()[0] == 0
    with store.transaction() as db:
        db.execute("INSERT INTO kiosk_state (key, value) VALUES ('a', '1')")
    assert store.db.execute("SELECT count(*) FROM kiosk_state").fetchone()[0] == 1
    store.close()


def test_sqlite_utils_writes_roll_back_with_the_transaction(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError), store.transaction() as db:
        db["kiosk_state"].insert({"key": "a", "value": "1"})
        db["kiosk_state"].insert_all([{"key": "b", "value": "2"}])
        raise ValueError
    assert store.db["kiosk_state"].count == 0
    store.close()


def test_garbage_file_is_refused_with_a_message_and_left_untouched(tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    before = digest(path)
    with pytest.raises(NoticeError) as caught:
        open_store(tmp_path)
    i18n.set_language("en")
    assert str(path) in caught.value.notice.text() and "To fix" in caught.value.notice.text()
    i18n.set_language("fa")
    assert digest(path) == before


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    store = open_store(tmp_path)
    store.db.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST_VERSION + 5,))
    store.close()
    path = tmp_path / "kiosk.sqlite3"
    before = digest(path)
    with pytest.raises(NoticeError) as caught:
        open_store(tmp_path)
    i18n.set_language("en")
    assert "newer version" in caught.value.notice.text()
    i18n.set_language("fa")
    assert digest(path) == before


def test_a_reader_in_another_thread_sees_committed_rows_and_cannot_write(tmp_path):
    import sqlite3
    from concurrent.futures import ThreadPoolExecutor

    store = Store(tmp_path / "kiosk.db")
    with store.transaction() as db:
        db["classes"].insert({"id": "c1", "name": "Morning", "created_at": "2026-01-01"})

    def read_then_try_to_write():
        with store.reader() as view:  # opened, used and closed in the worker thread
            names = [row["name"] for row in view.db["classes"].rows]
            try:
                view.db.execute("DELETE FROM classes")
            except sqlite3.OperationalError as error:
                return names, str(error)
            return names, "written"

    with ThreadPoolExecutor(1) as pool:
        names, write = pool.submit(read_then_try_to_write).result()
    assert names == ["Morning"] and "readonly" in write
    assert store.db["classes"].count == 1
    store.close()
