"""Where slow work runs, and how long the UI thread waited for it.

- `watched(function)` notes, for each call, whether it ran on the UI thread: the tests
  (tests/test_no_ui_stalls.py, tests/fuzz/test_screens_lag.py) assert that a slow operation's
  slow part ran, and never there; `tap_and_wait` starts the operation and waits for its result.
- `LagProbe`, an event-loop lag probe: a 10 ms timer on the UI thread that records the longest
  gap between its ticks, i.e. the longest time the UI could not answer a touch or paint. It
  measures (bench/ui_stalls.py); a test never asserts a time with it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer

STALL_MS = 50  # a UI that does not answer for longer than this feels frozen
# How much longer a slow device makes each operation's slow part (an SD card's fsync, a USB
# stick, a D-Bus keyring, a loaded CPU): the bench adds it, so that a slow part run on the UI
# thread would show as a stall far past STALL_MS even on a fast machine.
SLOW_SECONDS = 0.15


def on_ui_thread() -> bool:
    """Whether the caller runs on the UI thread: the main thread, where the kiosk (kiosk.app)
    and the tests make the QApplication and run its event loop."""
    return threading.current_thread() is threading.main_thread()


class Watched:
    """`function`, noting for each call whether it ran on the UI thread (`threads`), and
    `delay` seconds slower (a slow device; 0 in tests: where a call runs does not depend on
    how long it takes). It releases the GIL while it waits, as real I/O does."""

    def __init__(self, function: Callable[..., Any], delay: float = 0.0) -> None:
        self.function = function
        self.delay = delay
        self.threads: list[bool] = []  # one per call: True if it ran on the UI thread

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.threads.append(on_ui_thread())  # list.append is atomic: workers may call at once
        if self.delay:
            time.sleep(self.delay)
        return self.function(*args, **kwargs)

    @property
    def calls(self) -> int:
        return len(self.threads)

    @property
    def ui_calls(self) -> int:
        """How many of the calls ran on the UI thread."""
        return sum(self.threads)

    def forget(self) -> None:
        self.threads.clear()

    def __repr__(self) -> str:
        name = getattr(self.function, "__qualname__", repr(self.function))
        return f"<{name}: {self.calls} calls, {self.ui_calls} on the UI thread>"


def watched(function: Callable[..., Any], delay: float = 0.0) -> Watched:
    """`function`, its calls noted (see `Watched`): `monkeypatch.setattr(module, "name",
    watched(module.name))`, then `.calls` and `.ui_calls`."""
    return Watched(function, delay)


def tap_and_wait(qtbot, act, done, parts, timeout_ms: int = 30000) -> bool:
    """`act()`, then wait until the signal `done` is emitted, or until one of the watched
    `parts` has run on the UI thread: work done in a slot itself may never emit `done`, and
    the caller should then fail at once on that, not on a time-out. Whether `done` came."""
    arrived: list[bool] = []

    def note(*_args: object) -> None:
        arrived.append(True)

    done.connect(note)
    try:
        act()
        qtbot.waitUntil(
            lambda: bool(arrived) or any(part.ui_calls for part in parts), timeout=timeout_ms
        )
    finally:
        done.disconnect(note)
    return bool(arrived)


class LagProbe:
    """`with LagProbe(qtbot) as probe: …; probe.worst_ms` — the longest UI-thread stall."""

    def __init__(self, qtbot, interval_ms: int = 10) -> None:
        self.qtbot = qtbot
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.ticks = 0
        self.worst_ms = 0.0
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def stop(self, *_args: object) -> None:
        """Stop measuring; the time since the last tick counts too (a stall that just ended)."""
        if self.timer.isActive():
            self._tick()
            self.timer.stop()

    def stop_on(self, signal) -> None:
        """Stop the moment `signal` is emitted: when the result has been handed to the view.
        What the view then repaints (a new page) is layout work, measured by bench/."""
        signal.connect(self.stop)

    def __enter__(self) -> LagProbe:
        self._last = time.perf_counter()
        self.timer.start()
        # Running before the operation starts, so the measure covers all of it.
        self.qtbot.waitUntil(lambda: self.ticks >= 2, timeout=5000)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def calm(qtbot, window_ms: int = 300, timeout_ms: int = 30000) -> None:
    """Wait until the UI thread has gone a whole `window_ms` without a stall: a web page still
    loading or laying out paints on the UI thread, and that is not what is measured."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        with LagProbe(qtbot) as probe:
            qtbot.wait(window_ms)  # the measuring window, not a wait for something to happen
        if probe.worst_ms < STALL_MS:
            return
        assert time.monotonic() < deadline, f"the UI never calmed down ({probe.worst_ms:.0f} ms)"
