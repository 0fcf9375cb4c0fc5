"""The back-stack model every screen of pages goes back through (kiosk.ui.widgets.back_stack)."""

from __future__ import annotations

from kiosk.ui.widgets.back_stack import BackStack


def test_back_returns_through_the_pages_opened_then_runs_out():
    stack = BackStack()
    assert stack.current is None and stack.back() is None
    for page in ("services", "info", "consent"):
        stack.open(page)
    assert stack.current == "consent" and len(stack) == 3
    assert stack.back() == "info"
    assert stack.back() == "services"
    assert stack.back() is None  # nothing left: the screen is left
    assert stack.current is None and len(stack) == 0


def test_opening_a_page_already_visited_goes_back_to_it():
    stack = BackStack()
    for page in ("entry", "who", "password", "map", "player"):
        stack.open(page)
    stack.open("map")  # Lessons from the player
    assert list(stack) == ["entry", "who", "password", "map"]
    assert "player" not in stack and "map" in stack


def test_root_starts_afresh_and_replace_takes_the_current_pages_place():
    stack = BackStack()
    for page in ("choose", "pin"):
        stack.open(page)
    stack.open("home", root=True)  # signed in: Back from home leaves the staff area
    assert list(stack) == ["home"] and stack.back() is None
    for page in ("entry", "map", "player"):
        stack.open(page)
    stack.open("done", replace=True)  # a finished lesson is not returned to
    assert list(stack) == ["entry", "map", "done"]
    assert stack.back() == "map"


def test_replace_on_an_empty_stack_just_opens_and_clear_forgets_everything():
    stack = BackStack()
    stack.open("feedback", replace=True)
    assert list(stack) == ["feedback"]
    stack.open("services")
    stack.clear()
    assert stack.current is None and list(stack) == []
