"""The staff pages "Record a portal" and "Check a flow" in the real kiosk window: a complaint
recorded on the practice portal, edited, saved and replayed; a renamed field shown as drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from kiosk.services.assist_catalog import MANIFEST
from tests.assist.test_health import broken_mobile
from tests.assist.web import SHOTS
from tests.guide.web import FLOWS, WAIT
from tests.staff.test_staff_ui import sign_in, with_accounts

LEFT = Qt.MouseButton.LeftButton


def small_targets(widget) -> list[str]:
    return [
        f"{b.objectName()} {b.width()}x{b.height()}"
        for b in widget.findChildren(QAbstractButton)
        if b.isVisible() and (b.width() < 64 or b.height() < 64)
    ]


def unnamed_controls(widget) -> list[str]:
    from PySide6.QtWidgets import QLineEdit

    controls = [*widget.findChildren(QAbstractButton), *widget.findChildren(QLineEdit)]
    return [c.objectName() for c in controls if c.isVisible() and not c.accessibleName()]


def shot(qtbot, kiosk, name: str) -> Path:
    qtbot.wait(150)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert kiosk.window.grab().save(str(path))
    return path


def open_page(qtbot, kiosk, key: str):
    _admin, operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, operator, "864200")
    tile = screen.page.tiles[key]
    assert tile.isVisible()
    qtbot.mouseClick(tile, LEFT)
    return screen.page


def install_renamed_signin(data_dir: Path) -> None:
    """A recorded copy of the sign-in flow whose mobile field the portal has since renamed."""
    data = json.loads((FLOWS / "signin.json").read_text(encoding="utf-8"))
    broken_mobile(data)
    data["id"] = "recorded.signin"
    data["title"] = {"fa": "ورود (ضبط‌شده)", "en": "Sign in (recorded)"}
    folder = data_dir / "flows"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "signin.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    entry = {"flow": "signin.json", "pictogram": "assist_signin", "verified": False}
    manifest = {"services": [entry]}
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_health_page_shows_drift_in_words_and_pictures(
    make_kiosk, qtbot, portal, isolated: Path, lang: str
) -> None:
    kiosk = make_kiosk(lang, (1280, 800))
    install_renamed_signin(kiosk.staff.data_dir)
    page = open_page(qtbot, kiosk, "flow_health")
    assert page.objectName() == "staff_page_flow_health"
    page.portal = portal
    ids = [s.flow.id for s in page.services]
    assert "recorded.signin" in ids and "practice.feedback" in ids  # recorded and bundled
    shot(qtbot, kiosk, f"staff-health-{lang}-1-tiles")
    assert not small_targets(kiosk.window)
    qtbot.mouseClick(page.tile_for("recorded.signin"), LEFT)
    qtbot.waitUntil(lambda: page.check is None and bool(page.results), timeout=WAIT)
    results = page.results
    assert results["mobile"] == "drift" and results["national-id"] == "ok"
    assert results["otp"] == "not_checked"
    assert page.counts()["drift"] == 1
    marks = [page.rows.itemAt(i).widget() for i in range(page.rows.count())]
    statuses = [m.property("status") for m in marks if m.property("status")]
    assert statuses.count("drift") == 1
    assert all(m.accessibleName() for m in marks if m.property("status"))  # words, not colour
    said = kiosk.speaker.history[-1].text
    assert said == page.summary.text()
    if lang == "en":
        assert "drifted: 1" in said and "To fix" in said
        assert any("Drift:" in t for t in page.row_texts())
    kiosk.window.screens["staff"].scroll.verticalScrollBar().setValue(10_000)
    shot(qtbot, kiosk, f"staff-health-{lang}-2-results")
    assert not unnamed_controls(kiosk.window)
    # The bundled flow, unchanged, has no drift.
    qtbot.mouseClick(page.tile_for("practice.signin"), LEFT)
    assert page.service.flow.id == "practice.signin"
    qtbot.waitUntil(lambda: page.check is None and bool(page.results), timeout=WAIT)
    assert "drift" not in page.results.values()
