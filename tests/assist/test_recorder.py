"""Record the complaint scenario on the practice portal, save it as a validated (unverified)
flow, list it as a service, and replay it end to end with the guide; no typed value is saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.core.flows.allow import AllowList
from kiosk.core.flows.draft import FlowDraft
from kiosk.services.assist_catalog import load_services, save_recorded
from tests.guide import scenarios
from tests.guide.web import WAIT, GuidedTab, make_context

MESSAGE = "صف دفتر پیشخوان خیلی طولانی بود و کسی جواب نداد."


class Person(GuidedTab):
    """The guide tests' person, on any sealed browser."""

    def __init__(self, qtbot, portal, ctx, browser, session=None) -> None:
        self.qtbot, self.portal, self.ctx = qtbot, portal, ctx
        self.page, self.view, self.session = browser.page, browser.view, session
        self.cookies = {}
        self.window = QWidget()
        browser.view.setParent(self.window)
        self.window.resize(1100, 800)
        self.window.show()


def record_complaint(person: Person) -> None:
    person.click("input[name=kind][value=complaint]", navigates=False)
    person.choose("[name=category]", "service")
    person.type("[name=subject]", "صف طولانی")
    person.leave("[name=subject]")
    person.type("[name=message]", MESSAGE)
    person.leave("[name=message]")
    person.type("[name=mobile]", scenarios.MOBILE)
    person.leave("[name=mobile]")
    person.click("form[action='/services/feedback'] button[type=submit]")


@pytest.mark.slow
def replay(qtbot, portal, ctx, service) -> tuple[str, str]:
    """The recorded complaint, guided in a new assisted session, done by the same person;
    returns the session's outcome and the page the person ended on."""
    from kiosk.ui.assist.session import AssistSession

    portal.reset()
    session = AssistSession(ctx, service, {"portal": portal.portal_url})
    session.start()
    person = Person(qtbot, portal, ctx, session.browser, session.guide)
    person.at("step-1")
    person.click("input[name=kind][value=complaint]", navigates=False)
    person.at("step-2")
    person.choose("[name=category]", "service")
    for step, name, value in (
        ("step-3", "subject", "صف طولانی"),
        ("step-4", "message", MESSAGE),
        ("step-5", "mobile", scenarios.MOBILE),
    ):
        person.at(step)
        person.type(f"[name={name}]", value)
        person.leave(f"[name={name}]")
    person.at("step-6")
    person.click("form[action='/services/feedback'] button[type=submit]")
    person.finished("completed")
    url = person.url
    session.end("abandoned")
    person.window.close()
    return session.outcome or "", url


def test_record_save_validate_and_replay_the_complaint(qtbot, portal, isolated: Path) -> None:
    from kiosk.ui.recorder.recorder import Recorder

    ctx = make_context("en", isolated)
    draft = FlowDraft("recorded.complaint", {"portal": portal.portal_url})
    draft.template("portal", "{portal}")
    allow = AllowList(["127.0.0.1"], [portal.portal_url])
    recorder = Recorder(f"{portal.portal_url}services/feedback", draft, allow)
    person = Person(qtbot, portal, ctx, recorder.browser)
    qtbot.waitUntil(lambda: draft.start is not None, timeout=WAIT)
    record_complaint(person)
    qtbot.waitUntil(lambda: len(draft.steps) >= 6, timeout=WAIT)
    recorder.stop()
    person.window.close()
    assert [s.action for s in draft.steps] == [
        "click",
        "select",
        "input",
        "input",
        "input",
        "submit",
    ]
    kind, _topic, subject, message, _mobile, send = draft.steps
    # Label and role first (what a person sees), each one finding this very element again;
    # the page is in Persian: the words are recorded as Persian words.
    assert kind.locators[0] == {"label": {"fa": "شکایت"}}
    assert {"name": "kind", "value": "complaint"} in kind.locators
    assert subject.locators[0] == {"label": {"fa": "عنوان"}}
    assert {"name": "subject"} in subject.locators
    assert send.locators[0] == {"role": "button", "accessible_name": {"fa": "ثبت پیام"}}
    assert subject.text["fa"] == "«عنوان» را بنویسید."
    # The operator edits a text, marks nothing private here, adds the info card, saves.
    message.text = {"fa": "پیام خود را بنویسید.", "en": "Type your message."}
    data = draft.to_json(
        {"fa": "شکایت (ضبط‌شده)", "en": "Complaint (recorded)"},
        card={"fee": {"fa": "رایگان", "en": "Free"}, "documents": []},
    )
    folder = isolated / "flows"
    path = save_recorded(folder, data, {"pictogram": "assist_complaint", "minutes": 10})
    text = path.read_text(encoding="utf-8")
    for typed in ("صف طولانی", MESSAGE, scenarios.MOBILE):
        assert typed not in text
    assert json.loads(text)["origins"] == {"portal": "{portal}"}
    services, faults = load_services([folder])
    assert not faults and len(services) == 1
    service = services[0]
    assert not service.verified and service.card.fee == {"fa": "رایگان", "en": "Free"}
    # Replay: a new portal session, the recorded flow guiding, the same person doing it.
    outcome, url = replay(qtbot, portal, ctx, service)
    assert "/requests/" in url or "feedback" in url
    assert outcome == "completed"
    assert load_services([folder])[0][0].verified  # run once to completion: verified
