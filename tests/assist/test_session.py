"""A full assisted session in the real kiosk window against the practice portal: consent, a
guided sign-in with a one-time code, a card payment, the receipt saved as PDF, feedback, and
the wipe — then nothing the citizen typed is anywhere on disk, and the next session is signed out.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.services.assist import drop_off, sessions
from kiosk.services.logs import configure_logging
from kiosk.ui.assist.receipt import ReceiptDialogs
from kiosk.ui.widgets.tile import Tile
from tests.assist.web import Helper, SessionTab
from tests.gui import spoken
from tests.guide import scenarios
from tests.guide.test_privacy import files_containing
from tests.layout.checker import settle

FLOW = "assist.practice.pay-bill"


def controls_at(page) -> dict[str, tuple]:
    """Where each button of the session page is, in the window."""
    window = page.window()
    return {
        tile.objectName(): tile.mapTo(window, tile.rect().topLeft()).toTuple()
        for tile in page.findChildren(Tile)
        if tile.isVisible()
    }


def sign_in(tab: SessionTab, otp_seen: list[str]) -> None:
    tab.at("national-id")
    tab.type("[name=national_id]", scenarios.NATIONAL_ID)
    tab.at("mobile")
    tab.type("[name=mobile]", scenarios.MOBILE)
    tab.at("captcha")
    tab.type("[name=captcha]", tab.portal.captcha_answer(tab.sid))
    tab.at("send")
    tab.click("form[action='/signin'] button[type=submit]")
    tab.at("otp")
    otp_seen.append(tab.portal.current_otp(tab.sid))
    tab.type("[name=otp]", otp_seen[-1])
    tab.at("verify")
    tab.click("button[value=verify]")


@pytest.mark.slow
def test_full_assisted_session_leaves_no_trace(
    make_kiosk, qtbot, portal, isolated: Path, tmp_path: Path, monkeypatch, caplog
) -> None:
    configure_logging(isolated, level=logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        kiosk = make_kiosk("en", (1600, 1000))
        helper = Helper(qtbot, kiosk, portal)
        screen = helper.open()
        helper.choose(FLOW)
        said = spoken(kiosk)[-1]
        assert "No fee" in said and "A bank card" in said and "10 minutes" in said
        helper.click(screen.info.start_tile)
        assert "Nothing you type is kept" in spoken(kiosk)[-1]
        helper.click(screen.consent.agree)
        tab = SessionTab(qtbot, portal, screen)
        browser = screen.session.browser
        temp = browser.temp
        assert temp.is_dir()
        otp_seen: list[str] = []
        sign_in(tab, otp_seen)
        scenarios_bill = scenarios.bill_payment
        # The receipt step: save it as PDF where the citizen chooses, before going on.
        receipt = tmp_path / "usb" / "receipt.pdf"
        receipt.parent.mkdir()
        monkeypatch.setattr(ReceiptDialogs, "pdf_path", classmethod(lambda *a: str(receipt)))
        original_ack = tab.session.operator

        def at_receipt_save_first(action: str) -> None:
            if action == "ack" and tab.step == "receipt":
                page = screen.session_page
                assert page.pdf_tile.isVisible()
                before = controls_at(page)
                helper.click(page.pdf_tile)
                helper.wait(lambda: receipt.exists() and receipt.stat().st_size > 1000)
                helper.wait(page.message.isVisible)
                settle()  # laid out as a person sees it
                # "The receipt is saved" shows under the guide: nothing moves under the finger.
                assert controls_at(page) == before
            original_ack(action)

        tab.session.operator = at_receipt_save_first  # type: ignore[method-assign]
        scenarios_bill(tab)
        tab.finished("completed")
        assert receipt.read_bytes().startswith(b"%PDF")
        assert screen.session_page.finish_tile.isVisible()
        helper.click(screen.session_page.finish_tile)
        # Wiped at once: page, profile, temp folder; clipboard empty.
        assert screen.current_page() is screen.feedback
        assert not temp.exists()
        helper.click(screen.feedback.faces[3])
        helper.click(screen.feedback.answers[True])
        helper.click(screen.feedback.finish)
        assert kiosk.window.current_screen().key == "home"
        rows = sessions(kiosk.store)
        assert len(rows) == 1
        row = rows[0]
        assert (row["flow_id"], row["flow_version"], row["outcome"]) == (FLOW, 1, "completed")
        assert (row["satisfaction"], row["solved"]) == (3, 1)
        assert row["steps_reached"] >= 15 and row["ended_at"]
        assert drop_off(kiosk.store)[0].completed == 1
        kiosk.store.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
        secrets = [scenarios.NATIONAL_ID, scenarios.MOBILE, otp_seen[-1], scenarios.CARD]
        assert not files_containing(isolated, secrets)
        assert not files_containing(tmp_path / "home", secrets)
        assert not [r for r in caplog.records if any(s in r.getMessage() for s in secrets)]
        assert not [t for t in spoken(kiosk) if any(s in t for s in secrets)]
        # A new session on the same portal starts signed out: no cookie, storage or cache left.
        helper.open()
        helper.choose("practice.signin")
        tab = helper.agree()
        tab.at("national-id")
        assert tab.url.endswith("/signin")
        assert tab.js("localStorage.length") == 0
        kiosk.window.end_session("idle")
        assert sessions(kiosk.store)[-1]["outcome"] == "timed_out"
    finally:
        configure_logging(None)
