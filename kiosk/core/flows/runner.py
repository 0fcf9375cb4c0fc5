"""The flow runner: a pure state machine, events in (page, timers, operator), actions out.

No Qt and no clock: the caller performs the actions (highlight, speak, start timers) and feeds
back what happened. Every report carries the token of the step it was made for; stale reports
are ignored, so a late message from a page that is gone cannot move the flow.
"""

from __future__ import annotations

from kiosk.core.flows import events as ev
from kiosk.core.flows.model import ANSWERED, END, RETURN, Flow, Step, pick
from kiosk.core.flows.pages import PageMap
from kiosk.core.flows.urls import split_url
from kiosk.i18n import N_

MODES = ("learner", "operator")
NAV_WAIT = 12.0  # seconds to wait for the page a submit loads before looking anyway
PROBE_WAIT = 3.0  # seconds to wait for the page to answer a branch's question
LEARNER_RETRIES = 3  # wrong answers before a learner is offered the step's help

MSG_MISSING = N_("I cannot find this on the page. Please ask the person helping you.")
MSG_LEFT = N_("This page is not part of “{title}”. Tap “Back to the service” to return.")
MSG_FAILED = N_("The page did not open. Tap “Back to the service” to try again.")
MSG_RETRY = N_("That is not right yet. Please look and try again.")
MSG_PATIENCE = N_("Take your time.")
MSG_OTHER_LANGUAGE = N_("This page is in another language. Follow the coloured box.")
MSG_PRAISE = N_("Well done! You did it all by yourself.")
MSG_DONE = N_("All steps are done.")
MSG_STOPPED = N_("The guide has stopped.")
MSG_PAGE_SAYS = N_("The page says:")


