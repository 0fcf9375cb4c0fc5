"""xAPI 1.0.3 statements for learning records: pseudonymous actors, no personal data."""

from __future__ import annotations

from datetime import UTC, datetime

VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "mastered": "http://adlnet.gov/expapi/verbs/mastered",
}
ACTIVITY_ROOT = "https://kiosk.invalid/xapi/activities"


def actor(kiosk_id: str, learner_id: str) -> dict:
    """An account actor: the kiosk as home page, the learner's uuid as name — nothing else."""
    return {
        "objectType": "Agent",
        "account": {"homePage": f"urn:kiosk:{kiosk_id}", "name": learner_id},
    }


def statement(
    kiosk_id: str,
    learner_id: str,
    verb: str,
    activity: list[str],
    *,
    result: dict | None = None,
    when: datetime | None = None,
) -> dict:
    """One statement; `activity` is the path of ids, e.g. [pack, lesson, item]."""
    body = {
        "actor": actor(kiosk_id, learner_id),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": "/".join([ACTIVITY_ROOT, *activity])},
        "timestamp": (when or datetime.now(UTC)).isoformat(timespec="milliseconds"),
    }
    if result is not None:
        body["result"] = result
    return body
