"""One guard for every Qt virtual override in `kiosk.ui`.

PySide6 calls a Python override (``eventFilter``, ``showEvent``, ``interceptRequest``…) from
C++. An exception escaping it does not unwind into Python code that could catch it: shiboken
prints it at best, and on a real display it died in ``PepException_GetArgs`` with a segfault,
dropping a citizen to the desktop halfway through a payment. So every override is wrapped:
the traceback goes to the log, Qt gets a harmless answer, and the kiosk carries on.
``tests/test_guard.py`` finds every override in ``kiosk.ui`` and fails if one is unguarded.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar, overload

from kiosk.services.logs import safe_traceback

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

# What Qt gets back when an override failed, by method name: "not handled" for the event
# hooks that answer a bool; for a navigation, "refused" (the safe answer in a sealed browser).
_FALLBACKS: dict[str, object] = {
    "event": False,
    "eventFilter": False,
    "nativeEvent": False,
    "acceptNavigationRequest": False,
    "javaScriptConfirm": False,
    "javaScriptPrompt": (False, ""),
    "hasHeightForWidth": False,
    "heightForWidth": -1,
}

GUARD_MARK = "__kiosk_guarded__"
_UNSET = object()


@overload
def guarded(function: F) -> F: ...
@overload
def guarded(*, fallback: object) -> Callable[[F], F]: ...


def guarded(function: Callable[..., Any] | None = None, *, fallback: object = _UNSET):
    """Wrap a Qt virtual override so no exception can escape it into Qt.

    Use as ``@guarded``, or ``@guarded(fallback=QSize())`` where Qt needs a value of a
    certain type back and the name alone does not say which.
    """

    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        answer = _FALLBACKS.get(method.__name__) if fallback is _UNSET else fallback

        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except Exception as error:
                owner = type(args[0]).__qualname__ if args else "?"
                log.error(
                    "error in %s.%s; carrying on\n%s",
                    owner,
                    method.__name__,
                    safe_traceback(error),
                )
                return answer

        setattr(wrapper, GUARD_MARK, True)
        return wrapper

    if function is not None:
        return wrap(function)
    return wrap
