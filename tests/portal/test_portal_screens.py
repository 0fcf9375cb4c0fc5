"""The practice portal in the real QtWebEngine : full flows and screenshots.

Screenshots go to tests/artifacts/portal/ (sign-in, catalogue, forms with errors, the gateway
and a receipt, in Persian and English) for people to look at.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView

from kiosk.core.flows.allow import AllowList
from kiosk.practice_portal import PracticePortal
from kiosk.services.egress import GATE
from tests.conftest import ARTIFACTS
from tests.portal.helpers import CARD, MOBILE, NATIONAL_ID

SHOTS = ARTIFACTS / "portal"


class Tab:
    """A web view with its own off-the-record profile, driven like a person would."""

    def __init__(self, qtbot, portal: PracticePortal) -> None:
        self.qtbot, self.portal = qtbot, portal
        # The kiosk's proxy lets a web view reach what was admitted: the portal's origins.
        self.egress = GATE.admit(AllowList(origins=portal.bases().values()))
        self.profile = QWebEngineProfile()
        self.cookies: dict[str, str] = {}
        self.profile.cookieStore().cookieAdded.connect(self._cookie)
        self.page = QWebEnginePage(self.profile)
        self.view = QWebEngineView()
        self.view.setPage(self.page)
        self.view.resize(1280, 900)
        self.view.show()
        qtbot.waitExposed(self.view)

    def _cookie(self, cookie) -> None:
        self.cookies[bytes(cookie.name()).decode()] = bytes(cookie.value()).decode()

    @property
    def sid(self) -> str:
        return self.cookies[PracticePortal.SESSION_COOKIE]

    def open(self, url: str) -> None:
        with self.qtbot.waitSignal(self.view.loadFinished, timeout=15000) as blocker:
            self.view.load(QUrl(url))
        assert blocker.args == [True], url

    def js(self, script: str) -> object:
        box: list[object] = []
        self.view.page().runJavaScript(script, 0, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=10000)
        return box[0]

    def act(self, script: str) -> None:
        """Run `script` that navigates (a click or a submit) and wait for the new page."""
        with self.qtbot.waitSignal(self.view.loadFinished, timeout=15000):
            self.view.page().runJavaScript(script)

    def fill(self, **values: str) -> None:
        for name, value in values.items():
            found = self.js(
                f"(function(){{var e=document.querySelector('[name=\"{name}\"]');"
                f"if(!e)return false;e.value={value!r};return true;}})()"
            )
            assert found, name

    def click(self, selector: str) -> None:
        self.act(f"document.querySelector({selector!r}).click()")

    @property
    def url(self) -> str:
        return self.view.url().toString()

    def text(self) -> str:
        return str(self.js("document.body.innerText"))

    def shot(self, name: str) -> None:
        self.qtbot.waitUntil(lambda: self.js("document.fonts.status") == "loaded", timeout=10000)
        self.qtbot.wait(250)  # let the page paint
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert self.view.grab().save(str(SHOTS / f"{name}.png"))

    def close(self) -> None:
        self.view.close()
        shiboken6.delete(self.view)
        shiboken6.delete(self.page)  # the page goes before its profile
        shiboken6.delete(self.profile)
        GATE.release(self.egress)


@pytest.fixture
def tab(qtbot, portal: PracticePortal):
    opened = Tab(qtbot, portal)
    yield opened
    opened.close()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_screens_in_the_real_browser(tab: Tab, portal: PracticePortal, lang: str) -> None:
    base = portal.portal_url
    tab.open(f"{base}lang/{lang}?next=/")
    assert tab.js("document.documentElement.dir") == ("rtl" if lang == "fa" else "ltr")
    assert tab.js("getComputedStyle(document.body).fontFamily").startswith("Vazirmatn")
    tab.shot(f"{lang}-catalogue")

    tab.open(f"{base}signin")
    tab.shot(f"{lang}-signin")
    tab.click("button[type=submit]")  # empty form
    assert tab.js("document.querySelectorAll('.field-error').length") == 3
    tab.shot(f"{lang}-signin-errors")

    tab.fill(national_id=NATIONAL_ID, mobile=MOBILE, captcha=portal.captcha_answer(tab.sid))
    tab.click("button[type=submit]")
    assert tab.url.endswith("/signin/otp")
    tab.shot(f"{lang}-otp-phone")
    tab.fill(otp=portal.current_otp(tab.sid))
    tab.click("button[value=verify]")
    assert tab.url.endswith("/dashboard")

    tab.open(f"{base}services/civil")
    tab.fill(full_name="x", birth_date="1360/13/40")
    tab.click("form[enctype] button[type=submit]")
    assert tab.js("document.querySelectorAll('.field-error').length") == 5
    tab.shot(f"{lang}-civil-errors")

    tab.open(f"{base}bills")
    tab.js("document.querySelector('input[name=bill][value=power]').checked = true")
    tab.click("form[action='/bills'] button[type=submit]")
    tab.click("form[action$='/pay'] button[type=submit]")
    assert tab.url.startswith(portal.gateway_url)
    tab.fill(pan=CARD, cvv2="123", exp_month="12", exp_year="1420")
    tab.click("button[value=pin]")
    token = tab.url.split("token=")[-1] if "token=" in tab.url else None
    tx_token = token or next(iter(portal.gateway.transactions))
    tab.fill(cvv2="123", exp_month="12", exp_year="1420")
    tab.shot(f"{lang}-gateway")
    tab.fill(pin2=portal.dynamic_password(tx_token))
    tab.act(
        "document.querySelector('input[name=pin2]').form.requestSubmit()"
    )  # no button, as Enter
    assert len(portal.charges) == 1, tab.text()
    tab.shot(f"{lang}-gateway-paid")
    tab.click("a.btn-primary")
    assert "/payments/" in tab.url
    tab.shot(f"{lang}-receipt")

    tab.open(f"{base}track?tracking_code=12")
    tab.shot(f"{lang}-track-error")
    tab.open(portal.phishing_url + f"signin?lang={lang}")
    tab.shot(f"{lang}-phishing")


@pytest.mark.slow
def test_date_picker_fills_a_jalali_date(tab: Tab, portal: PracticePortal) -> None:
    tab.open(f"{portal.portal_url}signin")
    tab.fill(national_id=NATIONAL_ID, mobile=MOBILE, captcha=portal.captcha_answer(tab.sid))
    tab.click("button[type=submit]")
    tab.fill(otp=portal.current_otp(tab.sid))
    tab.click("button[value=verify]")
    tab.open(f"{portal.portal_url}services/civil")
    tab.fill(birth_date="1403/12/01")
    tab.js("document.querySelector('.jdp-toggle').click()")
    assert tab.js("document.querySelectorAll('.jdp-grid button').length") == 30  # leap Esfand
    tab.shot("fa-date-picker")
    tab.js("document.querySelector('.jdp-grid button[data-day=\"30\"]').click()")
    assert tab.js("document.querySelector('[name=birth_date]').value") == "۱۴۰۳/۱۲/۳۰"


def test_certificate_pdf_opens_in_qtpdf(qtbot, portal: PracticePortal) -> None:
    from tests.portal.helpers import Browser

    browser = Browser(portal)
    browser.sign_in()
    number = portal.state.sessions[browser.sid].certificates[0].number
    data = browser.get(f"/certificates/{number}.pdf").content
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    qtbot.waitUntil(lambda: document.status() == QPdfDocument.Status.Ready, timeout=5000)
    assert document.pageCount() == 1
    assert "Certificate of Residence" in document.getAllText(0).text()
