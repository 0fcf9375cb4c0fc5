"""Validation of pack.json and lesson files: JSON Schema first, then the rules a schema can't say.

Every fault is reported at once, each with its JSON pointer; nothing here raises on bad input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources

from kiosk.core.lessons.faults import Fault, pointer, schema_fault
from kiosk.core.lessons.model import Choice, Item, Lesson, Mastery, Step, Text
from kiosk.core.notices import Notice
from kiosk.i18n import N_, Np_

# Keys whose values are language maps that must have every language of the pack.
TEXT_KEYS = {"text", "title", "prompt", "feedback", "explanation"}


@cache
def schema(name: str) -> dict:
    """The JSON Schema of `pack` or `lesson` (the files ship inside this package)."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.schema.json").read_text())


@cache
def validator(name: str):
    """The reference validator (jsonschema): slow, but it reports every error with its path."""
    from jsonschema import Draft202012Validator  # ~80 ms to import: only when needed

    return Draft202012Validator(schema(name))


@cache
def fast_check(name: str, languages: tuple[str, ...] = ()) -> Callable[[object], object]:
    """The same schema compiled to Python code, for the common case of a valid file.

    With `languages`, every text (the `$defs/text` maps) must also have each of them, so a
    valid file needs no separate walk for missing translations. fastjsonschema knows draft 7;
    the schemas use nothing of 2020-12 that draft 7 reads differently (no keyword beside a
    $ref), and a test checks both agree.
    """
    import fastjsonschema

    draft7 = json.loads(json.dumps(schema(name)))
    draft7["$schema"] = "http://json-schema.org/draft-07/schema#"
    if languages and "text" in draft7.get("$defs", {}):
        # allOf, not keywords beside the $ref: draft 7 ignores those.
        draft7["$defs"]["text"] = {
            "allOf": [{"$ref": "#/$defs/langmap"}, {"required": list(languages)}]
        }
    return fastjsonschema.compile(draft7)


def passes(name: str, data: object, languages: tuple[str, ...] = ()) -> bool:
    """Whether `data` is valid (with every text in `languages`), by the fast check alone."""
    from fastjsonschema import JsonSchemaException

    try:
        fast_check(name, languages)(data)
    except JsonSchemaException:
        return False
    return True


def schema_faults(name: str, data: object, file: str) -> list[Fault]:
    """Every schema fault of `data`: none quickly when valid, all of them when not."""
    if passes(name, data):
        return []
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.path)))
    return [schema_fault(file, error) for error in errors]


def check_pack(data: object, file: str) -> list[Fault]:
    """Every fault of a pack.json document."""
    faults = schema_faults("pack", data, file)
    if faults or not isinstance(data, dict):
        return faults
    faults += _missing_languages(data, tuple(data["languages"]), file, top_keys={"title"})
    seen: dict[str, str] = {}
    for m, module in enumerate(data["modules"]):
        for i, lesson_id in enumerate(module["lessons"]):
            where = pointer(["modules", m, "lessons", i])
            if lesson_id in seen:
                faults.append(_dup(file, where, lesson_id))
            seen[lesson_id] = where
    assessment = data.get("assessment") or {}
    for key in ("before", "after"):
        if key in assessment and assessment[key] not in seen:
            notice = Notice(
                N_("the lesson “{lesson}” is not listed in any module; add it to one"),
                {"lesson": assessment[key]},
            )
            faults.append(Fault(file, pointer(["assessment", key]), notice))
    return faults


def check_lesson(data: object, file: str, languages: tuple[str, ...]) -> list[Fault]:
    """Every fault of one lesson document, for a pack offering `languages`."""
    if passes("lesson", data, languages):
        faults: list[Fault] = []  # schema and translations both fine: the common case
    else:
        faults = schema_faults("lesson", data, file)
        if faults or not isinstance(data, dict):
            return faults
        faults += _missing_languages(data, languages, file)
    faults += _unique(file, ["steps"], data["steps"])
    item_ids: dict[str, str] = {}
    count = 0
    for s, step in enumerate(data["steps"]):
        for i, item in enumerate(step.get("items", ())):
            count += 1
            where = ["steps", s, "items", i]
            if item["id"] in item_ids:
                faults.append(_dup(file, pointer([*where, "id"]), item["id"]))
            item_ids[item["id"]] = pointer(where)
            faults += _unique(file, [*where, "choices"], item["choices"])
            faults += _check_answers(file, where, item)
    faults += _check_mastery(file, data["mastery"], count)
    return faults


def _check_answers(file: str, where: list, item: dict) -> list[Fault]:
    right = sum(1 for choice in item["choices"] if choice.get("correct"))
    kind = item["type"]
    problem = None
    if kind in ("single", "picture") and right != 1:
        problem = N_("a {kind} question needs exactly one correct choice, not {count}")
    elif kind == "multiple" and not 0 < right < len(item["choices"]):
        problem = N_(
            "a {kind} question needs some correct and some wrong choices ({count} correct)"
        )
    elif kind == "ordering" and right:
        problem = N_(
            "an {kind} question lists choices in the right order and marks none correct "
            "({count} marked)"
        )
    if problem is None:
        return []
    return [
        Fault(file, pointer([*where, "choices"]), Notice(problem, {"kind": kind, "count": right}))
    ]


