"""Portal pages: civil request with document upload, tracking timeline, complaint/suggestion."""

from __future__ import annotations

import datetime as dt

from kiosk.core import jalali
from kiosk.practice_portal.httpbase import Response
from kiosk.practice_portal.portal_app import Ctx, PortalApp
from kiosk.practice_portal.portal_signin import MOBILE_ERRORS, field_error
from kiosk.practice_portal.render import Form, Markup, join, tag
from kiosk.practice_portal.state import TrackedItem
from kiosk.practice_portal.texts import local_digits
from kiosk.practice_portal.validation import (
    FieldError,
    parse_digits,
    parse_jalali_date,
    parse_mobile,
)
from kiosk.practice_portal.validation import parse_text as _parse_text

MAX_PHOTO = 2 * 1024 * 1024
REQUEST_TYPES = [
    ("birth_copy", "rt_birth_copy"),
    ("id_renewal", "rt_id_renewal"),
    ("residence", "rt_residence"),
]
FEEDBACK_KINDS = [
    ("complaint", "fb_complaint"),
    ("suggestion", "fb_suggestion"),
    ("thanks", "fb_thanks"),
]
FEEDBACK_TOPICS = [
    ("service", "fb_cat_service"),
    ("staff", "fb_cat_staff"),
    ("website", "fb_cat_website"),
    ("other", "fb_cat_other"),
]
SURVEY = [(str(i), f"fb_s{i}") for i in range(1, 6)]
TEXT_ERRORS = {"too_long": "err_too_long", "too_short": "err_too_short"}
MESSAGE_ERRORS = {"too_long": "err_too_long", "too_short": "err_message_short"}
DATE_ERRORS = {"format": "err_date_format", "invalid": "err_date_invalid"}
# Timeline steps and when each starts, in seconds after the request was sent.
STEPS = {
    "civil": [
        ("step_received", 0),
        ("step_review", 0),
        ("step_issued", 7200),
        ("step_delivered", 86400),
    ],
    "feedback": [("step_received", 0), ("step_referred", 0), ("step_answered", 172800)],
}


def _text(
    form: Form, name: str, raw: str, errors: dict[str, str] = TEXT_ERRORS, **limits: int
) -> None:
    try:
        form.values[name] = _parse_text(raw, **limits)
    except FieldError as exc:
        form.error(name, field_error(exc, errors))


def _choice(form: Form, name: str, options: list[tuple[str, str]], required: bool = True) -> None:
    value = form.values.get(name, "")
    if value not in {v for v, _k in options} and (required or value):
        form.error(name, "err_choice" if value else "err_required")


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def civil_form(ctx: Ctx, form: Form | None = None) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    if form is None:
        draft = ctx.session.civil_draft if ctx.request.query.get("edit") else None
        form = ctx.form(dict(draft["values"]) if draft else {})  # type: ignore[arg-type]
    content = ctx.app.templates.render(
        "civil_form.html",
        ctx.lang,
        summary=form.summary(),
        request_type=form.select("request_type", "request_type", REQUEST_TYPES),
        full_name=form.input("full_name", "full_name", autocomplete="name", maxlength=80),
        father_name=form.input("father_name", "father_name", maxlength=60),
        birth_date=form.input(
            "birth_date",
            "birth_date",
            hint_key="birth_date_hint",
            ltr=True,
            inputmode="numeric",
            placeholder="1360/05/12",
            maxlength=12,
            data_jalali="birth",
            data_today=ctx.today().isoformat(),
            data_pick_label=ctx.t("pick_date"),
        ),
        photo=form.input(
            "document_photo",
            "document_photo",
            hint_key="document_photo_hint",
            type_="file",
            accept="image/jpeg,image/png",
        ),
    )
    crumbs = [(ctx.t("nav_services"), "/"), (ctx.t("civil_title"), None)]
    return ctx.page(ctx.t("civil_title"), content, crumbs=crumbs)


