"""Health check: walk every page of a flow in the check's own sealed browser and report, step by
step, whether the guide's resolver still finds its target (drift shows before a citizen waits).

    check = HealthCheck(flow, bases, allow, practice=portal.practice_value)
    check.done.connect(lambda results: ...)   # {step id: StepHealth}
    check.start()

The walk goes through the main steps in order. A step whose page is not the one shown is opened
by its address when its page pattern names one path; otherwise it is reached as a person
reaches it: the steps before it type their `sample` (flow format: used only here), pick an
option, press the button. A value the walk has no sample for (a private step of a real portal,
never invented) stops it: the steps on later pages are "not reached", saying why. What the walk
types is never logged or written; its browser is wiped like a session's. Every page has a time
limit, and so has the whole walk: pages that loop do not hang the check.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineScript

from kiosk.core.flows import Flow
from kiosk.core.flows.allow import AllowList
from kiosk.core.flows.model import END, Step
from kiosk.core.flows.pages import PageMap
from kiosk.core.flows.urls import direct_url, page_url
from kiosk.ui.web.bridge import WORLD, isolated_script, walker_source
from kiosk.ui.web.browser import SealedBrowser

log = logging.getLogger(__name__)

OK, DRIFT, UNREACHABLE = "ok", "drift", "unreachable"
# Why a step was not reached (`StepHealth.reason`); `cause` names the step it is about.
NEEDS_VALUE = "needs_value"  # the walk has no sample for `cause`
PRIVATE = "private"  # `cause` is private: only the citizen types it
REFUSED = "refused"  # the page showed a problem after `cause` (a branch to a help step)
DRIFTED = "drifted"  # `cause` drifted: the walk could not act on it
NOT_ALLOWED = "not_allowed"  # `cause` led to a page off the flow's allow-list
TIMEOUT = "timeout"  # no page in time (after `cause`, if any), or the whole walk ran out
NOT_OPENED = "not_opened"  # its page did not come after `cause`, nor open by its address
ENDED = "ended"  # a branch ended the flow at `cause`
SKIPPED = "skipped"  # a branch went past it on this walk

PAGE_SECONDS = 20.0  # the longest wait for one page or one answer from it
TOTAL_SECONDS = 300.0  # the longest walk
MISSING_SECONDS = 6.0  # at most this long, as the guide does, for a target drawn late
LOOK_AGAIN = 0.5  # seconds between two looks for a target not there yet

STEP = "window.__kioskWalker.step(%s)"
SHOWS = "window.__kioskWalker.shows(%s)"

# A value the kiosk's own practice portal knows (its captcha's digits), asked by name with the
# walk's cookies; None when it does not know. Real portals have none.
PracticeValues = Callable[[str, dict[str, str]], "str | None"]


@dataclass(frozen=True)
class StepHealth:
    """One step's result: ok; drift (what it looked for, what the page has instead); or not
    reached (why, and the step the reason is about)."""

    status: str
    reason: str = ""
    cause: str = ""
    wanted: str = ""
    found_role: str = ""
    found_name: str = ""


def wanted_words(step: Step) -> str:
    """What a step's locators look for, as a person could look for it (first words first)."""
    for kind in ("label", "role", "text", "name", "css"):
        for loc in step.target:
            if loc.kind == kind and loc.words:
                return loc.words[0]
    return ""


