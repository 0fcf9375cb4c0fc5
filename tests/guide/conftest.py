"""Guide tests: the interface language is restored after each test; a practice portal and a
guided web view for the tests that run flows in the real QtWebEngine."""

from __future__ import annotations

import os

# Before any Qt import (the top-level conftest does the same; kept for running this folder alone).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.services.practice_portal import PracticePortal


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = i18n.current_language()
    yield
    i18n.set_language(before)


@pytest.fixture(scope="session")
def guide_portal_server() -> Iterator[PracticePortal]:
    with PracticePortal() as server:
        yield server


@pytest.fixture
def guide_portal(guide_portal_server: PracticePortal) -> PracticePortal:
    guide_portal_server.reset()
    guide_portal_server.maintenance = False
    return guide_portal_server


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
