"""What goes into the flow runner (page, timers, operator events) and what comes out (actions).

`token` ties a page report to the step it was tracked for: the runner ignores stale tokens.
Nothing here ever carries what a person typed: a value is reported only as "matches: yes/no".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.flows.model import Card, Done, Locator, Step

# ---- events in ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLoaded:
    """A page (a new document) is there; `ok` is False when it failed to load."""

    url: str
    ok: bool = True
    doc: str = ""  # a per-document id from the page agent: the same doc twice is one load
    lang: str = ""  # the page's own language (`<html lang>`), if the page says


@dataclass(frozen=True)
class TargetFound:
    token: int
    locator: int = 0  # which locator of the step's ordered list matched (0 = the first)
    count: int = 1  # how many elements matched it (more than one: the first visible is used)


@dataclass(frozen=True)
class TargetMissing:
    token: int


@dataclass(frozen=True)
class DomEvent:
    """The target was clicked (`click`) or its form submitted (`submit`)."""

    token: int
    kind: str
    initial: bool = False  # already so when the step started (a radio button already checked)


@dataclass(frozen=True)
class ValueMatched:
    """Whether the target's value matches the step's pattern; never the value itself."""

    token: int
    matches: bool
    committed: bool = False  # the person left the field (a `change` event), not just typing
    initial: bool = False


@dataclass(frozen=True)
class WatchChanged:
    """An `appears`/`disappears` element is now present or not."""

    token: int
    present: bool


@dataclass(frozen=True)
class ProbeResult:
    """For a branch step: which of its element conditions are present on the page."""

    token: int
    present: tuple[bool, ...]


@dataclass(frozen=True)
class PageError:
    """The page shows an error (an error summary, `role=alert`, a field marked `aria-invalid`).

    `text` is the page's own words: spoken, never cached, logged or recorded. `step` is the
    step of this page whose target is the first field in error ("" if none is). Not tied to a
    token: the page agent tells each error once per document, whichever step is current."""

    text: str
    step: str = ""


@dataclass(frozen=True)
class TimerFired:
    name: str
    token: int


@dataclass(frozen=True)
class OperatorAction:
    action: str  # next, back, skip, abort, ack, decline, go_back or repeat


Event = (
    PageLoaded
    | TargetFound
    | TargetMissing
    | DomEvent
    | ValueMatched
    | WatchChanged
    | ProbeResult
    | PageError
    | TimerFired
    | OperatorAction
)

# ---- actions out -------------------------------------------------------------------------


@dataclass(frozen=True)
class ShowStep:
    """Show this step in the guide panel: `position` of `total` ("step 2 of 7")."""

    step: Step
    position: int
    total: int


@dataclass(frozen=True)
class Say:
    """Speak a flow text (language map) or an interface message (msgid with params)."""

    text: dict[str, str] | None = None
    say: dict[str, str] | None = None
    audio: dict[str, str] | None = None
    msgid: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    page: str | None = None  # the page's own words (an error it shows): spoken, never cached


@dataclass(frozen=True)
class Track:
    """Find `target` on the page, highlight it (if `highlight`), report what happens to it."""

    token: int
    step_id: str
    target: tuple[Locator, ...]
    done: Done | None
    highlight: bool = True
    private: bool = False
    # The steps on the same page (id, target): the page agent names the one whose field is in
    # error when the page shows an error.
    fields: tuple[tuple[str, tuple[Locator, ...]], ...] = ()


@dataclass(frozen=True)
class ClearHighlight:
    pass


@dataclass(frozen=True)
class Probe:
    """Check which of these element conditions hold on the page now (for a branch)."""

    token: int
    conditions: tuple[tuple[Locator, ...], ...]


@dataclass(frozen=True)
class ShowCard:
    card: Card


@dataclass(frozen=True)
class Wait:
    """Start (or restart) the timer `name`; fire `TimerFired(name, token)` after `seconds`."""

    name: str
    seconds: float
    token: int


@dataclass(frozen=True)
class CancelWait:
    name: str


@dataclass(frozen=True)
class AskOperator:
    """Show that a person must help (`msgid`), or hide that notice (`msgid` None)."""

    msgid: str | None


@dataclass(frozen=True)
class OfferGoBack:
    """Offer a button back to `url` (the last page of the flow), or hide it (None)."""

    url: str | None


@dataclass(frozen=True)
class Navigate:
    url: str


@dataclass(frozen=True)
class Record:
    """Something worth keeping for whoever maintains flows (no personal data, ever)."""

    name: str
    data: dict[str, object]


@dataclass(frozen=True)
class Finish:
    outcome: str  # "completed", "aborted", "declined"


Action = (
    ShowStep
    | Say
    | Track
    | ClearHighlight
    | Probe
    | ShowCard
    | Wait
    | CancelWait
    | AskOperator
    | OfferGoBack
    | Navigate
    | Record
    | Finish
)
