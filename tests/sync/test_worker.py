"""The sync worker sends off the UI thread, backs off after a failure and resumes."""

from __future__ import annotations

from kiosk.services import sync
from kiosk.services.config import load_settings
from kiosk.services.database import Database
from kiosk.services.sync_worker import LrsCredentials, SyncWorker
from tests.sync.helpers import answer_many
from tests.sync.lrs import PASSWORD, USER


def test_the_worker_delivers_everything_after_a_failure_with_credentials_from_the_keyring(
    qtbot, tmp_path, ralph, proxy
):
    settings = load_settings(tmp_path / "kiosk.ini", {})
    settings.apply({"staff_keyring": "file"})
    database = Database(tmp_path)
    ids = answer_many(database.store, 25)
    credentials = LrsCredentials(tmp_path, settings)
    credentials.write(USER, PASSWORD)
    assert credentials.read() == (USER, PASSWORD)  # kept in the keyring, not kiosk.ini
    worker = SyncWorker(database, settings, credentials, retry_base=0.05, batch_size=10)
    proxy.faults.extend(["500"])
    settings.apply({"lrs_url": proxy.url, "sync_enabled": True})  # starts it at once
    qtbot.waitUntil(lambda: worker.failures == 1, timeout=10000)
    assert "500" in worker.last_error
    # The retry comes by itself after the back-off; then batch after batch until none is left.
    qtbot.waitUntil(lambda: sync.status(database.store.db).backlog == 0, timeout=20000)
    assert worker.failures == 0
    stored = ralph.stored()
    assert [stored[i] for i in ids] == [1] * 25
    settings.apply({"sync_enabled": False})
    assert not worker.timer.isActive() and worker.sync_now() is False
    database.close()
