"""Fixtures for the practice portal tests: a browser session on the portal, signed in or not."""

from __future__ import annotations

import pytest

from kiosk.practice_portal import PracticePortal
from tests.portal.helpers import Browser

# `portal` (reset for each test) and `portal_server` come from tests/conftest.py.


@pytest.fixture
def browser(portal: PracticePortal) -> Browser:
    """A fresh browser session (cookies) on the portal."""
    return Browser(portal)


@pytest.fixture
def citizen(browser: Browser) -> Browser:
    """A browser session already signed in."""
    browser.sign_in()
    return browser
