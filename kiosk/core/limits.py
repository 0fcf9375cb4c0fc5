"""Limits on what the kiosk reads from files, declared once (docs/limits.md lists them).

Every loader (packs, lessons, pictograms, flows, the services catalogue, settings, the
database, the staff PIN file) reads through these, so a hostile or broken file becomes a
fault naming the file (and the JSON pointer), never a hang, a crash or a 20 MB message.
"""

from __future__ import annotations

import json
import math
from typing import Any

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

# Sizes of the files read whole.
MAX_JSON_BYTES = 2 * 1024 * 1024  # a pack.json, lesson, flow or services.json
MAX_INI_BYTES = 256 * 1024  # kiosk.ini
MAX_PIN_FILE_BYTES = 64 * 1024  # the staff PIN file
MAX_MEDIA_BYTES = 5 * 1024 * 1024  # a pictogram or photo a lesson shows
MAX_IMAGE_SIDE = 4096  # pixels on a photo's longer side (decoded, 4096² is 64 MB)

# The shape of JSON documents.
MAX_JSON_DEPTH = 48  # nesting of objects and lists; the shipped files use at most 8
MAX_TEXT_CHARS = 20_000  # one string value (a lesson's longest text is ~600)
MAX_LIST_ITEMS = 2_000  # one list or object
MAX_INTEGER = 10**15  # any number, in absolute value (a fee in rials fits; 10**400 does not)

# Regular expressions in flows (page, allow and `matches` patterns).
MAX_PATTERN_CHARS = 500

# Speech: the most characters one text is normalised and spoken from (~15 minutes of speech);
# the rest is cut, so a pasted 100,000-character text costs milliseconds, not seconds.
MAX_SPOKEN_CHARS = 10_000

# The kiosk's file picker (a portal page's <input type=file>): the most files it lists, and the
# most entries it reads from one folder of a USB stick or the session's downloads.
MAX_PICKER_FILES = 200
MAX_PICKER_ENTRIES = 10_000

# A bad value quoted in a message is cut to this many characters.
QUOTE_CHARS = 80


def cut(value: object, limit: int = QUOTE_CHARS) -> str:
    """`value` as text for a message, cut to `limit` characters with an ellipsis."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit * 4:  # repr of a huge container: never build more than needed
        text = text[: limit * 4]
    text = " ".join(text.split()) if any(ch in text for ch in "\n\r\t") else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LimitError(NoticeError):
    """A document is refused: `notice` says why, `pointer` where (RFC 6901, "" for the whole)."""

    def __init__(self, notice: Notice, pointer: str = "") -> None:
        super().__init__(notice)
        self.pointer = pointer


def _pointer(path: tuple[Any, ...]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def shape_fault(data: Any) -> LimitError | None:
    """The first place `data` (parsed JSON) breaks a limit, without recursion, or None."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if len(path) > MAX_JSON_DEPTH:
            notice = Notice(N_("nested more than {limit} levels deep"), {"limit": MAX_JSON_DEPTH})
            return LimitError(notice, _pointer(path[:MAX_JSON_DEPTH]))
        if isinstance(node, str):
            if len(node) > MAX_TEXT_CHARS:
                notice = Notice(
                    N_("this text has {count} characters; at most {limit} are allowed"),
                    {"count": len(node), "limit": MAX_TEXT_CHARS},
                )
                return LimitError(notice, _pointer(path))
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, int | float):
            if not (isinstance(node, int) or math.isfinite(node)) or abs(node) > MAX_INTEGER:
                notice = Notice(
                    N_("this number is too large; at most {limit} is allowed"),
                    {"limit": MAX_INTEGER},
                )
                return LimitError(notice, _pointer(path))
        elif isinstance(node, dict | list):
            if len(node) > MAX_LIST_ITEMS:
                notice = Notice(
                    N_("this has {count} entries; at most {limit} are allowed"),
                    {"count": len(node), "limit": MAX_LIST_ITEMS},
                )
                return LimitError(notice, _pointer(path))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in items:
                if isinstance(key, str) and len(key) > MAX_TEXT_CHARS:
                    notice = Notice(
                        N_("this text has {count} characters; at most {limit} are allowed"),
                        {"count": len(key), "limit": MAX_TEXT_CHARS},
                    )
                    return LimitError(notice, _pointer(path))
                stack.append(((*path, key), value))
    return None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(raw: bytes | str) -> Any:
    """A JSON document within the limits, or `LimitError` saying what is wrong (never another
    exception, whatever `raw` holds). A UTF-8 byte order mark is allowed."""
    if len(raw) > MAX_JSON_BYTES:
        notice = Notice(
            N_("the file is {size} KB; at most {limit} KB is allowed"),
            {"size": len(raw) // 1024, "limit": MAX_JSON_BYTES // 1024},
        )
        raise LimitError(notice)
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        notice = Notice(
            N_("the file is not UTF-8 text (byte {position})"), {"position": error.start}
        )
        raise LimitError(notice) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        notice = Notice(
            N_("the file is not valid JSON: line {line}, column {column}: {reason}"),
            {"line": error.lineno, "column": error.colno, "reason": error.msg},
        )
        raise LimitError(notice) from None
    except RecursionError:
        notice = Notice(N_("nested more than {limit} levels deep"), {"limit": MAX_JSON_DEPTH})
        raise LimitError(notice) from None
    except (ValueError, MemoryError) as error:  # NaN, Infinity, a 5,000-digit number
        notice = Notice(
            N_("the file is not valid JSON: line {line}, column {column}: {reason}"),
            {"line": "-", "column": "-", "reason": cut(str(error))},
        )
        raise LimitError(notice) from None
    problem = shape_fault(data)
    if problem is not None:
        raise problem
    return data
