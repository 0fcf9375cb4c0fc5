"""The one way to the kiosk's database: a handle made at start-up and given to everyone.

Importing sqlite-utils and migrating cost about 0.1 s, so the store is not opened while the
kiosk builds its window: the composition root opens it right after the first frame
(`kiosk.app.Kiosk.finish_start`), and whoever needs it earlier opens it by asking. Callers ask
for `Database.store` and get the open store, or a `NoticeError` saying what is wrong with the
database and how to fix it (a file that is not a database, one from a newer kiosk), which they
already handle like any other refusal. No one checks for `None`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

if TYPE_CHECKING:
    from kiosk.services.store import Store

log = logging.getLogger(__name__)

# A kiosk part built without a data folder (a bench, a test of one widget) has no database.
NO_DATA_FOLDER = N_(
    "The kiosk has no data folder, so its database is not open. To fix: start the kiosk "
    "itself (the kiosk command), which prepares its data folder."
)
CLOSED = N_("The kiosk's database is closed because the kiosk is stopping.")


class Database(QObject):
    """The kiosk database of `data_dir`: opened once, on first use; the store or why not."""

    opened = Signal()
    failed = Signal(object)  # Notice: why the database could not be opened

    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self._store: Store | None = None
        self._tried = False
        # Why the database is not open, once opening failed.
        self.problem: Notice | None = None

    @property
    def is_open(self) -> bool:
        """Whether the store is open now (without trying to open it)."""
        return self._store is not None

    def open(self) -> bool:
        """Open the store unless already tried; whether it is open. The first failure is
        logged, kept in `problem` and sent with `failed`; it is not tried again."""
        if self._tried:
            return self._store is not None
        self._tried = True
        if self.data_dir is None:
            self.problem = Notice(NO_DATA_FOLDER, severity="error")
            return False
        from kiosk.services.store import open_store

        try:
            self._store = open_store(self.data_dir)
        except NoticeError as error:
            log.warning("%s", error)
            self.problem = error.notice
            self.failed.emit(error.notice)
            return False
        log.info("kiosk: database open (%s)", self._store.path)
        self.opened.emit()
        return True

    @property
    def store(self) -> Store:
        """The open store (opened now if need be), or NoticeError saying why there is none."""
        if not self.open():
            assert self.problem is not None
            raise NoticeError(self.problem)
        assert self._store is not None
        return self._store

    def close(self) -> None:
        """Close the store (at exit); asking for it afterwards is refused."""
        if self._store is not None:
            self._store.close()
            self._store = None
        self._tried = True
        if self.problem is None:
            self.problem = Notice(CLOSED, severity="error")
