"""Mutated lesson JSON never makes the validator raise anything but its own faults."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.lessons.faults import Fault
from kiosk.core.lessons.validation import build_lesson, check_lesson, check_pack
from tools.synthetic_pack import lesson_document

BASE = lesson_document("lesson-0000", 0)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


ALL_PATHS = [p for p in paths(BASE) if p]


@st.composite
def mutated(draw):
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            last = path[-1]
            if action == "replace":
                parent[last] = draw(JSON)
            elif action == "delete":
                del parent[last]
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
        except (KeyError, IndexError, TypeError):
            continue
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_lessons_give_faults_or_a_lesson_never_an_exception(document):
    faults = check_lesson(document, "lesson.json", ("fa", "en"))
    assert all(isinstance(f, Fault) and f.text() for f in faults)
    if not faults:
        build_lesson(document, lambda relative: relative)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_and_reference_validators_agree(document):
    from kiosk.core.lessons.validation import fast_check, validator

    try:
        fast_check("lesson")(document)
        fast_valid = True
    except Exception:
        fast_valid = False
    assert fast_valid == validator("lesson").is_valid(document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_check_with_languages_is_schema_plus_translations(document):
    from kiosk.core.lessons.validation import _missing_languages, passes, validator

    reference = validator("lesson").is_valid(document) and not _missing_languages(
        document, ("fa", "en"), "l.json"
    )
    assert passes("lesson", document, ("fa", "en")) == reference


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_any_json_as_pack_or_lesson_gives_faults_not_exceptions(document):
    for fault in check_pack(document, "pack.json") + check_lesson(document, "l.json", ("fa",)):
        assert isinstance(fault, Fault) and fault.text()
