"""Health check: a flow's locators are probed on its pages; a renamed field shows as drift."""

from __future__ import annotations

import pytest

from kiosk.core.flows.allow import AllowList
from tests.guide.web import WAIT, practice_flow


def broken_mobile(data: dict) -> None:
    for step in data["steps"]:
        if step["id"] == "mobile":
            step["target"] = [{"css": "#renamed"}, {"name": "phone"}]


@pytest.mark.slow
@pytest.mark.parametrize("mutate", [None, broken_mobile])
def test_health_check_reports_drift(qtbot, portal, mutate) -> None:
    from kiosk.ui.assist.health import HealthCheck

    flow = practice_flow("signin", mutate)
    check = HealthCheck(flow, {"portal": portal.portal_url}, AllowList([], [portal.portal_url]))
    with qtbot.waitSignal(check.done, timeout=WAIT) as blocker:
        check.start()
    results = blocker.args[0]
    for step in ("national-id", "captcha", "send"):
        assert results[step] == "ok", results
    assert results["mobile"] == ("drift" if mutate else "ok")
    assert results["otp"] == "not_checked"  # behind a form: needs a person
    assert check.browser.destroyed_
