"""The flow model: frozen dataclasses built from JSON the validator has accepted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.authored import Authored

LOCATOR_KINDS = ("css", "name", "label", "role", "text")
ANSWERED = (
    "matches",
    "filled",
    "chosen",
    "all_filled",
)  # done_when kinds the page answers with a value
END = "$end"
RETURN = "$return"

DEFAULT_MISSING_WAIT = 6.0  # seconds to keep watching the page for a missing target


def _words(value: Any) -> tuple[str, ...]:
    """A `words` value (string or language map) as the tuple of its alternatives; a pattern
    form (`{"pattern": regex}`) has none (see `_pattern`)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, dict) and "pattern" in value:
        return ()
    return tuple(value.values())


def _pattern(value: Any) -> str | None:
    """The regex of a `words` value in pattern form, else None."""
    return value.get("pattern") if isinstance(value, dict) else None


@dataclass(frozen=True)
class Page:
    """Where a step belongs: a regular expression on the URL path (and query), on an origin."""

    path: str
    origin: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Page:
        return cls(path=data["path"], origin=data.get("origin"))

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, **({"origin": self.origin} if self.origin else {})}


@dataclass(frozen=True)
class Locator:
    """One way of finding an element; `words` holds every language's variant of a text."""

    kind: str  # one of LOCATOR_KINDS
    words: tuple[str, ...]  # the css selector, the name, or the texts to look for
    value: str | None = None  # for `name`: the value of one radio button or option
    role: str | None = None  # for `role`: the ARIA role; `words` is then the accessible name
    pattern: str | None = None  # instead of `words`: a regex on the normalised text
    within: Locator | None = None  # look only inside what this finds (a question, a dialog)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Locator:
        within = cls.from_json(data["within"]) if isinstance(data.get("within"), dict) else None
        if "css" in data:
            return cls("css", (data["css"],), within=within)
        if "name" in data:
            return cls("name", (data["name"],), value=data.get("value"), within=within)
        key = "label" if "label" in data else "accessible_name" if "role" in data else "text"
        kind = "role" if key == "accessible_name" else key
        return cls(
            kind,
            _words(data[key]),
            role=data.get("role"),
            pattern=_pattern(data[key]),
            within=within,
        )

    def to_json(self) -> dict[str, Any]:
        """The form the page agent reads."""
        return {
            "kind": self.kind,
            "words": list(self.words),
            "value": self.value,
            "role": self.role,
            "pattern": self.pattern,
            "within": self.within.to_json() if self.within is not None else None,
        }


def locators(data: list[dict[str, Any]] | None) -> tuple[Locator, ...]:
    return tuple(Locator.from_json(item) for item in data or ())


@dataclass(frozen=True)
class Condition:
    """Something true of the page: an element appears or disappears, or the URL matches."""

    kind: str  # "appears", "disappears", "url"
    locators: tuple[Locator, ...] = ()
    page: Page | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Condition:
        (kind, value), *_ = data.items()
        if kind == "url":
            return cls(kind, page=Page.from_json(value))
        return cls(kind, locators=locators(value))


