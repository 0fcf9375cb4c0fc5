"""Background work: run a slow function off the UI thread and get its result back on it.

The one idiom for anything that can take longer than a frame (scrypt, keyring reads, fsync,
copying to a USB stick, reading and validating flows, report SQL), in the spirit of Anki's
``QueryOp``. A view owns a `Background` and asks it to run a function::

    self.work = Background(self, "staff sign-in", notify=self.tell)
    self.work.busy_changed.connect(self.keypad.setDisabled)
    self.work.run(lambda: check(pin), self._show_result)

The function runs on a worker of a small `QThreadPool`; `success(result)` or `failure(error)`
is called later on the UI thread, through a queued signal. While a run is under way `busy` is
true (and `busy_changed` says so): a second `run` is refused, so a second tap starts nothing.
If the owner is deleted before the result arrives, the result is dropped quietly.

A failure is logged with `safe_traceback` (code, never data: an exception's message may
quote what a citizen typed), then handed to `failure`, or by default turned into a `Notice`
(`notice_for`) and given to `notify`, the view's message area or the window's notice bar.

The function must not touch widgets, and must not use the UI thread's SQLite connection:
open its own (`kiosk.services.store.Store.reader`) or return what the UI thread should write.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.logs import safe_traceback

log = logging.getLogger(__name__)

DID_NOT_WORK = N_(
    "Sorry, that did not work. Please try again; if it happens again, tell the staff."
)

_pool: QThreadPool | None = None
_dispatcher: _Dispatcher | None = None
_tokens = itertools.count()


def pool() -> QThreadPool:
    """The kiosk's worker threads (two: the machines have two cores and a UI to keep)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("kiosk-background")
        _pool.setMaxThreadCount(2)
    return _pool


def wait_until_idle(msecs: int = 5000) -> bool:
    """Wait for every function under way to return (at shutdown); False on time-out.

    Their results are not delivered: that needs the event loop."""
    return pool().waitForDone(msecs) if _pool is not None else True


def notice_for(error: BaseException) -> Notice:
    """What to tell the person about `error`: its own notice, else a calm generic one."""
    if isinstance(error, NoticeError):
        return error.notice
    return Notice(DID_NOT_WORK, severity="error")


class _Dispatcher(QObject):
    """Carries results from workers to the UI thread: one object, made on the UI thread and
    never deleted, so a worker's emit can never meet a deleted object."""

    arrived = Signal(object, object, object)  # token, result, error (one of them None)

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[int, tuple[Background, Any, Any]] = {}
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, token: int, result: object, error: object) -> None:
        owner, success, failure = self.pending.pop(token)
        if not shiboken6.isValid(owner):
            return  # the view is gone: nobody to tell
        owner._finish(success, failure, result, error)


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class Background(QObject):
    """Runs one function at a time off the UI thread for its owner (a view)."""

    busy_changed = Signal(bool)
    succeeded = Signal()  # after `success` returned (tests and views may wait on it)
    failed = Signal()  # after the failure was handled

    def __init__(
        self,
        owner: QObject,
        name: str,
        *,
        notify: Callable[[Notice], None] | None = None,
    ) -> None:
        super().__init__(owner)
        self.name = name  # for the log: what was being done, never with what
        self.notify = notify
        self._busy = False

    @property
    def busy(self) -> bool:
        """Whether a run is under way."""
        return self._busy

    def run(
        self,
        op: Callable[[], Any],
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Start `op()` on a worker; False (and nothing started) while a run is under way."""
        if self._busy:
            return False
        dispatcher = _the_dispatcher()
        token = next(_tokens)
        dispatcher.pending[token] = (self, success, failure)

        def work() -> None:
            try:
                result, error = op(), None
            except BaseException as caught:  # every failure goes back to the view
                result, error = None, caught
            dispatcher.arrived.emit(token, result, error)

        self._set_busy(True)
        pool().start(work)
        return True

    def _finish(self, success, failure, result: object, error: object) -> None:
        self._set_busy(False)
        if error is None:
            if success is not None:
                success(result)
            self.succeeded.emit()
            return
        assert isinstance(error, BaseException)
        if isinstance(error, NoticeError):
            log.warning("%s refused\n%s", self.name, safe_traceback(error))
        else:
            log.error("%s failed\n%s", self.name, safe_traceback(error))
        if failure is not None:
            failure(error)
        elif self.notify is not None:
            self.notify(notice_for(error))
        self.failed.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
