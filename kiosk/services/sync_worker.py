"""The sync worker: sends the outbox to the LRS on a timer, off the UI thread, and says how it went.

One per kiosk, built by the composition root. On the UI thread it only reads the next batch
(an index walk) and writes the batch's outcome; the keyring read and the HTTP requests run
through `kiosk.services.background.Background`. A full batch is followed at once by the next;
an empty outbox waits `sync_interval` seconds; a failure waits with back-off and jitter. Since
undelivered rows simply stay unsent, a kiosk stopped mid-batch sends that batch again after a
restart, and the LRS recognises each statement by its id (204): each is stored once.

The LRS's user name and password are kept in the keyring (the same backend as staff PINs:
`staff_keyring`), never in the settings file.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.notices import NoticeError
from kiosk.services import sync
from kiosk.services.background import Background
from kiosk.services.config import Settings
from kiosk.services.database import Database

log = logging.getLogger(__name__)

SERVICE = "kiosk-lrs"
ACCOUNT = "credentials"
# The first retry after a failure waits about this long, doubling up to an hour.
RETRY_BASE = 15.0


class LrsCredentials:
    """The LRS user name and password in the keyring (slow: call from a worker)."""

    def __init__(self, data_dir: Path, settings: Settings) -> None:
        self.data_dir = data_dir
        self.settings = settings

    def _backend(self):
        from kiosk.services.secrets import choose_backend

        return choose_backend(self.data_dir, str(self.settings["staff_keyring"]))

    def read(self) -> tuple[str, str]:
        """(user name, password); empty strings when none are kept."""
        stored = self._backend().get_password(SERVICE, ACCOUNT)
        if not stored:
            return "", ""
        values = json.loads(stored)
        return str(values.get("username", "")), str(values.get("password", ""))

    def write(self, username: str, password: str) -> None:
        """Keep a new user name and password (both empty: forget them)."""
        backend = self._backend()
        if not username and not password:
            from keyring.errors import PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError):
                backend.delete_password(SERVICE, ACCOUNT)
            return
        backend.set_password(
            SERVICE, ACCOUNT, json.dumps({"username": username, "password": password})
        )


class SyncWorker(QObject):
    """Sends learning records to the LRS while sync is on; `status_changed` after each try."""

    status_changed = Signal()

    def __init__(
        self,
        database: Database,
        settings: Settings,
        credentials: LrsCredentials,
        *,
        retry_base: float = RETRY_BASE,
        batch_size: int = sync.BATCH_SIZE,
    ) -> None:
        super().__init__()
        self.database = database
        self.settings = settings
        self.credentials = credentials
        self.retry_base = retry_base
        self.batch_size = batch_size
        self.failures = 0
        self.last_error: str | None = None
        self._session = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self.work = Background(self, "sending learning records")
        settings.changed.connect(self._setting_changed)

    @property
    def enabled(self) -> bool:
        return bool(self.settings["sync_enabled"]) and bool(self.settings["lrs_url"])

    def start(self) -> None:
        """Begin sending (soon after start-up) if sync is on."""
        if self.enabled:
            self._schedule(0)

    def stop(self) -> None:
        self.timer.stop()

    def _setting_changed(self, key: str, _value: object) -> None:
        if key in ("sync_enabled", "lrs_url", "sync_interval"):
            self.failures = 0
            if self.enabled:
                self._schedule(0)
            else:
                self.timer.stop()

    def _schedule(self, seconds: float) -> None:
        self.timer.start(int(seconds * 1000))

    def sync_now(self) -> bool:
        """Send the next batch now; False if sync is off, the database closed or a batch is
        already under way."""
        if self.work.busy or not self.enabled:
            return False
        try:
            store = self.database.store
        except NoticeError:
            return False
        batch = sync.next_batch(store.db, self.batch_size)
        if not batch:
            self._idle(store)
            return True
        url = str(self.settings["lrs_url"])
        credentials = self.credentials

        def send() -> sync.Delivery:
            client = sync.LrsClient(url, *credentials.read(), session=self._http())
            return client.deliver(batch)

        self.work.run(send, lambda delivery: self._delivered(delivery, len(batch)), self._failed)
        return True

    def _http(self):
        # One connection pool for the worker's life (used by one worker thread at a time).
        if self._session is None:
            import requests

            self._session = requests.Session()
        return self._session

    def _delivered(self, delivery: sync.Delivery, sent: int) -> None:
        store = self.database.store
        sync.record(store, delivery)
        for _row, kind, reason in delivery.set_aside:
            log.warning("learning record set aside (%s): %s", kind, reason)
        self.failures, self.last_error = 0, None
        self.status_changed.emit()
        if sent >= self.batch_size:
            self._schedule(0)  # more may be waiting
        else:
            self._idle(store)

    def _idle(self, store) -> None:
        # Nothing left to send: drop what was delivered long enough ago (an index range).
        sync.prune(store, int(self.settings["sync_keep_days"]))  # type: ignore[call-overload]
        self.status_changed.emit()
        self._schedule(int(self.settings["sync_interval"]))  # type: ignore[call-overload]

    def _failed(self, error: BaseException) -> None:
        reason = error.reason if isinstance(error, sync.LrsUnavailable) else type(error).__name__
        self.failures += 1
        self.last_error = reason
        with contextlib.suppress(NoticeError):
            sync.record_failure(self.database.store, reason)
        log.warning("learning records not sent (try %d): %s", self.failures, reason)
        self.status_changed.emit()
        if self.enabled:
            self._schedule(sync.backoff(self.failures, self.retry_base))
