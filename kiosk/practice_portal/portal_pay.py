"""Portal pages: bills and taxes paid through the gateway, the signed callback, receipts, PDFs."""

from __future__ import annotations

import datetime as dt

from kiosk.core import jalali
from kiosk.practice_portal import pdf, signing
from kiosk.practice_portal.gateway import GatewayApp
from kiosk.practice_portal.httpbase import Response
from kiosk.practice_portal.portal_app import Ctx, PortalApp
from kiosk.practice_portal.render import Markup, attributes, join, tag
from kiosk.practice_portal.state import Bill, Payment, new_code
from kiosk.practice_portal.texts import local_digits, money


def _date(ctx: Ctx, seconds: float) -> str:
    return local_digits(jalali.from_gregorian(dt.date.fromtimestamp(seconds)).isoformat(), ctx.lang)


def _gateway(ctx: Ctx) -> GatewayApp:
    gateway = ctx.app.gateway
    assert isinstance(gateway, GatewayApp)
    return gateway


def _bill(ctx: Ctx, key: str) -> Bill | None:
    return next((b for b in ctx.session.bills if b.key == key), None)


def bills(ctx: Ctx, error: str | None = None) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    rows = []
    for bill in ctx.session.bills:
        paid = bill.paid_order is not None
        radio = Markup(
            "<input"
            + attributes(
                {
                    "type": "radio",
                    "name": "bill",
                    "value": bill.key,
                    "aria_label": ctx.t(bill.title_key),
                    "disabled": paid,
                }
            )
            + ">"
        )
        cells = [
            radio,
            ctx.t(bill.title_key),
            tag("bdi", local_digits(bill.bill_id, ctx.lang)),
            tag("bdi", local_digits(bill.payment_id, ctx.lang)),
            money(bill.amount, ctx.lang),
            tag(
                "span",
                ctx.t("paid" if paid else "unpaid"),
                cls="badge badge-ok" if paid else "badge",
            ),
        ]
        rows.append(tag("tr", join(tag("td", c) for c in cells)))
    error_html = tag("p", ctx.t(error), cls="field-error", role="alert") if error else ""
    content = ctx.app.templates.render("bills.html", ctx.lang, rows=join(rows), error=error_html)
    crumbs = [(ctx.t("nav_services"), "/"), (ctx.t("bills_title"), None)]
    return ctx.page(ctx.t("bills_title"), content, crumbs=crumbs)


def bills_choose(ctx: Ctx) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    bill = _bill(ctx, ctx.request.form.get("bill", ""))
    if bill is None:
        return bills(ctx, "err_choice")
    if bill.paid_order:
        return bills(ctx, "err_bill_paid")
    return Response.redirect(f"/bills/{bill.key}/review")


def bill_review(ctx: Ctx, key: str) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    bill = _bill(ctx, key)
    if bill is None:
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)
    if bill.paid_order:
        return Response.redirect(f"/payments/{bill.paid_order}")
    content = ctx.app.templates.render(
        "bill_review.html",
        ctx.lang,
        key=key,
        token=ctx.app.state.issue_token(ctx.session),
        bill=ctx.t(bill.title_key),
        bill_id=local_digits(bill.bill_id, ctx.lang),
        payment_id=local_digits(bill.payment_id, ctx.lang),
        amount=money(bill.amount, ctx.lang),
    )
    crumbs = [(ctx.t("bills_title"), "/bills"), (ctx.t("pay_review_title"), None)]
    return ctx.page(ctx.t("pay_review_title"), content, crumbs=crumbs)


def bill_pay(ctx: Ctx, key: str) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    token, done = ctx.claim_token()
    if done is not None:
        return done
    bill = _bill(ctx, key)
    if bill is None:
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)
    if bill.paid_order:
        return bills(ctx, "err_bill_paid")
    state, gateway = ctx.app.state, _gateway(ctx)
    for old in state.payments.values():  # one live payment per bill: no double charge
        if old.bill_key == key and old.owner == ctx.session.user and old.status == "pending":
            gateway.cancel(old.token)
            old.status = "cancelled"
    order = new_code(8)
    while order in state.payments:
        order = new_code(8)
    tx_token = gateway.create_transaction(
        order_id=order,
        amount=bill.amount,
        merchant_key="payee_name",
        callback_url=f"{ctx.app.portal_url}bills/callback",
        lang=ctx.lang,
    )
    state.payments[order] = Payment(order, ctx.session.user or "", key, bill.amount, tx_token)
    ctx.session.tokens[token] = f"/payments/{order}"
    return Response.redirect(gateway.pay_url(tx_token))


