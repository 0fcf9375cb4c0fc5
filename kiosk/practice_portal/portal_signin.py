"""Portal pages: service catalogue, language switch, sign-in with captcha and OTP, dashboard."""

from __future__ import annotations

from kiosk.practice_portal import captcha, seed
from kiosk.practice_portal.httpbase import Response, quote_path, safe_next
from kiosk.practice_portal.portal_app import Ctx, PortalApp, maintenance_page
from kiosk.practice_portal.render import Form, Markup, join, tag
from kiosk.practice_portal.state import OTP_LIFETIME, PendingSignIn, new_code
from kiosk.practice_portal.texts import local_digits
from kiosk.practice_portal.validation import (
    FieldError,
    normalise_digits,
    parse_mobile,
    parse_national_id,
)

MAX_OTP_ATTEMPTS = 5

# (icon, url, title key, description key, needs sign-in)
SERVICES = (
    ("civil", "/services/civil", "svc_civil", "svc_civil_desc", True),
    ("track", "/track", "svc_track", "svc_track_desc", False),
    ("bills", "/bills", "svc_bills", "svc_bills_desc", True),
    ("feedback", "/services/feedback", "svc_feedback", "svc_feedback_desc", False),
    ("certificate", "/certificates", "svc_certs", "svc_certs_desc", True),
    ("vehicle", "/services/vehicle", "svc_vehicle", "svc_vehicle_desc", True),
    ("appointment", "/services/appointment", "svc_appointment", "svc_appointment_desc", False),
)

NID_ERRORS = {
    "length": "err_nid_length",
    "digits": "err_nid_digits",
    "checksum": "err_nid_checksum",
}
MOBILE_ERRORS = {
    "digits": "err_mobile_digits",
    "length": "err_mobile_length",
    "prefix": "err_mobile_length",
}


def field_error(exc: FieldError, table: dict[str, str]) -> str:
    """The text key for a validation error code (`required` is common to all fields)."""
    return "err_required" if exc.code == "required" else table.get(exc.code, "err_digits")


def _fold(text: str) -> str:
    """Text folded for search: Latin digits, Persian ی/ک, lower case."""
    return normalise_digits(text).replace("ي", "ی").replace("ك", "ک").casefold().strip()


def service_cards(ctx: Ctx, query: str = "") -> tuple[Markup, int]:
    """The catalogue cards matching `query`, and how many matched."""
    cards = []
    for icon, href, title_key, desc_key, needs_signin in SERVICES:
        title, desc = ctx.t(title_key), ctx.t(desc_key)
        haystack = _fold(f"{title} {desc} {title_key}")
        if query and _fold(query) not in haystack:
            continue
        badge = tag("span", ctx.t("needs_signin"), cls="badge") if needs_signin else ""
        img = Markup(f'<img src="/static/icons/{icon}.svg" alt="" width="56" height="56">')
        link = tag("a", join([img, tag("span", title, cls="card-title")]), href=href)
        body = join([link, tag("p", desc), badge])
        cards.append(tag("li", body, cls="service-card", data_search=haystack))
    return join(cards), len(cards)


def home(ctx: Ctx) -> Response:
    query = ctx.request.query.get("q", "")
    cards, count = service_cards(ctx, query)
    none = tag("p", ctx.t("search_none"), cls="search-none", role="status", hidden=count > 0)
    content = ctx.app.templates.render("home.html", ctx.lang, q=query, cards=cards, no_match=none)
    return ctx.page(ctx.t("catalogue_title"), content, crumbs=[])


def switch_language(ctx: Ctx, code: str) -> Response:
    ctx.session.lang = code
    return Response.redirect(safe_next(ctx.request.query.get("next", "/")))


def captcha_image(ctx: Ctx) -> Response:
    if not ctx.session.captcha:
        ctx.session.captcha = captcha.new_answer()
    return Response(body=captcha.svg(ctx.session.captcha), content_type="image/svg+xml")


def signin_form(ctx: Ctx) -> Response:
    if ctx.session.user:
        return Response.redirect(safe_next(ctx.request.query.get("next", "/dashboard")))
    return _signin_page(ctx, ctx.form())


def _signin_page(ctx: Ctx, form: Form, status: int = 200) -> Response:
    ctx.session.captcha = captcha.new_answer()
    next_path = safe_next(ctx.request.arg("next"), "/dashboard")
    content = ctx.app.templates.render(
        "signin.html",
        ctx.lang,
        summary=form.summary(),
        next=next_path,
        new_captcha=f"/signin?next={quote_path(next_path)}",
        captcha_src=f"/captcha.svg?v={new_code(6)}",
        national_id=form.input(
            "national_id",
            "national_id",
            hint_key="national_id_hint",
            ltr=True,
            inputmode="numeric",
            autocomplete="off",
            maxlength=20,
        ),
        mobile=form.input(
            "mobile",
            "mobile",
            hint_key="mobile_hint",
            type_="tel",
            ltr=True,
            inputmode="tel",
            autocomplete="tel",
            maxlength=20,
        ),
        captcha=form.input(
            "captcha",
            "captcha",
            hint_key="captcha_hint",
            ltr=True,
            inputmode="numeric",
            autocomplete="off",
            maxlength=10,
        ),
    )
    return ctx.page(ctx.t("signin_title"), content, status=status)


