"""Scenario 4: bill payment through the bank gateway origin, signed callback, receipt."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from tests.portal.helpers import Browser, card_form, field_error, gateway_token, hidden


def return_link(html: str) -> str:
    match = re.search(r'href="(http://127\.0\.0\.1:\d+/bills/callback\?[^"]+)"', html)
    assert match, "no return link on the gateway page"
    return unescape(match.group(1))


def pay(citizen: Browser, bill: str = "water") -> tuple[str, requests.Response]:
    """Pay a bill at the gateway; returns the token and the gateway's result page."""
    gateway = citizen.start_payment(bill)
    token = gateway_token(gateway)
    citizen.http.post(citizen.portal.gateway_url + "pay", card_form(token, action="pin"))
    pin = citizen.portal.dynamic_password(token)
    result = citizen.http.post(
        citizen.portal.gateway_url + "pay", card_form(token, pin2=pin, action="pay")
    )
    return token, result


def test_payment_happy_path(citizen: Browser) -> None:
    portal = citizen.portal
    gateway = citizen.start_payment("water")
    assert gateway.url.startswith(portal.gateway_url) and portal.gateway_url != portal.portal_url
    assert "۴۲۵٬۰۰۰ ریال" in gateway.text and "بانک آسمان" in gateway.text
    token = gateway_token(gateway)
    sent = citizen.http.post(portal.gateway_url + "pay", card_form(token, action="pin"))
    pin = portal.dynamic_password(token)
    assert pin and pin.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in sent.text
    assert 'value="9000001234567898"' in sent.text  # card number kept after the SMS
    done = citizen.http.post(portal.gateway_url + "pay", card_form(token, pin2=pin, action="pay"))
    assert "پرداخت موفق" in done.text and len(portal.charges) == 1
    receipt = citizen.http.get(return_link(done.text))
    assert re.search(r"/payments/\d{8}$", receipt.url)
    reference = portal.charges[0]["reference"]
    assert "رسید پرداخت" in receipt.text
    assert str(reference).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in receipt.text
    assert "9000-00**-****-7898".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in (
        receipt.text
    )
    assert "پرداخت شده" in citizen.get("/bills").text


def test_gateway_speaks_the_portal_language(citizen: Browser) -> None:
    citizen.get("/lang/en")
    gateway = citizen.start_payment("power")
    assert '<html lang="en" dir="ltr">' in gateway.text and "1,180,000 rials" in gateway.text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"pan": ""}, "pan", "پر کردن این قسمت الزامی است."),
        ({"pan": "9000abcd34567898"}, "pan", "فقط عدد وارد کنید."),
        ({"pan": "900000123456"}, "pan", "شماره کارت باید ۱۶ رقم باشد."),
        (
            {"pan": "9000001234567890"},
            "pan",
            "شماره کارت معتبر نیست. آن را دوباره از روی کارت بخوانید.",
        ),
        ({"cvv2": "12"}, "cvv2", "CVV2 باید ۳ یا ۴ رقم باشد."),
        ({"exp_month": "13"}, "exp_month", "ماه باید عددی از ۱ تا ۱۲ باشد."),
        ({"exp_month": ""}, "exp_month", "پر کردن این قسمت الزامی است."),
        ({"exp_year": "1399"}, "exp_year", "تاریخ انقضای کارت گذشته است."),
        ({"exp_year": "03"}, "exp_year", "تاریخ انقضای کارت گذشته است."),
    ],
)
def test_card_field_errors(citizen: Browser, overrides: dict, field: str, message: str) -> None:
    token = gateway_token(citizen.start_payment())
    page = citizen.http.post(
        citizen.portal.gateway_url + "pay", card_form(token, action="pay", pin2="1", **overrides)
    )
    assert field_error(page.text, field) == message
    assert not citizen.portal.charges


def test_persian_digits_accepted_on_card_form(citizen: Browser) -> None:
    token = gateway_token(citizen.start_payment())
    fa = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    url = citizen.portal.gateway_url + "pay"
    citizen.http.post(url, card_form(token, action="pin", pan="۹۰۰۰ ۰۰۱۲ ۳۴۵۶ ۷۸۹۸"))
    pin = citizen.portal.dynamic_password(token).translate(fa)
    form = card_form(token, action="pay", pan="9000-0012-3456-7898", cvv2="۱۲۳", pin2=pin)
    assert "پرداخت موفق" in citizen.http.post(url, form).text


def test_dynamic_password_missing_and_expired(citizen: Browser) -> None:
    token = gateway_token(citizen.start_payment())
    url = citizen.portal.gateway_url + "pay"
    page = citizen.http.post(url, card_form(token, action="pay", pin2="123456"))
    assert field_error(page.text, "pin2").startswith("ابتدا «درخواست رمز پویا»")
    citizen.http.post(url, card_form(token, action="pin"))
    pin = citizen.portal.dynamic_password(token)
    citizen.portal.advance_clock(121)
    page = citizen.http.post(url, card_form(token, action="pay", pin2=pin))
    assert field_error(page.text, "pin2") == "رمز پویا منقضی شده است؛ دوباره درخواست کنید."
    assert not citizen.portal.charges


