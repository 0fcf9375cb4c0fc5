"""Kiosk for rural government-service centres: learn e-services, get help with them."""

from __future__ import annotations

import sys

__version__ = "0.1.0"


def _pad_bool_refcounts() -> None:
    """Work around PySide6 6.12 on Python 3.11: every Python-side `Signal.emit()` drops a
    reference to `True`, and after about a thousand emits the interpreter aborts with
    "bool_dealloc: deallocating True or False". A kiosk emits that many in minutes.

    True and False are static singletons that are never freed, so adding a huge number to
    their reference counts once, at import, is harmless and keeps the leak from ever reaching
    zero (2**40 emits). Python 3.12+ makes bools immortal and needs none of this.
    """
    import ctypes

    for singleton in (True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


if sys.version_info < (3, 12):
    _pad_bool_refcounts()