def callback(ctx: Ctx) -> Response:
    """The browser comes back from the gateway with a signed result."""
    query = ctx.request.query
    values = {k: query.get(k, "") for k in signing.CALLBACK_FIELDS}
    payment = ctx.app.state.payments.get(values["order"])
    if (
        not signing.verify(ctx.app.callback_secret, values, query.get("sig", ""))
        or payment is None
        or payment.token != values["token"]
        or str(payment.amount) != values["amount"]
    ):
        return ctx.message("payment_failed_title", ctx.t("bad_callback"), status=400)
    if payment.status == "pending":
        tx = _gateway(ctx).verify(payment.token)  # server-to-server confirmation
        if values["status"] == "paid" and tx is not None and tx.status == "paid":
            payment.status = "paid"
            payment.reference, payment.trace = tx.reference, tx.trace
            payment.card_masked, payment.paid_at = tx.card_masked, ctx.app.state.clock.now()
            for session in ctx.app.state.sessions.values():
                for bill in session.bills:
                    if session.user == payment.owner and bill.key == payment.bill_key:
                        bill.paid_order = payment.order_id
        elif values["status"] != "paid":
            payment.status = "cancelled"
    return Response.redirect(f"/payments/{payment.order_id}")


def payment_page(ctx: Ctx, order: str) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    payment = ctx.app.state.payments.get(order)
    if payment is None or payment.owner != ctx.session.user:
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)
    if payment.status == "pending":
        return Response.redirect(_gateway(ctx).pay_url(payment.token))
    if payment.status != "paid":
        return ctx.message(
            "payment_failed_title",
            ctx.t("payment_cancelled"),
            status=200,
            links=[(ctx.t("try_again"), "/bills")],
        )
    bill = _bill(ctx, payment.bill_key)
    rows = [
        ("bill", ctx.t(bill.title_key) if bill else ""),
        ("payee", ctx.t("payee_name")),
        ("amount", money(payment.amount, ctx.lang)),
        ("reference", local_digits(payment.reference, ctx.lang)),
        ("trace", local_digits(payment.trace, ctx.lang)),
        ("card", local_digits(payment.card_masked, ctx.lang)),
        ("date", _date(ctx, payment.paid_at)),
    ]
    summary = join(join([tag("dt", ctx.t(k)), tag("dd", tag("bdi", v))]) for k, v in rows)
    content = ctx.app.templates.render("receipt.html", ctx.lang, summary=summary)
    crumbs = [(ctx.t("bills_title"), "/bills"), (ctx.t("receipt_title"), None)]
    return ctx.page(ctx.t("receipt_title"), content, crumbs=crumbs)


def certificates(ctx: Ctx) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    rows = join(
        tag(
            "tr",
            join(
                [
                    tag("td", ctx.t(c.title_key)),
                    tag("td", tag("bdi", local_digits(c.number, ctx.lang))),
                    tag("td", tag("bdi", _date(ctx, c.issued))),
                    tag(
                        "td",
                        tag(
                            "a",
                            ctx.t("cert_download"),
                            href=f"/certificates/{c.number}.pdf",
                            cls="btn btn-small",
                            download=f"certificate-{c.number}.pdf",
                        ),
                    ),
                ]
            ),
        )
        for c in ctx.session.certificates
    )
    content = ctx.app.templates.render("certificates.html", ctx.lang, rows=rows)
    crumbs = [(ctx.t("nav_services"), "/"), (ctx.t("certs_title"), None)]
    return ctx.page(ctx.t("certs_title"), content, crumbs=crumbs)


def certificate_pdf(ctx: Ctx, number: str) -> Response:
    if (redirect := ctx.require_user()) is not None:
        return redirect
    cert = next((c for c in ctx.session.certificates if c.number == number), None)
    if cert is None:
        return ctx.message("not_found_title", ctx.t("not_found_text"), status=404)
    issued = dt.date.fromtimestamp(cert.issued)
    body = pdf.certificate(
        title=_EN_TITLES[cert.title_key],
        number=cert.number,
        holder_id=ctx.session.user or "",
        issued_jalali=jalali.from_gregorian(issued).isoformat(),
        issued_gregorian=issued.isoformat(),
    )
    return Response(
        body=body,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="certificate-{number}.pdf"'},
    )


_EN_TITLES = {
    "cert_residence": "Certificate of Residence",
    "cert_no_record": "Certificate of No Criminal Record",
}


def register(app: PortalApp) -> None:
    """Add this module's routes to the portal."""
    app.route("GET", r"/bills", bills)
    app.route("POST", r"/bills", bills_choose)
    app.route("GET", r"/bills/(?P<key>[a-z]+)/review", bill_review)
    app.route("POST", r"/bills/(?P<key>[a-z]+)/pay", bill_pay)
    app.route("GET", r"/bills/callback", callback)
    app.route("GET", r"/payments/(?P<order>\d{8})", payment_page)
    app.route("GET", r"/certificates", certificates)
    app.route("GET", r"/certificates/(?P<number>\d+)\.pdf", certificate_pdf)
