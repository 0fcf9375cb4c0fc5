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
SITES = {"uswds": "en", "bootstrap_rtl": "fa", "spa": "en"}  # site: the page's language


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


PEOPLE = {"uswds": uswds, "bootstrap_rtl": bootstrap_rtl, "spa": spa}
