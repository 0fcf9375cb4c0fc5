"""Scenarios 2 and 3: civil request with a photo upload → tracking code → status timeline."""

from __future__ import annotations

import re

import pytest

from tests.portal.helpers import PNG, Browser, field_error, hidden

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100


def _code(url: str) -> str:
    match = re.search(r"/requests/(\d{10})$", url)
    assert match, url
    return match.group(1)


def test_civil_request_happy_path(citizen: Browser) -> None:
    form = citizen.get("/services/civil")
    assert 'enctype="multipart/form-data"' in form.text and "data-jalali" in form.text
    review = citizen.submit_civil(photo=JPEG)
    assert review.url.endswith("/services/civil/review")
    assert "مریم احمدی" in review.text and "۱۳۶۰/۰۵/۱۲" in review.text
    assert citizen.get("/services/civil/photo").content == JPEG
    done = citizen.post("/services/civil/submit", {"form_token": hidden(review.text, "form_token")})
    code = _code(done.url)
    assert "درخواست شما ثبت شد" in done.text
    assert code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in done.text
    assert code in citizen.get("/dashboard").text  # listed on the dashboard (link)


def test_edit_keeps_the_draft(citizen: Browser) -> None:
    citizen.submit_civil(full_name="رضا کریمی")
    assert 'value="رضا کریمی"' in citizen.get("/services/civil?edit=1").text


def test_double_submit_records_one_request(citizen: Browser) -> None:
    review = citizen.submit_civil()
    token = hidden(review.text, "form_token")
    first = citizen.post("/services/civil/submit", {"form_token": token})
    second = citizen.post("/services/civil/submit", {"form_token": token})
    assert first.url == second.url
    assert "قبلاً ارسال شده" in second.text
    assert len(citizen.portal.state.tracked) == 1


def test_unknown_form_token_is_refused(citizen: Browser) -> None:
    citizen.submit_civil()
    page = citizen.post("/services/civil/submit", {"form_token": "forged"})
    assert page.status_code == 400 and "منقضی" in page.text
    assert not citizen.portal.state.tracked


def test_empty_civil_form(citizen: Browser) -> None:
    page = citizen.post("/services/civil", {}, files={"x": ("", b"", "text/plain")})
    for name in ("request_type", "full_name", "father_name", "birth_date"):
        assert field_error(page.text, name) == "پر کردن این قسمت الزامی است.", name
    assert field_error(page.text, "document_photo") == "تصویر مدرک را انتخاب کنید."


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("12/05/1360", "تاریخ را به شکل سال/ماه/روز بنویسید، مثل ۱۳۶۰/۰۵/۱۲."),
        ("1360/13/01", "چنین تاریخی وجود ندارد."),
        ("1404/12/30", "چنین تاریخی وجود ندارد."),  # 1404 is a common year: Esfand has 29 days
        ("1500/01/01", "تاریخ تولد نمی‌تواند در آینده باشد."),
    ],
)
def test_birth_date_errors(citizen: Browser, date: str, message: str) -> None:
    page = citizen.submit_civil(birth_date=date)
    assert field_error(page.text, "birth_date") == message


def test_leap_day_is_accepted(citizen: Browser) -> None:
    assert citizen.submit_civil(birth_date="1403/12/30").url.endswith("/review")


def test_upload_must_be_an_image(citizen: Browser) -> None:
    page = citizen.submit_civil(photo=b"%PDF-1.4 not an image")
    assert field_error(page.text, "document_photo") == "فقط تصویر JPG یا PNG پذیرفته می‌شود."


def test_20_mb_upload_gets_a_clean_error_and_keeps_the_form(citizen: Browser) -> None:
    big = PNG + b"\x00" * (20 * 1024 * 1024)
    page = citizen.submit_civil(photo=big, full_name="سارا")
    assert page.status_code == 200
    assert field_error(page.text, "document_photo") == (
        "حجم فایل بیش از ۲ مگابایت است. تصویر کوچک‌تری انتخاب کنید."
    )
    assert 'value="سارا"' in page.text
    assert not citizen.portal.state.tracked


def test_huge_body_is_refused_with_413(citizen: Browser) -> None:
    big = b"\x00" * (40 * 1024 * 1024)
    page = citizen.submit_civil(photo=big)
    assert page.status_code == 413 and "حجم اطلاعات ارسالی بیش از حد مجاز" in page.text


def test_tracking_timeline(citizen: Browser) -> None:
    review = citizen.submit_civil()
    code = _code(
        citizen.post(
            "/services/civil/submit", {"form_token": hidden(review.text, "form_token")}
        ).url
    )
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    page = citizen.get(f"/track?tracking_code={persian}")
    assert 'class="timeline"' in page.text
    assert page.text.count("step-done") == 1 and page.text.count("step-current") == 1
    assert "وضعیت: بررسی مدارک" in page.text
    citizen.portal.advance_clock(2 * 86400)
    later = citizen.get(f"/track?tracking_code={code}")
    assert later.text.count("step-done") == 4


def test_tracking_works_without_sign_in(citizen: Browser) -> None:
    review = citizen.submit_civil()
    code = _code(
        citizen.post(
            "/services/civil/submit", {"form_token": hidden(review.text, "form_token")}
        ).url
    )
    other = Browser(citizen.portal)
    assert 'class="timeline"' in other.get(f"/track?tracking_code={code}").text


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "پر کردن این قسمت الزامی است."),
        ("12ab", "فقط عدد وارد کنید."),
        ("123", "کد رهگیری باید ۱۰ رقم باشد."),
        ("1234567890", "درخواستی با این کد رهگیری پیدا نشد. کد را دوباره بررسی کنید."),
    ],
)
def test_tracking_errors(browser: Browser, code: str, message: str) -> None:
    page = browser.get(f"/track?tracking_code={code}")
    assert field_error(page.text, "tracking_code") == message


def test_too_short_name(citizen: Browser) -> None:
    page = citizen.submit_civil(full_name="x")
    assert field_error(page.text, "full_name") == "دست‌کم ۲ حرف بنویسید."
