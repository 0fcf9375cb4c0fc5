"""`PracticePortal`: the portal, bank gateway and phishing copy served on three loopback ports.

Usage::

    with PracticePortal() as portal:        # free ports, background threads
        print(portal.portal_url, portal.gateway_url, portal.phishing_url)
        portal.reset()                      # every learner starts clean

Staff reset over HTTP: ``POST {portal_url}__reset`` with form field ``token`` (or header
``X-Reset-Token``) equal to ``portal.reset_token``; ``POST {portal_url}__maintenance`` with the
token and ``on=1``/``on=0`` switches the whole portal's maintenance page on or off.

Test hooks (Python only, never over HTTP): `captcha_answer`, `current_otp`,
`dynamic_password`, `advance_clock`, `charges`.
"""

from __future__ import annotations

import logging
import secrets
import threading
from http.server import ThreadingHTTPServer
from types import TracebackType

from kiosk.practice_portal import portal_civil, portal_pay, portal_signin
from kiosk.practice_portal.gateway import GatewayApp
from kiosk.practice_portal.httpbase import make_server
from kiosk.practice_portal.phishing import PhishingApp
from kiosk.practice_portal.portal_app import SESSION_COOKIE, PortalApp
from kiosk.practice_portal.render import PORTAL_DIR, Templates
from kiosk.practice_portal.state import Clock, PortalState

HOST = "127.0.0.1"

log = logging.getLogger(__name__)


def _security_headers(form_action: str) -> dict[str, str]:
    csp = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"font-src 'self'; form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }


class PracticePortal:
    """The three practice sites, started and stopped together."""

    SESSION_COOKIE = SESSION_COOKIE

    def __init__(
        self,
        *,
        portal_port: int = 0,
        gateway_port: int = 0,
        phishing_port: int = 0,
        reset_token: str | None = None,
    ) -> None:
        self.ports = (portal_port, gateway_port, phishing_port)
        self.reset_token = reset_token or secrets.token_urlsafe(16)
        self.clock = Clock()
        self.state = PortalState(self.clock)
        self.templates = templates = Templates(PORTAL_DIR / "templates")
        secret = secrets.token_bytes(32)
        self.gateway = GatewayApp(self.clock, templates, secret)
        self.portal = PortalApp(self.state, templates, self.reset_token)
        self.portal.gateway = self.gateway
        self.portal.callback_secret = secret
        self.portal.on_reset = self.reset
        for module in (portal_signin, portal_civil, portal_pay):
            module.register(self.portal)
        self.phishing = PhishingApp(templates)
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self.portal_url = self.gateway_url = self.phishing_url = ""

    # Life cycle
    def start(self) -> PracticePortal:
        """Bind the three ports (0 = any free port) and serve in daemon threads."""
        if self._servers:
            return self
        portal_port, gateway_port, phishing_port = self.ports
        # Bind first with placeholder headers: the CSP needs the gateway's real port.
        gateway = make_server(HOST, gateway_port, self.gateway, {})
        self.gateway_url = f"http://{HOST}:{gateway.server_address[1]}/"
        portal = make_server(
            HOST, portal_port, self.portal, _security_headers(f"'self' {self.gateway_url[:-1]}")
        )
        self.portal_url = f"http://{HOST}:{portal.server_address[1]}/"
        gateway.RequestHandlerClass.extra_headers = _security_headers(  # type: ignore[attr-defined]
            f"'self' {self.portal_url[:-1]}"
        )
        phishing = make_server(HOST, phishing_port, self.phishing, _security_headers("'self'"))
        self.phishing_url = f"http://{HOST}:{phishing.server_address[1]}/"
        self.gateway.url, self.portal.portal_url = self.gateway_url, self.portal_url
        self.phishing.url, self.phishing.real_url = self.phishing_url, self.portal_url
        self._servers = [portal, gateway, phishing]
        for name, server in zip(("portal", "gateway", "phishing"), self._servers, strict=True):
            thread = threading.Thread(
                target=server.serve_forever, name=f"practice-{name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        # Jinja2 and the page frames load while the browser that asks for the first page starts.
        threading.Thread(target=self._warm, name="practice-templates", daemon=True).start()
        return self

    def _warm(self) -> None:
        try:
            self.templates.warm()
        except Exception:  # a broken template is reported by the page that needs it
            log.exception("practice portal: templates could not be prepared")

    def stop(self) -> None:
        """Stop serving and close the ports."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> PracticePortal:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def bases(self) -> dict[str, str]:
        """The three origins by the names flows use for them (`{portal}` and so on)."""
        return {
            "portal": self.portal_url,
            "gateway": self.gateway_url,
            "phishing": self.phishing_url,
        }

    # Staff controls
    def reset(self) -> None:
        """Forget every session, request, payment and gateway transaction."""
        with self.state.lock:
            self.state.reset()
            self.gateway.reset()
            self.clock.offset = 0.0

    @property
    def maintenance(self) -> bool:
        """Whether every portal page shows the maintenance page (503)."""
        return self.state.maintenance

    @maintenance.setter
    def maintenance(self, on: bool) -> None:
        self.state.maintenance = bool(on)

    # Test hooks: never reachable over HTTP
    def captcha_answer(self, session_id: str) -> str:
        """The digits of the captcha last shown to browser session `session_id`."""
        with self.state.lock:
            return self.state.sessions[session_id].captcha

    def current_otp(self, session_id: str) -> str | None:
        """The one-time sign-in code waiting in browser session `session_id`."""
        with self.state.lock:
            pending = self.state.sessions[session_id].pending
            return pending.otp if pending else None

    def dynamic_password(self, gateway_token: str) -> str | None:
        """The dynamic password last sent for the gateway transaction `gateway_token`."""
        return self.gateway.dynamic_password(gateway_token)

    def advance_clock(self, seconds: float) -> None:
        """Pretend time has passed (expire OTPs, dynamic passwords, transactions)."""
        self.clock.advance(seconds)

    @property
    def charges(self) -> list[dict[str, object]]:
        """Every successful charge the gateway has made (to prove nothing was paid twice)."""
        with self.gateway.lock:
            return list(self.gateway.charges)
