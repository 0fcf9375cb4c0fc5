"""Where a text came from decides whether its speech may be kept on disk.

`Authored` marks text the kiosk's own authors wrote: interface messages, lesson, pack and flow
texts. Only that may be synthesized once and cached. Every other `str` is private by default:
what a page says, what someone types, a name, anything of unknown origin. The speaker never
writes private text to disk.

Authored is a `str` subclass, and every `str` operation on it (formatting, `+`, slicing,
f-strings, `join`) returns a plain `str`: text built from parts is private unless it is made
with `compose`, which keeps it authored only when every part is. A mistake therefore costs a
cache miss, never a citizen's words on disk.
"""

from __future__ import annotations


class Authored(str):
    """Text written by the kiosk's authors (interface, lessons, flows): its speech may be cached."""

    __slots__ = ()


def is_authored(value: object) -> bool:
    """Whether `value` may go into an authored text: authored text, or a number the kiosk made."""
    return isinstance(value, Authored | int | float)


def compose(*parts: str, sep: str = " ") -> str:
    """`parts` joined by `sep` (empty parts left out): authored only if every part is."""
    kept = [part for part in parts if part]
    text = sep.join(kept)
    return Authored(text) if all(isinstance(part, Authored) for part in kept) else text
