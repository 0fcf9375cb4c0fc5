"""Assisted-session tests: one practice portal for the run, reset for each test."""

from __future__ import annotations

import os

# Before any Qt import (the top-level conftest does the same; kept for running this folder alone).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from collections.abc import Iterator

import pytest

from kiosk import i18n
from kiosk.services.practice_portal import PracticePortal


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = i18n.current_language()
    yield
    i18n.set_language(before)


@pytest.fixture(scope="session")
def assist_portal_server() -> Iterator[PracticePortal]:
    with PracticePortal() as server:
        yield server


@pytest.fixture
def portal(assist_portal_server: PracticePortal) -> PracticePortal:
    assist_portal_server.reset()
    assist_portal_server.maintenance = False
    return assist_portal_server