def signin_submit(ctx: Ctx) -> Response:
    form = ctx.form({k: ctx.request.form.get(k, "") for k in ("national_id", "mobile")})
    try:
        national_id = parse_national_id(form.values["national_id"])
    except FieldError as exc:
        form.error("national_id", field_error(exc, NID_ERRORS))
    try:
        mobile = parse_mobile(form.values["mobile"])
    except FieldError as exc:
        form.error("mobile", field_error(exc, MOBILE_ERRORS))
    typed = normalise_digits(ctx.request.form.get("captcha", "")).strip()
    if not typed:
        form.error("captcha", "err_required")
    elif not ctx.session.captcha or typed != ctx.session.captcha:
        form.error("captcha", "err_captcha")
    if form.errors:
        return _signin_page(ctx, form)
    ctx.session.captcha = ""
    ctx.session.pending = PendingSignIn(
        national_id, mobile, "", 0.0, safe_next(ctx.request.form.get("next", ""), "/dashboard")
    )
    _send_otp(ctx)
    return Response.redirect("/signin/otp")


def _send_otp(ctx: Ctx) -> None:
    pending = ctx.session.pending
    assert pending is not None
    pending.otp = new_code(5)
    pending.expires = ctx.app.state.clock.now() + OTP_LIFETIME
    pending.attempts = 0
    ctx.session.sms.append(("phone_sender", ctx.t("sms_otp", code=pending.otp)))


def phone_panel(ctx: Ctx) -> Markup:
    """The simulated phone beside the form, showing the newest SMS."""
    if ctx.session.sms:
        sender, text = ctx.session.sms[-1]
        lines = join(tag("span", line, cls="sms-line") for line in text.split("\n"))
        message = tag(
            "div", join([tag("p", ctx.t(sender), cls="sms-from"), tag("p", lines)]), cls="sms"
        )
    else:
        message = tag("p", ctx.t("phone_empty"), cls="sms-empty")
    screen = tag("div", message, cls="phone-screen", aria_live="polite")
    return tag(
        "aside",
        join([tag("h2", ctx.t("phone_title")), screen]),
        cls="phone",
        aria_label=ctx.t("phone_title"),
    )


def otp_form(ctx: Ctx, form: Form | None = None, status: int = 200) -> Response:
    pending = ctx.session.pending
    if pending is None:
        return Response.redirect("/signin")
    form = form or ctx.form()
    left = max(0, int(pending.expires - ctx.app.state.clock.now()))
    content = ctx.app.templates.render(
        "otp.html",
        ctx.lang,
        intro=ctx.t("otp_intro", mobile=pending.mobile),
        summary=form.summary(),
        otp=form.input(
            "otp", "otp", ltr=True, inputmode="numeric", autocomplete="one-time-code", maxlength=10
        ),
        validity=ctx.t("otp_validity", seconds=left),
        seconds=str(left),
        phone=phone_panel(ctx),
    )
    return ctx.page(ctx.t("otp_title"), content, status=status)


def otp_submit(ctx: Ctx) -> Response:
    pending = ctx.session.pending
    if pending is None:
        return Response.redirect("/signin")
    if ctx.request.form.get("action") == "resend":
        _send_otp(ctx)
        ctx.session.flash.append("otp_resent")
        return Response.redirect("/signin/otp")
    form = ctx.form()
    typed = normalise_digits(ctx.request.form.get("otp", "")).strip()
    if not typed:
        form.error("otp", "err_required")
    elif not typed.isdigit() or len(typed) != 5:
        form.error("otp", "err_otp_length")
    elif ctx.app.state.clock.now() > pending.expires:
        form.error("otp", "err_otp_expired")
    elif typed != pending.otp:
        pending.attempts += 1
        if pending.attempts >= MAX_OTP_ATTEMPTS:
            ctx.session.pending = None
            ctx.session.flash.append("err_otp_too_many")
            return Response.redirect("/signin")
        form.error("otp", "err_otp_wrong")
    if form.errors:
        return otp_form(ctx, form)
    ctx.session.pending = None
    if ctx.session.user != pending.national_id:
        seed.signed_in(ctx.session, pending.national_id, ctx.app.state.clock.now())
    ctx.session.user, ctx.session.mobile = pending.national_id, pending.mobile
    ctx.app.state.rotate(ctx.session)
    return Response.redirect(pending.next_path)


def signout(ctx: Ctx) -> Response:
    ctx.session.user = None
    ctx.session.pending = None
    ctx.session.flash.append("signed_out")
    return Response.redirect("/")


def dashboard(ctx: Ctx) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    mine = [i for i in ctx.app.state.tracked.values() if i.owner == ctx.session.user]
    rows = join(
        tag(
            "li",
            tag(
                "a",
                join(
                    [
                        ctx.t(i.title_key),
                        " — ",
                        ctx.t("tracking_code"),
                        ": ",
                        tag("bdi", local_digits(i.code, ctx.lang)),
                    ]
                ),
                href=f"/track?tracking_code={i.code}",
            ),
        )
        for i in mine
    )
    cards, _count = service_cards(ctx)
    content = ctx.app.templates.render(
        "dashboard.html",
        ctx.lang,
        user=local_digits(ctx.session.user, ctx.lang),
        requests=tag("ul", rows, cls="plain-list") if mine else tag("p", ctx.t("no_requests")),
        cards=cards,
    )
    return ctx.page(ctx.t("dashboard_title"), content)


def register(app: PortalApp) -> None:
    """Add this module's routes to the portal."""
    app.route("GET", r"/", home)
    app.route("GET", r"/lang/(?P<code>fa|en)", switch_language)
    app.route("GET", r"/captcha\.svg", captcha_image)
    app.route("GET", r"/signin", signin_form)
    app.route("POST", r"/signin", signin_submit)
    app.route("GET", r"/signin/otp", otp_form)
    app.route("POST", r"/signin/otp", otp_submit)
    app.route("GET", r"/signout", signout)
    app.route("GET", r"/dashboard", dashboard)
    app.route("GET", r"/services/(?:vehicle|appointment)", maintenance_page)
    app.route("GET", r"/maintenance", maintenance_page)
