"""Health check: the walk goes through every page of a flow as a person would, with the flow's
sample values, and reports each step ok, drifted (to what), or not reached (why)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.flows import Flow, load_flow
from kiosk.core.flows.allow import AllowList
from kiosk.practice_portal import PracticePortal
from kiosk.services.portal import PortalService
from tests.guide.web import WAIT, practice_flow

ROOT = Path(__file__).resolve().parents[2]
PAY_BILL = ROOT / "lessons" / "assist" / "pay_bill.json"
WALK = 6 * WAIT  # a whole flow, page after page, on two shared cores


def pay_bill(mutate: Any = None) -> Flow:
    data = json.loads(PAY_BILL.read_text(encoding="utf-8"))
    if mutate is not None:
        mutate(data)
    return load_flow(json.dumps(data), source=PAY_BILL.name)


def step(data: dict, step_id: str) -> dict:
    return next(s for s in data["steps"] if s["id"] == step_id)


def broken_mobile(data: dict) -> None:
    """The sign-in page's mobile field renamed (the staff page's test installs this copy)."""
    step(data, "mobile")["target"] = [{"css": "#renamed"}, {"name": "phone"}]


def walk(
    qtbot, portal: PracticePortal, flow: Flow, practice: bool = True, checks: list | None = None
) -> dict:
    from kiosk.ui.assist.health import HealthCheck

    bases = portal.bases()
    values = PortalService(portal).practice_value if practice else None
    check = HealthCheck(flow, bases, AllowList.for_flow(flow, bases, ()), practice=values)
    with qtbot.waitSignal(check.done, timeout=WALK) as blocker:
        check.start()
    if checks is not None:
        checks.append(check)
    assert check.browser.destroyed_  # wiped like a session's
    return blocker.args[0]


@pytest.mark.slow
def test_walks_a_flow_end_to_end(qtbot, portal) -> None:
    """Sign in (captcha, one-time code from the simulated phone), choose the bill, pay at the
    gateway (card, dynamic password), back to the receipt: every step found."""
    flow = pay_bill()
    results = walk(qtbot, portal, flow)
    assert {s.id for s in flow.steps if s.target} == set(results)
    assert {k: v.status for k, v in results.items() if v.status != "ok"} == {}, results
    assert len(portal.charges) == 1  # it really went through every page


def renamed_card(data: dict) -> None:
    """The gateway (reached only by signing in and submitting the bill) renamed its card field."""
    step(data, "card")["target"] = [
        {"name": "card_no"},
        {"label": {"fa": "شماره کارت بانکی", "en": "Bank card number"}},
    ]


@pytest.mark.slow
def test_drift_on_a_later_page_says_what_is_there_instead(qtbot, portal) -> None:
    results = walk(qtbot, portal, pay_bill(renamed_card))
    for before in ("national-id", "captcha", "otp", "choose", "review", "pay"):
        assert results[before].status == "ok", results
    card = results["card"]
    assert card.status == "drift", results
    assert card.wanted == "شماره کارت بانکی"  # a label first: what a person reads
    # What the resolver finds instead: the one text field of the page no other step finds.
    assert card.found_role == "textbox" and "کارت" in card.found_name, card
    assert results["request-pin"].status == "ok"  # on the same page, found, not pressed
    # Behind the button the walk could not press with a card number: not reached, and why.
    for later in ("cvv2", "month", "year", "pin", "confirm", "return", "receipt"):
        assert results[later].status == "unreachable", results
        assert (results[later].reason, results[later].cause) == ("drifted", "card")
    assert portal.charges == []


def no_code_sample(data: dict) -> None:
    del step(data, "otp")["sample"]


@pytest.mark.slow
def test_a_private_value_without_a_sample_stops_the_walk(qtbot, portal) -> None:
    results = walk(qtbot, portal, practice_flow("signin", no_code_sample))
    for found in ("national-id", "mobile", "captcha", "send", "otp", "verify"):
        assert results[found].status == "ok", results
    desk = results["desk"]
    assert (desk.status, desk.reason, desk.cause) == ("unreachable", "private", "otp")


@pytest.mark.slow
def test_without_the_practice_portal_the_captcha_stops_the_walk(qtbot, portal) -> None:
    """No one to ask for the captcha's digits (as on a real portal): never invented."""
    results = walk(qtbot, portal, practice_flow("signin"), practice=False)
    for found in ("national-id", "mobile", "captcha", "send"):
        assert results[found].status == "ok", results
    for later in ("otp", "verify", "desk"):
        assert results[later].status == "unreachable", results
        assert (results[later].reason, results[later].cause) == ("needs_value", "captcha")


def back_to_the_start(data: dict) -> None:
    """After the dashboard, a branch sends the flow back to its first step, for ever."""
    loop = {"when": {"appears": [{"css": "main"}]}, "goto": "national-id"}
    data["steps"].append({"id": "again", "kind": "branch", "branch": [loop]})


@pytest.mark.slow
def test_a_flow_whose_pages_loop_does_not_hang_the_check(qtbot, portal) -> None:
    checks: list = []
    results = walk(qtbot, portal, practice_flow("signin", back_to_the_start), checks=checks)
    assert checks[0].looped
    assert {r.status for r in results.values()} == {"ok"}, results  # the first round's results


@pytest.mark.slow
def test_walks_a_form_of_choices_and_free_text(qtbot, portal) -> None:
    """A radio choice, a select, free text left with a change: the tracking page only comes
    after the portal accepted them all."""
    results = walk(qtbot, portal, practice_flow("feedback"))
    assert {k: v.status for k, v in results.items() if v.status != "ok"} == {}, results
    assert "tracking" in results
