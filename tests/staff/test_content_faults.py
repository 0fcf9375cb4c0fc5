"""Issue 14: the faults of Get help's services catalogue and flows are shown where staff look
(staff home, `kiosk doctor`), and Get help still opens with the good services."""

from __future__ import annotations

import json
import shutil

from kiosk.services.assist_catalog import BUNDLED, RECORDED, load_services
from kiosk.services.lessons import LESSONS_DIR
from tests.staff.test_staff_ui import sign_in, with_accounts

SIGNIN_FLOW = LESSONS_DIR / "practice_portal" / "flows" / "signin.json"


def broken_catalogue(data_dir):
    """A recorded-services folder with one good flow, one flow 990 levels deep, and an entry
    whose flow is not a text."""
    folder = data_dir / RECORDED
    folder.mkdir(parents=True, exist_ok=True)
    good = json.loads(SIGNIN_FLOW.read_text(encoding="utf-8"))
    good["id"] = "recorded.good"
    (folder / "good.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "deep.json").write_text("[" * 990 + "]" * 990)
    manifest = {"services": [{"flow": "good.json"}, {"flow": "deep.json"}, {"flow": 5}]}
    (folder / "services.json").write_text(json.dumps(manifest))
    return folder


def test_doctor_lists_the_services_and_packs_and_each_skipped_fault(isolated, qapp):
    from kiosk.commands.doctor import content_rows
    from kiosk.i18n import set_language

    folder = broken_catalogue(isolated)
    set_language("en")
    rows = content_rows(isolated)
    services = [row for row in rows if row[1] == "Get help services"]
    count = len(load_services([BUNDLED])[0]) + 1
    assert services[0] == ("ok", "Get help services", f"{count} services offered")
    faults = [finding for status, _what, finding in services if status == "warn"]
    assert len(faults) == 2
    assert any(str(folder / "deep.json") in f and "levels deep" in f for f in faults)
    assert any(f"{folder / 'services.json'} at /services/2/flow" in f for f in faults)
    packs = [row for row in rows if row[1] == "Lesson packs"]
    assert packs[0][0] == "ok" and "in use" in packs[0][2]


def test_staff_home_shows_the_skipped_services_and_get_help_offers_the_good_ones(
    make_kiosk, qtbot, isolated
):
    folder = broken_catalogue(isolated)
    kiosk = make_kiosk("en")
    kiosk.window.show_screen("help")
    help_screen = kiosk.window.screens["help"]
    qtbot.waitUntil(lambda: help_screen.services.loaded, timeout=10000)
    offered = [s.flow.id for s in help_screen.services.services]
    assert "recorded.good" in offered
    assert set(s.flow.id for s in load_services([BUNDLED])[0]) <= set(offered)

    admin, operator = with_accounts(kiosk)
    kiosk.window.show_screen("home")
    screen = sign_in(qtbot, kiosk, operator, "864200")
    home = screen.page
    qtbot.waitUntil(lambda: home.services.isVisible(), timeout=10000)
    text = home.services.text()
    assert text.startswith("Get help skipped 2 faults")
    assert str(folder / "deep.json") in text and "/services/2/flow" in text

    # Fixed: the next visit to staff home says nothing more.
    shutil.rmtree(folder)
    kiosk.window.show_screen("home")
    screen = sign_in(qtbot, kiosk, admin, "135790")
    home = screen.page
    qtbot.waitUntil(lambda: not home.reading_services.busy, timeout=10000)
    assert not home.services.isVisible()


def test_a_pack_picture_that_cannot_be_shown_is_listed_on_staff_home(
    make_kiosk, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtCore import Qt

    from kiosk.ui import icons
    from tools.synthetic_pack import write_pack

    folder = write_pack(tmp_path / "packs" / "sample", lessons=1)
    picture = folder / "pictograms" / "dot.svg"
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg'><path d=")  # cut short
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    icons.forget()
    try:
        kiosk = make_kiosk("en")
        qtbot.mouseClick(kiosk.window.screens["home"].tiles["learn"], Qt.MouseButton.LeftButton)
        learn = kiosk.window.screens["learn"]
        qtbot.mouseClick(learn.entry.tiles["guest"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(learn.map.tiles[("sample", "lesson-0000")], Qt.MouseButton.LeftButton)
        assert str(picture) in icons.faults()[str(picture)].text()  # drawn as a placeholder

        admin, _operator = with_accounts(kiosk)
        kiosk.window.show_screen("home")
        home = sign_in(qtbot, kiosk, admin, "135790").page
        qtbot.waitUntil(lambda: "Lesson packs in use" in home.packs.text(), timeout=10000)
        assert f"The picture {picture} cannot be shown" in home.packs.text()
    finally:
        icons.forget()
