"""Kiosk for rural government-service centres: learn e-services, get help with them."""

from __future__ import annotations

import sys

__version__ = "0.1.0"


def _pad_singleton_refcounts() -> None:
    """Work around PySide6 6.12 on Python 3.11: every Python-side `Signal.emit()` drops a
    reference to `True`, and every `QCoreApplication.processEvents()` one to `None`; after
    about a thousand emits (or fourteen thousand event-loop turns) the interpreter aborts
    with "bool_dealloc" or "none_dealloc". A kiosk does that in minutes.

    True, False and None are static singletons that are never freed, so adding a huge number
    to their reference counts once, at import, is harmless and keeps the leaks from ever
    reaching zero (2**40 calls). Python 3.12+ makes them immortal and needs none of this.
    """
    import ctypes

    for singleton in (True, False, None):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


if sys.version_info < (3, 12):
    _pad_singleton_refcounts()
