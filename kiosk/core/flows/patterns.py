"""Regular expressions in flows: one meaning in Python and in the page agent's JavaScript, and
never a catastrophic backtrack.

Page and allow patterns are matched here, on the UI thread, with RE2 (linear time whatever the
pattern); `matches`/`filled` patterns run in the page as `new RegExp(pattern)`. A pattern is
accepted only if it compiles in Python, RE2 and JavaScript with the same meaning: the common
subset (no inline flags, named groups, lookarounds, backreferences, possessive quantifiers,
`\\A`/`\\Z`/`\\p{…}` escapes or nested sets), and no repeated group that holds another
repetition or a choice, which JavaScript's backtracking engine could take minutes over.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _parser as sre_parse  # the parser behind `re`: its tree shows nested repeats
from typing import Any

import re2

from kiosk.core.limits import MAX_PATTERN_CHARS, cut
from kiosk.core.notices import Notice
from kiosk.i18n import N_

_ESCAPES = set("dDwWsSbBtnrfv")  # letter escapes JavaScript reads as Python and RE2 do
_QUANTIFIERS = set("*+?}")


def pattern_fault(pattern: Any) -> Notice | str | None:
    """Why `pattern` may not be used in a flow (a Notice, or the engine's own words), or None."""
    if not isinstance(pattern, str):
        return None
    if len(pattern) > MAX_PATTERN_CHARS:
        return Notice(N_("it is longer than {limit} characters"), {"limit": MAX_PATTERN_CHARS})
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as error:
        return cut(str(error), 120)
    problem = _javascript_fault(pattern)
    if problem is not None:
        return problem
    try:
        re2.compile(pattern)
    except Exception as error:  # RE2 raises its own error type, or TypeError on odd input
        return cut(str(error), 120)
    try:
        tree = sre_parse.parse(pattern)
    except Exception as error:  # already compiled above; kept so nothing escapes
        return cut(str(error), 120)
    if _explosive(tree):
        return Notice(
            N_(
                "a repeated group holds another repetition or a choice, which can take minutes "
                "to check; write it without the nesting"
            )
        )
    return None


def _javascript_fault(pattern: str) -> Notice | None:
    """The first construct JavaScript would refuse or read differently, or None."""
    i, in_class, after_atom = 0, False, False
    while i < len(pattern):
        ch = pattern[i]
        nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
        if ch == "\\":
            if nxt.isalnum() and nxt not in _ESCAPES and not _hex_escape(pattern, i):
                return _differs("\\" + nxt)
            i, after_atom = i + 2, True
            continue
        if in_class:
            if ch == "[":
                return _differs("[ inside […]")
            if ch == "]":
                in_class = False
            i += 1
            continue
        if ch == "[":
            start = i + 2 if nxt == "^" else i + 1
            if pattern[start : start + 1] == "]":
                return _differs("[]")
            in_class, i, after_atom = True, start, True
            continue
        if ch == "(" and nxt == "?" and pattern[i + 2 : i + 3] != ":":
            return _differs(pattern[i : i + 3])
        if ch == "{" and nxt == ",":
            return _differs("{,")
        if ch in _QUANTIFIERS and nxt == "+" and after_atom:
            return _differs(ch + "+")
        after_atom = ch not in "(|"
        i += 1
    return None


def _hex_escape(pattern: str, i: int) -> bool:
    digits = pattern[i + 2 : i + 4]
    return (
        pattern[i + 1] == "x"
        and len(digits) == 2
        and all(c in "0123456789abcdefABCDEF" for c in digits)
    )


def _differs(construct: str) -> Notice:
    return Notice(
        N_("“{construct}” is read differently by the page's JavaScript; write it another way"),
        {"construct": construct},
    )


def _explosive(tree: Any) -> bool:
    """Whether a repeat (more than once) holds another repeat or a choice, at any depth."""
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        items, in_repeat = stack.pop()
        for op, av in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                _low, high, sub = av
                repeats = high > 1
                if in_repeat and repeats:
                    return True
                stack.append((sub, in_repeat or repeats))
            elif name == "BRANCH":
                if in_repeat:
                    return True
                for sub in av[1]:
                    stack.append((sub, in_repeat))
            elif name in ("SUBPATTERN", "ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
                stack.append((av[-1], in_repeat))
    return False


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> Any:
    try:
        return re2.compile(pattern)
    except Exception:  # a pattern validation refused; such a page simply never matches
        return None


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` occurs in `text`, in linear time (RE2)."""
    compiled = _compiled(pattern)
    return compiled is not None and compiled.search(text) is not None
