"""Emit Qt signals without PySide6 6.12's leak of a reference to `True` on Python 3.11.

`SignalInstance.emit()` in PySide6 6.12 returns `True` without taking a reference. On Python
3.11 (bools are not immortal before 3.12) every emit lowers `True`'s reference count by one,
and after a few thousand emits the interpreter aborts with "bool_dealloc: deallocating True
or False". `emit` measures the leak once and gives the reference back when it is there.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_leaks: bool | None = None


class _Probe(QObject):
    ping = Signal()


def _measure() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()  # the result is dropped at once: that is where a leak shows
    lost = before - sys.getrefcount(True)
    if lost >= 8:
        for _ in range(8):  # repay the probe's own emits
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= 8


def emit_leaks_bool() -> bool:
    """Whether this PySide6 drops a reference to the bool `emit()` returns."""
    global _leaks
    if _leaks is None:
        _leaks = sys.version_info < (3, 12) and _measure()
    return _leaks


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, repaying the reference PySide6 6.12 takes from `True`."""
    result = signal.emit(*args)
    if isinstance(result, bool) and emit_leaks_bool():
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
