"""The practice portal's web application: sessions, routing, error pages and staff endpoints."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core import jalali
from kiosk.practice_portal import frame
from kiosk.practice_portal.httpbase import (
    Request,
    Response,
    cookie_header,
    quote_path,
)
from kiosk.practice_portal.render import (
    Form,
    Markup,
    Templates,
    shared_asset,
    tag,
)
from kiosk.practice_portal.state import PortalState, Session
from kiosk.practice_portal.texts import translate

SESSION_COOKIE = "roshana_sid"


@dataclass
class Ctx:
    """One request as the portal's handlers see it."""

    app: PortalApp
    request: Request
    session: Session

    @property
    def lang(self) -> str:
        """The page language of this browser session."""
        return self.session.lang

    def t(self, key: str, **values: object) -> str:
        """Translate into the page language."""
        return translate(key, self.lang, **values)

    def form(self, values: dict[str, str] | None = None) -> Form:
        """A form builder in the page language."""
        return Form(self.lang, dict(values or {}))

    def today(self) -> jalali.JalaliDate:
        """Today's Jalali date by the portal's clock."""
        return jalali.from_gregorian(dt.date.fromtimestamp(self.app.state.clock.now()))

    def page(
        self,
        title: str,
        content: Markup,
        *,
        crumbs: list[tuple[str, str | None]] | None = None,
        status: int = 200,
    ) -> Response:
        """A full page in the portal frame; shows (and clears) pending notices."""
        flash, self.session.flash = self.session.flash, []
        return frame.page(
            self.app.templates,
            lang=self.lang,
            title=title,
            content=content,
            here=self.request.path,
            crumbs=crumbs,
            user=self.session.user,
            flash=flash,
            status=status,
        )

    def message(
        self,
        title_key: str,
        text: str,
        *,
        status: int = 200,
        links: list[tuple[str, str]] | None = None,
    ) -> Response:
        """A page with a heading, a paragraph and links (errors, notices)."""
        links = links or [(self.t("back_home"), "/")]
        content = self.app.templates.render(
            "message.html",
            self.lang,
            title=self.t(title_key),
            text=text,
            links=Markup("".join(tag("a", t, href=h, cls="btn") for t, h in links)),
            kind="error" if status >= 400 else "info",
        )
        return self.page(self.t(title_key), content, status=status)

    def require_user(self) -> Response | None:
        """A redirect to sign-in when nobody is signed in, else None."""
        if self.session.user:
            return None
        self.session.flash.append("need_signin")
        return Response.redirect(f"/signin?next={quote_path(self.request.path)}")

    def claim_token(self) -> tuple[str, Response | None]:
        """Check the form's idempotency token: a response ends the request (used or unknown)."""
        token = self.request.form.get("form_token", "")
        if token not in self.session.tokens:
            return token, self.message("bad_request_title", self.t("err_form_expired"), status=400)
        done = self.session.tokens[token]
        if done is not None:
            self.session.flash.append("already_submitted")
            return token, Response.redirect(done)
        return token, None


Handler = Callable[..., Response]


class PortalApp:
    """The portal origin: a callable that turns a `Request` into a `Response`."""

    def __init__(self, state: PortalState, templates: Templates, reset_token: str) -> None:
        self.state = state
        self.templates = templates
        self.reset_token = reset_token
        self.on_reset: Callable[[], None] = state.reset
        self.gateway: object = None  # the GatewayApp, set by the server
        self.callback_secret = b""
        self.portal_url = ""
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        """Register `handler(ctx, **groups)` for `method` and a full-match path regex."""
        self.routes.append((method, re.compile(pattern), handler))

    def __call__(self, request: Request) -> Response:
        path = request.path
        asset = shared_asset(path)
        if asset is not None:
            return asset
        if path in ("/__reset", "/__maintenance"):
            return self._staff(request)
        with self.state.lock:
            session, new = self.state.session(request.cookies.get(SESSION_COOKIE))
            ctx = Ctx(self, request, session)
            response = self._dispatch(ctx)
            if new or request.cookies.get(SESSION_COOKIE) != session.sid:
                response.cookies.append(cookie_header(SESSION_COOKIE, session.sid))
            return response

    def _dispatch(self, ctx: Ctx) -> Response:
        request = ctx.request
        if request.too_large:
            return ctx.message("too_large_title", ctx.t("too_large_text"), status=413)
        if request.malformed:
            return ctx.message("bad_request_title", ctx.t("err_form_expired"), status=400)
        if self.state.maintenance:
            return maintenance_page(ctx)
        allowed = False
        for method, pattern, handler in self.routes:
            match = pattern.fullmatch(request.path)
            if match:
                allowed = True
                if method == request.method:
                    return handler(ctx, **match.groupdict())
        if allowed:
            return ctx.message("bad_request_title", ctx.t("not_found_text"), status=405)
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)

    def _staff(self, request: Request) -> Response:
        """POST /__reset and /__maintenance for the staff button; need the reset token."""
        token = request.form.get("token") or request.headers.get("x-reset-token", "")
        if request.method != "POST":
            return _json(405, {"error": "POST only"})
        if not hmac.compare_digest(token.encode(), self.reset_token.encode()):
            return _json(403, {"error": "bad token"})
        if request.path == "/__reset":
            self.on_reset()
            return _json(200, {"reset": True})
        self.state.maintenance = request.form.get("on", "1") not in ("0", "false", "off")
        return _json(200, {"maintenance": self.state.maintenance})


def _json(status: int, payload: dict[str, object]) -> Response:
    return Response(status, json.dumps(payload).encode(), "application/json")


def maintenance_page(ctx: Ctx) -> Response:
    """503: the system is down, with what to do instead."""
    content = ctx.app.templates.render("maintenance.html", ctx.lang)
    response = ctx.page(ctx.t("maintenance_title"), content, status=503)
    response.headers["Retry-After"] = "3600"
    return response
