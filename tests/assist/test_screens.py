"""Screenshots of Get help in Persian and English (service tiles, info card, consent, a guided
page, a citizen-private step, feedback faces), targets of at least 64 px, and Stop mid-way."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from kiosk.services.assist import sessions
from tests.assist.web import Helper
from tests.gui import spoken
from tests.guide import scenarios


def small_targets(widget) -> list[str]:
    return [
        f"{b.objectName()} {b.width()}x{b.height()}"
        for b in widget.findChildren(QAbstractButton)
        if b.isVisible() and (b.width() < 64 or b.height() < 64)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_screenshots_of_get_help(make_kiosk, qtbot, portal, lang: str) -> None:
    kiosk = make_kiosk(lang, (1280, 800))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.shot(f"{lang}-1-services")
    assert not small_targets(kiosk.window)
    helper.choose("practice.signin")
    helper.shot(f"{lang}-2-info-card")
    helper.click(screen.info.start_tile)
    helper.shot(f"{lang}-3-consent")
    assert not small_targets(kiosk.window)
    helper.click(screen.consent.agree)
    tab = helper.tab()
    tab.at("national-id")
    tab.qtbot.waitUntil(lambda: tab.js("document.fonts.status") == "loaded")
    helper.shot(f"{lang}-4-guided-page")
    tab.type("[name=national_id]", scenarios.NATIONAL_ID)
    tab.at("mobile")
    tab.type("[name=mobile]", scenarios.MOBILE)
    tab.at("captcha")
    tab.type("[name=captcha]", portal.captcha_answer(tab.sid))
    tab.at("send")
    tab.click("form[action='/signin'] button[type=submit]")
    tab.at("otp")
    page = screen.session_page
    assert page.privacy.isVisible()
    look_away = kiosk.window.ctx.tr("Operator: please look away while the citizen types.")
    assert any(look_away.split(":")[0] in s or "look away" in s for s in spoken(kiosk)[-3:]) or (
        lang == "fa"
    )
    helper.shot(f"{lang}-5-private-step")
    assert not small_targets(page)
    # The operator presses Stop mid-way: the guide stops, End wipes, feedback follows.
    helper.click(page.panel.op_stop)
    tab.finished("aborted")
    assert page.end_tile.isVisible()
    helper.click(page.end_tile)
    assert screen.current_page() is screen.feedback
    helper.click(screen.feedback.faces[2])
    helper.shot(f"{lang}-6-feedback")
    assert not small_targets(kiosk.window)
    helper.click(screen.feedback.finish)
    row = sessions(kiosk.store)[-1]
    assert (row["outcome"], row["end_step"], row["satisfaction"]) == ("abandoned", 5, 2)
    assert row["solved"] is None


@pytest.mark.slow
def test_the_first_step_is_shown_in_the_session_page(make_kiosk, qtbot, portal) -> None:
    """The guide panel, built with the session, shows the first step's words and number (it
    once missed them: the guide had already started when the panel connected)."""
    kiosk = make_kiosk("en", (1280, 800))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose("assist.practice.pay-bill")
    tab = helper.agree()
    tab.at("national-id")
    panel = screen.session_page.panel
    first = screen.service.flow.steps[0]
    assert panel.instruction.text() == first.text["en"]
    assert panel.counter.text().startswith("Step 1 of ")


@pytest.mark.slow
def test_a_wrong_vendored_library_refuses_the_session_naming_the_file(
    make_kiosk, qtbot, portal, monkeypatch, tmp_path
) -> None:
    """No sealed browser, no guide on weaker matching: the consent page says which file."""
    from kiosk.ui.web import bridge

    missing = tmp_path / "dom-accessibility-api.js"
    monkeypatch.setattr(bridge, "A11Y_FILE", missing)
    kiosk = make_kiosk("en", (1280, 800))
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose("assist.practice.pay-bill")
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    assert screen.session is None
    assert screen.current_page() is screen.consent
    assert str(missing) in screen.consent.message.text()
    assert any(str(missing) in text for text in spoken(kiosk))
