"""`PortalService`: the one practice portal the kiosk runs, started on first use, stopped at exit.

The composition root (kiosk.app) makes one and hands it to the screens through `UiContext.portal`;
a lesson's practice step, Get help, Record a portal and Check a flow all use the same running
portal instead of each starting their own. `kiosk practice-portal` uses the package directly.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.practice_portal import PracticePortal

log = logging.getLogger(__name__)


class PortalService:
    """Owns the running practice portal, or uses one handed in (as tests do) without stopping it."""

    def __init__(self, portal: PracticePortal | None = None) -> None:
        # A portal handed in was started by someone else, who also stops it.
        self._portal = portal
        self._owned = False

    @property
    def running(self) -> bool:
        """Whether the portal is serving now (never starts it)."""
        return self._portal is not None

    def ensure_running(self) -> PracticePortal:
        """The running portal, started now on free loopback ports if it was not; OSError if the
        ports cannot be opened."""
        if self._portal is None:
            # Imported here: the kiosk starts without the portal's modules.
            from kiosk.practice_portal import PracticePortal

            self._portal = PracticePortal().start()
            self._owned = True
            log.info("practice portal: serving on %s", self._portal.portal_url)
        return self._portal

    def bases(self) -> dict[str, str]:
        """The portal's origins by the names flows use (`portal`, `gateway`, `phishing`); starts
        the portal if needed."""
        return self.ensure_running().bases()

    def practice_value(self, name: str, cookies: dict[str, str]) -> str | None:
        """A value the practice portal expects that no page shows as text (`captcha`: the digits
        of the picture last shown to the browser with these cookies), for the staff health
        check's walk through a practice flow; None if unknown. Never starts the portal."""
        portal = self._portal
        if portal is None or name != "captcha":
            return None
        try:
            return portal.captcha_answer(cookies.get(portal.SESSION_COOKIE, "")) or None
        except KeyError:
            return None

    def fresh(self) -> PracticePortal:
        """The running portal with every session, request and payment forgotten: a learner's
        practice starts clean."""
        portal = self.ensure_running()
        portal.reset()
        return portal

    def stop(self) -> None:
        """Stop the portal if this service started it (the kiosk quits); a portal handed in is
        only let go."""
        portal, owned = self._portal, self._owned
        self._portal, self._owned = None, False
        if portal is not None and owned:
            portal.stop()
            log.info("practice portal: stopped")
