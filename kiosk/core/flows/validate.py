"""Flow validation: the JSON Schema plus cross-checks, every fault with its JSON pointer.

`load_flow(text)` and `validate_flow(data)` return a `Flow` or raise `FlowError` (and nothing
else, whatever the input) listing every fault found, each translatable for the operator.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from kiosk.core.flows import checks
from kiosk.core.flows.faults import FlowError, FlowFault, fault, pointer
from kiosk.core.flows.model import Flow
from kiosk.core.limits import LimitError, cut, parse_json, shape_fault
from kiosk.core.notices import Notice
from kiosk.i18n import N_, Np_

SCHEMA_FILE = "flow.schema.json"

# What a JSON type is called in messages for flow authors.
TYPE_NAMES = {
    "object": N_("an object in curly brackets"),
    "array": N_("a list in square brackets"),
    "string": N_("a text in quotes"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "null": N_("null"),
}


# The other JSON Schema keywords the flow schema uses; {limit} is the keyword's value.
LIMITS = {
    "const": N_("This should be {limit}."),
    "minLength": N_("This text is empty or too short."),
    "minimum": N_("This number must be at least {limit}."),
    "maximum": N_("This number must be at most {limit}."),
    "maxProperties": N_("Give at most {limit} of these fields here."),
    "uniqueItems": N_("This list has the same item twice."),
    "oneOf": N_("This should be a text, or a map from language code to text."),
}
SAMPLE_FORM = N_(
    "A sample is a text, a list of texts (for “all_filled”), an object with “read” and "
    "“pattern”, or “practice”: “captcha”."
)
# Limits whose wording depends on the number.
COUNTED_LIMITS = {
    "minItems": Np_(
        "This list needs at least {limit} item.", "This list needs at least {limit} items."
    ),
    "maxItems": Np_(
        "This list can have at most {limit} item.", "This list can have at most {limit} items."
    ),
    "maxLength": Np_(
        "This text is too long: at most {limit} character.",
        "This text is too long: at most {limit} characters.",
    ),
    "minProperties": Np_(
        "This needs at least {limit} field.", "This needs at least {limit} fields."
    ),
}


@cache
def schema() -> dict[str, Any]:
    """The flow JSON Schema shipped in this package."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def _schema_fault(error: Any) -> list[FlowFault]:
    """A jsonschema error as faults in words a flow author understands."""
    path = list(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if "propertyNames" in error.schema_path:
        return [
            fault(
                [*path, instance], N_("The name “{name}” is not allowed here."), name=cut(instance)
            )
        ]
    if kind == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return [fault(path, N_("“{name}” is missing."), name=name) for name in missing]
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = [key for key in instance if key not in known]
        message = N_("“{name}” is not a known field here (a typo?).")
        return [fault([*path, key], message, name=key) for key in extra]
    if kind == "type":
        return [fault(path, N_("This should be {expected}."), expected=_type_name(value))]
    if kind == "enum":
        return [fault(path, N_("This should be one of: {choices}."), choices=_listing(value))]
    if kind == "pattern":
        message = N_("“{value}” is not in the expected form.")
        return [fault(path, message, value=cut(str(instance)))]
    if kind in COUNTED_LIMITS:
        notice = Notice.counted(COUNTED_LIMITS[kind], value, {"limit": value})
        return [FlowFault(pointer(path), notice)]
    if kind == "oneOf" and error.schema == schema()["$defs"]["sample"]:
        return [fault(path, SAMPLE_FORM)]
    message = LIMITS.get(kind, N_("This value is not accepted here."))
    return [fault(path, message, limit=json.dumps(value) if kind == "const" else value)]


def _listing(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _type_name(value: Any) -> Notice:
    name = value if isinstance(value, str) else "/".join(map(str, value))
    return Notice(TYPE_NAMES.get(name, name))


def _non_finite(data: Any) -> list[FlowFault]:
    """NaN and infinities are not JSON numbers; find them without recursion."""
    faults, stack = [], [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            faults.append(fault(path, N_("This should be a finite number.")))
        elif isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    return faults


def validate_flow(data: Any, source: str = "") -> Flow:
    """The `Flow` described by `data` (parsed JSON), or `FlowError` with every fault."""
    faults = _non_finite(data)
    problem = None if faults else shape_fault(data)
    if problem is not None:
        faults = [FlowFault(problem.pointer, problem.notice)]
    if not faults:
        errors = _validator().iter_errors(data)
        for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
            faults.extend(_schema_fault(error))
        faults.extend(checks.cross_check(data))
    if faults:
        seen: set[tuple[str, str, str]] = set()
        unique = []
        for item in faults:
            key = (item.pointer, item.notice.message, repr(item.notice.params))
            if key not in seen:
                seen.add(key)
                unique.append(item)
        raise FlowError(unique, source)
    return Flow.from_json(data)


def load_flow(text: str | bytes, source: str = "") -> Flow:
    """Parse and validate a flow file's text (within `kiosk.core.limits`)."""
    try:
        data = parse_json(text)
    except LimitError as error:
        raise FlowError([FlowFault(error.pointer, error.notice)], source) from None
    return validate_flow(data, source)
