"""What a simulated person does in each practice scenario, step by step, as the guide asks."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.guide.web import GuidedTab

NATIONAL_ID = "0010350829"
BAD_NATIONAL_ID = "0010350828"  # ten digits, wrong check digit: only the server can tell
MOBILE = "09123456789"
CARD = "9000001234567898"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def sign_in_quietly(tab: GuidedTab) -> None:
    """Sign in without a guide (for scenarios that start signed in)."""
    base = tab.portal.portal_url
    tab.open(f"{base}signin")
    tab.js(
        f"document.querySelector('[name=national_id]').value='{NATIONAL_ID}';"
        f"document.querySelector('[name=mobile]').value='{MOBILE}';true"
    )
    tab.js(f"document.querySelector('[name=captcha]').value='{tab.portal.captcha_answer(tab.sid)}'")
    tab.click("form[action='/signin'] button[type=submit]")
    tab.js(f"document.querySelector('[name=otp]').value='{tab.portal.current_otp(tab.sid)}'")
    tab.click("button[value=verify]")
    assert tab.url.endswith("/dashboard"), tab.url


def signin(tab: GuidedTab, error: bool = False) -> None:
    tab.at("national-id")
    tab.type("[name=national_id]", BAD_NATIONAL_ID if error else NATIONAL_ID)
    tab.at("mobile")
    tab.type("[name=mobile]", MOBILE)
    tab.at("captcha")
    tab.type("[name=captcha]", tab.portal.captcha_answer(tab.sid))
    tab.at("send")
    tab.click("form[action='/signin'] button[type=submit]")
    if error:
        tab.at("fix-form")
        assert tab.highlighted_element() == "input[national_id]"
        tab.type("[name=national_id]", NATIONAL_ID)
        tab.type("[name=captcha]", tab.portal.captcha_answer(tab.sid))
        tab.click("form[action='/signin'] button[type=submit]")
    tab.at("otp")
    tab.type("[name=otp]", tab.portal.current_otp(tab.sid))
    tab.at("verify")
    tab.click("button[value=verify]")
    tab.at("desk")
    tab.session.operator("ack")


def civil_request(tab: GuidedTab, error: bool = False) -> None:
    tab.at("request-type")
    tab.choose("[name=request_type]", "birth_copy")
    for step, name, value in (
        ("full-name", "full_name", "مریم احمدی"),
        ("father-name", "father_name", "علی"),
    ):
        tab.at(step)
        tab.type(f"[name={name}]", value)
        tab.leave(f"[name={name}]")
    tab.at("birth-date")
    tab.type("[name=birth_date]", "1360/13/40" if error else "۱۳۶۰/۰۵/۱۲")
    tab.leave("[name=birth_date]")
    tab.at("photo")
    tab.attach_file("[name=document_photo]", "id.png", PNG, "image/png")
    tab.at("continue")
    tab.click("form[enctype] button[type=submit]")
    if error:
        tab.at("fix-form")
        assert tab.highlighted_element() == "input[birth_date]"
        tab.type("[name=birth_date]", "1360/05/12")
        tab.attach_file("[name=document_photo]", "id.png", PNG, "image/png")
        tab.click("form[enctype] button[type=submit]")
    tab.at("review")
    tab.session.operator("ack")
    tab.at("confirm")
    tab.click("form[action='/services/civil/submit'] button[type=submit]")
    tab.at("tracking")
    assert "/requests/" in tab.url
    tab.session.operator("ack")


def track_request(tab: GuidedTab, error: bool = False, code: str = "") -> None:
    tab.at("code")
    tab.type("[name=tracking_code]", "1234567890" if error else code)
    tab.at("search")
    tab.click("form[action='/track'] button[type=submit]")
    if error:
        tab.at("fix-code")
        tab.type("[name=tracking_code]", code)
        tab.click("form[action='/track'] button[type=submit]")
    tab.at("status")
    tab.session.operator("ack")


def bill_payment(tab: GuidedTab, error: bool = False) -> None:
    tab.at("choose")
    tab.click("input[name=bill][value=water]", navigates=False)
    tab.at("continue")
    tab.click("form[action='/bills'] button[type=submit]")
    tab.at("review")
    assert tab.panel.card.isVisible()
    tab.session.operator("ack")
    tab.at("pay")
    tab.click("form[action$='/pay'] button[type=submit]")
    tab.at("card")
    tab.type("[name=pan]", CARD)
    tab.at("request-pin")
    tab.click("button[value=pin]")
    token = tab.js("document.querySelector('input[name=token]').value")
    for step, name, value in (("cvv2", "cvv2", "123"), ("month", "exp_month", "12")):
        tab.at(step)
        tab.type(f"[name={name}]", value)
    tab.at("year")
    tab.type("[name=exp_year]", "1420")
    tab.leave("[name=exp_year]")
    tab.at("pin")
    pin = tab.portal.dynamic_password(token)
    tab.type("[name=pin2]", "000000" if error else pin)
    tab.at("confirm")
    tab.click(".button-row button[value=pay]")
    if error:
        tab.at("fix-pay")
        assert tab.highlighted_element() == "input[pin2]"
        for name, value in (("cvv2", "123"), ("exp_month", "12"), ("exp_year", "1420")):
            tab.type(f"[name={name}]", value)
        tab.type("[name=pin2]", pin)
        tab.click(".button-row button[value=pay]")
    tab.at("return")
    assert len(tab.portal.charges) == 1
    tab.click("a.btn-primary")
    tab.at("receipt")
    tab.session.operator("ack")


def feedback(tab: GuidedTab, error: bool = False) -> None:
    tab.at("kind")
    tab.click("input[name=kind][value=complaint]", navigates=False)
    tab.at("topic")
    tab.choose("[name=category]", "service")
    tab.at("subject")
    tab.type("[name=subject]", "صف طولانی")
    tab.leave("[name=subject]")
    tab.at("message")
    text = "کوتاه" if error else "صف دفتر پیشخوان خیلی طولانی بود و کسی جواب نداد."
    tab.type("[name=message]", text)
    tab.leave("[name=message]")
    if error:  # too short: the guide asks again gently, and the person goes on anyway
        tab.qtbot.waitUntil(lambda: any("short" in s or "کوتاه" in s for s in tab.spoken()))
        tab.session.operator("next")
    tab.at("mobile")
    tab.type("[name=mobile]", MOBILE)
    tab.at("send")
    tab.click("form[action='/services/feedback'] button[type=submit]")
    if error:
        tab.at("fix-form")
        assert tab.highlighted_element() == "textarea[message]"
        tab.type("[name=message]", "صف دفتر پیشخوان خیلی طولانی بود و کسی جواب نداد.")
        tab.click("form[action='/services/feedback'] button[type=submit]")
    tab.at("tracking")
    tab.session.operator("ack")


def certificate(tab: GuidedTab, error: bool = False) -> None:
    tab.at("list")
    tab.session.operator("ack")
    tab.at("download")
    if error:  # wanders off to the home page: the guide says so, and takes them back
        tab.click("a.brand")
        tab.qtbot.waitUntil(lambda: tab.panel.back_to_service.isVisible())
        tab.session.operator("go_back")
        tab.at("download")
    tab.click("a[download]", navigates=False)
    tab.at("saved", highlighted=False)
    tab.session.operator("ack")


def phishing(tab: GuidedTab, error: bool = False) -> None:
    tab.at("looks-real")
    # The guide says what to look for; a host and port (127.0.0.1:41481) means nothing to a
    # citizen and is never shown (issue 13).
    host = tab.portal.phishing_url.split("//")[1].rstrip("/")
    assert not [w.text() for w in tab.panel.findChildren(QLabel) if host in w.text()]
    tab.session.operator("ack")
    tab.at("asks-card")
    assert tab.highlighted_element() == "input[card]"
    if error:  # types the card anyway, then listens
        tab.type("[name=card]", CARD)
        tab.session.repeat()
    tab.session.operator("ack")
    tab.at("leave", highlighted=False)
    tab.session.operator("ack")


def maintenance(tab: GuidedTab, error: bool = False) -> None:
    tab.at("open")
    if error:  # opens another service first, then comes back to the catalogue
        tab.click("a[href='/track']")
        tab.qtbot.waitUntil(lambda: tab.panel.back_to_service.isVisible())
        tab.session.operator("go_back")
        tab.at("open")
    tab.click("a[href='/services/vehicle']")
    tab.at("down")
    tab.session.operator("ack")
    tab.at("home")
    tab.click("main .actions a")
