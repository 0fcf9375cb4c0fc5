"""Scenario 5: complaint / suggestion with categories and survey → tracking code."""

from __future__ import annotations

import pytest

from tests.portal.helpers import Browser, field_error, hidden

GOOD = {
    "kind": "complaint",
    "category": "service",
    "subject": "تأخیر در پاسخ",
    "message": "درخواست من بیش از یک ماه است که بی‌پاسخ مانده است.",
    "mobile": "۰۹۱۲۳۴۵۶۷۸۹",
    "survey": "2",
}


def _send(browser: Browser, **overrides: str):
    token = hidden(browser.get("/services/feedback").text, "form_token")
    return browser.post("/services/feedback", {**GOOD, **overrides, "form_token": token})


def test_feedback_happy_path_without_sign_in(browser: Browser) -> None:
    page = _send(browser)
    assert "/requests/" in page.url and "پیام شما ثبت شد" in page.text
    code = page.url.rsplit("/", 1)[1]
    track = browser.get(f"/track?tracking_code={code}")
    assert "ارجاع به واحد مسئول" in track.text


def test_feedback_in_english(citizen: Browser) -> None:
    citizen.get("/lang/en")
    form = citizen.get("/services/feedback").text
    assert 'value="09123456789"' in form  # mobile prefilled for a signed-in citizen
    page = _send(citizen, survey="")
    assert "Your message has been registered" in page.text
    assert "09123456789" not in citizen.get("/services/feedback").text.split("<main")[0]


def test_empty_feedback_form(browser: Browser) -> None:
    token = hidden(browser.get("/services/feedback").text, "form_token")
    page = browser.post("/services/feedback", {"form_token": token})
    for name in ("kind", "category", "subject", "message", "mobile"):
        assert field_error(page.text, name) == "پر کردن این قسمت الزامی است.", name
    assert field_error(page.text, "survey") is None
    assert hidden(page.text, "form_token") == token  # same token: still one submission


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("message", "کوتاه", "متن پیام باید دست‌کم ۲۰ نویسه باشد."),
        ("message", "x" * 1200, "متن بیش از حد طولانی است."),
        ("category", "nonsense", "یکی از گزینه‌ها را انتخاب کنید."),
        ("mobile", "12345", "شماره همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود."),
        ("survey", "9", "یکی از گزینه‌ها را انتخاب کنید."),
    ],
)
def test_feedback_field_errors(browser: Browser, field: str, value: str, message: str) -> None:
    assert field_error(_send(browser, **{field: value}).text, field) == message


def test_feedback_double_submit(browser: Browser) -> None:
    token = hidden(browser.get("/services/feedback").text, "form_token")
    first = browser.post("/services/feedback", {**GOOD, "form_token": token})
    second = browser.post("/services/feedback", {**GOOD, "form_token": token})
    assert first.url == second.url and len(browser.portal.state.tracked) == 1