def test_wrong_dynamic_password_three_times_cancels(citizen: Browser) -> None:
    token = gateway_token(citizen.start_payment())
    url = citizen.portal.gateway_url + "pay"
    citizen.http.post(url, card_form(token, action="pin"))
    wrong = "000000" if citizen.portal.dynamic_password(token) != "000000" else "111111"
    first = citizen.http.post(url, card_form(token, action="pay", pin2=wrong))
    assert field_error(first.text, "pin2") == "رمز پویا نادرست است. ۲ بار دیگر می‌توانید تلاش کنید."
    citizen.http.post(url, card_form(token, action="pay", pin2=wrong))
    third = citizen.http.post(url, card_form(token, action="pay", pin2=wrong))
    assert "تراکنش لغو شد" in third.text and "سه بار" in third.text
    right = citizen.portal.dynamic_password(token)
    again = citizen.http.post(url, card_form(token, action="pay", pin2=right))
    assert "تراکنش لغو شد" in again.text and not citizen.portal.charges
    back = citizen.http.get(return_link(third.text))
    assert "پرداخت انجام نشد" in back.text and "کم نشده" in back.text
    assert "پرداخت نشده" in citizen.get("/bills").text


def test_cancel_then_pay_again(citizen: Browser) -> None:
    token = gateway_token(citizen.start_payment())
    page = citizen.http.post(citizen.portal.gateway_url + "pay", card_form(token, action="cancel"))
    back = citizen.http.get(return_link(page.text))
    assert "پرداخت انجام نشد" in back.text
    _token, done = pay(citizen)
    assert "پرداخت موفق" in done.text and len(citizen.portal.charges) == 1


@pytest.mark.parametrize("tamper", ["sig", "amount", "status"])
def test_bad_callback_signature_is_rejected(citizen: Browser, tamper: str) -> None:
    gateway = citizen.start_payment()
    token = gateway_token(gateway)
    # Forge a "paid" answer without paying at the bank.
    order = next(iter(citizen.portal.state.payments))
    values = {"order": order, "token": token, "status": "paid", "ref": "123456789012",
              "trace": "123456", "card": "9000-00**-****-7898", "amount": "425000",
              "sig": "0" * 64}  # fmt: skip
    if tamper == "amount":
        _t, done = pay(citizen)
        query = parse_qs(urlsplit(return_link(done.text)).query)
        values = {k: v[0] for k, v in query.items()} | {"amount": "1"}
    if tamper == "status":
        page = citizen.http.post(
            citizen.portal.gateway_url + "pay", card_form(token, action="cancel")
        )
        query = parse_qs(urlsplit(return_link(page.text)).query)
        values = {k: v[0] for k, v in query.items()} | {"status": "paid"}
    page = citizen.get("/bills/callback?" + urlencode(values))
    assert page.status_code == 400 and "پاسخ رسیده از بانک معتبر نیست" in page.text
    assert citizen.portal.state.payments[order].status == "pending" or tamper != "sig"
    assert "پرداخت نشده" in citizen.get("/bills").text


def test_back_button_and_resubmits_never_charge_twice(citizen: Browser) -> None:
    portal = citizen.portal
    citizen.post("/bills", {"bill": "water"})
    review = citizen.get("/bills/water/review")
    form_token = hidden(review.text, "form_token")
    gateway = citizen.post("/bills/water/pay", {"form_token": form_token})
    double = citizen.post("/bills/water/pay", {"form_token": form_token})  # double submit
    assert gateway.url == double.url and len(portal.state.payments) == 1
    token = gateway_token(gateway)
    url = portal.gateway_url + "pay"
    citizen.http.post(url, card_form(token, action="pin"))
    pin = portal.dynamic_password(token)
    done = citizen.http.post(url, card_form(token, action="pay", pin2=pin))
    again = citizen.http.post(url, card_form(token, action="pay", pin2=pin))  # double click
    assert "قبلاً پرداخت شده" in again.text
    back = citizen.http.get(gateway.url)  # back button to the card form
    assert "قبلاً پرداخت شده" in back.text and "<form" not in back.text
    link = return_link(done.text)
    first, second = citizen.http.get(link), citizen.http.get(link)  # reload the callback
    assert first.url == second.url and "رسید پرداخت" in second.text
    resubmit = citizen.post("/bills/water/pay", {"form_token": form_token})
    assert "رسید پرداخت" in resubmit.text
    assert citizen.get("/bills/water/review").url == first.url
    refused = citizen.post("/bills", {"bill": "water"})
    assert "این قبض قبلاً پرداخت شده است." in refused.text
    assert len(portal.charges) == 1


def test_a_new_payment_cancels_the_pending_one(citizen: Browser) -> None:
    first = gateway_token(citizen.start_payment())
    _second, done = pay(citizen)
    assert "پرداخت موفق" in done.text
    url = citizen.portal.gateway_url + "pay"
    stale = citizen.http.post(url, card_form(first, action="pin"))
    assert "تراکنش لغو شد" in stale.text and len(citizen.portal.charges) == 1


def test_empty_bill_choice_and_unknown_transaction(citizen: Browser) -> None:
    assert "یکی از گزینه‌ها را انتخاب کنید." in citizen.post("/bills", {}).text
    page = citizen.http.get(citizen.portal.gateway_url + "pay?token=nope")
    assert page.status_code == 404 and "تراکنش پیدا نشد" in page.text


def test_transaction_times_out(citizen: Browser) -> None:
    gateway = citizen.start_payment()
    citizen.portal.advance_clock(16 * 60)
    page = citizen.http.get(gateway.url)
    assert "زمان این تراکنش تمام شده است" in page.text
    assert "پرداخت انجام نشد" in citizen.http.get(return_link(page.text)).text
