"""Guide tests: the practice portal and a guided web view for the tests that run flows in the
real QtWebEngine (the language is reset for each test by tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.practice_portal import PracticePortal


@pytest.fixture
def guide_portal(portal: PracticePortal) -> PracticePortal:
    """The practice portal of tests/conftest.py, reset for this test."""
    return portal


@pytest.fixture
def make_tab(qtbot, guide_portal: PracticePortal, isolated: Path) -> Iterator[Callable]:
    """Factory: `make_tab("fa")` is a guided web view on the practice portal in that language."""
    from tests.guide.web import GuidedTab, make_context

    tabs = []

    def factory(language: str = "en"):
        tab = GuidedTab(qtbot, guide_portal, make_context(language, isolated))
        tab.language(language)
        tabs.append(tab)
        return tab

    yield factory
    for tab in tabs:
        tab.close()
