"""Each practice flow end to end in the real QtWebEngine  against the practice portal.

For every scenario: the right path, a path with a mistake on the way (a validation error the
server finds, or for pages without a form, wandering off the flow's pages), and a path where
the step's first locator is broken so the guide falls back to the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.practice_portal import PracticePortal
from tests.conftest import ARTIFACTS
from tests.guide import scenarios
from tests.guide.web import GuidedTab, practice_flow

SHOTS = ARTIFACTS / "guide"

# scenario: (flow file, starts signed in, step whose first locator the broken path breaks)
SCENARIOS: dict[str, tuple[str, bool, str]] = {
    "signin": ("signin", False, "mobile"),
    "civil_request": ("civil_request", True, "father-name"),
    "track_request": ("track_request", False, "code"),
    "bill_payment": ("bill_payment", True, "card"),
    "feedback": ("feedback", False, "subject"),
    "certificate": ("certificate", True, "download"),
    "phishing": ("phishing", False, "asks-card"),
    "maintenance": ("maintenance", False, "open"),
}


def tracking_code(portal: PracticePortal) -> str:
    """A request registered by someone else's browser, to be tracked."""
    from tests.portal.helpers import Browser, hidden

    browser = Browser(portal)
    browser.sign_in()
    review = browser.submit_civil()
    done = browser.post("/services/civil/submit", {"form_token": hidden(review.text, "form_token")})
    match = re.search(r"/requests/(\d+)", done.url)
    assert match, done.url
    return match.group(1)


def run(tab: GuidedTab, name: str, lang: str, mode: str, error: bool, mutate: Any = None) -> None:
    flow_file, signed_in, _ = SCENARIOS[name]
    if signed_in:
        scenarios.sign_in_quietly(tab)
    flow = practice_flow(flow_file, mutate)
    start = None
    if name == "phishing":
        start = f"{tab.portal.phishing_url}signin?lang={lang}"
    kwargs: dict[str, Any] = {"error": error}
    if name == "track_request":
        kwargs["code"] = tracking_code(tab.portal)
    tab.guide(flow, mode, start_url=start)
    act: Callable[..., None] = getattr(scenarios, name)
    act(tab, **kwargs)
    tab.finished("completed")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_right_path(make_tab, name: str) -> None:
    lang = "fa" if list(SCENARIOS).index(name) % 2 == 0 else "en"
    tab = make_tab(lang)
    run(tab, name, lang, "learner", error=False)
    assert tab.session.outcome == "completed"
    assert not [r for r in tab.records if r[0] in ("selector_missing", "selector_fallback")]
    assert not tab.operator_buttons_shown  # learner mode: no operator buttons
    assert tab.spoken()[-1] == tab.ctx.tr("Well done! You did it all by yourself.")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_with_a_mistake_on_the_way(make_tab, name: str) -> None:
    lang = "en" if list(SCENARIOS).index(name) % 2 == 0 else "fa"
    tab = make_tab(lang)
    run(tab, name, lang, "operator", error=True)
    assert tab.operator_buttons_shown


def break_first_locator(step_id: str) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        for step in data["steps"]:
            if step["id"] == step_id:
                step["target"][0] = {"css": "#renamed-by-a-portal-update"}

    return mutate


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_broken_locator_falls_back(make_tab, name: str) -> None:
    tab = make_tab("en")
    step_id = SCENARIOS[name][2]
    run(tab, name, "en", "operator", error=False, mutate=break_first_locator(step_id))
    fallback = [data for record, data in tab.records if record == "selector_fallback"]
    assert fallback == [
        {"flow": f"practice.{name.replace('_', '-')}", "version": 1, "step": step_id, "locator": 1}
    ]


@pytest.mark.slow
def test_every_locator_broken_goes_to_help_and_records_the_step(make_tab) -> None:
    def mutate(data: dict) -> None:
        step = data["steps"][1]  # the mobile number
        step["target"] = [{"css": "#gone"}, {"label": "No such label"}]
        step["on_missing"]["wait_seconds"] = 0.5

    tab = make_tab("fa")
    tab.guide(practice_flow("signin", mutate), "operator")
    tab.at("national-id")
    tab.type("[name=national_id]", scenarios.NATIONAL_ID)
    tab.at("not-found", highlighted=False)
    assert ("selector_missing", {"flow": "practice.signin", "version": 1, "step": "mobile"}) in (
        tab.records
    )
    tab.session.operator("ack")  # the help returns to the step; the operator moves on
    tab.qtbot.waitUntil(lambda: tab.step == "mobile")
    tab.js(f"document.querySelector('[name=mobile]').value='{scenarios.MOBILE}'")
    tab.session.operator("next")
    tab.at("captcha")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_screenshots_of_a_guided_page(make_tab, lang: str) -> None:
    tab = make_tab(lang)
    scenarios.sign_in_quietly(tab)
    tab.guide(practice_flow("bill_payment"), "operator")
    tab.at("choose")
    tab.shot(SHOTS, f"{lang}-bills-choose")
    tab.click("input[name=bill][value=water]", navigates=False)
    tab.at("continue")
    tab.click("form[action='/bills'] button[type=submit]")
    tab.at("review")
    tab.shot(SHOTS, f"{lang}-bills-review-card")
    tab.session.operator("ack")
    tab.at("pay")
    tab.click("form[action$='/pay'] button[type=submit]")
    tab.at("card")
    tab.shot(SHOTS, f"{lang}-gateway-card")