@dataclass(frozen=True)
class Done:
    """When a step is done."""

    kind: str  # one of the schema's done_when kinds (flow.schema.json)
    # For "matches" (done as soon as the value matches) and "filled" (done when the person
    # leaves the field with a matching value): a regex both ECMAScript and Python read alike.
    pattern: str | None = None
    locators: tuple[Locator, ...] = ()  # for "appears"/"disappears"
    page: Page | None = None  # for "url"
    # For "chosen" (a choice group answered): the option wanted, as a text locator (None: any)
    option: Locator | None = None
    # For "all_filled" (several fields as one step, a date in three boxes): each field's
    # locators (looked for inside the step's target) and the regex its value must match.
    fields: tuple[tuple[tuple[Locator, ...], str], ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Done:
        (kind, value), *_ = data.items()
        if kind in ("matches", "filled"):
            return cls(kind, pattern=value)
        if kind == "all_filled":
            return cls(kind, fields=tuple((locators(f["field"]), f["matches"]) for f in value))
        if kind == "chosen":
            option = None if value is True else Locator.from_json({"text": value})
            return cls(kind, option=option)
        if kind in ("appears", "disappears"):
            return cls(kind, locators=locators(value))
        if kind == "url":
            return cls(kind, page=Page.from_json(value))
        return cls(kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "pattern": self.pattern,
            "watch": [loc.to_json() for loc in self.locators],
            "option": self.option.to_json() if self.option is not None else None,
            "fields": [
                {"target": [loc.to_json() for loc in locs], "pattern": pattern}
                for locs, pattern in self.fields
            ],
        }


@dataclass(frozen=True)
class Sample:
    """What the staff health check types, picks or reads for a step to walk on to the next page
    (never used by the guide): texts (one, or one per `all_filled` field), a value read from the
    page (`read` + `pattern`), or one the kiosk's own practice portal knows (`practice`)."""

    values: tuple[str, ...] = ()
    read: tuple[Locator, ...] = ()
    pattern: str | None = None
    practice: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Sample:
        if isinstance(data, str):
            return cls(values=(data,))
        if isinstance(data, list):
            return cls(values=tuple(data))
        if "practice" in data:
            return cls(practice=data["practice"])
        return cls(read=locators(data["read"]), pattern=data["pattern"])


@dataclass(frozen=True)
class Card:
    """An information card: the fee and the documents to bring."""

    fee: dict[str, str] | None = None
    documents: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Branch:
    when: Condition
    goto: str


@dataclass(frozen=True)
class Step:
    """One step of a flow."""

    id: str
    kind: str = "normal"
    text: dict[str, str] = field(default_factory=dict)
    say: dict[str, str] | None = None
    retry: dict[str, str] | None = None
    audio: dict[str, str] | None = None
    pictogram: str | None = None
    page: Page | None = None
    target: tuple[Locator, ...] = ()
    done: Done | None = None
    navigates: bool = False
    sample: Sample | None = None  # for the health check only
    card: Card | None = None
    timeout: float | None = None
    timeout_help: str | None = None
    missing_wait: float = DEFAULT_MISSING_WAIT
    missing_help: str | None = None
    branches: tuple[Branch, ...] = ()
    otherwise: str | None = None
    next: str | None = None
    is_help: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any], *, is_help: bool = False) -> Step:
        card = data.get("card")
        timeout = data.get("timeout") or {}
        missing = data.get("on_missing") or {}
        done = Done.from_json(data["done_when"]) if "done_when" in data else None
        return cls(
            id=data["id"],
            kind=data.get("kind", "normal"),
            text=dict(data.get("text", {})),
            say=data.get("say"),
            retry=data.get("retry"),
            audio=data.get("audio"),
            pictogram=data.get("pictogram"),
            page=Page.from_json(data["page"]) if "page" in data else None,
            target=locators(data.get("target")),
            done=done,
            # A submit normally loads a new page: wait for it before the next step looks around.
            navigates=data.get("navigates", done is not None and done.kind == "submitted"),
            sample=Sample.from_json(data["sample"]) if "sample" in data else None,
            card=Card(card.get("fee"), tuple(card.get("documents", ()))) if card else None,
            timeout=timeout.get("seconds"),
            timeout_help=timeout.get("help"),
            missing_wait=missing.get("wait_seconds", DEFAULT_MISSING_WAIT),
            missing_help=missing.get("help"),
            branches=tuple(
                Branch(Condition.from_json(b["when"]), b["goto"]) for b in data.get("branch", ())
            ),
            otherwise=data.get("otherwise"),
            next=data.get("next"),
            is_help=is_help,
        )


@dataclass(frozen=True)
class Flow:
    """A validated flow."""

    id: str
    version: int
    title: dict[str, str]
    hosts: tuple[str, ...]
    steps: tuple[Step, ...]
    help: tuple[Step, ...] = ()
    origins: dict[str, str] = field(default_factory=dict)
    start: Page | None = None
    allow: tuple[Page, ...] = ()
    description: dict[str, str] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Flow:
        return cls(
            id=data["id"],
            version=data["version"],
            title=dict(data["title"]),
            hosts=tuple(data["hosts"]),
            steps=tuple(Step.from_json(s) for s in data["steps"]),
            help=tuple(Step.from_json(s, is_help=True) for s in data.get("help", ())),
            origins=dict(data.get("origins", {})),
            start=Page.from_json(data["start"]) if "start" in data else None,
            allow=tuple(Page.from_json(p) for p in data.get("allow", ())),
            description=data.get("description"),
        )

    def step(self, step_id: str) -> Step:
        """The step (main or help) called `step_id`."""
        for step in (*self.steps, *self.help):
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def counted(self) -> tuple[Step, ...]:
        """The main steps a person sees numbered ("step n of m"): branches are not counted."""
        return tuple(s for s in self.steps if s.kind != "branch")


def pick(text: dict[str, str] | None, lang: str) -> str:
    """The text of a language map in `lang`, else Persian, else any: flow text, `Authored`."""
    if not text:
        return Authored("")
    return Authored(text.get(lang) or text.get("fa") or next(iter(text.values()), ""))
