"""`kiosk --debug-dir`: the probe describes a web page (where it is, its form controls, the
guide's highlighted element), as the journeys need to drive the real kiosk from outside."""

from __future__ import annotations

import json

import pytest

from kiosk.ui.shell.probe import CONTROLS, DebugProbe
from tests.assist.web import Helper


@pytest.mark.slow
def test_the_probe_sees_the_page_and_the_guide_target(make_kiosk, qtbot, portal, tmp_path):
    kiosk = make_kiosk("en", (1280, 800))
    probe = DebugProbe(kiosk.window, tmp_path / "probe")
    helper = Helper(qtbot, kiosk, portal)
    helper.open()
    helper.choose("assist.practice.pay-bill")
    tab = helper.agree()
    tab.at("national-id")

    def web() -> dict:
        views = probe.snapshot()["web"]
        return views[0] if views and views[0]["path"] and views[0]["target"] else {}

    qtbot.waitUntil(lambda: bool(web()), timeout=20000)
    entry = web()
    assert entry["path"] == "/signin"
    x, y, w, h = entry["rect"]  # the page's place on screen, inside the window
    assert w > 300 and h > 300
    field = next(e for e in entry["elements"] if e["name"] == "national_id")
    assert field["tag"] == "input" and field["text"] == ""  # never a value
    # The guide points at the national ID field, inside the page's place on screen.
    assert entry["target"] == field["rect"]
    assert isinstance(entry["target_token"], int)  # which step's highlight it is
    tx, ty, tw, _th = entry["target"]
    assert x <= tx and tx + tw <= x + w and y <= ty < y + h
    probe.write()
    assert json.loads((tmp_path / "probe" / CONTROLS).read_text())["web"][0]["path"] == "/signin"
