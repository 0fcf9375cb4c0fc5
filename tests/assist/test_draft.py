"""Recorded actions without anything to find them by are left out and counted, never guessed."""

from __future__ import annotations

import pytest

from kiosk.core.flows.draft import BAD_MINUTES, DOCS_DIFFER, FlowDraft
from kiosk.core.notices import NoticeError
from kiosk.i18n import format_number

PORTAL = "http://127.0.0.1:8001"


def report(locators: list[dict], label: str = "") -> dict:
    return {
        "type": "step",
        "action": "click",
        "url": f"{PORTAL}/bills",
        "lang": "fa",
        "locators": locators,
        "label": label,
    }


def test_a_touch_with_no_usable_locator_is_skipped_and_counted():
    draft = FlowDraft("recorded.bills", {"portal": PORTAL})
    draft.add({"type": "page", "url": f"{PORTAL}/bills"})
    assert draft.add(report([])) is None
    assert draft.add(report([{"kind": "unknown", "value": "x"}, {"css": ""}])) is None
    assert draft.skipped == 2 and draft.steps == []
    step = draft.add(report([{"name": "bill"}], label="Water bill"))
    assert step is not None and draft.steps == [step] and draft.skipped == 2


def drafted() -> FlowDraft:
    draft = FlowDraft("recorded.bills", {"portal": PORTAL})
    draft.add({"type": "page", "url": f"{PORTAL}/bills"})
    draft.add(report([{"name": "bill"}], label="Water bill"))
    return draft


def test_the_info_card_as_typed_goes_on_the_first_step_with_its_minutes():
    draft = drafted()
    draft.set_card(
        {
            "fee_fa": " رایگان ",
            "fee_en": "Free",
            "docs_fa": "کارت ملی؛ گوشی همراه",
            "docs_en": "National card; Your mobile phone",
            "minutes": "۱۰",
        }
    )
    assert draft.minutes == 10
    card = draft.to_json({"fa": "قبض", "en": "Bill"})["steps"][0]["card"]
    assert card == {
        "fee": {"fa": "رایگان", "en": "Free"},
        "documents": [
            {"fa": "کارت ملی", "en": "National card"},
            {"fa": "گوشی همراه", "en": "Your mobile phone"},
        ],
    }


def test_an_empty_card_adds_nothing():
    draft = drafted()
    draft.set_card({})
    assert draft.card is None and draft.minutes is None
    assert "card" not in draft.to_json({"fa": "قبض", "en": "Bill"})["steps"][0]


def test_documents_in_one_language_only_are_refused_saying_how_many():
    draft = drafted()
    with pytest.raises(NoticeError) as refused:
        draft.set_card({"docs_fa": "کارت ملی؛ گوشی همراه", "docs_en": "National card"})
    assert refused.value.notice.message == DOCS_DIFFER
    # Counted in the digits of the language shown when it was refused.
    assert refused.value.notice.params == {"fa": format_number(2), "en": format_number(1)}
    assert draft.card is None  # nothing half-taken


@pytest.mark.parametrize("typed", ["ten", "0", "1000", "-5", "2.5", "²"])
def test_minutes_that_are_not_a_sensible_number_are_refused(typed):
    draft = drafted()
    draft.set_card({"fee_en": "Free", "minutes": "5"})
    with pytest.raises(NoticeError) as refused:
        draft.set_card({"fee_en": "Free", "minutes": typed})
    assert refused.value.notice.message == BAD_MINUTES
    assert refused.value.notice.params == {"value": typed}
    assert draft.minutes == 5  # the card taken before stays


def test_recorded_page_patterns_tolerate_query_strings_and_varying_ids() -> None:
    from kiosk.core.flows.draft import path_pattern
    from kiosk.core.flows.model import Page
    from kiosk.core.flows.patterns import pattern_fault
    from kiosk.core.flows.urls import page_matches

    pattern = path_pattern("/check/12345")
    assert pattern_fault(pattern) is None
    page = Page(pattern)
    for url in ("/check/12345", "/check/777?app=9&x=1", "/check/12345#errors"):
        assert page_matches(page, "https://my.gov.ir" + url, {})
    for url in ("/check/", "/check/12345/more", "/checkout/12345"):
        assert not page_matches(page, "https://my.gov.ir" + url, {})
