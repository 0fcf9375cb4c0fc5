"""The escape suite's servers: a hostile allowed origin and a forbidden one that counts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sealed.hostile import Forbidden, Hostile
from tests.sealed.pages import batches, scripts


@pytest.fixture
def forbidden() -> Iterator[Forbidden]:
    server = Forbidden()
    yield server
    server.close()


@pytest.fixture
def hostile(forbidden: Forbidden) -> Iterator[Hostile]:
    server = Hostile(batches(forbidden.origin))
    server.scripts.update(scripts(forbidden.origin))
    yield server
    server.close()
