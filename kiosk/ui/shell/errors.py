"""What happens when the kiosk's own code fails while a person is using it.

An exception that escapes a slot (a button's handler, a timer) reaches `sys.excepthook`.
Left alone, PySide prints it and the screen is left half-updated; on a real display some
paths even crashed. Here it is logged with a traceback that names the code and not the data,
the person is told calmly in their language (shown and spoken), and the kiosk goes back to its
home screen, which also ends any assisted session and wipes it. Fatal signals are written to
`<data dir>/logs/crash.log` by faulthandler (`kiosk.services.logs.enable_crash_log`).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from types import TracebackType

from PySide6.QtCore import QObject, QTimer

from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.services.logs import safe_traceback

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = N_(
    "Sorry, something went wrong, so the kiosk has gone back to the start. Please begin again; "
    "if it happens again, ask the operator."
)
# Several errors in a burst (a failing timer, a failing paint) give one recovery, not a loop.
QUIET_SECONDS = 3.0


class ErrorRecovery(QObject):
    """Installed as `sys.excepthook` (and `threading.excepthook`) by `kiosk.app.run`."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.count = 0
        self._last = 0.0
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous
        if threading.excepthook == self.handle_thread:
            threading.excepthook = self._previous_thread

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """An exception nobody caught on the UI thread: log it, tell the person, go home."""
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(trace)
        self.count += 1
        log.error("uncaught error; back to the home screen\n%s", safe_traceback(error))
        now = time.monotonic()
        if now - self._last < QUIET_SECONDS:
            return
        self._last = now
        # Not from inside whatever failed: once the event loop is back.
        QTimer.singleShot(0, self.window, self._recover)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        """A worker thread failed: its owner reports to the person; here it is only logged."""
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error("uncaught error in thread %s\n%s", name, safe_traceback(args.exc_value))

    def _recover(self) -> None:
        try:
            self.window.end_session("error")
            notice = Notice(SOMETHING_WENT_WRONG, severity="error")
            self.window.notice_bar.add(notice)
            self.window.ctx.say(notice.text())
        except Exception as error:  # the recovery itself must never take the kiosk down
            log.error("could not recover from an error\n%s", safe_traceback(error))
