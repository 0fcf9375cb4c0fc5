"""Page agent reports as runner events: type-checked, and merged over the frames of a page.

A target may be in the top document or in an iframe. Each frame's agent says "found" or
"missing"; the runner hears "found" as soon as one frame has it and "missing" only when the
top document has looked and no frame has it.
"""

from __future__ import annotations

from typing import Any

from kiosk.core.flows import events as ev


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class ReportReader:
    """Turns agent messages into events for the current token."""

    def __init__(self) -> None:
        self._token = -1
        self._found: dict[str, int] = {}  # doc -> locator index, for frames that have the target
        self._top_missing = False
        self._doc = ""  # the top document's id (from its agent's hello)

    def expect(self, token: int) -> None:
        """A new track or probe went out: reports are now about `token`."""
        if token != self._token:
            self._token = token
            self._found.clear()
            self._top_missing = False

    def new_document(self, doc: str) -> None:
        """The top document changed: what frames of the old one found no longer counts."""
        self._doc = doc
        self._found.clear()
        self._top_missing = False

    def read(self, message: dict[str, Any]) -> ev.Event | None:
        """The event a report means, or None (stale, malformed, or nothing new)."""
        kind, doc, top = message.get("type"), str(message.get("doc", "")), message.get("top")
        if kind == "page_error":
            # Told once per document, whichever step was current: not tied to a token, but
            # only from the top document now shown.
            text, step = message.get("text"), message.get("step")
            if top is not True or doc != self._doc or not isinstance(text, str) or not text:
                return None
            return ev.PageError(text[:600], step if isinstance(step, str) else "")
        token = _int(message.get("token"))
        if token is None or token != self._token:
            return None
        if kind == "found":
            first = not self._found
            self._found[doc] = _int(message.get("index")) or 0
            if first:
                count = _int(message.get("count")) or 1
                return ev.TargetFound(token, self._found[doc], count)
            return None
        if kind == "missing":
            had = bool(self._found)
            self._found.pop(doc, None)
            if top is True:
                self._top_missing = True
            if self._top_missing and not self._found and (had or top is True):
                return ev.TargetMissing(token)
            return None
        if kind == "value" and isinstance(message.get("matches"), bool):
            return ev.ValueMatched(
                token,
                message["matches"],
                committed=message.get("committed") is True,
                initial=message.get("initial") is True,
            )
        if kind == "dom" and message.get("kind") in ("click", "submit"):
            return ev.DomEvent(token, message["kind"], initial=message.get("initial") is True)
        if kind == "watch" and isinstance(message.get("present"), bool):
            return ev.WatchChanged(token, message["present"])
        if kind == "probe" and top is True and isinstance(message.get("present"), list):
            return ev.ProbeResult(token, tuple(bool(p) for p in message["present"]))
        return None
