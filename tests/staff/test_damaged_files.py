"""Issue 14: a damaged database or staff PIN file is never written to, never locks staff out,
and `kiosk doctor` names it with the fix."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest

from kiosk.cli import main
from kiosk.core.notices import NoticeError
from kiosk.core.staff_rules import Role
from kiosk.services.paths import DB_NAME
from kiosk.services.secrets import FILE_NAME
from kiosk.services.staff import SignIn, open_directory
from kiosk.services.store import open_store


def deep_json(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.fixture
def data(isolated):
    isolated.mkdir(parents=True, exist_ok=True)
    (isolated / "kiosk.ini").write_text("[kiosk]\nstaff_keyring = file\n")
    return isolated


def make_admin(data):
    store = open_store(data)
    staff = open_directory(store, data, "file")
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    store.close()
    return admin


@pytest.mark.parametrize(
    "damage",
    ["deep", "link to /dev/zero", "fifo", "null", "huge"],
)
def test_a_damaged_pin_file_is_a_notice_and_reset_admin_gets_staff_back_in(
    data, damage, monkeypatch, capsys
):
    admin = make_admin(data)
    path = data / FILE_NAME
    path.unlink()
    if damage == "deep":
        path.write_text(deep_json(10_000))
    elif damage == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif damage == "fifo":
        os.mkfifo(path)
    elif damage == "null":
        path.write_text("null")
    else:
        path.write_text('{"a": "' + "x" * 200_000 + '"}')
    store = open_store(data)
    staff = open_directory(store, data, "file")
    with pytest.raises(NoticeError) as caught:
        staff.sign_in(admin.id, "135790")
    assert "kiosk staff reset-admin" in str(caught.value)
    assert len(str(caught.value)) < 600
    store.close()

    from kiosk.commands.doctor import _pin_file_row

    status, _what, finding = _pin_file_row(data)
    assert status == "FAIL" and str(path) in finding and "reset-admin" in finding

    monkeypatch.setattr("sys.stdin", io.StringIO("246801\n"))
    assert main(["staff", "reset-admin", "--name", "Sara", "--pin-stdin"]) == 0
    assert "moved to" in capsys.readouterr().out
    assert list(data.glob(f"{FILE_NAME}.damaged-*"))
    store = open_store(data)
    staff = open_directory(store, data, "file")
    assert staff.sign_in(admin.id, "246801").outcome is SignIn.OK
    store.close()
    assert _pin_file_row(data)[0] == "ok"


def kiosk_tables_without_schema_version(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE learners (id TEXT)")
    conn.commit()
    conn.close()


def _setup(path, kind):
    if kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE invoices (id INTEGER)")
        conn.commit()
        conn.close()
    elif kind == "no schema_version":
        open_store(path.parent).close()
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE schema_version")
        conn.commit()
        conn.close()
    elif kind == "empty schema_version":
        open_store(path.parent).close()
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM schema_version")
        conn.commit()
        conn.close()
    elif kind == "text in schema_version":
        open_store(path.parent).close()
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE schema_version")
        conn.execute("CREATE TABLE schema_version (version TEXT)")
        conn.execute("INSERT INTO schema_version (version) VALUES ('two')")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        open_store(path.parent).close()
        raw = path.read_bytes()
        path.write_bytes(raw[:-1] if len(raw) % 4096 else raw[: len(raw) // 2])
    elif kind == "read-only":
        open_store(path.parent).close()
        path.chmod(0o444)


@pytest.mark.parametrize(
    "kind",
    [
        "foreign",
        "no schema_version",
        "empty schema_version",
        "text in schema_version",
        "truncated",
        "read-only",
    ],
)
def test_a_database_that_is_not_the_kiosks_is_refused_and_never_written(data, kind, qapp):
    # `qapp`: doctor's report, run in this process, would otherwise make a bare QCoreApplication
    # that every later GUI test would have to live with (QFontDatabase then crashes).
    path = data / DB_NAME
    _setup(path, kind)
    before = path.read_bytes()
    with pytest.raises(NoticeError) as caught:
        open_store(data)
    text = str(caught.value)
    assert str(path) in text and "move it away" in text
    assert path.read_bytes() == before

    from kiosk.commands.doctor import collect
    from kiosk.i18n import set_language

    set_language("en")
    try:
        rows = [r for r in collect(with_webview=False) if r[1] == "Database"]
    finally:
        set_language("fa")
    assert rows and rows[0][0] == "FAIL" and str(path) in rows[0][2]
    assert any("safe mode" in finding and "Get help works" in finding for *_r, finding in rows)
    assert path.read_bytes() == before
