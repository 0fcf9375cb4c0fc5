"""Faults in a flow file: a JSON pointer and a translatable message, gathered in a `FlowError`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.core.notices import Notice


@dataclass(frozen=True)
class FlowFault:
    """One fault: where (a JSON pointer into the file) and what is wrong (translatable)."""

    pointer: str
    notice: Notice

    def text(self) -> str:
        """The message in the current language."""
        return self.notice.text()

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.text()}"


class FlowError(ValueError):
    """A flow was refused; `faults` says every reason, `source` names the file."""

    def __init__(self, faults: list[FlowFault], source: str = "") -> None:
        self.faults = faults
        self.source = source
        where = f"{source}: " if source else ""
        details = "; ".join(f"{f.pointer or '/'}: {f.notice.message}" for f in faults)
        super().__init__(where + details)


def pointer(parts: Any) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def fault(path: Any, message: str, **params: object) -> FlowFault:
    """A fault at `path` (a sequence of keys and indexes) with an N_()-marked message."""
    return FlowFault(pointer(path), Notice(message, params))


def regex_fault(pattern: Any) -> Notice | str | None:
    """Why `pattern` is not a usable regular expression in a flow, or None (see `patterns`)."""
    from kiosk.core.flows.patterns import pattern_fault

    return pattern_fault(pattern)
