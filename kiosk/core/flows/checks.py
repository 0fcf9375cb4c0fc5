"""Cross-checks a JSON Schema cannot express: step references, locator forms, regexes, origins.

Every function here reads untrusted data defensively (any JSON may arrive) and only returns
faults; it never raises.
"""

from __future__ import annotations

import re
from typing import Any

from kiosk.core.flows.faults import FlowFault, fault, regex_fault
from kiosk.core.flows.model import END, LOCATOR_KINDS, RETURN
from kiosk.core.flows.patterns import search
from kiosk.core.limits import cut
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
    practice = bool(origins) and all(
        isinstance(t, str) and _TEMPLATE.fullmatch(t) for t in origins.values()
    )
    for path, step in steps + helps:
        faults += _sample(step, path, practice)
    faults += _origins(origins)
    faults += _hosts(data.get("hosts"))
    faults += _audio(steps + helps)
    faults += _branch_loops(steps, helps)
    return faults


_TEMPLATE = re.compile(r"\{[a-z][a-z0-9_]*\}")
_ORIGIN = re.compile(r"(https?)://([^/?#@:]+)(?::([0-9]{1,5}))?/?")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def valid_host(host: str) -> bool:
    """A DNS name (labels of letters, digits and inner hyphens) or an IPv4 address."""
    host = host.lower()
    if not host or len(host) > 253 or host.endswith(".") or host.startswith("."):
        return False
    return all(_LABEL.fullmatch(label) for label in host.split("."))


def _origins(origins: dict[str, Any]) -> list[FlowFault]:
    """Each origin is a practice placeholder such as {portal}, or http(s)://host[:port]."""
    faults = []
    for name, value in origins.items():
        if not isinstance(value, str) or _TEMPLATE.fullmatch(value):
            continue
        match = _ORIGIN.fullmatch(value)
        if match is None or not valid_host(match[2]) or int(match[3] or 1) > 65535:
            message = N_(
                "“{value}” is not an origin: write http:// or https:// and a host name, "
                "such as https://my.gov.ir, or a placeholder such as {{portal}}."
            )
            faults.append(fault(("origins", name), message, value=cut(value)))
    return faults


def _hosts(hosts: Any) -> list[FlowFault]:
    return [
        fault(("hosts", index), N_("“{value}” is not a host name."), value=cut(host))
        for index, host in enumerate(hosts if isinstance(hosts, list) else ())
        if isinstance(host, str) and not valid_host(host)
    ]


def _audio(steps: list[tuple[Path, dict[str, Any]]]) -> list[FlowFault]:
    """Recorded audio is a path relative to the flow's folder and stays inside it."""
    faults = []
    for path, step in steps:
        audio = step.get("audio")
        for lang, file in audio.items() if isinstance(audio, dict) else ():
            if not isinstance(file, str):
                continue
            parts = file.replace("\\", "/").split("/")
            if file.startswith(("/", "\\")) or ":" in file or ".." in parts:
                message = N_(
                    "The path “{file}” must be relative and stay inside the flow's folder."
                )
                faults.append(fault((*path, "audio", lang), message, file=cut(file)))
    return faults


def _branch_loops(
    steps: list[tuple[Path, dict[str, Any]]], helps: list[tuple[Path, dict[str, Any]]]
) -> list[FlowFault]:
    """Branch steps that lead to each other without a step in between would loop for ever."""
    where: dict[str, Path] = {}
    edges: dict[str, list[str]] = {}
    for group in (steps, helps):
        for position, (path, step) in enumerate(group):
            step_id = step.get("id")
            if not isinstance(step_id, str) or step.get("kind") != "branch" or step_id in where:
                continue
            where[step_id] = path
            after = step.get("next")
            if not isinstance(after, str):
                following = group[position + 1][1].get("id") if position + 1 < len(group) else None
                after = following if group is steps else None
            targets = [b.get("goto") for _p, b in _dicts(step.get("branch"), ())]
            targets.append(step.get("otherwise"))
            edges[step_id] = [after if target in (None, RETURN) else target for target in targets]
    faults, done = [], set()
    for start in where:
        if start in done:
            continue
        # Iterative depth-first search; `trail` is the current chain of branch steps.
        trail, on_trail, stack = [], set(), [(start, iter(edges[start]))]
        trail.append(start)
        on_trail.add(start)
        while stack:
            node, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                on_trail.discard(trail.pop())
                done.add(node)
                continue
            if not isinstance(target, str) or target not in where or target in done:
                continue
            if target in on_trail:
                loop = [*trail[trail.index(target) :], target]
                message = N_("These branch steps lead to each other in a loop: {loop}.")
                faults.append(fault(where[target], message, loop=" → ".join(loop)))
                done.update(loop)
                continue
            trail.append(target)
            on_trail.add(target)
            stack.append((target, iter(edges[target])))
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
        faults += _locator(loc, lpath)
    return faults


