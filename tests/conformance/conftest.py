"""The conformance sites (one server for the run) and a guided tab on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conformance.sites import Sites


@pytest.fixture(scope="session")
def sites() -> Iterator[Sites]:
    server = Sites()
    yield server
    server.stop()


@pytest.fixture
def make_site_tab(qtbot, sites: Sites, isolated: Path) -> Iterator[Callable]:
    """Factory: `make_site_tab("fa")`, a guided web view (kiosk in that language) on the sites."""
    from tests.guide.web import GuidedTab, make_context

    tabs = []

    def factory(language: str = "en"):
        tab = GuidedTab(qtbot, sites, make_context(language, isolated))
        tabs.append(tab)
        return tab

    yield factory
    for tab in tabs:
        tab.close()
