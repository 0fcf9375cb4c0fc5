"""A small sign-in flow as JSON data, and helpers to drive the runner with it in tests."""

from __future__ import annotations

import copy
from typing import Any

from kiosk.core.flows import events as ev
from kiosk.core.flows import validate_flow
from kiosk.core.flows.runner import FlowRunner

BASE = "http://127.0.0.1:8000"
BASES = {"portal": BASE + "/"}


def text(en: str) -> dict[str, str]:
    return {"fa": "«" + en + "»", "en": en}


SAMPLE: dict[str, Any] = {
    "id": "test.signin",
    "version": 3,
    "title": text("Sign in"),
    "hosts": ["127.0.0.1"],
    "origins": {"portal": "{portal}"},
    "start": {"origin": "portal", "path": "/signin"},
    "allow": [{"origin": "portal", "path": "^/lang/"}],
    "steps": [
        {
            "id": "nid",
            "text": text("Type your national ID"),
            "page": {"origin": "portal", "path": "^/signin$"},
            "target": [{"css": "#nid"}, {"label": {"fa": "کد ملی", "en": "National ID"}}],
            "done_when": {"matches": "^[0-9]{10}$"},
            "on_missing": {"wait_seconds": 5, "help": "lost"},
        },
        {
            "id": "mobile",
            "text": text("Type your mobile number"),
            "page": {"origin": "portal", "path": "^/signin$"},
            "target": [{"name": "mobile"}],
            "done_when": {"matches": "^09[0-9]{9}$"},
            "timeout": {"seconds": 60, "help": "slow"},
            "retry": text("Eleven digits, starting with 09"),
        },
        {
            "id": "send",
            "text": text("Press the button"),
            "page": {"origin": "portal", "path": "^/signin$"},
            "target": [{"role": "button", "accessible_name": text("Get one-time code")}],
            "done_when": {"submitted": True},
        },
        {
            "id": "check",
            "kind": "branch",
            "branch": [{"when": {"appears": [{"css": ".field-error"}]}, "goto": "fix"}],
        },
        {
            "id": "otp",
            "kind": "citizen_private",
            "text": text("Type the code from the phone"),
            "page": {"origin": "portal", "path": "^/signin/otp$"},
            "target": [{"name": "otp"}],
            "done_when": {"matches": "^[0-9]{5}$"},
        },
        {
            "id": "verify",
            "text": text("Press Sign in"),
            "page": {"origin": "portal", "path": "^/signin/otp$"},
            "target": [{"text": text("Sign in")}],
            "done_when": {"clicked": True},
            "navigates": True,
        },
        {
            "id": "desk",
            "kind": "info",
            "text": text("This is your desk"),
            "page": {"origin": "portal", "path": "^/dashboard$"},
            "card": {"fee": text("Free"), "documents": [text("National ID card")]},
            "done_when": {"acknowledged": True},
        },
    ],
    "help": [
        {
            "id": "fix",
            "text": text("Fix the red box and press the button again"),
            "target": [{"css": "[aria-invalid=true]"}],
            "done_when": {"submitted": True},
            "next": "check",
        },
        {
            "id": "lost",
            "kind": "info",
            "text": text("The box is called National ID"),
            "done_when": {"acknowledged": True},
        },
        {
            "id": "slow",
            "kind": "info",
            "text": text("Ask for help if you need it"),
            "done_when": {"acknowledged": True},
        },
    ],
}


def sample(**changes: Any) -> dict[str, Any]:
    """A deep copy of the sample flow with top-level changes."""
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def url(path: str) -> str:
    return BASE + path


class Driver:
    """A runner plus a log of its actions, with short names for the usual events."""

    def __init__(self, data: dict[str, Any] | None = None, mode: str = "operator") -> None:
        self.flow = validate_flow(data or sample())
        self.runner = FlowRunner(self.flow, mode=mode, language="en", origins=BASES)
        self.actions: list[ev.Action] = []
        self.docs = 0

    def start(self, path: str | None = "/signin") -> list[ev.Action]:
        out = self.runner.start()
        if path is not None:
            out += self.load(path)
        return self._log(out)

    def _log(self, out: list[ev.Action]) -> list[ev.Action]:
        self.actions += out
        return out

    def send(self, event: ev.Event) -> list[ev.Action]:
        return self._log(self.runner.handle(event))

    def load(self, path: str, **kw: Any) -> list[ev.Action]:
        self.docs += 1
        return self._log(self.runner.handle(ev.PageLoaded(url(path), doc=f"d{self.docs}", **kw)))

    @property
    def token(self) -> int:
        return self.runner.token

    @property
    def step(self) -> str:
        assert self.runner.current is not None
        return self.runner.current.id

    def typed(self, matches: bool = True, **kw: Any) -> list[ev.Action]:
        return self.send(ev.ValueMatched(self.token, matches, **kw))

    def found(self, locator: int = 0, count: int = 1) -> list[ev.Action]:
        return self.send(ev.TargetFound(self.token, locator, count))

    def dom(self, kind: str, **kw: Any) -> list[ev.Action]:
        return self.send(ev.DomEvent(self.token, kind, **kw))

    def op(self, action: str) -> list[ev.Action]:
        return self.send(ev.OperatorAction(action))

    def fire(self, name: str) -> list[ev.Action]:
        return self.send(ev.TimerFired(name, self.token))


def of(kind: type, actions: list[ev.Action]) -> list[Any]:
    """The actions of one kind."""
    return [a for a in actions if isinstance(a, kind)]


def said(actions: list[ev.Action]) -> list[str]:
    """What was said: English texts, or msgids."""
    return [a.text["en"] if a.text else a.msgid or "" for a in of(ev.Say, actions)]