class FlowRunner:
    """Runs one flow. `start()` and `handle(event)` return the actions to perform, in order."""

    def __init__(
        self,
        flow: Flow,
        *,
        mode: str = "operator",
        language: str = "fa",
        origins: dict[str, str] | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.flow = flow
        self.mode = mode
        self.language = language
        self.pages = PageMap(flow, origins or {})
        self.current: Step | None = None
        self.token = 0
        self.outcome: str | None = None
        self._history: list[str] = []  # main steps entered, for Back
        self._returns: list[Step] = []  # where a help step's "$return" goes
        self._pending: Step | None = None  # the step to enter once a submitted page has loaded
        self._doc = ""
        self._url = ""
        self._failed_url: str | None = None
        self._on_page = False  # the current step's page has loaded since the step began
        self._found = False
        self._missing_recorded = False
        self._asking = False
        self._off_flow = False
        self._lang_warned = False
        self._retries = 0
        self._loaded = False  # a branch being decided was entered because a new page loaded
        self.last_good_url: str | None = None

    # ---- public API --------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def waiting_for_page(self) -> bool:
        """Whether a step is done and the runner waits for the page it loads (a test seam)."""
        return self._pending is not None

    def start(self, url: str = "") -> list[ev.Action]:
        """Begin with the first step (the view may already show `url`)."""
        self._url = url
        out: list[ev.Action] = []
        self._enter(self.flow.steps[0], out)
        return out

    def handle(self, event: ev.Event) -> list[ev.Action]:
        """Feed one event; returns the actions it calls for."""
        out: list[ev.Action] = []
        if self.finished:
            return out
        if isinstance(event, ev.PageLoaded):
            self._page_loaded(event, out)
        elif isinstance(event, ev.OperatorAction):
            self._operator(event.action, out)
        elif isinstance(event, ev.TimerFired):
            self._timer(event, out)
        elif isinstance(event, ev.PageError):
            self._page_error(event, out)
        elif getattr(event, "token", None) == self.token and self.current is not None:
            self._report(event, self.current, out)
        return out

    def repeat(self) -> list[ev.Action]:
        """Say the current instruction again and point at the target again."""
        return self.handle(ev.OperatorAction("repeat"))

    def position(self, step: Step | None = None) -> tuple[int, int]:
        """("step n of m") for `step` (a help step counts as the step it helps with)."""
        counted = self.flow.counted
        step = step or self.current
        if step is not None and step.is_help:
            if self._returns:
                step = self._returns[-1]
            elif self._history:
                step = self.flow.step(self._history[-1])
        index = counted.index(step) + 1 if step in counted else 0
        if not index and step is not None and step in self.flow.steps:
            # A branch shows the number of the step before it.
            before = self.flow.steps[: self.flow.steps.index(step)]
            index = sum(1 for s in before if s.kind != "branch")
        return max(index, 1), len(counted)

    # ---- entering and leaving steps ---------------------------------------------------

    def _enter(self, step: Step, out: list[ev.Action]) -> None:
        self.token += 1
        self.current = step
        self._found = self._missing_recorded = False
        self._retries = 0
        self._loaded = self._loaded and step.kind == "branch"
        self._on_page = step.page is not None and self.pages.matches(step.page, self._url)
        out += [ev.CancelWait("timeout"), ev.CancelWait("missing"), ev.CancelWait("probe")]
        if self._asking:
            self._asking = False
            out.append(ev.AskOperator(None))
        if step.kind == "operator_only" and self.mode == "learner":
            self._leave(step, out, manual=True)
            return
        if not step.is_help and step.kind != "branch" and step.id not in self._history[-1:]:
            self._history.append(step.id)
        if step.kind == "branch":
            self._probe(step, out)
            return
        position, total = self.position(step)
        out.append(ev.ShowStep(step, position, total))
        out.append(ev.Say(text=step.text, say=step.say, audio=step.audio))
        if step.card is not None:
            out.append(ev.ShowCard(step.card))
        out.append(self._track(step))
        if step.timeout:
            out.append(ev.Wait("timeout", step.timeout, self.token))

    def _track(self, step: Step) -> ev.Track:
        private = step.kind == "citizen_private"
        fields = tuple(
            (s.id, s.target)
            for s in self.flow.steps
            if s.target and s.kind != "branch" and step.page is not None and s.page == step.page
        )
        return ev.Track(
            self.token, step.id, step.target, step.done, bool(step.target), private, fields
        )

    def _page_error(self, event: ev.PageError, out: list[ev.Action]) -> None:
        """The page shows an error: read it aloud and go to the step of the field in error."""
        step = self.current
        if step is None:
            return
        out += [ev.Say(msgid=MSG_PAGE_SAYS), ev.Say(page=event.text)]
        goto = next((s for s in self.flow.steps if event.step and s.id == event.step), None)
        # Which step only: never the page's words.
        out.append(ev.Record("page_error", self._about(step, to=goto.id if goto else "")))
        cancelled = self._pending is not None
        if cancelled:  # the form was checked in the page: no new page is coming
            self._pending = None
            out.append(ev.CancelWait("nav"))
            goto = goto or step
        if goto is not None and (cancelled or goto is not step):
            self._enter(goto, out)

    def _leave(self, step: Step, out: list[ev.Action], *, manual: bool = False) -> None:
        """The step is done: go where it says next, waiting for a new page after a submit."""
        target = self._next_of(step)
        if target is None:
            self._finish("completed", out)
            return
        if step.navigates and not manual:
            self._pending = target
            self.token += 1  # reports from the old page no longer count
            out += [ev.ClearHighlight(), ev.Wait("nav", NAV_WAIT, self.token)]
            return
        self._enter(target, out)

    def _next_of(self, step: Step) -> Step | None:
        goto = step.next or (RETURN if step.is_help else None)
        if goto == END:
            return None
        if goto == RETURN:
            return self._returns.pop() if self._returns else self._main_after(step)
        if goto is not None:
            return self.flow.step(goto)
        return self._main_after(step)

    def _main_after(self, step: Step) -> Step | None:
        steps = self.flow.steps
        index = steps.index(step) if step in steps else -1
        return steps[index + 1] if index + 1 < len(steps) else None

    def _help(self, help_id: str, why: str, out: list[ev.Action]) -> None:
        assert self.current is not None
        out.append(ev.Record(why, self._about(self.current)))
        if not self.current.is_help:
            self._returns.append(self.current)
        self._enter(self.flow.step(help_id), out)

    def _finish(self, outcome: str, out: list[ev.Action]) -> None:
        self.outcome = outcome
        self.token += 1
        out += [ev.CancelWait(n) for n in ("timeout", "missing", "probe", "nav")]
        out += [ev.ClearHighlight(), ev.OfferGoBack(None)]
        if outcome == "completed":
            out.append(ev.Say(msgid=MSG_PRAISE if self.mode == "learner" else MSG_DONE))
        else:
            out.append(ev.Say(msgid=MSG_STOPPED))
        out.append(ev.Finish(outcome))

    def _about(self, step: Step, **extra: object) -> dict[str, object]:
        return {"flow": self.flow.id, "version": self.flow.version, "step": step.id, **extra}

    # ---- branches ---------------------------------------------------------------------

    def _probe(self, step: Step, out: list[ev.Action]) -> None:
        asked = tuple(b.when.locators for b in step.branches if b.when.kind != "url")
        if not asked:
            self._decide(step, (), out)
            return
        out += [ev.Probe(self.token, asked), ev.Wait("probe", PROBE_WAIT, self.token)]

    def _decide(self, step: Step, present: tuple[bool, ...], out: list[ev.Action]) -> None:
        answers = iter(present)
        for branch in step.branches:
            when = branch.when
            if when.kind == "url":
                hit = when.page is not None and self.pages.matches(when.page, self._url)
            else:
                seen = next(answers, False)
                hit = seen if when.kind == "appears" else not seen
            if hit:
                goto = branch.goto
                break
        else:
            goto = step.otherwise
        if goto == END:
            self._finish("completed", out)
            return
        target = self.flow.step(goto) if goto and goto != RETURN else self._next_of(step)
        if target is None:
            self._finish("completed", out)
        else:
            # After a submit, the page that came decides (a person may be further on already);
            # after the operator's Next, the operator does.
            self._enter(self._for_page(target, self._url) if self._loaded else target, out)

    def _for_page(self, step: Step, url: str) -> Step:
        """`step`, unless `url` is another step's page: then the step the person is really at."""
        if step.kind == "branch" or step.is_help or not url or self.pages.on(step, url):
            return step
        return self.pages.later_on(step, url) or self.pages.earlier_on(step, url) or step

    # ---- reports from the page ----------------------------------------------------------

    def _report(self, event: ev.Event, step: Step, out: list[ev.Action]) -> None:
        done = step.done
        if isinstance(event, ev.ProbeResult) and step.kind == "branch":
            out.append(ev.CancelWait("probe"))
            self._decide(step, event.present, out)
        elif isinstance(event, ev.TargetFound):
            self._target_found(event, step, out)
        elif isinstance(event, ev.TargetMissing):
            self._found = False
            if not self._missing_recorded:
                out.append(ev.Wait("missing", step.missing_wait, self.token))
        elif done is None:
            return
        elif isinstance(event, ev.DomEvent):
            if (event.kind, done.kind) in (("click", "clicked"), ("submit", "submitted")):
                self._leave(step, out)
        elif isinstance(event, ev.ValueMatched) and done.kind in ANSWERED:
            self._value(event, step, out)
        elif isinstance(event, ev.WatchChanged) and done.kind in ("appears", "disappears"):
            self._watch(event.present, done.kind, step, out)

    def _watch(self, present: bool, kind: str, step: Step, out: list[ev.Action]) -> None:
        if present is (kind == "appears"):
            self._leave(step, out)

    def _target_found(self, event: ev.TargetFound, step: Step, out: list[ev.Action]) -> None:
        if not self._found and event.locator > 0:
            out.append(ev.Record("selector_fallback", self._about(step, locator=event.locator)))
        if not self._found and event.count > 1:
            out.append(ev.Record("target_ambiguous", self._about(step, count=event.count)))
        self._found = True
        out.append(ev.CancelWait("missing"))
        if self._asking:
            self._asking = False
            out.append(ev.AskOperator(None))

    def _value(self, event: ev.ValueMatched, step: Step, out: list[ev.Action]) -> None:
        if event.matches:
            if (
                step.done is not None
                and step.done.kind in ("filled", "all_filled")
                and not (event.committed or event.initial)
            ):
                return  # free text, several fields: done when the person leaves a field
            self._leave(step, out)
            return
        if not event.committed or event.initial:
            return
        self._retries += 1
        out.append(ev.Say(text=step.retry) if step.retry else ev.Say(msgid=MSG_RETRY))
        help_id = step.timeout_help or step.missing_help
        if self.mode == "learner" and self._retries >= LEARNER_RETRIES and help_id:
            self._help(help_id, "retries", out)

    # ---- timers -----------------------------------------------------------------------

    def _timer(self, event: ev.TimerFired, out: list[ev.Action]) -> None:
        step = self.current
        if event.token != self.token or step is None:
            return
        if event.name == "nav" and self._pending is not None:
            pending, self._pending = self._pending, None
            self._enter(pending, out)
        elif event.name == "probe" and step.kind == "branch":
            self._decide(step, (), out)
        elif event.name == "timeout":
            if step.timeout_help:
                self._help(step.timeout_help, "timeout", out)
            else:
                out.append(ev.Say(msgid=MSG_PATIENCE))
                out.append(ev.Say(text=step.text, say=step.say, audio=step.audio))
                out.append(ev.Wait("timeout", step.timeout or 60, self.token))
        elif event.name == "missing" and not self._found and not self._missing_recorded:
            self._missing_recorded = True
            out.append(ev.Record("selector_missing", self._about(step)))
            if step.missing_help:
                self._help(step.missing_help, "missing_help", out)
            else:
                self._asking = True
                out += [ev.AskOperator(MSG_MISSING), ev.Say(msgid=MSG_MISSING)]

    # ---- the operator (and the learner's own buttons) ---------------------------------

    def _operator(self, action: str, out: list[ev.Action]) -> None:
        step = self.current
        if action == "abort":
            self._finish("aborted", out)
        elif action == "go_back":
            if self.last_good_url:
                out.append(ev.Navigate(self.last_good_url))
        elif step is None or (self._pending is not None and action not in ("next", "skip")):
            return
        elif action == "repeat" and step.kind != "branch":
            out += [ev.Say(text=step.text, say=step.say, audio=step.audio), self._track(step)]
        elif action in ("next", "skip"):
            if self._pending is not None:
                pending, self._pending = self._pending, None
                self._enter(pending, out)
                return
            name = "step_skipped" if action == "skip" else "operator_next"
            out.append(ev.Record(name, self._about(step)))
            self._leave(step, out, manual=True)
        elif action == "back":
            self._back(out)
        elif action == "ack" and step.done is not None and step.done.kind == "acknowledged":
            if step.kind == "consent":
                out.append(ev.Record("consent_given", self._about(step)))
            self._leave(step, out)
        elif action == "decline" and step.kind == "consent":
            self._finish("declined", out)

    def _back(self, out: list[ev.Action]) -> None:
        assert self.current is not None
        if self.current.is_help and self._returns:
            self._enter(self._returns.pop(), out)
            return
        if len(self._history) < 2:
            return
        self._history.pop()
        self._enter(self.flow.step(self._history.pop()), out)

    # ---- pages ------------------------------------------------------------------------

    def _page_loaded(self, event: ev.PageLoaded, out: list[ev.Action]) -> None:
        if split_url(event.url).scheme not in ("http", "https"):
            return
        if not event.ok:
            if event.url != self._failed_url:
                self._failed_url = event.url
                out += [ev.Say(msgid=MSG_FAILED), ev.OfferGoBack(self.last_good_url)]
                out.append(ev.Record("page_failed", {"flow": self.flow.id}))
            return
        if event.doc and event.doc == self._doc:
            return  # the same document reported twice (load signal and page agent)
        reload = self._on_page and event.url == self._url
        self._doc, self._url, self._failed_url = event.doc, event.url, None
        self._language_check(event.lang, out)
        if not self.pages.known(event.url):
            self._leave_flow(out)
            return
        self.last_good_url = event.url
        if self._off_flow:
            self._off_flow = False
            out.append(ev.OfferGoBack(None))
        if self._pending is not None:
            step, self._pending = self._pending, None
            out.append(ev.CancelWait("nav"))
            self._loaded = True
            self._enter(self._for_page(step, event.url), out)  # ahead or back, maybe
            return
        self._arrive(event.url, reload, out)

    def _arrive(self, url: str, reload: bool, out: list[ev.Action]) -> None:
        step = self.current
        assert step is not None
        done = step.done
        if done is not None and done.page is not None and self.pages.matches(done.page, url):
            self._leave(step, out)  # a `url` condition: the page it waited for has come
            return
        if self.pages.on(step, url):
            if reload and not step.is_help:
                self._enter(self.pages.group_start(step), out)  # fields may be empty again
            elif not self._on_page:
                self._on_page = True
                out.append(self._track(step))  # the step's page has come: look for the target
            return
        if step.is_help:
            return
        ahead = self.pages.later_on(step, url)
        if ahead is not None:
            out.append(ev.Record("jumped_ahead", self._about(step, to=ahead.id)))
            self._enter(ahead, out)
            return
        earlier = self.pages.earlier_on(step, url)
        if earlier is not None:
            out.append(ev.Record("went_back", self._about(step, to=earlier.id)))
            self._enter(earlier, out)
            return
        if self.pages.allowed(url):
            out.append(ev.ClearHighlight())
            return
        self._leave_flow(out)

    def _leave_flow(self, out: list[ev.Action]) -> None:
        if self._off_flow:
            return
        self._off_flow = True
        self._on_page = False
        out.append(ev.ClearHighlight())
        out.append(ev.Say(msgid=MSG_LEFT, params={"title": pick(self.flow.title, self.language)}))
        out.append(ev.OfferGoBack(self.last_good_url))
        out.append(ev.Record("left_flow", {"flow": self.flow.id, "version": self.flow.version}))

    def _language_check(self, lang: str, out: list[ev.Action]) -> None:
        page = (lang or "").split("-")[0].lower()
        if page and page != self.language.split("-")[0] and not self._lang_warned:
            self._lang_warned = True
            out.append(ev.Say(msgid=MSG_OTHER_LANGUAGE))
