"""The staff pages "Record a portal" and "Check a flow" in the real kiosk window: a complaint
recorded on the practice portal, edited, saved and replayed; a renamed field shown as drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton

from kiosk.services.assist_catalog import MANIFEST, load_services
from kiosk.services.portal import PortalService
from kiosk.services.staff import audit_rows
from tests.assist.test_health import broken_mobile
from tests.assist.test_recorder import MESSAGE, record_complaint, replay
from tests.assist.web import SHOTS
from tests.gui import laid_out, utterances
from tests.guide import scenarios
from tests.guide.web import FLOWS, WAIT, GuidedTab
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
    kiosk.window.ctx.portal = PortalService(portal)  # the run's portal, not a new one
    ids = [s.flow.id for s in page.services]
    assert "recorded.signin" in ids and "practice.feedback" in ids  # recorded and bundled
    shot(qtbot, kiosk, f"staff-health-{lang}-1-tiles")
    assert not small_targets(kiosk.window)
    qtbot.mouseClick(page.tile_for("recorded.signin"), LEFT)
    qtbot.waitUntil(lambda: page.check is None and bool(page.results), timeout=WAIT)
    results = page.results
    assert results["mobile"].status == "drift" and results["national-id"].status == "ok"
    assert (results["otp"].status, results["otp"].reason) == ("unreachable", "drifted")
    assert page.counts()["drift"] == 1
    marks = [page.rows.itemAt(i).widget() for i in range(page.rows.count())]
    statuses = [m.property("status") for m in marks if m.property("status")]
    assert statuses.count("drift") == 1
    assert all(m.accessibleName() for m in marks if m.property("status"))  # words, not colour
    said = utterances(kiosk)[-1].text
    assert said == page.summary.text()
    if lang == "en":
        assert "drifted: 1" in said and "To fix" in said
        rows = page.row_texts()
        # To what: the one field of the page no other step finds; why the rest was not reached.
        assert any("Drift:" in t and "the field “\u2068شماره همراه\u2069”" in t for t in rows), rows
        assert any("Not reached" in t and "Step 2 drifted" in t for t in rows), rows
    kiosk.window.screens["staff"].scroll.verticalScrollBar().setValue(10_000)
    shot(qtbot, kiosk, f"staff-health-{lang}-2-results")
    assert not unnamed_controls(kiosk.window)
    # The bundled flow, unchanged, has no drift.
    qtbot.mouseClick(page.tile_for("practice.signin"), LEFT)
    assert page.service.flow.id == "practice.signin"
    laid_out(kiosk.window)
    checking = tile_places(page)
    qtbot.waitUntil(lambda: page.check is None and bool(page.results), timeout=WAIT)
    assert {r.status for r in page.results.values()} == {"ok"}, page.results
    # The check ending moves no tile: the operator may be reaching for the next one.
    laid_out(kiosk.window)
    assert tile_places(page) == checking


def tile_places(page) -> list[tuple]:
    window = page.window()
    return [tile.mapTo(window, tile.rect().topLeft()).toTuple() for tile in page.tiles]


class RecordingTab(GuidedTab):
    """The guide tests' person, at the recorder page's sealed browser (in the kiosk window)."""

    def __init__(self, qtbot, portal, ctx, browser) -> None:
        self.qtbot, self.portal, self.ctx = qtbot, portal, ctx
        self.page, self.view, self.session = browser.page, browser.view, None
        self.cookies = {}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_record_edit_save_and_replay_the_complaint(
    make_kiosk, qtbot, portal, isolated: Path, lang: str
) -> None:
    kiosk = make_kiosk(lang, (1280, 800))
    page = open_page(qtbot, kiosk, "record_flow")
    assert page.objectName() == "staff_page_record_flow"
    kiosk.window.ctx.portal = PortalService(portal)  # the run's portal, not a new one
    # An address off the allow-list is refused, shown and spoken.
    page.address.setText("https://example.com/")
    qtbot.mouseClick(page.start_button, LEFT)
    assert page.recorder is None and page.message.isVisible()
    assert utterances(kiosk)[-1].text == page.message.text()
    qtbot.mouseClick(page.choices["practice"], LEFT)
    assert page.address.text() == portal.portal_url
    page.address.setText(f"{portal.portal_url}services/feedback")
    page.flow_id.setText("recorded.complaint")
    qtbot.mouseClick(page.start_button, LEFT)
    assert page.recorder is not None
    draft = page.draft
    qtbot.waitUntil(lambda: draft.start is not None, timeout=WAIT)
    person = RecordingTab(qtbot, portal, kiosk.window.ctx, page.recorder.browser)
    qtbot.waitUntil(lambda: person.js("document.fonts.status") == "loaded", timeout=WAIT)
    record_complaint(person)
    qtbot.waitUntil(lambda: len(draft.steps) >= 6, timeout=WAIT)
    assert page.step_list.text().count("\n") == 5  # listed beside the page as they come
    shot(qtbot, kiosk, f"staff-record-{lang}-1-recording")
    assert not small_targets(kiosk.window)
    qtbot.mouseClick(page.stop_button, LEFT)
    assert page.recorder is None and len(page.editors) == 6
    # The operator edits a text, marks the mobile number private, previews, fills the card.
    message, mobile = page.editors[3], page.editors[4]
    message.fa.setText("پیام خود را بنویسید.")
    message.en.clear()
    qtbot.keyClicks(message.en, "Type your message.")
    box = mobile.private  # laid out (as wide as its words) once the event loop has run
    qtbot.waitUntil(lambda: box.isVisible() and box.hitButton(box.rect().center()))
    qtbot.mouseClick(box, LEFT)
    assert mobile.step.private
    qtbot.mouseClick(message.hear_en, LEFT)
    said = utterances(kiosk)[-1]
    assert (said.text, said.lang, said.cacheable) == ("Type your message.", "en", False)
    fields = page.fields
    fields["title_fa"].setText("شکایت (ضبط‌شده)")
    fields["fee_fa"].setText("رایگان")
    fields["fee_en"].setText("Free")
    fields["docs_fa"].setText("گوشی همراه")
    fields["docs_en"].setText("Your mobile phone")
    fields["minutes"].setText("۱۰")
    # The English title is missing: not saved, the fault named by its JSON pointer and spoken.
    qtbot.mouseClick(page.save_button, LEFT)
    assert "/title/en" in page.message.text()
    assert utterances(kiosk)[-1].text == page.message.text()
    assert not (isolated / "flows" / "recorded.complaint.json").exists()
    fields["title_en"].setText("Complaint (recorded)")
    qtbot.mouseClick(page.save_button, LEFT)
    path = isolated / "flows" / "recorded.complaint.json"
    assert path.is_file(), page.message.text()
    assert "recorded.complaint.json" in utterances(kiosk)[-1].text
    shot(qtbot, kiosk, f"staff-record-{lang}-2-saved")
    scroll = kiosk.window.screens["staff"].scroll
    scroll.ensureWidgetVisible(mobile, 0, 0)
    shot(qtbot, kiosk, f"staff-record-{lang}-3-steps")
    scroll.ensureWidgetVisible(page.save_button, 0, 0)
    shot(qtbot, kiosk, f"staff-record-{lang}-4-card")
    assert not small_targets(kiosk.window) and not unnamed_controls(kiosk.window)
    text = path.read_text(encoding="utf-8")
    for typed in ("صف طولانی", MESSAGE, scenarios.MOBILE):
        assert typed not in text
    data = json.loads(text)
    assert data["steps"][3]["text"]["fa"] == "پیام خود را بنویسید."
    assert data["steps"][4]["kind"] == "citizen_private"
    assert data["origins"]["portal"] == "{portal}"
    audit = [r for r in audit_rows(kiosk.store) if r["action"] == "flows.record"]
    assert audit[-1]["details"]["flow"] == "recorded.complaint"
    assert audit[-1]["details"]["private_steps"] == 1
    services, faults = load_services([isolated / "flows"])
    assert not faults and len(services) == 1
    service = services[0]
    assert not service.verified and service.minutes == 10
    assert service.card.documents == ({"fa": "گوشی همراه", "en": "Your mobile phone"},)
    assert replay(qtbot, portal, kiosk.window.ctx, service)[0] == "completed"
    assert load_services([isolated / "flows"])[0][0].verified


def test_get_help_offers_a_newly_recorded_flow_without_a_restart(make_kiosk, qtbot, isolated: Path):
    kiosk = make_kiosk("en")
    kiosk.window.show_screen("help")
    help_screen = kiosk.window.screens["help"]
    qtbot.waitUntil(lambda: not help_screen.loading.busy, timeout=10000)  # read in the background
    before = [s.flow.id for s in help_screen.services.services]
    assert "recorded.signin" not in before
    install_renamed_signin(kiosk.staff.data_dir)  # as the recorder saves a flow
    kiosk.window.show_screen("home")
    kiosk.window.show_screen("help")
    qtbot.waitUntil(lambda: not help_screen.loading.busy, timeout=10000)
    after = [s.flow.id for s in help_screen.services.services]
    assert "recorded.signin" in after and set(before) <= set(after)
    tile = help_screen.services.tiles[after.index("recorded.signin")]
    assert "not yet checked" in tile.label


def test_opening_get_help_again_keeps_the_tiles_under_the_finger(make_kiosk, qtbot):
    """The services are read again each time Get help opens; when nothing changed, the very
    same tiles stay, so a touch that began on one is not lost to its replacement."""
    kiosk = make_kiosk("en")
    help_screen = kiosk.window.screens["help"]
    kiosk.window.show_screen("help")
    qtbot.waitUntil(lambda: not help_screen.loading.busy and help_screen.services.loaded)
    tiles = list(help_screen.services.tiles)
    assert tiles
    reads = []
    help_screen.loading.succeeded.connect(lambda *_: reads.append(True))
    kiosk.window.show_screen("home")
    kiosk.window.show_screen("help")
    qtbot.waitUntil(lambda: bool(reads) and not help_screen.loading.busy)
    assert help_screen.services.tiles == tiles
    assert all(tile.isVisible() for tile in tiles)
    qtbot.mouseClick(tiles[0], LEFT)
    assert help_screen.current_page() is help_screen.info


def test_new_service_tiles_are_laid_out_at_once_at_the_pages_width(make_kiosk, qtbot):
    """A new list of services shows in its final columns from the first moment: a person (or
    the journey) touching what they see never aims at a passing one-column picture."""
    kiosk = make_kiosk("en", (1920, 1080))
    help_screen = kiosk.window.screens["help"]
    kiosk.window.show_screen("help")
    page = help_screen.services
    qtbot.waitUntil(lambda: not help_screen.loading.busy and page.loaded)
    qtbot.waitUntil(lambda: page.tiles[0].width() < page.width() // 2)  # two columns at 1920
    page.set_services(list(reversed(page.services)))  # a changed list: new tiles
    first, second = page.tiles[0], page.tiles[1]
    assert first.isVisible() and first.width() < page.width() // 2  # no event loop turn yet
    assert first.geometry().top() == second.geometry().top()


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "size"), [("fa", (1920, 1080)), ("en", (1280, 800))])
def test_recording_at_200_percent_keeps_stop_the_steps_and_the_page_on_screen(
    make_kiosk, qtbot, portal, lang: str, size: tuple[int, int]
) -> None:
    """While recording, the page, Stop and the steps share the screen and nothing scrolls away:
    at 200 % the page once grew with the text, and the steps and Stop were out of sight (the
    staff journey at 1920 x 1080 waited for them in vain)."""
    from tests.layout.checker import in_window

    kiosk = make_kiosk(lang, size)
    kiosk.settings.set("text_scale", 200)
    page = open_page(qtbot, kiosk, "record_flow")
    kiosk.window.ctx.portal = PortalService(portal)
    qtbot.mouseClick(page.choices["practice"], LEFT)
    page.address.setText(f"{portal.portal_url}services/feedback")
    qtbot.mouseClick(page.start_button, LEFT)
    recorder, draft = page.recorder, page.draft
    assert recorder is not None and draft is not None
    qtbot.waitUntil(lambda: draft.start is not None, timeout=WAIT)
    person = RecordingTab(qtbot, portal, kiosk.window.ctx, recorder.browser)
    record_complaint(person)
    qtbot.waitUntil(lambda: len(draft.steps) >= 6, timeout=WAIT)
    # A long recording: more steps, reported the way the page's script reports them.
    for number in range(30):
        locator = {"label": f"Field {number}"}
        report = {"type": "step", "action": "input", "url": portal.portal_url, "lang": lang}
        recorder._channel_object.reported.emit({**report, "locators": [locator]})
    assert len(draft.steps) >= 36
    screen = kiosk.window.screens["staff"]
    qtbot.waitUntil(lambda: screen.scroll.verticalScrollBar().maximum() == 0)
    viewport = in_window(screen.scroll.viewport())
    for widget in (page.stop_button, recorder.browser.view, page.steps_scroll):
        assert widget.isVisible() and viewport.contains(in_window(widget)), widget.objectName()
    # The newest step is the one in view.
    bar = page.steps_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    shot(qtbot, kiosk, f"staff-record-{lang}-{size[0]}-200-recording")
    # On the page's own colour, not a scroll area's grey (white text on it in high contrast).
    steps = in_window(page.steps_scroll.viewport())
    image = kiosk.window.grab(steps).toImage()
    window = QColor(kiosk.window.ctx.theme.palette.window).rgb()
    pixels = [
        image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)
    ]
    assert pixels.count(window) > len(pixels) / 2
    qtbot.mouseClick(page.stop_button, LEFT)
    assert len(page.editors) == len(draft.steps) and page.title.isVisible()


@pytest.mark.parametrize("what", ["recording", "health check"])
def test_quitting_mid_recording_or_check_deletes_its_web_page_first(
    make_kiosk, qtbot, portal, isolated: Path, what: str
) -> None:
    """SIGTERM while a page was recorded segfaulted the kiosk on its way out: the recorder's
    web page outlived its profile. The staff pages now stop their browsers when the kiosk quits,
    as the Get-help and Learn screens do."""
    import shiboken6

    from kiosk.app import flush_deferred_deletes

    kiosk = make_kiosk("en")
    kiosk.window.ctx.portal = PortalService(portal)
    if what == "recording":
        page = open_page(qtbot, kiosk, "record_flow")
        qtbot.mouseClick(page.choices["practice"], LEFT)
        qtbot.mouseClick(page.start_button, LEFT)
        browser = page.recorder.browser
        qtbot.waitUntil(lambda: page.draft.start is not None, timeout=WAIT)  # the page is up
    else:
        page = open_page(qtbot, kiosk, "flow_health")
        qtbot.waitUntil(lambda: bool(page.tiles), timeout=10000)
        qtbot.mouseClick(page.tiles[0], LEFT)
        browser = page.check.browser  # still under way: its first page is loading
    web_page = browser.page
    assert not browser.destroyed_
    kiosk.window.shutdown_screens()
    flush_deferred_deletes()
    assert browser.destroyed_
    assert not shiboken6.isValid(web_page)
