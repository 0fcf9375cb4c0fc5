"""The Get-help screen: services → info card → consent → the assisted session → feedback → home.

QtWebEngine is imported only when a session starts (kiosk.ui.assist.session_view).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from kiosk.core.notices import NoticeError
from kiosk.i18n import N_
from kiosk.services.background import Background
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.paged_screen import PagedScreen

if TYPE_CHECKING:
    from kiosk.services.assist_catalog import Service
    from kiosk.services.staff_access import StaffAccess
    from kiosk.ui.assist.session import AssistSession
    from kiosk.ui.assist.session_view import SessionPage

log = logging.getLogger(__name__)

TITLE = N_("Get help with a government service")
CONSENT_TITLE = N_("Before we start")
FEEDBACK_TITLE = N_("Your opinion")
NO_PORTAL = N_(
    "The practice portal could not start, so this service cannot open now. To fix: restart the "
    "kiosk; if it happens again, tell the staff."
)


class AssistScreen(PagedScreen):
    """Key "help". `session_done` asks the window to end the person's session (wipe, home).

    Back returns to the page before (services ← info ← consent); on the session page it ends
    the session (then feedback), on the feedback page it finishes."""

    key = "help"
    session_done = Signal()

    def __init__(
        self,
        ctx: UiContext,
        staff: StaffAccess | None = None,
        *,
        data_dir: Path | None = None,
        folders: list[Path] | None = None,
    ) -> None:
        super().__init__(ctx, TITLE)
        self.staff = staff
        self.data_dir = data_dir
        self.folders = folders  # None: the bundled folder and <data dir>/flows
        self.session: AssistSession | None = None
        self.session_page: SessionPage | None = None
        self.service: Service | None = None
        self.built = False  # the pages are built when the screen first opens
        # Reading and validating the flows (~70 ms, more on a slow disk) runs off the UI thread.
        self.loading = Background(self, "reading the services")
        self._stale = False  # asked to reload while a read was under way
        self.retranslate()

    def _build(self) -> None:
        from kiosk.ui.assist.pages import ConsentPage, FeedbackPage, InfoPage, ServicesPage

        ctx = self.ctx
        self.services = self.add_page(ServicesPage(ctx, TITLE), "assist_services")
        self.info = self.add_page(InfoPage(ctx, TITLE), "assist_info")
        self.consent = self.add_page(ConsentPage(ctx, CONSENT_TITLE), "assist_consent")
        self.feedback = self.add_page(FeedbackPage(ctx, FEEDBACK_TITLE), "assist_feedback")
        self.services.chosen.connect(self.show_info)
        self.info.start.connect(self.show_consent)
        self.consent.agreed.connect(self.start_session)
        self.feedback.done.connect(self._feedback_done)
        self.footer.addWidget(self.feedback.finish)  # Done, apart from the feedback's answers
        self.feedback.finish.hide()
        self.built = True

    # ---- pages --------------------------------------------------------------------------

    def activate(self) -> None:
        if not self.built:
            self._build()
        if self.session is None:
            # Read the services each time Get help opens: a flow recorded or fixed by staff
            # a minute ago is offered at once. The list read last time shows meanwhile.
            self.reload()
            self.open(self.services, root=True, speak=False)

    def reload(self) -> None:
        """Read the installed services again, in the background (after a flow was recorded
        or fixed); the services page is refilled when they are read."""
        from kiosk.services.assist_catalog import load_services, service_folders

        if self.folders is None:
            self.folders = service_folders(self.data_dir)
        folders = list(self.folders)
        page = self.services
        self._stale = not self.loading.run(
            lambda: load_services(folders),
            self._loaded,
            lambda _error: page.set_services(page.services),  # logged; keep what was shown
        )

    def _loaded(self, found) -> None:
        services, faults = found
        if self._stale:  # something changed while this read was under way: read again
            self.reload()
            return
        for error in faults:
            log.warning("assist: service skipped: %s", error)
        page = self.services
        before = [(s.flow.id, s.verified) for s in page.services] if page.loaded else None
        page.set_services(services)
        after = [(s.flow.id, s.verified) for s in services]
        if before != after and self.current_page() is page and self.isVisible():
            self.ctx.say(self.intro())  # what was said before the list arrived is out of date

    def select(self, page) -> None:
        super().select(page)
        if self.built:  # Done only with the feedback
            self.feedback.finish.setVisible(page is self.feedback)

    def current_page(self):
        return self.page

    def show_info(self, service: Service) -> None:
        self.service = service
        self.info.show_service(service)
        self.open(self.info)

    def show_consent(self) -> None:
        self.open(self.consent)

    # ---- the session --------------------------------------------------------------------

    def _bases(self, service: Service) -> dict[str, str]:
        return self.ctx.portal.bases() if service.practice else {}

    def start_session(self) -> None:
        """Consent given: a new sealed browser, the guide, a record."""
        if self.service is None or self.session is not None:
            return
        from kiosk.ui.assist.session import AssistSession
        from kiosk.ui.assist.session_view import SessionPage

        try:
            bases = self._bases(self.service)
        except OSError as error:
            log.warning("assist: practice portal failed: %s", error)
            self.ctx.say(self.ctx.tr(NO_PORTAL))
            return
        account = self.staff.helper if self.staff is not None else None
        session = AssistSession(
            self.ctx, self.service, bases, operator_id=account.id if account else None
        )
        try:
            session.open()
        except NoticeError as error:  # the guide refuses (its vendored library is wrong)
            log.warning("assist: the guide refused to start: %s", error)
            page = self.current_page()
            if page is not None:
                page.tell(error.notice)
            else:
                self.ctx.say(error.notice.text())
            session.deleteLater()
            return
        self.session = session
        # The page listens before the guide starts: it shows (and the privacy notice and
        # receipt buttons follow) the very first step too.
        self.session_page = SessionPage(self.ctx, self.session)
        self.session_page.leave.connect(self.end_session_page)
        self.session.begin()
        self.add_page(self.session_page, "assist_session")
        self.back.hide()  # the session page has its own End button
        self.open(self.session_page, speak=False)  # the guide says the first step

    def end_session_page(self) -> None:
        """Finish or End: wipe the browser now, then ask for feedback."""
        session = self.session
        if session is None:
            return
        session.end("abandoned")
        self._drop_session_page()
        self.feedback.clear()
        self.open(self.feedback, replace=True)  # the session is over: Back finishes

    def _drop_session_page(self) -> None:
        page, self.session_page = self.session_page, None
        self.back.show()
        if page is not None:
            page.detach()
            self.pages.removeWidget(page)
            page.setParent(None)
            page.deleteLater()

    def _feedback_done(self, satisfaction: int | None, solved: bool | None) -> None:
        if self.session is not None:
            self.session.feedback(satisfaction, solved)
            self.session.deleteLater()
            self.session = None
        from kiosk.ui.assist.pages import THANKS

        self.ctx.say(self.ctx.tr(THANKS))
        self.service = None
        self.session_done.emit()

    def reset(self) -> None:
        """The person has gone (idle, end of session): wipe any session, back to the tiles."""
        if not self.built:
            return
        session, self.session = self.session, None
        if session is not None:
            session.end("timed_out")
            session.deleteLater()
        self._drop_session_page()
        self.service = None
        self.feedback.clear()
        self.open(self.services, root=True, speak=False)

    def shutdown(self) -> None:
        """The app quits: wipe a live session (kiosk.app stops the practice portal)."""
        self.reset()
        super().shutdown()
