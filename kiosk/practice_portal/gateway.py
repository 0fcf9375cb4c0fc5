"""The practice bank gateway (its own origin): card form, dynamic password, signed callback."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, field
from urllib.parse import urlencode

from kiosk.core import jalali
from kiosk.practice_portal import signing
from kiosk.practice_portal.httpbase import Request, Response
from kiosk.practice_portal.render import (
    Form,
    Markup,
    Templates,
    join,
    shared_asset,
    tag,
)
from kiosk.practice_portal.state import Clock, new_code
from kiosk.practice_portal.texts import local_digits, money, translate
from kiosk.practice_portal.validation import (
    FieldError,
    normalise_digits,
    parse_card_number,
    parse_cvv2,
    parse_expiry,
)

TX_LIFETIME = 15 * 60.0
PIN_LIFETIME = 120.0
MAX_PIN_ATTEMPTS = 3
PRACTICE_CARD = "9000001234567898"
CARD_ERRORS = {"length": "gw_err_pan_length", "checksum": "gw_err_pan_checksum"}


@dataclass
class Transaction:
    """One payment at the gateway, opened by a merchant server-to-server."""

    token: str
    order_id: str
    amount: int
    merchant_key: str
    callback_url: str
    lang: str
    created: float
    status: str = "pending"  # pending, paid, cancelled, expired
    pin: str = ""
    pin_card: str = ""
    pin_expires: float = 0.0
    pin_attempts: int = 0
    reference: str = ""
    trace: str = ""
    card_masked: str = ""
    sms: list[str] = field(default_factory=list)


def mask_card(pan: str) -> str:
    """A card number as receipts show it: 9000-00**-****-7899."""
    return f"{pan[:4]}-{pan[4:6]}**-****-{pan[-4:]}"


class GatewayApp:
    """The bank gateway origin; the portal talks to it in-process like a merchant server."""

    def __init__(self, clock: Clock, templates: Templates, secret: bytes) -> None:
        self.clock = clock
        self.templates = templates
        self.secret = secret
        self.url = ""
        self.lock = threading.RLock()
        self.transactions: dict[str, Transaction] = {}
        self.charges: list[dict[str, object]] = []

    def reset(self) -> None:
        """Forget every transaction and charge."""
        with self.lock:
            self.transactions.clear()
            self.charges.clear()

    # Merchant (server-to-server) side
    def create_transaction(
        self, *, order_id: str, amount: int, merchant_key: str, callback_url: str, lang: str
    ) -> str:
        """Open a transaction and return its token."""
        with self.lock:
            token = secrets.token_hex(12)
            self.transactions[token] = Transaction(
                token, order_id, amount, merchant_key, callback_url, lang, self.clock.now()
            )
            return token

    def pay_url(self, token: str) -> str:
        """Where the merchant sends the browser to pay."""
        return f"{self.url}pay?token={token}"

    def verify(self, token: str) -> Transaction | None:
        """The transaction if it exists (merchant's verification call)."""
        with self.lock:
            return self.transactions.get(token)

    def cancel(self, token: str) -> None:
        """Cancel a still-pending transaction (the merchant replaced it)."""
        with self.lock:
            tx = self.transactions.get(token)
            if tx is not None and tx.status == "pending":
                tx.status = "cancelled"

    def dynamic_password(self, token: str) -> str | None:
        """Test hook: the dynamic password last sent for transaction `token`."""
        with self.lock:
            tx = self.transactions.get(token)
            return tx.pin if tx and tx.pin else None

    # Browser side
    def __call__(self, request: Request) -> Response:
        path = request.path
        asset = shared_asset(path)
        if asset is not None:
            return asset
        with self.lock:
            tx = self.transactions.get(request.arg("token"))
            lang = tx.lang if tx else "fa"
            if request.query.get("lang") in ("fa", "en"):
                lang = request.query["lang"]
                if tx:
                    tx.lang = lang
            if path != "/pay" or tx is None:
                return self._message(lang, "gw_unknown_tx", None, status=404)
            if request.too_large or request.malformed:
                return self._message(lang, "gw_unknown_tx", None, status=400)
            if tx.status == "pending" and self.clock.now() > tx.created + TX_LIFETIME:
                tx.status = "expired"
            if tx.status != "pending":
                key = {"paid": "gw_already_done", "expired": "gw_expired_tx"}.get(
                    tx.status, "gw_cancelled_text"
                )
                return self._message(lang, key, tx)
            if request.method == "GET":
                return self._form(tx, Form(lang))
            return self._post(tx, request)

    def _post(self, tx: Transaction, request: Request) -> Response:
        action = request.form.get("action", "pay")
        names = ("pan", "cvv2", "exp_month", "exp_year", "email")
        form = Form(tx.lang, {n: request.form.get(n, "")[:40] for n in names})
        if action == "cancel":
            tx.status = "cancelled"
            return self._message(tx.lang, "gw_cancelled_text", tx)
        pan = self._check(form, "pan", parse_card_number, CARD_ERRORS)
        if action == "pin":
            if pan:
                tx.pin, tx.pin_card = new_code(6), pan
                tx.pin_expires = self.clock.now() + PIN_LIFETIME
                tx.sms.append(
                    translate(
                        "gw_sms",
                        tx.lang,
                        code=tx.pin,
                        amount=money(tx.amount, tx.lang),
                        merchant=translate("payee_name", tx.lang),
                    )
                )
            return self._form(tx, form, notice="gw_pin_sent" if pan else None)
        self._check(form, "cvv2", parse_cvv2, {"length": "gw_err_cvv2"})
        today = jalali.from_gregorian(dt.date.fromtimestamp(self.clock.now()))
        try:
            parse_expiry(form.values["exp_month"], form.values["exp_year"], today)
        except FieldError as exc:
            target = "exp_month" if exc.code in ("month", "required") else "exp_year"
            if exc.code == "required" and form.values["exp_month"].strip():
                target = "exp_year"
            form.error(
                target,
                {
                    "required": "err_required",
                    "month": "gw_err_month",
                    "expired": "gw_err_expired",
                }.get(exc.code, "gw_err_year"),
            )
        pin = request.form.get("pin2", "").strip()
        if not form.errors:
            error = self._check_pin(tx, pan, pin)
            if error == "cancelled":
                return self._message(tx.lang, "gw_too_many", tx)
            if error:
                form.error("pin2", error, left=MAX_PIN_ATTEMPTS - tx.pin_attempts)
        if form.errors:
            return self._form(tx, form)
        return self._charge(tx, pan)

    def _check_pin(self, tx: Transaction, pan: str, pin: str) -> str | None:
        if not tx.pin:
            return "gw_err_pin_missing"
        if not pin:
            return "err_required"
        if tx.pin_card != pan:
            return "gw_err_card_changed"
        if self.clock.now() > tx.pin_expires:
            return "gw_err_pin_expired"
        if normalise_digits(pin) != tx.pin:
            tx.pin_attempts += 1
            if tx.pin_attempts >= MAX_PIN_ATTEMPTS:
                tx.status = "cancelled"
                return "cancelled"
            return "gw_err_pin_wrong"
        return None

    def _check(self, form: Form, name: str, parser: object, table: dict[str, str]) -> str:
        try:
            return parser(form.values[name])  # type: ignore[operator]
        except FieldError as exc:
            form.error(
                name,
                "err_required" if exc.code == "required" else table.get(exc.code, "err_digits"),
            )
            return ""

    def _charge(self, tx: Transaction, pan: str) -> Response:
        tx.status = "paid"
        tx.reference, tx.trace = new_code(12), new_code(6)
        tx.card_masked = mask_card(pan)
        tx.pin = ""
        self.charges.append(
            {
                "token": tx.token,
                "order": tx.order_id,
                "amount": tx.amount,
                "card": tx.card_masked,
                "reference": tx.reference,
            }
        )
        return self._message(tx.lang, "gw_success_text", tx)

    def return_url(self, tx: Transaction) -> str:
        """The signed callback URL that takes the browser back to the merchant."""
        values = {
            "order": tx.order_id,
            "token": tx.token,
            "status": tx.status,
            "ref": tx.reference,
            "trace": tx.trace,
            "card": tx.card_masked,
            "amount": str(tx.amount),
        }
        values["sig"] = signing.sign(self.secret, values)
        return f"{tx.callback_url}?{urlencode(values)}"

    # Pages
    def _form(self, tx: Transaction, form: Form, notice: str | None = None) -> Response:
        lang = tx.lang
        left = max(1, int((tx.created + TX_LIFETIME - self.clock.now()) // 60))
        content = self.templates.render(
            "gateway_pay.html",
            lang,
            token=tx.token,
            merchant=translate("payee_name", lang),
            amount=money(tx.amount, lang),
            order=local_digits(tx.order_id, lang),
            time_left=translate("gw_time_left", lang, minutes=left),
            summary=form.summary(),
            notice=tag("p", translate(notice, lang), cls="alert alert-info", role="status")
            if notice
            else "",
            practice_card=translate("gw_practice_card", lang, card=PRACTICE_CARD),
            pan=form.input(
                "pan",
                "gw_pan",
                hint_key="gw_pan_hint",
                ltr=True,
                inputmode="numeric",
                autocomplete="cc-number",
                maxlength=24,
            ),
            cvv2=form.input(
                "cvv2",
                "gw_cvv2",
                hint_key="gw_cvv2_hint",
                ltr=True,
                inputmode="numeric",
                autocomplete="cc-csc",
                maxlength=4,
            ),
            exp_month=form.input(
                "exp_month",
                "gw_exp_month",
                ltr=True,
                inputmode="numeric",
                autocomplete="cc-exp-month",
                maxlength=2,
                placeholder="MM",
            ),
            exp_year=form.input(
                "exp_year",
                "gw_exp_year",
                ltr=True,
                inputmode="numeric",
                autocomplete="cc-exp-year",
                maxlength=4,
                placeholder="YY",
            ),
            pin2=form.input(
                "pin2",
                "gw_pin2",
                hint_key="gw_pin2_hint",
                type_="password",
                ltr=True,
                inputmode="numeric",
                autocomplete="one-time-code",
                maxlength=12,
            ),
            email=form.input(
                "email",
                "gw_email",
                type_="email",
                required=False,
                ltr=True,
                autocomplete="email",
                maxlength=40,
            ),
            phone=self._phone(tx),
        )
        return self._page(lang, content, tx)

    def _phone(self, tx: Transaction) -> Markup:
        if tx.sms:
            lines = join(tag("span", line, cls="sms-line") for line in tx.sms[-1].split("\n"))
            body = tag("div", tag("p", lines), cls="sms")
        else:
            body = tag("p", translate("phone_empty", tx.lang), cls="sms-empty")
        title = translate("phone_title", tx.lang)
        screen = tag("div", body, cls="phone-screen", aria_live="polite")
        return tag("aside", join([tag("h2", title), screen]), cls="phone", aria_label=title)

    def _message(self, lang: str, key: str, tx: Transaction | None, status: int = 200) -> Response:
        ok = tx is not None and tx.status == "paid"
        rows = Markup("")
        if ok and tx is not None:
            pairs = [
                ("reference", tx.reference),
                ("trace", tx.trace),
                ("card", tx.card_masked),
                ("amount", money(tx.amount, lang)),
            ]
            rows = tag(
                "dl",
                join(
                    join(
                        [
                            tag("dt", translate(k, lang)),
                            tag("dd", tag("bdi", local_digits(v, lang))),
                        ]
                    )
                    for k, v in pairs
                ),
                cls="summary",
            )
        title_key = "gw_success_title" if ok else "gw_cancelled_title"
        if tx is None or tx.status == "expired":
            title_key = "error_title"
        link = (
            tag("a", translate("gw_return", lang), href=self.return_url(tx), cls="btn btn-primary")
            if tx
            else ""
        )
        content = self.templates.render(
            "gateway_message.html",
            lang,
            title=translate(title_key, lang),
            text=translate(key, lang, amount=money(tx.amount, lang) if tx else ""),
            rows=rows,
            link=link,
            kind="success" if ok else "error",
        )
        return self._page(lang, content, tx, status)

    def _page(
        self, lang: str, content: Markup, tx: Transaction | None, status: int = 200
    ) -> Response:
        other = "en" if lang == "fa" else "fa"
        body = self.templates.render(
            "gateway_layout.html",
            lang,
            lang=lang,
            dir="rtl" if lang == "fa" else "ltr",
            other_lang=other,
            lang_href=f"/pay?token={tx.token}&lang={other}" if tx else f"/?lang={other}",
            content=content,
        )
        return Response(status=status, body=body.encode("utf-8"))
