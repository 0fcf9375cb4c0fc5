"""Faults in a content file: which file, which JSON pointer, what is wrong — translatable."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.limits import cut
from kiosk.core.notices import Notice
from kiosk.i18n import N_, Np_, _


@dataclass(frozen=True)
class Fault:
    """One problem in one file, located by a JSON pointer (RFC 6901)."""

    file: str
    pointer: str
    notice: Notice

    def text(self) -> str:
        """'file: /pointer: what is wrong', in the current language."""
        where = self.pointer or "/"
        return _("{file} at {pointer}: {problem}").format(
            file=self.file, pointer=where, problem=self.notice.text()
        )


def pointer(path) -> str:
    """A JSON pointer for a path of keys and indexes."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else ""


_REQUIRED = re.compile(r"^'([^']+)' is a required property")
_EXTRA = re.compile(r"\(([^)]*) (was|were) unexpected\)")


def schema_fault(file: str, error) -> Fault:
    """Turn a jsonschema ValidationError into a Fault with a translatable message."""
    where = pointer(error.absolute_path)
    kind = error.validator
    if kind == "required":
        match = _REQUIRED.match(error.message)
        name = match.group(1) if match else "?"
        return Fault(file, where, Notice(N_("the field “{name}” is missing"), {"name": name}))
    if kind == "additionalProperties":
        match = _EXTRA.search(error.message)
        names = match.group(1) if match else "?"
        many = 2 if match and match.group(2) == "were" else 1  # jsonschema's own count
        forms = Np_("unknown field: {names}", "unknown fields: {names}")
        return Fault(file, where, Notice.counted(forms, many, {"names": names}))
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return Fault(
            file,
            where,
            Notice(
                N_("“{value}” is not allowed here; use one of: {allowed}"),
                {"value": cut(error.instance), "allowed": ", ".join(map(str, allowed))},
            ),
        )
    if kind == "type":
        return Fault(
            file,
            where,
            Notice(N_("should be of type {expected}"), {"expected": error.validator_value}),
        )
    if kind in ("minItems", "minProperties"):
        return Fault(
            file,
            where,
            Notice.counted(
                Np_("needs at least {count} entry", "needs at least {count} entries"),
                error.validator_value,
                {"count": error.validator_value},
            ),
        )
    if kind == "maxItems":
        return Fault(
            file,
            where,
            Notice.counted(
                Np_("allows at most {count} entry", "allows at most {count} entries"),
                error.validator_value,
                {"count": error.validator_value},
            ),
        )
    if kind == "minLength":
        return Fault(file, where, Notice(N_("must not be empty"), {}))
    if kind in ("pattern", "not", "propertyNames"):
        return Fault(
            file,
            where,
            Notice(N_("“{value}” is not written the right way"), {"value": cut(error.instance)}),
        )
    if kind == "uniqueItems":
        return Fault(file, where, Notice(N_("has the same entry twice"), {}))
    if kind in ("minimum", "maximum"):
        return Fault(
            file, where, Notice(N_("{value} is out of range"), {"value": cut(error.instance)})
        )
    return Fault(
        file, where, Notice(N_("is not valid ({detail})"), {"detail": cut(error.message, 200)})
    )