def civil_post(ctx: Ctx) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    names = ("request_type", "full_name", "father_name", "birth_date")
    form = ctx.form({n: ctx.request.form.get(n, "") for n in names})
    _choice(form, "request_type", REQUEST_TYPES)
    _text(form, "full_name", form.values["full_name"], min_len=2, max_len=80)
    _text(form, "father_name", form.values["father_name"], min_len=2, max_len=60)
    try:
        born = parse_jalali_date(form.values["birth_date"])
        if born > ctx.today():
            form.error("birth_date", "err_date_future")
        elif born.year < 1290:
            form.error("birth_date", "err_date_invalid")
    except FieldError as exc:
        form.error("birth_date", field_error(exc, DATE_ERRORS))
    upload = ctx.request.files.get("document_photo")
    kind = None
    if upload is None or not upload.data:
        form.error("document_photo", "err_photo_required")
    elif len(upload.data) > MAX_PHOTO:
        form.error("document_photo", "err_photo_size")
    elif (kind := _image_kind(upload.data)) is None:
        form.error("document_photo", "err_photo_type")
    if form.errors:
        return civil_form(ctx, form)
    ctx.session.civil_draft = {"values": form.values, "photo": upload.data, "type": kind}
    return Response.redirect("/services/civil/review")


def civil_review(ctx: Ctx) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    draft = ctx.session.civil_draft
    if not draft:
        return Response.redirect("/services/civil")
    values: dict[str, str] = draft["values"]  # type: ignore[assignment]
    rows = [
        ("request_type", ctx.t(dict(REQUEST_TYPES)[values["request_type"]])),
        ("full_name", values["full_name"]),
        ("father_name", values["father_name"]),
        ("birth_date", local_digits(parse_jalali_date(values["birth_date"]).isoformat(), ctx.lang)),
    ]
    summary = join(join([tag("dt", ctx.t(k)), tag("dd", v)]) for k, v in rows)
    content = ctx.app.templates.render(
        "civil_review.html",
        ctx.lang,
        summary=summary,
        token=ctx.app.state.issue_token(ctx.session),
    )
    crumbs = [(ctx.t("civil_title"), "/services/civil?edit=1"), (ctx.t("review_title"), None)]
    return ctx.page(ctx.t("review_title"), content, crumbs=crumbs)


def civil_photo(ctx: Ctx) -> Response:
    draft = ctx.session.civil_draft
    if not ctx.session.user or not draft:
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)
    return Response(body=draft["photo"], content_type=str(draft["type"]))  # type: ignore[arg-type]


def civil_submit(ctx: Ctx) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    token, done = ctx.claim_token()
    if done is not None:
        return done
    draft = ctx.session.civil_draft
    if not draft:
        return Response.redirect("/services/civil")
    values: dict[str, str] = draft["values"]  # type: ignore[assignment]
    rt_key = dict(REQUEST_TYPES)[values["request_type"]]
    return _register(ctx, token, "civil", rt_key, values)


def _register(ctx: Ctx, token: str, kind: str, title_key: str, details: dict[str, str]) -> Response:
    state = ctx.app.state
    item = TrackedItem(
        state.new_tracking_code(),
        kind,
        title_key,
        state.clock.now(),
        ctx.session.user or "",
        dict(details),
    )
    state.tracked[item.code] = item
    if kind == "civil":
        ctx.session.civil_draft = None
    ctx.session.tokens[token] = f"/requests/{item.code}"
    return Response.redirect(f"/requests/{item.code}")


def submitted(ctx: Ctx, code: str) -> Response:
    item = ctx.app.state.tracked.get(code)
    if item is None or item.owner != (ctx.session.user or ""):
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)
    title = ctx.t("submitted_title" if item.kind == "civil" else "fb_done_title")
    content = ctx.app.templates.render(
        "submitted.html",
        ctx.lang,
        title=title,
        what=ctx.t(item.title_key),
        code=local_digits(code, ctx.lang),
        track_href=f"/track?tracking_code={code}",
    )
    return ctx.page(title, content)


def track(ctx: Ctx) -> Response:
    raw = ctx.request.query.get("tracking_code")
    form = ctx.form({"tracking_code": raw or ""})
    result = Markup("")
    if raw is not None:
        try:
            code = parse_digits(raw, 10)
            item = ctx.app.state.tracked.get(code)
            if item is None:
                form.error("tracking_code", "err_track_unknown")
            else:
                result = _timeline(ctx, item)
        except FieldError as exc:
            form.error("tracking_code", field_error(exc, {"length": "err_track_length"}))
    content = ctx.app.templates.render(
        "track.html",
        ctx.lang,
        summary=form.summary(),
        field=form.input(
            "tracking_code",
            "tracking_code",
            hint_key="track_hint",
            ltr=True,
            inputmode="numeric",
            autocomplete="off",
            maxlength=20,
        ),
        result=result,
    )
    return ctx.page(ctx.t("track_title"), content)


