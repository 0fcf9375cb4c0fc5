"""Scenario 1: single-window sign-in with captcha and a one-time code on the simulated phone."""

from __future__ import annotations

import re

import pytest

from tests.portal.helpers import MOBILE, NATIONAL_ID, Browser, field_error


def test_sign_in_happy_path_shows_otp_on_phone_and_reaches_dashboard(browser: Browser) -> None:
    page = browser.start_sign_in(national_id="۰۰۱۰۳۵۰۸۲۹", mobile="+98 912 345 6789")
    assert page.url.endswith("/signin/otp")
    otp = browser.portal.current_otp(browser.sid)
    assert otp and len(otp) == 5
    persian_otp = otp.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert 'class="phone"' in page.text and persian_otp in page.text  # SMS on the phone panel
    old_sid = browser.sid
    done = browser.post("/signin/otp", {"otp": persian_otp, "action": "verify"})
    assert done.url.endswith("/dashboard") and done.status_code == 200
    assert browser.sid != old_sid  # session id rotated on sign-in
    assert "خوش آمدید" in done.text


def test_page_language_and_direction(browser: Browser) -> None:
    fa = browser.get("/signin")
    assert '<html lang="fa" dir="rtl">' in fa.text
    en = browser.get("/lang/en?next=/signin")
    assert en.url.endswith("/signin") and '<html lang="en" dir="ltr">' in en.text
    assert "Sign in to the single window" in en.text


def test_sign_in_markup_has_bound_labels_and_landmarks(browser: Browser) -> None:
    html = browser.get("/signin").text
    for name in ("national_id", "mobile", "captcha"):
        assert f'<label for="{name}">' in html and f'id="{name}" name="{name}"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'class="practice-ribbon"' in html
    assert "http://" not in html.replace(browser.portal.portal_url, "")  # no external URL


@pytest.mark.parametrize(
    ("national_id", "message"),
    [
        ("", "پر کردن این قسمت الزامی است."),
        ("00103508a9", "کد ملی فقط از عدد تشکیل می‌شود؛ حرف وارد نکنید."),
        ("12345", "کد ملی باید ۱۰ رقم باشد."),
        ("0010350820", "این کد ملی معتبر نیست. رقم‌ها را دوباره با کارت ملی مقایسه کنید."),
        ("1111111111", "این کد ملی معتبر نیست. رقم‌ها را دوباره با کارت ملی مقایسه کنید."),
    ],
)
def test_national_id_errors(browser: Browser, national_id: str, message: str) -> None:
    page = browser.start_sign_in(national_id=national_id)
    assert page.url.endswith("/signin")
    assert field_error(page.text, "national_id") == message
    assert 'aria-invalid="true"' in page.text and 'role="alert"' in page.text


@pytest.mark.parametrize("mobile", ["", "0912345678", "08123456789", "0912abc4567"])
def test_mobile_errors(browser: Browser, mobile: str) -> None:
    page = browser.start_sign_in(mobile=mobile)
    assert field_error(page.text, "mobile")
    assert field_error(page.text, "national_id") is None
    assert f'value="{mobile}"' in page.text  # what was typed is kept


def test_wrong_captcha_gives_a_new_picture(browser: Browser) -> None:
    browser.get("/signin")
    first = browser.portal.captcha_answer(browser.sid)
    wrong = "00000" if first != "00000" else "11111"
    page = browser.start_sign_in(captcha=wrong)
    assert (
        field_error(page.text, "captcha") == "کد امنیتی درست نیست. عددهای تصویر جدید را وارد کنید."
    )
    assert browser.portal.current_otp(browser.sid) is None
    svg = browser.get("/captcha.svg")
    assert svg.headers["Content-Type"].startswith("image/svg+xml") and b"<polyline" in svg.content


def test_empty_sign_in_form_marks_every_field(browser: Browser) -> None:
    browser.get("/lang/en")
    page = browser.post("/signin", {})
    for name in ("national_id", "mobile", "captcha"):
        assert field_error(page.text, name) == "This field is required."


def test_wrong_otp_then_too_many(browser: Browser) -> None:
    browser.start_sign_in()
    otp = browser.portal.current_otp(browser.sid)
    wrong = "12345" if otp != "12345" else "54321"
    page = browser.post("/signin/otp", {"otp": wrong})
    assert field_error(page.text, "otp") == "کد وارد شده درست نیست."
    assert field_error(browser.post("/signin/otp", {"otp": "12"}).text, "otp")
    for _ in range(4):
        page = browser.post("/signin/otp", {"otp": wrong})
    assert page.url.endswith("/signin") and "کد نادرست چند بار وارد شد" in page.text
    assert browser.get("/dashboard").url.split("?")[0].endswith("/signin")


def test_expired_otp_then_resend(browser: Browser) -> None:
    browser.start_sign_in()
    otp = browser.portal.current_otp(browser.sid)
    browser.portal.advance_clock(121)
    page = browser.post("/signin/otp", {"otp": otp})
    assert (
        field_error(page.text, "otp") == "اعتبار این کد تمام شده است. روی «ارسال دوباره کد» بزنید."
    )
    page = browser.post("/signin/otp", {"action": "resend"})
    new = browser.portal.current_otp(browser.sid)
    assert "کد تازه فرستاده شد." in page.text
    assert browser.post("/signin/otp", {"otp": new}).url.endswith("/dashboard")


def test_services_need_sign_in_and_come_back(browser: Browser) -> None:
    page = browser.get("/bills")
    assert "/signin?next=" in page.url and "ابتدا وارد شوید" in page.text
    answer = browser.portal.captcha_answer(browser.sid)
    browser.post(
        "/signin",
        {"national_id": NATIONAL_ID, "mobile": MOBILE, "captcha": answer, "next": "/bills"},
    )
    done = browser.post("/signin/otp", {"otp": browser.portal.current_otp(browser.sid)})
    assert done.url.endswith("/bills")


def test_sign_out(citizen: Browser) -> None:
    page = citizen.get("/signout")
    assert "از سامانه خارج شدید." in page.text
    assert "/signin" in citizen.get("/dashboard").url


def test_idle_session_times_out(citizen: Browser) -> None:
    citizen.portal.advance_clock(31 * 60)
    page = citizen.get("/dashboard")
    assert "/signin" in page.url and "بی‌کاری" in page.text


def test_persian_digits_on_persian_pages(citizen: Browser) -> None:
    html = citizen.get("/dashboard").text
    assert "۰۰۱۰۳۵۰۸۲۹" in html
    assert not re.search(r">[^<]*0010350829", html)
