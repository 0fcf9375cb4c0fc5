"""Fixtures of the sync tests: one real Ralph LRS per run, a fault proxy per test."""

from __future__ import annotations

import pytest

from tests.sync.lrs import FaultProxy, RalphLrs


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    lrs = RalphLrs(tmp_path_factory.mktemp("ralph"))
    yield lrs
    lrs.stop()


@pytest.fixture
def proxy(ralph):
    fronted = FaultProxy(ralph.port)
    yield fronted
    fronted.stop()