def _timeline(ctx: Ctx, item: TrackedItem) -> Markup:
    elapsed = ctx.app.state.clock.now() - item.created
    steps = STEPS[item.kind]
    items = []
    current_name = ""
    for i, (key, start) in enumerate(steps):
        last_start = steps[i + 1][1] if i + 1 < len(steps) else start
        if elapsed >= last_start:
            state = "done"
        elif elapsed >= start:
            state, current_name = "current", ctx.t(key)
        else:
            state = "pending"
        when = ""
        if state != "pending":
            day = jalali.from_gregorian(dt.date.fromtimestamp(item.created + start))
            when = local_digits(day.isoformat(), ctx.lang)
        label = join(
            [
                tag("span", ctx.t(key), cls="step-name"),
                tag("span", ctx.t(f"st_{state}"), cls="step-state"),
                tag("span", when, cls="step-date"),
            ]
        )
        items.append(
            tag(
                "li",
                label,
                cls=f"step step-{state}",
                aria_current="step" if state == "current" else None,
            )
        )
    heading = tag(
        "h2", join([ctx.t(item.title_key), " — ", tag("bdi", local_digits(item.code, ctx.lang))])
    )
    status = tag("p", ctx.t("status_of", what=current_name or ctx.t("st_done")), cls="status-line")
    return tag(
        "section",
        join(
            [heading, status, tag("h3", ctx.t("timeline")), tag("ol", join(items), cls="timeline")]
        ),
        cls="panel result",
    )


def feedback_form(ctx: Ctx, form: Form | None = None, token: str | None = None) -> Response:
    form = form or ctx.form({"mobile": ctx.session.mobile})
    content = ctx.app.templates.render(
        "feedback_form.html",
        ctx.lang,
        summary=form.summary(),
        token=token or ctx.app.state.issue_token(ctx.session),
        kind=form.radios("kind", "fb_kind", FEEDBACK_KINDS),
        category=form.select("category", "fb_category", FEEDBACK_TOPICS),
        subject=form.input("subject", "fb_subject", maxlength=100),
        message=form.textarea(
            "message", "fb_message", hint_key="fb_message_hint", rows=6, maxlength=1000
        ),
        mobile=form.input(
            "mobile",
            "mobile",
            hint_key="fb_mobile_hint",
            type_="tel",
            ltr=True,
            inputmode="tel",
            autocomplete="tel",
            maxlength=20,
        ),
        survey=form.radios("survey", "fb_survey", SURVEY, required=False),
    )
    crumbs = [(ctx.t("nav_services"), "/"), (ctx.t("feedback_title"), None)]
    return ctx.page(ctx.t("feedback_title"), content, crumbs=crumbs)


def feedback_post(ctx: Ctx) -> Response:
    token, done = ctx.claim_token()
    if done is not None:
        return done
    names = ("kind", "category", "subject", "message", "mobile", "survey")
    form = ctx.form({n: ctx.request.form.get(n, "") for n in names})
    _choice(form, "kind", FEEDBACK_KINDS)
    _choice(form, "category", FEEDBACK_TOPICS)
    _choice(form, "survey", SURVEY, required=False)
    _text(form, "subject", form.values["subject"], max_len=100)
    _text(form, "message", form.values["message"], MESSAGE_ERRORS, min_len=20, max_len=1000)
    try:
        form.values["mobile"] = parse_mobile(form.values["mobile"])
    except FieldError as exc:
        form.error("mobile", field_error(exc, MOBILE_ERRORS))
    if form.errors:
        return feedback_form(ctx, form, token)
    title_key = dict(FEEDBACK_KINDS)[form.values["kind"]]
    return _register(ctx, token, "feedback", title_key, form.values)


def register(app: PortalApp) -> None:
    """Add this module's routes to the portal."""
    app.route("GET", r"/services/civil", civil_form)
    app.route("POST", r"/services/civil", civil_post)
    app.route("GET", r"/services/civil/review", civil_review)
    app.route("GET", r"/services/civil/photo", civil_photo)
    app.route("POST", r"/services/civil/submit", civil_submit)
    app.route("GET", r"/requests/(?P<code>\d{10})", submitted)
    app.route("GET", r"/track", track)
    app.route("GET", r"/services/feedback", feedback_form)
    app.route("POST", r"/services/feedback", feedback_post)
