"""Fixtures for the practice portal tests: one server for the session, reset before each test."""

from __future__ import annotations

import os

# Before any Qt import (the top-level conftest does the same; kept for running this folder alone).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from collections.abc import Iterator

import pytest

from kiosk.services.practice_portal import PracticePortal
from tests.portal.helpers import Browser


@pytest.fixture(scope="session")
def portal_server() -> Iterator[PracticePortal]:
    """The three practice sites on free loopback ports, for the whole test session."""
    with PracticePortal() as server:
        yield server


@pytest.fixture
def portal(portal_server: PracticePortal) -> PracticePortal:
    """The practice sites, reset so every test starts clean."""
    portal_server.reset()
    portal_server.maintenance = False
    return portal_server


@pytest.fixture
def browser(portal: PracticePortal) -> Browser:
    """A fresh browser session (cookies) on the portal."""
    return Browser(portal)


@pytest.fixture
def citizen(browser: Browser) -> Browser:
    """A browser session already signed in."""
    browser.sign_in()
    return browser
