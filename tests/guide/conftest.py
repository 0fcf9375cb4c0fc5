"""Guide tests: the interface language is put back after each test that changes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk import i18n


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = i18n.current_language()
    yield
    i18n.set_language(before)