class HealthCheck(QObject):
    """Walks one flow's pages in a sealed browser of its own; `done` gives each step's result."""

    done = Signal(dict)

    def __init__(
        self,
        flow: Flow,
        bases: dict[str, str],
        allow: AllowList,
        parent: QObject | None = None,
        *,
        practice: PracticeValues | None = None,
        page_seconds: float = PAGE_SECONDS,
        total_seconds: float = TOTAL_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.pages = PageMap(flow, bases)
        self.practice = practice
        self.page_seconds, self.total_seconds = page_seconds, total_seconds
        self.results: dict[str, StepHealth] = {}
        self.browser = SealedBrowser(allow, self)
        ready = QWebEngineScript.InjectionPoint.DocumentReady
        source = walker_source()  # a missing library refuses here, naming the file
        self.browser.page.scripts().insert(isolated_script("kiosk-health-walker", source, ready))
        self.browser.view.loadFinished.connect(self._loaded)
        self.browser.refused.connect(self._refused)
        self.cookies: dict[str, str] = {}
        store = self.browser.profile.cookieStore()
        store.cookieAdded.connect(self._cookie)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._walk: Generator[tuple[str, Any], Any, None] | None = None
        self._op = 0  # which operation an answer belongs to
        self._waiting = ""  # "load", "js", "act", "wait" or "" (nothing asked of the page)
        self._answer: dict[str, Any] | None = None
        self._navigates = False
        self._loaded_once = False
        self._off_flow = False  # a navigation refused since the last operation began
        self._deadline = 0.0
        self._finished = False
        self.looped = False  # the walk came back to the same steps until it stopped

    # Driving the walk ------------------------------------------------------------------------
    def start(self) -> None:
        self._deadline = time.monotonic() + self.total_seconds
        self._walk = self._steps()
        self._resume(None)

    def _cookie(self, cookie: Any) -> None:
        self.cookies[bytes(cookie.name()).decode()] = bytes(cookie.value()).decode()

    def _url(self) -> str:
        return self.browser.view.url().toString()

    def _resume(self, value: Any) -> None:
        self._timer.stop()
        self._waiting, self._op = "", self._op + 1
        if self._finished or self._walk is None:
            return
        try:
            kind, arg = self._walk.send(value)
        except StopIteration:
            self._finish()
            return
        except Exception:  # a fault of ours must not leave the staff page waiting forever
            log.exception("health %s: the walk failed", self.flow.id)
            self._finish()
            return
        op = self._op
        self._off_flow = False
        self._timer.start(int(self.page_seconds * 1000))
        if kind == "load":
            self._waiting = "load"
            self.browser.view.load(QUrl(arg))
        elif kind == "wait":  # a page still drawing what a step looks for
            self._waiting = "wait"
            self._timer.start(int(arg * 1000))
        elif kind == "js":
            self._waiting = "js"
            self.browser.page.runJavaScript(arg, WORLD, lambda r, o=op: self._js_answer(o, r))
        else:  # "act": a step's script, then (if it acted and the step navigates) its new page
            script, self._navigates = arg
            self._waiting, self._answer, self._loaded_once = "act", None, False
            self.browser.page.runJavaScript(script, WORLD, lambda r, o=op: self._act_answer(o, r))

    def _js_answer(self, op: int, result: Any) -> None:
        if op == self._op and self._waiting == "js":
            self._resume(result)

    def _act_answer(self, op: int, result: Any) -> None:
        if op != self._op or self._waiting != "act":
            return
        try:
            answer = json.loads(result) if isinstance(result, str) else {}
        except ValueError:
            answer = {}
        self._answer = answer if isinstance(answer, dict) else {}
        if not (self._navigates and self._answer.get("acted")) or self._loaded_once:
            self._resume({**self._answer, "loaded": self._loaded_once})

    def _loaded(self, ok: bool) -> None:
        if self.browser.destroyed_ or self._waiting not in ("load", "act"):
            return
        if ok and self.pages.allowed(self._url()) and not self._step_page(self._url()):
            return  # a page that only passes the browser on (a gateway's auto-submit)
        if self._waiting == "load":
            self._resume(ok)
            return
        if not ok and self._off_flow:
            self._resume({**(self._answer or {"found": True, "acted": True}), "loaded": False})
            return
        self._loaded_once = True
        if self._answer is not None:
            self._resume({**self._answer, "loaded": True})

    def _step_page(self, url: str) -> bool:
        return any(s.page is not None and self.pages.matches(s.page, url) for s in self.flow.steps)

    def _refused(self, kind: str, _origin: str) -> None:
        if kind in ("page", "window"):
            self._off_flow = True

    def _timed_out(self) -> None:
        if self._waiting == "wait":
            self._resume(True)
        elif self._waiting == "act" and self._answer is not None:
            self._resume({**self._answer, "loaded": False})
        elif self._waiting:
            self._resume(None)

    def stop(self) -> None:
        """End the check now (the kiosk quits): the browser is destroyed, `done` says what was
        found so far."""
        self._finish()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._timer.stop()
        self.browser.destroy()
        for step in self.flow.steps:  # steps a branch went past
            if step.target and step.id not in self.results:
                self.results[step.id] = StepHealth(UNREACHABLE, SKIPPED)
        # Statuses only: never a value typed or read.
        statuses = {k: v.status for k, v in self.results.items()}
        log.info("health %s: %s%s", self.flow.id, statuses, " (looped)" if self.looped else "")
        self.done.emit(dict(self.results))

    # The walk ----------------------------------------------------------------------------
    def _steps(self) -> Generator[tuple[str, Any], Any, None]:
        """The walk, as a generator of what to ask of the browser: ("load", url),
        ("js", script) or ("act", (script, navigates)); each answer is sent back in."""
        steps = self.flow.steps
        ids = [s.id for s in steps]
        blocked: tuple[str, str] | None = None  # why the walk cannot go on, and at which step
        epoch = blocked_epoch = 0  # pages gone through: what comes after a blocked step is not here
        tried: set[str] = set()  # addresses opened directly once already
        last = ""  # the last step the walk acted on
        start = page_url(self.flow.start, self.pages.origins) if self.flow.start else None
        if start:
            tried.add(start)
            if not (yield ("load", start)):
                blocked = (NOT_ALLOWED if self._off_flow else TIMEOUT, "")
        index, visits = 0, 0
        while index < len(steps):
            step = steps[index]
            index, visits = index + 1, visits + 1
            if visits > 4 * len(steps) or time.monotonic() > self._deadline:
                self.looped = visits > 4 * len(steps)
                for rest in steps[index - 1 :]:
                    self._unreached(rest, (TIMEOUT, ""))
                return
            if step.kind == "branch":
                if blocked is not None:
                    continue
                goto = yield from self._branch(step)
                if goto is None:
                    continue
                if goto in ids:
                    index = ids.index(goto)
                    continue
                if goto == END:
                    for rest in steps[index:]:
                        self._unreached(rest, (ENDED, step.id))
                    return
                blocked, blocked_epoch = (REFUSED, last), epoch  # a help step: the page said no
                continue
            if not step.target:
                epoch += step.navigates
                continue
            url = self._url()
            here = step.page is None or self.pages.matches(step.page, url)
            if not here or (blocked is not None and epoch > blocked_epoch):
                direct = direct_url(step.page, self.pages.origins) if step.page else None
                opened = False
                if direct and direct not in tried:
                    tried.add(direct)
                    loaded = yield ("load", direct)
                    opened = bool(loaded) and self.pages.matches(step.page, self._url())
                if not opened:
                    self._unreached(step, blocked or (NOT_OPENED, last))
                    epoch += step.navigates
                    continue
                blocked = None
            plan = self._plan(step) if blocked is None else {}
            needs = plan.pop("needs", None)
            payload = {
                "target": [loc.to_json() for loc in step.target],
                "kind": step.done.kind if step.done else "",
                "others": [
                    [loc.to_json() for loc in other.target]
                    for other in steps
                    if other is not step and other.target and other.page == step.page
                ],
                **plan,
            }
            navigates = step.navigates and bool(plan.get("action"))
            script = STEP % json.dumps(payload)
            answer = (yield ("act", (script, navigates))) or {}
            # Not there yet? A page may draw it late: look again as long as the guide would.
            waited = 0.0
            while not answer.get("found") and waited < min(step.missing_wait, MISSING_SECONDS):
                yield ("wait", LOOK_AGAIN)
                waited += LOOK_AGAIN
                answer = (yield ("act", (script, navigates))) or {}
            if not answer.get("found"):
                nearest = answer.get("nearest") or {}
                self.results[step.id] = StepHealth(
                    DRIFT,
                    wanted=wanted_words(step),
                    found_role=str(nearest.get("role", ""))[:40],
                    found_name=str(nearest.get("name", ""))[:80],
                )
                if blocked is None:
                    blocked, blocked_epoch = (DRIFTED, step.id), epoch
            else:
                self.results[step.id] = StepHealth(OK)
                if blocked is None and (needs or answer.get("problem")):
                    blocked, blocked_epoch = (needs or NEEDS_VALUE, step.id), epoch
            if plan.get("action") and answer.get("acted"):
                last = step.id
                if navigates and not answer.get("loaded") and blocked is None:
                    blocked = (NOT_ALLOWED if self._off_flow else TIMEOUT, step.id)
                    blocked_epoch = epoch
            epoch += step.navigates

    def _branch(self, step: Step) -> Generator[tuple[str, Any], Any, str | None]:
        """Where a branch step sends the walk (a step id, `$end`), or None to go on."""
        for branch in step.branches:
            when = branch.when
            if when.kind == "url":
                holds = when.page is not None and self.pages.matches(when.page, self._url())
            else:
                shown = yield ("js", SHOWS % json.dumps([loc.to_json() for loc in when.locators]))
                holds = bool(shown) == (when.kind == "appears")
            if holds:
                return branch.goto
        return step.otherwise

    def _plan(self, step: Step) -> dict[str, Any]:
        """What the walk does with a step's target: {"action": …, the values}, or "needs" when
        it has no value to type (it never invents one)."""
        done, sample = step.done, step.sample
        kind = done.kind if done else ""
        needs = PRIVATE if step.kind == "citizen_private" else NEEDS_VALUE
        if kind in ("matches", "filled"):
            if sample is None:
                return {"needs": needs}
            if sample.read:
                read = {"locators": [loc.to_json() for loc in sample.read]}
                return {"action": "type", "read": {**read, "pattern": sample.pattern}}
            value = sample.values[0] if sample.values else None
            if sample.practice and self.practice is not None:
                value = self.practice(sample.practice, dict(self.cookies))
            return {"action": "type", "value": value} if value else {"needs": needs}
        if kind == "all_filled":
            if sample is None or len(sample.values) != len(done.fields):
                return {"needs": needs}
            fields = [[loc.to_json() for loc in locs] for locs, _pattern in done.fields]
            return {"action": "type_all", "fields": fields, "values": list(sample.values)}
        if kind == "chosen":
            option = done.option.to_json() if done.option is not None else None
            if sample is not None and sample.values:
                option = {"words": [sample.values[0]], "pattern": None}
            return {"action": "choose", "option": option}
        if kind == "clicked" or (kind == "url" and step.navigates):
            return {"action": "click"}
        if kind == "submitted":
            return {"action": "submit"}
        return {}

    def _unreached(self, step: Step, why: tuple[str, str]) -> None:
        if step.target:  # a step found on an earlier round of a loop keeps that result
            self.results.setdefault(step.id, StepHealth(UNREACHABLE, reason=why[0], cause=why[1]))