def _locator(loc: dict[str, Any], lpath: Path, depth: int = 0) -> list[FlowFault]:
    faults = []
    forms = [key for key in LOCATOR_KINDS if key in loc]
    if len(forms) != 1:
        message = N_("A locator needs exactly one of: css, name, label, role, text.")
        return [fault(lpath, message)]
    if "value" in loc and forms != ["name"]:
        faults.append(fault((*lpath, "value"), N_("“value” goes only with “name”.")))
    if forms == ["role"] and "accessible_name" not in loc:
        faults.append(fault(lpath, N_("“{name}” is missing."), name="accessible_name"))
    if "accessible_name" in loc and forms != ["role"]:
        message = N_("“accessible_name” goes only with “role”.")
        faults.append(fault((*lpath, "accessible_name"), message))
    for key in ("label", "text", "accessible_name"):
        faults += _words_pattern(loc.get(key), (*lpath, key))
    if isinstance(loc.get("within"), dict) and depth < 10:  # the parser's depth limit holds too
        faults += _locator(loc["within"], (*lpath, "within"), depth + 1)
    return faults


def _words_pattern(words: Any, path: Path) -> list[FlowFault]:
    """A `{"pattern": regex}` words value must be a regex both Python and the page read."""
    if not isinstance(words, dict) or "pattern" not in words:
        return []
    reason = regex_fault(words.get("pattern"))
    if not reason:
        return []
    message = N_("This is not a valid regular expression: {reason}.")
    return [fault((*path, "pattern"), message, reason=reason)]


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
        faults += _words_pattern(done.get("chosen"), (*path, "done_when", "chosen"))
        for fpath, item in _dicts(done.get("all_filled"), (*path, "done_when", "all_filled")):
            faults += _locators(item.get("field"), (*fpath, "field"))
            reason = regex_fault(item.get("matches"))
            if reason:
                message = N_("This is not a valid regular expression: {reason}.")
                faults.append(fault((*fpath, "matches"), message, reason=reason))
        needs_target = {"matches", "filled", "clicked", "submitted", "chosen", "all_filled"}
        needs_target &= set(done)
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


def _sample(step: dict[str, Any], path: Path, practice: bool) -> list[FlowFault]:
    """A step's `sample` (the health check's value) fits what the step asks for; a private step
    has one only in a flow for the practice portal (whose origins are `{portal}` templates)."""
    if "sample" not in step:
        return []
    sample, spath = step["sample"], (*path, "sample")
    done = step.get("done_when") if isinstance(step.get("done_when"), dict) else {}
    kind = next(iter(done), None)
    if kind not in ("matches", "filled", "all_filled", "chosen"):
        message = N_(
            "Only a step that types or chooses (“matches”, “filled”, “all_filled”, “chosen”) "
            "takes a “sample”."
        )
        return [fault(spath, message)]
    faults = []
    if step.get("kind") == "citizen_private" and not practice:
        message = N_(
            "A private step has no sample in a flow for a real portal: only the citizen types "
            "it, so the health check stops there."
        )
        faults.append(fault(spath, message))
    if isinstance(sample, dict) and "practice" in sample and not practice:
        message = N_("Only a flow for the kiosk's practice portal can ask it for a sample.")
        faults.append(fault(spath, message))
    if isinstance(sample, dict) and "read" in sample:
        faults += _locators(sample.get("read"), (*spath, "read"))
        reason = regex_fault(sample.get("pattern"))
        if reason:
            message = N_("This is not a valid regular expression: {reason}.")
            faults.append(fault((*spath, "pattern"), message, reason=reason))
    fields = done.get("all_filled") if isinstance(done.get("all_filled"), list) else None
    if (fields is not None) != isinstance(sample, list) or (
        fields is not None and len(fields) != len(sample)
    ):
        if isinstance(sample, (str, list)):
            message = N_(
                "With “all_filled” the sample is a list with one value per field; otherwise it "
                "is one value."
            )
            faults.append(fault(spath, message))
        return faults
    if isinstance(sample, str) and kind in ("matches", "filled"):
        checks = [(spath, sample, done.get(kind))]
    elif isinstance(sample, list) and fields is not None:
        checks = [
            ((*spath, i), value, item.get("matches") if isinstance(item, dict) else None)
            for i, (value, item) in enumerate(zip(sample, fields, strict=True))
        ]
    else:
        checks = []
    for where, value, pattern in checks:
        usable = isinstance(value, str) and isinstance(pattern, str) and not regex_fault(pattern)
        if usable and not search(pattern, value):
            message = N_("The sample “{value}” does not match what this step asks for.")
            faults.append(fault(where, message, value=cut(value)))
    return faults
