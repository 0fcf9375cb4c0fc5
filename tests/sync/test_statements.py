"""Every statement kind the kiosk writes is valid for the reference LRS's own models."""

from __future__ import annotations

import json
import uuid

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from kiosk.core import xapi
from kiosk.core.options import OPTIONS_BY_KEY, OptionValueError
from kiosk.services.learners import Learners
from kiosk.services.progress import Progress
from kiosk.services.store import open_store
from tests.sync.helpers import quiz_items

BASE = "https://lms.example.gov.ir/kiosk"


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path)
    yield store
    store.close()


def outbox(store) -> list[dict]:
    rows = store.db.conn.execute("SELECT statement_id, statement FROM xapi_outbox ORDER BY id")
    statements = []
    for statement_id, text in rows:
        body = json.loads(text)
        assert body["id"] == statement_id
        statements.append(body)
    return statements


def test_answered_completed_and_mastered_statements_validate_against_ralph(store):
    progress = Progress(store, BASE)
    learner = Learners(store).create_guest()
    items = quiz_items()
    assert {item.type for _p, _l, item in items} == {"single", "multiple", "picture", "ordering"}
    for pack, lesson, item in items:
        progress.save_step(learner, pack.id, lesson.id, 0, {}, new_attempt=True)
        for chosen in ((item.choices[0].id,), item.correct_ids()):
            progress.record_answer(
                learner, pack.id, lesson.id, item.id, chosen, item.is_correct(chosen), 1, 700,
                1, {}, item=item, lesson=lesson, language="fa",
            )  # fmt: skip
        progress.complete(
            learner, pack.id, lesson.id, lesson.mastery, [True] * 20, lesson=lesson, language="en"
        )
        progress.complete(
            learner, pack.id, lesson.id, lesson.mastery, [False] * 9, lesson=lesson, language="en"
        )
    statements = outbox(store)
    verbs = {s["verb"]["display"]["en-US"] for s in statements}
    assert verbs == {"answered", "completed", "mastered"}
    for statement in statements:
        BaseXapiStatement.model_validate(statement)  # raises on anything Ralph would not take
        assert statement["version"] == "1.0.3"
        assert uuid.UUID(statement["id"]).version == 4
        assert statement["actor"]["account"]["homePage"] == BASE
        assert statement["object"]["id"].startswith(BASE + "/activities/")
        assert ".invalid" not in json.dumps(statement)
        assert statement["context"]["platform"] == "kiosk"
        assert uuid.UUID(statement["context"]["registration"])
        definition = statement["object"]["definition"]
        assert set(definition["name"]) == {"fa-IR", "en-US"}
    answered = [s for s in statements if s["verb"]["display"]["en-US"] == "answered"]
    by_type = {item.type: item for _p, _l, item in items}
    ordering = next(s for s in answered if s["object"]["id"].endswith("/" + by_type["ordering"].id))
    assert ordering["object"]["definition"]["interactionType"] == "sequencing"
    assert ordering["object"]["definition"]["correctResponsesPattern"] == [
        "[,]".join(by_type["ordering"].correct_ids())
    ]
    single = next(s for s in answered if s["object"]["id"].endswith("/" + by_type["single"].id))
    assert single["object"]["definition"]["interactionType"] == "choice"
    assert [c["id"] for c in single["object"]["definition"]["choices"]] == [
        c.id for c in by_type["single"].choices
    ]
    assert {s["context"]["language"] for s in statements} == {"fa-IR", "en-US"}


def test_two_answers_alike_in_every_field_still_get_different_ids(store):
    progress = Progress(store, BASE)
    learner = Learners(store).create_guest()
    pack, lesson, item = quiz_items()[0]
    for _ in range(2):
        progress.record_answer(learner, pack.id, lesson.id, item.id, ("a",), False, 1, 5, 1, {})
    first, second = outbox(store)
    assert first["id"] != second["id"]


def test_each_attempt_at_a_lesson_has_its_own_registration(store):
    progress = Progress(store, BASE)
    learner = Learners(store).create_guest()
    progress.save_step(learner, "p", "l", 0, {}, new_attempt=True)
    first = progress.registration(learner, "p", "l")
    progress.save_step(learner, "p", "l", 2, {})  # the same attempt goes on
    assert progress.registration(learner, "p", "l") == first
    progress.save_step(learner, "p", "l", 0, {}, new_attempt=True)
    assert progress.registration(learner, "p", "l") != first


@pytest.mark.parametrize(
    "value",
    ["urn:kiosk:1", "https://kiosk.invalid/xapi", "ftp://example.org", "https://x.org/?a=1", ""],
)
def test_the_deployment_address_must_be_a_web_address_outside_invalid(value):
    with pytest.raises(OptionValueError):
        OPTIONS_BY_KEY["xapi_base"].validate(value)


def test_ids_are_percent_encoded_under_the_base():
    deployment = xapi.Deployment("https://example.org/k/", "kiosk-1")
    assert deployment.activity(["pack 1", "درس"]) == (
        "https://example.org/k/activities/pack%201/%D8%AF%D8%B1%D8%B3"
    )
