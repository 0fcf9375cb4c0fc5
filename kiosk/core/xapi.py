"""xAPI 1.0.3 statements for learning records: pseudonymous actors, no personal data.

Every statement carries its own random UUID `id` (made when the answer is written, so a
re-send is recognised by the LRS: 204 for the same statement, 409 for other content under the
same id), `version`, a `context` (the lesson attempt's registration, the platform, the
language) and activity definitions a central report can read (type, names in fa and en, and
for quiz items the interaction type, choices and correct responses).

All IRIs hang from the deployment's base URL (the `xapi_base` option), e.g.
`https://lms.example.gov.ir/kiosk`: the actor's `homePage` is that URL, activity ids are
`<base>/activities/<pack>/<lesson>[/<item>]`, extensions `<base>/extensions/<name>`. The
default is under `example.org` (RFC 2606: a name documented for examples that no one can
own); a deployment sets its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.core.lessons.model import Item, Lesson, Text
from kiosk.i18n import N_

VERSION = "1.0.3"
DEFAULT_BASE = "https://kiosk.example.org"
PLATFORM = "kiosk"
VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "mastered": "http://adlnet.gov/expapi/verbs/mastered",
}
LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson"
QUESTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction"
# Quiz item types to xAPI interaction types (ordering is a sequencing interaction).
INTERACTIONS = {
    "single": "choice",
    "multiple": "choice",
    "picture": "choice",
    "ordering": "sequencing",
}
# The kiosk's languages as RFC 5646 tags for xAPI language maps.
LANGUAGE_TAGS = {"fa": "fa-IR", "en": "en-US"}


@dataclass(frozen=True)
class Deployment:
    """Where statements come from: the deployment's base URL and this kiosk's id."""

    base: str
    kiosk_id: str

    def iri(self, *parts: str) -> str:
        """`<base>/<part>/<part>…`, each part percent-encoded."""
        return "/".join([self.base.rstrip("/"), *(_quote(part) for part in parts)])

    def activity(self, path: list[str]) -> str:
        return self.iri("activities", *path)

    def extension(self, name: str) -> str:
        return self.iri("extensions", name)


_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _quote(part: str) -> str:
    """`part` percent-encoded as one path segment (RFC 3986 unreserved characters kept)."""
    return "".join(
        char if char in _SAFE else "".join(f"%{byte:02X}" for byte in char.encode())
        for char in part
    )


def new_id() -> str:
    """A random statement id (never a hash of content: two answers may share every field)."""
    return str(uuid.uuid4())


def language_map(text: Text | dict[str, str]) -> dict[str, str]:
    """A lesson text map {"fa": …, "en": …} as an xAPI language map."""
    texts = text.text if isinstance(text, Text) else text
    return {LANGUAGE_TAGS.get(code, code): value for code, value in texts.items() if value}


def actor(deployment: Deployment, learner_id: str) -> dict:
    """An account actor: the deployment as home page, the learner's uuid as name — nothing else."""
    return {
        "objectType": "Agent",
        "account": {"homePage": deployment.base, "name": learner_id},
    }


def lesson_definition(lesson: Lesson) -> dict:
    """A lesson activity: its type and its title in every language."""
    return {"type": LESSON_TYPE, "name": language_map(lesson.title)}


def item_definition(item: Item, lesson: Lesson) -> dict:
    """A quiz item as a cmi.interaction: prompt, choices and the correct response pattern."""
    interaction = INTERACTIONS.get(item.type, "choice")
    return {
        "type": QUESTION_TYPE,
        "name": language_map(item.prompt),
        "description": language_map(lesson.title),
        "interactionType": interaction,
        "correctResponsesPattern": ["[,]".join(item.correct_ids())],
        "choices": [
            {"id": choice.id, "description": language_map(choice.text)} for choice in item.choices
        ],
    }


def statement(
    deployment: Deployment,
    learner_id: str,
    verb: str,
    activity: list[str],
    *,
    definition: dict | None = None,
    registration: str | None = None,
    language: str | None = None,
    parent: list[str] | None = None,
    result: dict | None = None,
    when: datetime | None = None,
    statement_id: str | None = None,
) -> dict:
    """One statement; `activity` is the path of ids, e.g. [pack, lesson, item]."""
    activity_object: dict = {"objectType": "Activity", "id": deployment.activity(activity)}
    if definition:
        activity_object["definition"] = definition
    context: dict = {
        "platform": PLATFORM,
        "extensions": {deployment.extension("kiosk"): deployment.kiosk_id},
    }
    if registration:
        context["registration"] = registration
    if language:
        context["language"] = LANGUAGE_TAGS.get(language, language)
    if parent:
        context["contextActivities"] = {
            "parent": [{"objectType": "Activity", "id": deployment.activity(parent)}]
        }
    body = {
        "id": statement_id or new_id(),
        "version": VERSION,
        "actor": actor(deployment, learner_id),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": activity_object,
        "context": context,
        "timestamp": (when or datetime.now(UTC)).isoformat(timespec="milliseconds"),
    }
    if result is not None:
        body["result"] = result
    return body


def url_problem(value: object, *, allow_empty: bool = False) -> str | None:
    """A msgid saying why `value` is not an http(s) address with a host name outside the
    reserved `.invalid` domain and without a query, fragment or space (None if it is)."""
    text = str(value)
    if allow_empty and not text:
        return None
    scheme, _, rest = text.partition("://")
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if (
        scheme.lower() not in ("http", "https")
        or not host
        or host.endswith(".invalid")
        or any(mark in text for mark in "?# ")
    ):
        return N_(
            "“{value}” must be a web address such as https://lms.example.gov.ir/kiosk "
            "(http or https, a host name, no “?” or “#”)"
        )
    return None
