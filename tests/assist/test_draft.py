"""Recorded actions without anything to find them by are left out and counted, never guessed."""

from __future__ import annotations

from kiosk.core.flows.draft import FlowDraft

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
