"""Cross-checks a JSON Schema cannot express: step references, locator forms, regexes, origins.

Every function here reads untrusted data defensively (any JSON may arrive) and only returns
faults; it never raises.
"""

from __future__ import annotations

from typing import Any

from kiosk.core.flows.faults import FlowFault, fault, regex_fault
from kiosk.core.flows.model import END, LOCATOR_KINDS, RETURN
from kiosk.i18n import N_

Path = tuple[Any, ...]


def _dicts(items: Any, path: Path) -> list[tuple[Path, dict[str, Any]]]:
    if not isinstance(items, list):
        return []
    return [((*path, i), item) for i, item in enumerate(items) if isinstance(item, dict)]


def cross_check(data: Any) -> list[FlowFault]:
    """Every fault of meaning in a flow whose shape may or may not be right."""
    if not isinstance(data, dict):
        return []
    origins = data.get("origins") if isinstance(data.get("origins"), dict) else {}
    steps = _dicts(data.get("steps"), ("steps",))
    helps = _dicts(data.get("help"), ("help",))
    faults: list[FlowFault] = []
    ids: dict[str, Path] = {}
    for path, step in steps + helps:
        step_id = step.get("id")
        if isinstance(step_id, str):
            if step_id in ids:
                faults.append(fault((*path, "id"), N_("Step id “{id}” is used twice."), id=step_id))
            ids.setdefault(step_id, path)
    if isinstance(data.get("start"), dict):
        faults += _page(data["start"], ("start",), origins)
    for path, page in _dicts(data.get("allow"), ("allow",)):
        faults += _page(page, path, origins)
    for path, step in steps:
        faults += _step(step, path, ids, origins, is_help=False)
    for path, step in helps:
        faults += _step(step, path, ids, origins, is_help=True)
    return faults


def _page(page: dict[str, Any], path: Path, origins: dict[str, Any]) -> list[FlowFault]:
    faults = []
    origin = page.get("origin")
    if isinstance(origin, str) and origin not in origins:
        message = N_("There is no origin “{name}” in “origins”.")
        faults.append(fault((*path, "origin"), message, name=origin))
    reason = regex_fault(page.get("path"))
    if reason:
        message = N_("This is not a valid regular expression: {reason}.")
        faults.append(fault((*path, "path"), message, reason=reason))
    return faults


def _ref(value: Any, path: Path, ids: dict[str, Path], is_help: bool) -> list[FlowFault]:
    if not isinstance(value, str) or value == END or value in ids:
        return []
    if value == RETURN:
        if is_help:
            return []
        return [fault(path, N_("“$return” only works in a help step."))]
    return [fault(path, N_("There is no step “{id}”."), id=value)]


def _locators(items: Any, path: Path) -> list[FlowFault]:
    faults = []
    for lpath, loc in _dicts(items, path):
        forms = [key for key in LOCATOR_KINDS if key in loc]
        if len(forms) != 1:
            message = N_("A locator needs exactly one of: css, name, label, role, text.")
            faults.append(fault(lpath, message))
            continue
        if "value" in loc and forms != ["name"]:
            faults.append(fault((*lpath, "value"), N_("“value” goes only with “name”.")))
        if forms == ["role"] and "accessible_name" not in loc:
            faults.append(fault(lpath, N_("“{name}” is missing."), name="accessible_name"))
        if "accessible_name" in loc and forms != ["role"]:
            message = N_("“accessible_name” goes only with “role”.")
            faults.append(fault((*lpath, "accessible_name"), message))
    return faults


def _step(
    step: dict[str, Any], path: Path, ids: dict[str, Path], origins: dict[str, Any], is_help: bool
) -> list[FlowFault]:
    faults: list[FlowFault] = []
    kind = step.get("kind", "normal")
    if kind == "branch":
        if "branch" not in step:
            faults.append(fault(path, N_("“{name}” is missing."), name="branch"))
        for name in ("text", "target", "done_when"):
            if name in step:
                message = N_("A branch step does not take “{name}”.")
                faults.append(fault((*path, name), message, name=name))
    else:
        for name in ("text", "done_when"):
            if name not in step:
                faults.append(fault(path, N_("“{name}” is missing."), name=name))
        for name in ("branch", "otherwise"):
            if name in step:
                message = N_("Only a step of kind “branch” takes “{name}”.")
                faults.append(fault((*path, name), message, name=name))
    if isinstance(step.get("page"), dict):
        faults += _page(step["page"], (*path, "page"), origins)
    faults += _locators(step.get("target"), (*path, "target"))
    done = step.get("done_when")
    if isinstance(done, dict):
        for key in ("appears", "disappears"):
            faults += _locators(done.get(key), (*path, "done_when", key))
        if isinstance(done.get("url"), dict):
            faults += _page(done["url"], (*path, "done_when", "url"), origins)
        for key in ("matches", "filled"):
            reason = regex_fault(done.get(key))
            if reason:
                message = N_("This is not a valid regular expression: {reason}.")
                faults.append(fault((*path, "done_when", key), message, reason=reason))
        needs_target = {"matches", "filled", "clicked", "submitted"} & set(done)
        if needs_target and "target" not in step:
            message = N_("“{condition}” needs a “target” to watch.")
            faults.append(fault((*path, "done_when"), message, condition=sorted(needs_target)[0]))
        if kind == "consent" and set(done) != {"acknowledged"}:
            message = N_("A consent step is done only when the person agrees (“acknowledged”).")
            faults.append(fault((*path, "done_when"), message))
    for name in ("next", "otherwise"):
        faults += _ref(step.get(name), (*path, name), ids, is_help)
    for key in ("timeout", "on_missing"):
        if isinstance(step.get(key), dict):
            faults += _ref(step[key].get("help"), (*path, key, "help"), ids, is_help)
    for bpath, branch in _dicts(step.get("branch"), (*path, "branch")):
        faults += _ref(branch.get("goto"), (*bpath, "goto"), ids, is_help)
        when = branch.get("when")
        if isinstance(when, dict):
            for key in ("appears", "disappears"):
                faults += _locators(when.get(key), (*bpath, "when", key))
            if isinstance(when.get("url"), dict):
                faults += _page(when["url"], (*bpath, "when", "url"), origins)
    return faults
