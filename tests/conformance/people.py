"""A person on each conformance site, with a person's mistakes: a wrong choice corrected, a value
the server rejects, an in-page link followed. Shared by tests/conformance and bench/conformance.py.

Each acts only as a person would (clicks on what is visible, typing, leaving a field) and waits
for the guide's step and highlight between actions.
"""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.core.flows import Flow, load_flow
from kiosk.core.flows.runner import MSG_RETRY

FLOWS = Path(__file__).resolve().parent / "flows"
# site: the page's language
SITES = {
    "uswds": "en",
    "bootstrap_rtl": "fa",
    "spa": "en",
    "jalali": "fa",
    "webforms": "fa",
    "gateway": "fa",
    "embed": "fa",
}


def flow(name: str, mutate=None) -> Flow:
    data = json.loads((FLOWS / f"{name}.json").read_text(encoding="utf-8"))
    if mutate is not None:
        mutate(data)
    return load_flow(json.dumps(data), source=name)


def retried(tab, before: int) -> bool:
    """Whether the guide said "not right yet" since `before` utterances."""
    said = [str(t) for t in tab.spoken()[before:]]
    retry = tab.ctx.tr(MSG_RETRY)
    return any(retry in text for text in said)


def heard(tab, words: str) -> None:
    """Wait until the guide has read `words` (the page's own error) aloud."""
    tab.qtbot.waitUntil(lambda: any(words in str(t) for t in tab.spoken()), timeout=20_000)


def uswds(tab) -> None:
    tab.at("figure")
    said = len(tab.spoken())
    tab.click("label[for=historical-washington]", navigates=False)  # the wrong one
    tab.qtbot.waitUntil(lambda: retried(tab, said))
    assert tab.step == "figure"
    tab.click("label[for=historical-douglass]", navigates=False)
    tab.at("dob")  # a date in three boxes: one step, one instruction
    tab.choose("#dob-month", "5")
    said = len(tab.spoken())
    tab.type("#dob-day", "41")  # no such day: said at once, the step waits
    tab.leave("#dob-day")
    tab.qtbot.waitUntil(lambda: retried(tab, said))
    tab.type("#dob-day", "14")
    tab.leave("#dob-day")
    assert tab.step == "dob"  # the year is still empty
    tab.type("#dob-year", "1850")  # four digits: the step's pattern passes it, the server not
    tab.leave("#dob-year")
    tab.at("continue")
    tab.click("button[type=submit]")
    # The form comes back with an error summary: the rest stands, the date is asked again.
    tab.at("dob")
    heard(tab, "Enter a year from 1900 onwards")  # the page's error, read aloud
    assert tab.js("document.getElementById('dob-year').getAttribute('aria-invalid')") == "true"
    tab.click("a[href='#dob-year']", navigates=False)  # the summary's in-page link
    tab.qtbot.waitUntil(lambda: tab.session.runner._url.endswith("#dob-year"))
    assert tab.step == "dob" and tab.highlighted()
    tab.type("#dob-year", "1985")
    tab.leave("#dob-year")
    tab.at("continue")
    tab.click("button[type=submit]")
    tab.at("received")
    tab.session.operator("ack")


def bootstrap_rtl(tab) -> None:
    tab.at("name")
    tab.type("#fullname", "زهرا احمدی")
    tab.leave("#fullname")
    tab.at("code")
    tab.type("#code", "۱۲۳۴۵")  # digits, as the step asks; too few for the server
    tab.leave("#code")
    tab.at("city")
    said = len(tab.spoken())
    tab.choose("#city", "tabriz")  # the wrong city
    tab.qtbot.waitUntil(lambda: retried(tab, said))
    tab.choose("#city", "tehran")
    tab.at("sms")
    tab.click("#sms", navigates=False)
    tab.at("send")
    tab.click("button[type=submit]")
    tab.at("code")  # the server said no: asked again (name and city stand)
    heard(tab, "كد ملي باید ۱۰ رقم باشد")  # the page's error, in its own words
    tab.type("#code", "۰۰۱۲۳۴۵۶۷۸")
    tab.leave("#code")
    tab.at("sms")
    tab.click("#sms", navigates=False)
    tab.at("send")
    tab.click("button[type=submit]")
    tab.at("tracking")
    tab.session.operator("ack")


def spa(tab) -> None:
    tab.at("time")
    said = len(tab.spoken())
    tab.click("[data-v='9']", navigates=False)  # a custom ARIA radio: only aria-checked changes
    tab.qtbot.waitUntil(lambda: retried(tab, said))
    tab.click("[data-v='14']", navigates=False)
    tab.at("next")
    tab.click("#next", navigates=False)  # pushState: no new document
    tab.at("confirm")
    assert "/spa/confirm?from=book" in tab.url
    tab.click("#confirm", navigates=False)


