"""The debug probe (`kiosk --debug-dir`) describes a web page where a person can see it: the
journeys find the page's fields by it, so a page drawn but not described cannot be tested."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from kiosk.ui.shell.probe import CONTROLS, DebugProbe
from tests.assist.test_recorder_screens import open_page
from tests.assist.web import Helper
from tests.guide.web import WAIT


@pytest.mark.slow
def test_the_recorders_page_is_described_with_its_fields_on_screen(
    make_kiosk, qtbot, portal, tmp_path
) -> None:
    kiosk = make_kiosk("en", (1280, 800))
    page = open_page(qtbot, kiosk, "record_flow")
    page.portal = portal
    qtbot.mouseClick(page.choices["practice"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.draft.start is not None, timeout=WAIT)
    probe = DebugProbe(kiosk.window, tmp_path)
    view = page.recorder.browser.view

    def described():
        probe.write()
        snapshot = json.loads((tmp_path / CONTROLS).read_text(encoding="utf-8"))
        return snapshot["web"][0] if snapshot["web"] and snapshot["web"][0]["elements"] else None

    qtbot.waitUntil(lambda: described() is not None, timeout=WAIT)
    entry = described()
    # Where the page shows, although the view's own widget is covered by its drawing child:
    # the part of that child a person can see (the scroll area may cut a few pixels).
    child = view.focusProxy()
    shown = child.visibleRegion().boundingRect()
    origin = child.mapToGlobal(shown.topLeft())
    assert entry["rect"] == [origin.x(), origin.y(), shown.width(), shown.height()]
    assert shown.width() == view.width() and shown.height() >= view.height() * 0.9
    assert entry["path"] == "/"
    search = [e for e in entry["elements"] if e["tag"] == "input" and e["name"] == "q"]
    assert len(search) == 1
    x, y, w, h = search[0]["rect"]
    vx, vy, vw, vh = entry["rect"]
    assert vx <= x and x + w <= vx + vw and vy <= y and y + h <= vy + vh


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


def test_the_probe_says_when_it_looked_and_when_the_screen_last_changed(
    make_kiosk, qtbot, tmp_path
) -> None:
    """A journey acts only on a picture taken after its last touch (`taken`), and knows a still
    screen by how long ago it last changed (`changed`): both are written, changed or not."""
    import time

    kiosk = make_kiosk("en")
    probe = DebugProbe(kiosk.window, tmp_path)

    def read() -> dict:
        return json.loads((tmp_path / CONTROLS).read_text(encoding="utf-8"))

    qtbot.waitUntil(lambda: (tmp_path / CONTROLS).exists(), timeout=WAIT)
    first = read()
    assert first["taken"] >= first["changed"] > 0
    touched = time.time()  # nothing changes on screen: the picture is still taken again
    qtbot.waitUntil(lambda: read()["taken"] > touched, timeout=WAIT)
    again = read()
    assert again["changed"] == first["changed"] and again["screen"] == first["screen"]
    kiosk.window.show_screen("learn")  # a change: written at once, `changed` moves on
    qtbot.waitUntil(lambda: read()["screen"] == "learn", timeout=WAIT)
    assert read()["changed"] > first["changed"]
    probe.deleteLater()
