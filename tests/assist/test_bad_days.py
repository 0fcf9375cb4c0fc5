"""Bad days in an assisted session: the portal is down, no printer, Stop mid-payment, alerts."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from kiosk.services.assist import sessions
from kiosk.ui.assist.receipt import ReceiptDialogs
from tests.assist.web import Helper
from tests.fake_engine import cached_texts
from tests.gui import played, spoken, utterances


def test_a_portal_that_is_down_is_recorded_as_unavailable_and_said(make_kiosk, qtbot, portal):
    kiosk = make_kiosk("en", (1600, 1000))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    portal.maintenance = True  # every page of the portal answers 503
    helper.choose("practice.signin")
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    session = screen.session
    qtbot.waitUntil(lambda: session._page_trouble, timeout=30_000)
    page = screen.session_page
    helper.click(page.panel.op_stop)
    qtbot.waitUntil(lambda: page.end_tile.isVisible(), timeout=10_000)
    helper.click(page.end_tile)
    helper.click(screen.feedback.finish)
    row = sessions(kiosk.store)[-1]
    assert row["outcome"] == "portal_unavailable"
    assert session.browser is None or session.browser.destroyed_


def test_no_printer_says_so_and_offers_the_pdf(make_kiosk, qtbot, portal, monkeypatch):
    kiosk = make_kiosk("en", (1600, 1000))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose("practice.signin")
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    page = screen.session_page
    monkeypatch.setattr(ReceiptDialogs, "printer_available", classmethod(lambda cls: False))
    page.print_tile.click()  # the Print tile of a receipt step
    assert "no printer" in spoken(kiosk)[-1]
    assert page.pdf_tile.isVisible()
    helper.click(page.panel.op_stop)


def test_stop_in_the_middle_of_a_payment_charges_nothing_and_leaves_no_trace(
    make_kiosk, qtbot, portal, isolated, tmp_path
):
    from tests.assist.test_session import FLOW, sign_in
    from tests.assist.web import SessionTab
    from tests.guide import scenarios
    from tests.guide.test_privacy import files_containing

    kiosk = make_kiosk("en", (1600, 1000))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose(FLOW)
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    tab = SessionTab(qtbot, portal, screen)
    temp = screen.session.browser.temp
    otp_seen: list[str] = []
    sign_in(tab, otp_seen)
    tab.at("choose")
    tab.click("input[name=bill][value=water]", navigates=False)
    tab.at("continue")
    tab.click("form[action='/bills'] button[type=submit]")
    tab.at("review")
    tab.session.operator("ack")
    tab.at("pay")
    tab.click("form[action$='/pay'] button[type=submit]")
    tab.at("card")
    tab.type("[name=pan]", scenarios.CARD)  # the card is typed on the gateway, then: Stop
    page = screen.session_page
    helper.click(page.panel.op_stop)
    qtbot.waitUntil(lambda: page.end_tile.isVisible(), timeout=10_000)
    helper.click(page.end_tile)
    assert screen.current_page() is screen.feedback
    assert not temp.exists()
    helper.click(screen.feedback.finish)
    row = sessions(kiosk.store)[-1]
    assert row["outcome"] == "abandoned" and row["end_step"] >= 10
    assert len(portal.charges) == 0
    kiosk.store.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    secrets = [scenarios.NATIONAL_ID, scenarios.MOBILE, otp_seen[-1], scenarios.CARD]
    assert not files_containing(isolated, secrets)
    assert not [t for t in spoken(kiosk) if any(s in t for s in secrets)]


def test_a_page_alert_is_shown_and_spoken_to_the_operator_never_kept(
    make_kiosk, qtbot, portal, isolated
):
    from tests.assist.web import SessionTab
    from tests.guide.test_privacy import files_containing

    kiosk = make_kiosk("en", (1600, 1000))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose("practice.signin")
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    tab = SessionTab(qtbot, portal, screen)
    tab.at("national-id")
    message = "Your session number is 7719-4402"
    # The alert is the kiosk's own box over the page (kiosk.ui.web.page_dialog); the
    # operator taps OK once its words have started to play, from the box's own event loop.
    dialogs = screen.session_page.session.dialogs
    shown: list[str] = []

    def answer(box) -> None:
        if any(message in t for t in played(kiosk)):
            box.yes.click()
        else:
            QTimer.singleShot(20, lambda: answer(box))

    dialogs.shown.connect(lambda box: (shown.append(box.text.text()), answer(box)))
    tab.js(f"setTimeout(() => alert({message!r}), 0); 1")
    qtbot.waitUntil(lambda: bool(shown) and not dialogs.open, timeout=10_000)
    assert shown == [message]
    uttered = next(u for u in utterances(kiosk) if message in u.text)
    assert uttered.cacheable is False  # page text: synthesized in memory, never cached
    # Played (synthesized, past the cache), yet not in the speech cache on disk.
    assert uttered.text in played(kiosk)
    cached = cached_texts(kiosk.data_dir)
    assert cached and not [t for t in cached if "session number" in t]
    helper.click(screen.session_page.panel.op_stop)
    assert not files_containing(isolated, ["7719-4402"])
