"""`GuideSession`: runs one flow on a web view, connecting the runner, the page agent and speech.

    session = GuideSession(view, flow, ctx, mode="learner", bases={"portal": portal.portal_url})
    session.finished.connect(on_done)      # "completed", "aborted" or "declined"
    session.start()                        # opens the flow's start page if the view is elsewhere

The session owns no page and no profile: whoever made the view deletes them (page first).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo, QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

from kiosk.authored import compose
from kiosk.core.flows import Flow, FlowRunner, pick
from kiosk.core.flows import events as ev
from kiosk.core.flows.agent_commands import probe_command, track_command
from kiosk.core.flows.agent_reports import ReportReader
from kiosk.core.flows.urls import page_url
from kiosk.ui.context import UiContext
from kiosk.ui.web.bridge import PageBridge, vendored_a11y

log = logging.getLogger(__name__)

ERR_ABORTED = -3  # Chromium: a navigation replaced by another, or one we rejected
FAILURE_GRACE_MS = 800  # a failed load followed at once by a good one is not worth a word


class GuideSession(QObject):
    """One flow on one web view. Signals tell the panel (or a lesson player) what to show."""

    step_shown = Signal(object)  # kiosk.core.flows.events.ShowStep
    card_shown = Signal(object)  # kiosk.core.flows.model.Card
    operator_needed = Signal(str)  # a msgid to show, or "" to hide the notice
    go_back_offered = Signal(bool)
    address_changed = Signal(str)  # the host (and port) of the page, for the address check
    recorded = Signal(str, dict)  # runner records: selector_missing, jumped_ahead, ...
    spoken = Signal(str)  # the text just handed to the speaker (what a deaf user reads)
    finished = Signal(str)  # the outcome

    def __init__(
        self,
        view: QWebEngineView,
        flow: Flow,
        ctx: UiContext,
        mode: str = "learner",
        *,
        bases: dict[str, str] | None = None,
        start_url: str | None = None,
        handle_new_windows: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """`handle_new_windows=False`: the view's owner decides about popups (sealed browser)."""
        super().__init__(parent)
        # A missing or wrong vendored library: refuse here, naming the file (NoticeError).
        vendored_a11y()
        self.view, self.flow, self.ctx, self.mode = view, flow, ctx, mode
        self.runner = FlowRunner(flow, mode=mode, language=ctx.language.code, origins=bases)
        self._start_url = start_url
        self._handle_new_windows = handle_new_windows
        self._bridge = PageBridge(self)
        self._reader = ReportReader()
        self._timers: dict[str, QTimer] = {}
        self._last_command: dict[str, Any] | None = None
        self._closed = False
        self._hellos = 0
        self._preface: Callable[[ev.ShowStep], str] | None = None
        self.current: ev.ShowStep | None = None
        self.outcome: str | None = None

    # ---- public API --------------------------------------------------------------------

    @property
    def page(self) -> QWebEnginePage:
        return self.view.page()

    def start(self) -> None:
        """Attach to the page, speak the first step and open the flow's start page if needed."""
        page = self.page
        self._bridge.attach(page)
        self._bridge.reported.connect(self._on_report)
        page.loadingChanged.connect(self._on_loading)
        if self._handle_new_windows:
            page.newWindowRequested.connect(self._on_new_window)
        self.ctx.language.language_changed.connect(self._on_language)
        current = self.view.url().toString()
        self._perform(self.runner.start(current))
        target = self._start_url or self._default_start()
        if target and not self._on_flow_page(current):
            self.view.load(QUrl(target))
        elif current:
            self._feed(ev.PageLoaded(current, doc=f"shown-{id(self)}"))

    def set_preface(self, preface: Callable[[ev.ShowStep], str] | None) -> None:
        """`preface(step)` is said before a step's instruction, in the same utterance (a second
        utterance would cut the instruction off): e.g. "operator, look away" on a private step.
        An empty text says nothing more."""
        self._preface = preface

    def operator(self, action: str) -> None:
        """An operator (or learner) button: next, back, skip, abort, ack, decline, go_back."""
        self._feed(ev.OperatorAction(action))

    def repeat(self) -> None:
        """Say the instruction again and point at the target again."""
        self._feed(ev.OperatorAction("repeat"))

    def stop(self) -> None:
        """Stop the guide (outcome "aborted"); the page stays as it is."""
        self.operator("abort")

    def close(self) -> None:
        """Take everything off the page: highlight, agent, timers, signal connections."""
        if self._closed:
            return
        self._closed = True
        for timer in self._timers.values():
            timer.stop()
        self._bridge.send({"type": "clear"})
        for signal, slot in (
            (self._bridge.reported, self._on_report),
            (self.page.loadingChanged, self._on_loading),
            (self.page.newWindowRequested, self._on_new_window),
            (self.ctx.language.language_changed, self._on_language),
        ):
            if slot == self._on_new_window and not self._handle_new_windows:
                continue
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._bridge.detach()

    # ---- the runner --------------------------------------------------------------------

    def _feed(self, event: ev.Event) -> None:
        if not self._closed:
            self._perform(self.runner.handle(event))

    def _perform(self, actions: list[ev.Action]) -> None:
        speech = [a for a in actions if isinstance(a, ev.Say)]
        for action in actions:
            if isinstance(action, ev.Say):
                continue
            self._act(action)
        if speech:
            self._speak(speech)
        for action in actions:
            if isinstance(action, ev.Finish):
                self._finish(action.outcome)

    def _act(self, action: ev.Action) -> None:
        if isinstance(action, ev.ShowStep):
            self.current = action
            log.debug("guide %s: step %s", self.flow.id, action.step.id)
            self.step_shown.emit(action)
        elif isinstance(action, ev.Track):
            self._command(track_command(action))
        elif isinstance(action, ev.Probe):
            self._command(probe_command(action))
        elif isinstance(action, ev.ClearHighlight):
            self._last_command = {"type": "clear"}
            self._bridge.send(self._last_command)
        elif isinstance(action, ev.ShowCard):
            self.card_shown.emit(action.card)
        elif isinstance(action, ev.Wait):
            self._wait(action)
        elif isinstance(action, ev.CancelWait):
            if action.name in self._timers:
                self._timers[action.name].stop()
        elif isinstance(action, ev.AskOperator):
            self.operator_needed.emit(action.msgid or "")
        elif isinstance(action, ev.OfferGoBack):
            self.go_back_offered.emit(action.url is not None)
        elif isinstance(action, ev.Navigate):
            self.view.load(QUrl(action.url))
        elif isinstance(action, ev.Record):
            # Flow, version and step only: never a URL, a value or page text.
            log.info("guide %s: %s %s", self.flow.id, action.name, action.data)
            self.recorded.emit(action.name, dict(action.data))

    def _command(self, command: dict[str, Any]) -> None:
        self._last_command = command
        self._reader.expect(command.get("token", -1))
        self._bridge.send(command)

    def _speak(self, speech: list[ev.Say]) -> None:
        """One utterance for the whole batch (a new utterance would cut the previous one)."""
        lang = self.ctx.language.code
        shown, spoken, audio = [], [], None
        current = self.current
        instruction = current is not None and any(
            say.text is not None and say.text == current.step.text for say in speech
        )
        if instruction and current is not None and self._preface is not None:
            preface = self._preface(current)
            if preface:
                shown.append(preface)
                spoken.append(preface)
        for say in speech:
            if say.page is not None:  # the page's own words: plain text, never cached
                shown.append(say.page)
                spoken.append(say.page)
                continue
            text = pick(say.text, lang) if say.text else self.ctx.tr(say.msgid or "", **say.params)
            shown.append(text)
            spoken.append(pick(say.say, lang) if say.say else text)
            if say.audio and len(speech) == 1 and len(shown) == 1:
                audio = say.audio.get(lang)
        # Flow texts and interface messages are authored: composed, their speech may be cached.
        text, override = compose(*shown), compose(*spoken)
        self.ctx.speaker.say(text, lang, say=override if override != text else None, audio=audio)
        self.spoken.emit(text)

    def _wait(self, action: ev.Wait) -> None:
        timer = self._timers.get(action.name)
        if timer is None:
            timer = self._timers[action.name] = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda name=action.name: self._timer_fired(name))
        timer.setProperty("token", action.token)
        timer.start(int(action.seconds * 1000))

    def _timer_fired(self, name: str) -> None:
        token = self._timers[name].property("token")
        self._feed(ev.TimerFired(name, int(token)))

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        log.info("guide %s: finished, %s", self.flow.id, outcome)
        self.finished.emit(outcome)

    # ---- the page ----------------------------------------------------------------------

    def _default_start(self) -> str | None:
        if self.flow.start is None:
            return None
        return page_url(self.flow.start, self.runner.pages.origins)

    def _on_flow_page(self, url: str) -> bool:
        return bool(url) and any(
            self.runner.pages.on(step, url) for step in self.flow.steps if step.page is not None
        )

    def _on_report(self, message: dict[str, Any]) -> None:
        if message.get("type") == "hello":
            self._on_hello(message)
            return
        if message.get("type") == "route" and message.get("top") is True:
            # A single-page app's new route (or an in-page anchor): a page of its own for the
            # runner, in the same document (the agent there keeps tracking).
            url, route = str(message.get("url", "")), message.get("route")
            self.address_changed.emit(self._address(url))
            self._feed(ev.PageLoaded(url, doc=f"{message.get('doc', '')}@{route}"))
            return
        event = self._reader.read(message)
        if event is not None:
            self._feed(event)

    def _on_hello(self, message: dict[str, Any]) -> None:
        url = str(message.get("url", ""))
        if message.get("top") is True:
            self._hellos += 1
            self._reader.new_document(str(message.get("doc", "")))
            self.address_changed.emit(self._address(url))
            before = self._last_command
            self._feed(
                ev.PageLoaded(
                    url, doc=str(message.get("doc", "")), lang=str(message.get("lang", ""))
                )
            )
            if self._last_command is not before:
                return  # the runner already told the new document what to look for
        if self._last_command is not None:
            self._bridge.send(self._last_command)

    @staticmethod
    def _address(url: str) -> str:
        qurl = QUrl(url)
        port = qurl.port()
        return qurl.host() + (f":{port}" if port > 0 else "")

    def _on_loading(self, info: QWebEngineLoadingInfo) -> None:
        if info.status() != QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            return
        if info.errorCode() == ERR_ABORTED or info.isDownload():
            return
        hellos, url = self._hellos, info.url()

        def check() -> None:
            if self._hellos == hellos and not self._closed:
                self._feed(ev.PageLoaded(url.toString(), ok=False))

        QTimer.singleShot(FAILURE_GRACE_MS, self, check)

    def _on_new_window(self, request: Any) -> None:
        """A popup or new tab opens in this same view: one page, nothing left behind."""
        request.openIn(self.page)

    def _on_language(self, *_args: object) -> None:
        self.runner.language = self.ctx.language.code
