"""Scenarios 6–8 and staff controls: certificate PDF, phishing copy, reset of all state."""

from __future__ import annotations

import re

import requests

from tests.portal.helpers import Browser, hidden


def _pdf_is_well_formed(data: bytes) -> None:
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref")
    offsets = [int(m) for m in re.findall(rb"(\d{10}) 00000 n ", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(f"{number} 0 obj".encode())


def test_certificate_download_is_a_real_pdf(citizen: Browser) -> None:
    page = citizen.get("/certificates")
    links = re.findall(r'href="(/certificates/\d+\.pdf)"', page.text)
    assert len(links) == 2 and "گواهی عدم سوءپیشینه" in page.text
    pdf = citizen.get(links[0])
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "attachment" in pdf.headers["Content-Disposition"]
    _pdf_is_well_formed(pdf.content)
    assert b"0010350829" in pdf.content and b"PRACTICE COPY" in pdf.content


def test_certificates_need_sign_in_and_ownership(browser: Browser) -> None:
    assert "/signin" in browser.get("/certificates/140308291.pdf").url
    browser.sign_in()
    assert browser.get("/certificates/999.pdf").status_code == 404


def test_phishing_copy_looks_alike_but_is_elsewhere_and_keeps_nothing(browser: Browser) -> None:
    portal = browser.portal
    fake = requests.get(portal.phishing_url, timeout=20)
    real = browser.get("/signin")
    assert portal.phishing_url not in (portal.portal_url, portal.gateway_url)
    assert "ورود به پنجره واحد" in fake.text and "ورود به پنجره واحد" in real.text
    assert 'name="card"' in fake.text and 'name="pin"' in fake.text  # the red flag
    reveal = requests.post(
        portal.phishing_url + "signin",
        {"national_id": "0010350829", "mobile": "09123456789", "card": "9000001234567898",
         "pin": "4321", "captcha": "1", "lang": "fa"},
        timeout=20,
    )  # fmt: skip
    assert "این یک سایت جعلی بود!" in reveal.text
    assert portal.phishing_url in reveal.text and portal.portal_url in reveal.text
    assert "0010350829" not in reveal.text and "4321" not in reveal.text
    english = requests.get(portal.phishing_url + "signin?lang=en", timeout=20)
    assert "Sign in to the single window" in english.text
    assert requests.get(portal.phishing_url + "static/portal.css", timeout=20).ok


def test_reset_hook_forgets_everything(citizen: Browser) -> None:
    portal = citizen.portal
    review = citizen.submit_civil()
    citizen.post("/services/civil/submit", {"form_token": hidden(review.text, "form_token")})
    assert portal.state.tracked and portal.state.sessions
    portal.reset()
    assert not portal.state.tracked and not portal.state.sessions and not portal.charges
    page = citizen.get("/dashboard")  # the old cookie is unknown now: signed out, new session
    assert "/signin" in page.url


def test_reset_endpoint_for_the_staff_button(citizen: Browser) -> None:
    portal = citizen.portal
    assert citizen.post("/__reset", {"token": "wrong"}).status_code == 403
    assert citizen.get("/__reset").status_code == 405
    assert portal.state.sessions
    answer = requests.post(
        portal.portal_url + "__reset", headers={"X-Reset-Token": portal.reset_token}, timeout=20
    )
    assert answer.json() == {"reset": True} and not portal.state.sessions
    assert "/signin" in citizen.get("/dashboard").url


def test_malformed_and_forged_posts(browser: Browser) -> None:
    bad = browser.post(
        "/signin", b"--x\r\nbroken", headers={"Content-Type": "multipart/form-data; boundary=x"}
    )
    assert bad.status_code == 400
    assert browser.post("/", {}).status_code == 405
    browser.start_sign_in(next_path="https://evil.example/")
    done = browser.post("/signin/otp", {"otp": browser.portal.current_otp(browser.sid)})
    assert done.url == browser.portal.portal_url + "dashboard"  # never an outside redirect
