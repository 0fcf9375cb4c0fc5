"""Bad days in an assisted session: the portal is down, and there is no printer."""

from __future__ import annotations

from kiosk.services.assist import sessions
from kiosk.ui.assist.receipt import ReceiptDialogs
from tests.assist.web import Helper
from tests.gui import spoken


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
