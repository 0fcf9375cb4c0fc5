"""Tapping a web page until it has seen the tap, one tap at a time.

A tap can come before the page has laid out its button, or while a refused dialog still holds
the focus, so a test taps again. Tapping on every poll of `waitUntil` (every few ms) floods
QtWebEngine with clicks, and on a loaded machine none may reach the page for many seconds:
tap once, give the page a second to react, then tap again."""

from __future__ import annotations

import time
from collections.abc import Callable

from pytestqt.exceptions import TimeoutError as NotYet

ONE_TAP_MS = 1000  # how long one tap is given to reach the page


def tap_until(qtbot, tap: Callable[[], None], done: Callable[[], bool], what: str, timeout_ms: int):
    """Call `tap()` until `done()`, waiting ONE_TAP_MS after each; fail naming `what`."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        tap()
        try:
            qtbot.waitUntil(done, timeout=ONE_TAP_MS)
            return
        except NotYet:
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}: not within {timeout_ms} ms of taps") from None
