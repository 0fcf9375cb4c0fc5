"""`AssistSession`: one citizen's assisted session — the sealed browser, the guide in operator
mode, and the session record (flow, steps, outcome; never what the citizen typed or saw).

    session = AssistSession(ctx, service, bases, operator_id="...")
    session.start()            # browser, guide, record (open() then begin(): a view
                               # built between the two sees the first step)
    session.end("abandoned")   # or "completed", "timed_out": idempotent, wipes everything
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo

from kiosk.core.flows import events as ev
from kiosk.core.flows.allow import AllowList
from kiosk.core.notices import NoticeError
from kiosk.services.assist_catalog import Service, mark_verified
from kiosk.ui.context import UiContext
from kiosk.ui.web.browser import SealedBrowser
from kiosk.ui.web.page_dialog import PageDialogs

log = logging.getLogger(__name__)

ERR_ABORTED = -3  # Chromium: a navigation replaced by another, or one we refused


class AssistSession(QObject):
    """Owns the browser of one session; the screen shows it and calls `end()`."""

    step_shown = Signal(object)  # ShowStep
    finished = Signal(str)  # the guide's outcome: completed, aborted, declined
    ended = Signal(str)  # the record's outcome, after the wipe

    def __init__(
        self,
        ctx: UiContext,
        service: Service,
        bases: dict[str, str] | None = None,
        *,
        operator_id: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.service, self.bases = ctx, service, dict(bases or {})
        self.operator_id = operator_id
        extra = tuple(ctx.settings["allowed_hosts"])  # type: ignore[arg-type]
        self.allow = AllowList.for_flow(service.flow, self.bases, extra)
        self.browser: SealedBrowser | None = None
        self.dialogs: PageDialogs | None = None
        self.guide = None
        self.record_id: int | None = None
        self.reached: set[str] = set()
        self.missing: set[str] = set()
        self.position = 0  # "step n" of the last step shown
        self.current: ev.ShowStep | None = None
        self.guide_outcome: str | None = None
        self.outcome: str | None = None
        self._page_trouble = False

    # ---- life ---------------------------------------------------------------------------

    def start(self) -> None:
        """Open the sealed browser, start the guide on the flow's start page, open a record."""
        self.open()
        self.begin()

    def open(self) -> None:
        """The sealed browser and the guide, not yet started: a view connects to them now,
        before `begin()` shows (and speaks) the first step."""
        from kiosk.ui.web.bridge import vendored_a11y
        from kiosk.ui.web.session import GuideSession

        vendored_a11y()  # a missing or wrong library refuses before a browser opens
        # The page's alert/confirm/prompt/beforeunload: asked of the operator, over the page.
        self.dialogs = PageDialogs(self.ctx, self)
        self.browser = SealedBrowser(self.allow, self, dialogs=self.dialogs)
        self.guide = GuideSession(
            self.browser.view,
            self.service.flow,
            self.ctx,
            "operator",
            bases=self.bases,
            handle_new_windows=False,
            parent=self,
        )
        self.guide.step_shown.connect(self._on_step)
        self.guide.recorded.connect(self._on_record)
        self.guide.finished.connect(self._on_finished)
        self.browser.page.loadingChanged.connect(self._on_loading)

    def begin(self) -> None:
        """Open the record and start the guide on the flow's start page."""
        assert self.guide is not None, "open() first"
        self._open_record()
        self.guide.start()

    @property
    def live(self) -> bool:
        return self.browser is not None and self.outcome is None

    def end(self, reason: str = "abandoned") -> None:
        """Wipe the session (page, then profile, clipboard, temp folder) and close its record.

        `reason` is "completed", "abandoned" or "timed_out"; an abandoned session after the
        portal failed to load is recorded as "portal_unavailable"."""
        if self.outcome is not None:
            return
        if reason == "abandoned" and self.guide_outcome == "completed":
            reason = "completed"
        if reason == "abandoned" and self._page_trouble:
            reason = "portal_unavailable"
        self.outcome = reason
        if self.guide is not None:
            self.guide.close()
        if self.browser is not None:
            self.browser.destroy()
        self._close_record()
        if reason == "completed":
            try:
                mark_verified(self.service)
            except OSError as error:
                log.warning("assist: cannot mark %s verified: %s", self.service.flow.id, error)
        log.info("assist %s: session ended, %s", self.service.flow.id, reason)
        self.ended.emit(reason)

    def feedback(self, satisfaction: int | None, solved: bool | None) -> None:
        """The citizen's three faces and yes/no, added to the (closed) record."""
        if self.record_id is None:  # not recorded (the database is not open)
            return
        from kiosk.services.assist import record_feedback

        record_feedback(self.ctx.database.store, self.record_id, satisfaction, solved)

    # ---- the guide ----------------------------------------------------------------------

    def _on_step(self, show: ev.ShowStep) -> None:
        self.current = show
        if not show.step.is_help:
            self.reached.add(show.step.id)
        self.position = show.position
        self.step_shown.emit(show)

    def _on_record(self, name: str, data: dict) -> None:
        if name == "selector_missing":
            self.missing.add(str(data.get("step", "")))
        elif name == "page_failed":
            self._page_trouble = True

    def _on_loading(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            # A server error page (the portal is down for maintenance) loads "successfully".
            domain = QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain
            self._page_trouble = info.errorDomain() == domain and info.errorCode() >= 500
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus and not (
            info.errorCode() == ERR_ABORTED or info.isDownload()
        ):
            self._page_trouble = True

    def _on_finished(self, outcome: str) -> None:
        self.guide_outcome = outcome
        self.finished.emit(outcome)

    # ---- the record ---------------------------------------------------------------------

    def _open_record(self) -> None:
        try:
            store = self.ctx.database.store
        except NoticeError as error:
            log.warning("assist: this session is not recorded: %s", error)
            return
        from kiosk.services.assist import start_session

        flow = self.service.flow
        self.record_id = start_session(store, flow.id, flow.version, self.operator_id)

    def _close_record(self) -> None:
        if self.record_id is None:  # not recorded (the database is not open)
            return
        from kiosk.services.assist import end_session

        end_session(
            self.ctx.database.store,
            self.record_id,
            self.outcome or "abandoned",
            step=self.position or None,
            steps_reached=len(self.reached),
            missing=self.missing,
        )