def said_since(tab, before: int, words: str) -> bool:
    return any(words in str(t) for t in tab.spoken()[before:])


def tap(tab, selector: str) -> None:
    """A real mouse click at the middle of the element, through the window system."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    box = tab.js(
        f"(function(){{var r=document.querySelector({json.dumps(selector)})"
        ".getBoundingClientRect();return JSON.stringify([r.left+r.width/2,r.top+r.height/2]);})()"
    )
    box = json.loads(box)
    zoom = tab.view.zoomFactor()
    target = tab.view.focusProxy() or tab.view
    tab.view.window().activateWindow()
    QTest.mouseClick(
        target, Qt.MouseButton.LeftButton, pos=QPoint(int(box[0] * zoom), int(box[1] * zoom))
    )


def jalali(tab) -> None:
    tab.at("visit")
    said = len(tab.spoken())
    tab.type("#visit", "2024/05/14")  # a Gregorian date typed by hand
    tab.leave("#visit")
    tab.qtbot.waitUntil(lambda: said_since(tab, said, "از تقویم انتخاب کنید"))
    assert tab.step == "visit"
    # The picker's own calendar, opened by its JS when the field is tapped (a real click on
    # the display), then a day of this month clicked.
    tab.js("document.getElementById('visit').value='';true")
    tap(tab, "#visit")
    days = "document.querySelectorAll('jdp-container div.jdp-day:not(.not-in-month)')"
    tab.qtbot.waitUntil(lambda: tab.js(days + ".length") > 20)
    tab.js(days + "[9].setAttribute('data-test-day', '10');true")  # the tenth, for the click
    tab.click("jdp-container [data-test-day]", navigates=False)
    tab.at("book")
    assert tab.js("document.getElementById('visit').value").endswith("/10")
    tab.click("button[type=submit]")
    tab.at("booked")
    tab.session.operator("ack")


def webforms(tab) -> None:
    tab.at("case")
    tab.type("#ctl00_MainContent_txtCase", "12345678")  # eight digits, but no such case
    tab.leave("#ctl00_MainContent_txtCase")
    tab.at("search")
    tab.click("#ctl00_MainContent_lnkSearch")  # javascript:__doPostBack(...): a form POST
    heard(tab, "پرونده‌ای با این شماره پیدا نشد")  # the validation summary, read aloud
    tab.at("case")  # ... and the guide back at the field in error
    tab.type("#ctl00_MainContent_txtCase", "14020077")
    tab.leave("#ctl00_MainContent_txtCase")
    tab.at("search")
    tab.click("#ctl00_MainContent_lnkSearch")
    tab.at("status")
    tab.session.operator("ack")


def gateway(tab) -> None:
    tab.at("pay")
    tab.click("button[type=submit]")  # an auto-submitted POST to the gateway's host
    tab.qtbot.waitUntil(lambda: "://localhost:" in tab.url, timeout=20_000)
    tab.at("card")
    tab.type("#pan", "1234567812345678")  # sixteen digits; the bank says no
    tab.leave("#pan")
    tab.at("pin")
    tab.type("#pin2", "98765")
    tab.leave("#pin2")
    tab.at("confirm")
    tab.click("button[type=submit]")
    heard(tab, "شماره کارت نادرست است")
    tab.at("card")
    tab.type("#pan", "6037991234567890")
    tab.leave("#pan")
    tab.at("pin")
    tab.type("#pin2", "98765")
    tab.leave("#pin2")
    tab.at("confirm")
    tab.click("button[type=submit]")  # back to the shop by another auto-POST
    tab.at("receipt")
    assert "://127.0.0.1:" in tab.url
    tab.session.operator("ack")


def embed(tab) -> None:
    tab.at("postal")  # in a same-origin iframe: its own agent finds and points
    tab.type("iframe >>> #postal", "1234567890")
    tab.leave("iframe >>> #postal")
    tab.at("mobile")  # inside a web component's open shadow root
    said = len(tab.spoken())
    tab.type("gov-field >>> input", "0912")  # too short
    tab.leave("gov-field >>> input")
    tab.qtbot.waitUntil(lambda: retried(tab, said))
    tab.type("gov-field >>> input", "09121234567")
    tab.leave("gov-field >>> input")
    tab.at("send")
    tab.click("gov-button >>> button", navigates=False)
    tab.at("sent")
    tab.session.operator("ack")


PEOPLE = {
    "uswds": uswds,
    "bootstrap_rtl": bootstrap_rtl,
    "spa": spa,
    "jalali": jalali,
    "webforms": webforms,
    "gateway": gateway,
    "embed": embed,
}
