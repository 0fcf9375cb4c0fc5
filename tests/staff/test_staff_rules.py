"""Which staff pages each role may open: the pure rules the Staff screen asks."""

from __future__ import annotations

import pytest

from kiosk.core.staff_rules import Role, may_open, needs_sign_in, page_for

SIGN_IN_PAGES = ("first_run", "choose", "pin")


@pytest.mark.parametrize("page", SIGN_IN_PAGES)
def test_sign_in_pages_are_open_to_nobody_signed_in(page):
    assert not needs_sign_in(page)
    assert may_open(None, page)
    assert page_for(None, page, "choose") == page


@pytest.mark.parametrize(
    "page", ["home", "settings", "accounts", "learners", "assist_report", "record_flow"]
)
def test_nobody_signed_in_is_sent_to_the_entry_page(page):
    assert needs_sign_in(page)
    assert not may_open(None, page)
    assert page_for(None, page, "first_run") == "first_run"


ALL_PAGES = {
    "home",
    "assist_report",
    "settings",
    "accounts",
    "learners",
    "record_flow",
    "flow_health",
}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, ALL_PAGES),
        (Role.TRAINER, {"home", "assist_report", "learners"}),
        (Role.OPERATOR, {"home", "assist_report", "record_flow", "flow_health"}),
    ],
)
def test_each_role_opens_its_pages_and_lands_home_otherwise(role, allowed):
    for page in ALL_PAGES:
        assert may_open(role, page) is (page in allowed), page
        assert page_for(role, page, "choose") == (page if page in allowed else "home"), page