def _check_mastery(file: str, mastery: dict, items: int) -> list[Fault]:
    where = "/mastery"
    if items == 0:
        return [Fault(file, where, Notice(N_("mastery needs at least one quiz item"), {}))]
    m, n = mastery.get("m", 0), mastery.get("n", 0)
    if mastery["rule"] == "m_of_n" and m > n:
        return [
            Fault(
                file, where, Notice(N_("m ({m}) cannot be larger than n ({n})"), {"m": m, "n": n})
            )
        ]
    if mastery["rule"] in ("m_of_n", "in_a_row") and n > items:
        return [
            Fault(
                file,
                where,
                Notice.counted(
                    Np_(
                        "n ({n}) is more than the {items} quiz item of the lesson",
                        "n ({n}) is more than the {items} quiz items of the lesson",
                    ),
                    items,
                    {"n": n, "items": items},
                ),
            )
        ]
    return []


def _unique(file: str, where: list, entries: list[dict]) -> list[Fault]:
    seen: set[str] = set()
    faults = []
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            faults.append(_dup(file, pointer([*where, index, "id"]), entry["id"]))
        seen.add(entry["id"])
    return faults


def _dup(file: str, where: str, value: str) -> Fault:
    return Fault(file, where, Notice(N_("the id “{id}” is used twice"), {"id": value}))


def _walk(node: object, path: tuple) -> Iterator[tuple[tuple, str, dict]]:
    """Every language map under a text key, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, dict):
                yield (*path, key), key, value
            elif isinstance(value, dict | list):
                yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from _walk(value, (*path, index))


def _missing_languages(
    data: dict, languages: tuple[str, ...], file: str, top_keys: set[str] | None = None
) -> list[Fault]:
    faults = []
    for path, key, langmap in _walk(data, ()):
        if top_keys is not None and len(path) == 1 and key not in top_keys:
            continue
        missing = [lang for lang in languages if lang not in langmap]
        if missing:
            faults.append(
                Fault(
                    file,
                    pointer(path),
                    Notice(
                        N_("the pack offers {languages} but this text has no {missing}"),
                        {"languages": ", ".join(languages), "missing": ", ".join(missing)},
                    ),
                )
            )
    return faults


def build_lesson(data: dict, resolve: Callable[[str], str]) -> Lesson:
    """The Lesson of a document that passed `check_lesson`; `resolve` makes media paths absolute."""

    def text(node: dict, key: str = "text") -> Text:
        # The parsed maps are used as they are: nothing mutates them after loading.
        audio = (
            {lang: resolve(path) for lang, path in node["audio"].items()} if "audio" in node else {}
        )
        return Text(node[key], node.get("say", {}), audio)

    def media(value: str | None) -> str | None:
        return resolve(value) if value else None

    steps = []
    for step in data["steps"]:
        items = tuple(
            Item(
                id=item["id"],
                type=item["type"],
                prompt=text(item, "prompt"),
                choices=tuple(
                    Choice(
                        id=c["id"],
                        text=text(c),
                        feedback=Text(c["feedback"]),
                        correct=bool(c.get("correct", False)),
                        pictogram=media(c.get("pictogram")),
                        control=c.get("control"),
                    )
                    for c in item["choices"]
                ),
                explanation=Text(item["explanation"]),
                pictogram=media(item.get("pictogram")),
            )
            for item in step.get("items", ())
        )
        steps.append(
            Step(
                id=step["id"],
                kind=step["kind"],
                text=text(step) if "text" in step else None,
                title=Text(step["title"]) if "title" in step else None,
                pictogram=media(step.get("pictogram")),
                image=media(step.get("image")),
                flow=step.get("flow"),
                items=items,
                control=step.get("control"),
            )
        )
    mastery = data["mastery"]
    return Lesson(
        id=data["id"],
        title=Text(data["title"]),
        mastery=Mastery(mastery["rule"], mastery.get("m", 0), mastery.get("n", 0)),
        steps=tuple(steps),
        pictogram=media(data.get("pictogram")),
        digcomp=tuple(data.get("digcomp", ())),
    )


def media_refs(data: dict) -> Iterator[tuple[str, str]]:
    """Every (JSON pointer, relative path) of a file a document refers to."""
    for path, value in _walk_refs(data, ()):
        yield pointer(path), value


def _walk_refs(node: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("pictogram", "image") and isinstance(value, str):
                yield (*path, key), value
            elif key == "audio" and isinstance(value, dict):
                for lang, file in value.items():
                    if isinstance(file, str):
                        yield (*path, key, lang), file
            elif isinstance(value, dict | list):
                yield from _walk_refs(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from _walk_refs(value, (*path, index))
