"""The one way to the database: opened once on first use, or a notice saying why not."""

from __future__ import annotations

import pytest

from kiosk.core.notices import NoticeError
from kiosk.services.database import NO_DATA_FOLDER, Database


def test_the_store_opens_on_first_use_once_and_says_so(tmp_path, qtbot):
    database = Database(tmp_path)
    assert not database.is_open
    assert not (tmp_path / "kiosk.sqlite3").exists()  # nothing opened at build time
    with qtbot.waitSignal(database.opened):
        store = database.store
    assert database.is_open and database.problem is None
    assert (tmp_path / "kiosk.sqlite3").exists()
    assert database.store is store  # the same connection every time
    with qtbot.assertNotEmitted(database.opened):
        assert database.open()
    database.close()
    assert not database.is_open
    with pytest.raises(NoticeError, match="stopping"):
        database.store  # noqa: B018


def test_an_unreadable_file_is_refused_once_with_its_notice(tmp_path, qtbot):
    path = tmp_path / "kiosk.sqlite3"
    path.write_bytes(b"garbage" * 200)
    database = Database(tmp_path)
    with qtbot.waitSignal(database.failed) as failed:
        assert not database.open()
    notice = failed.args[0]
    assert "cannot be read" in notice.message and notice.params["path"] == str(path)
    assert database.problem == notice
    with qtbot.assertNotEmitted(database.failed), pytest.raises(NoticeError) as raised:
        database.store  # noqa: B018
    assert raised.value.notice == notice
    assert path.read_bytes() == b"garbage" * 200  # left untouched


def test_without_a_data_folder_there_is_no_database(qtbot):
    database = Database()
    with pytest.raises(NoticeError) as raised:
        database.store  # noqa: B018
    assert raised.value.notice.message == NO_DATA_FOLDER
    assert not database.is_open
