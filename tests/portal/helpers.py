"""A requests-based browser for the practice portal tests, with the scenario steps as methods."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from kiosk.practice_portal import PracticePortal

NATIONAL_ID = "0010350829"  # valid check digit
MOBILE = "09123456789"
CARD = "9000001234567898"  # the gateway's practice card (Luhn-valid)
# The smallest valid PNG (1x1), enough for the magic-number check.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def hidden(html: str, name: str) -> str:
    """The value of the hidden input `name` in a page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return unescape(match.group(1))


def field_error(html: str, name: str) -> str | None:
    """The error message shown under field `name`, if any."""
    match = re.search(rf'id="{name}-error">([^<]*)<', html)
    return unescape(match.group(1)) if match else None


class Browser:
    """One browser session: a cookie jar plus the portal's steps."""

    def __init__(self, portal: PracticePortal) -> None:
        self.portal = portal
        self.http = requests.Session()

    @property
    def sid(self) -> str:
        return self.http.cookies.get(PracticePortal.SESSION_COOKIE, "")

    def url(self, path: str) -> str:
        return urljoin(self.portal.portal_url, path)

    def get(self, path: str, **kw) -> requests.Response:
        return self.http.get(self.url(path), timeout=20, **kw)

    def post(self, path: str, data=None, **kw) -> requests.Response:
        return self.http.post(self.url(path), data=data, timeout=20, **kw)

    def start_sign_in(
        self,
        national_id: str = NATIONAL_ID,
        mobile: str = MOBILE,
        captcha: str | None = None,
        next_path: str = "/dashboard",
    ) -> requests.Response:
        self.get(f"/signin?next={next_path}")
        answer = self.portal.captcha_answer(self.sid) if captcha is None else captcha
        return self.post(
            "/signin",
            {"national_id": national_id, "mobile": mobile, "captcha": answer, "next": next_path},
        )

    def sign_in(self, **kw) -> requests.Response:
        page = self.start_sign_in(**kw)
        assert page.url.endswith("/signin/otp"), page.url
        otp = self.portal.current_otp(self.sid)
        result = self.post("/signin/otp", {"otp": otp, "action": "verify"})
        assert result.status_code == 200
        return result

    def civil_form_data(self, **overrides: str) -> dict[str, str]:
        data = {
            "request_type": "birth_copy",
            "full_name": "مریم احمدی",
            "father_name": "علی",
            "birth_date": "۱۳۶۰/۰۵/۱۲",
        }
        data.update(overrides)
        return data

    def submit_civil(self, photo: bytes = PNG, **overrides: str) -> requests.Response:
        files = {"document_photo": ("id.png", photo, "image/png")}
        return self.post("/services/civil", self.civil_form_data(**overrides), files=files)

    def start_payment(self, bill: str = "water") -> requests.Response:
        """From the bills page to the gateway's card form."""
        self.post("/bills", {"bill": bill})
        review = self.get(f"/bills/{bill}/review")
        token = hidden(review.text, "form_token")
        return self.post(f"/bills/{bill}/pay", {"form_token": token})


def gateway_token(response: requests.Response) -> str:
    """The transaction token in a gateway URL."""
    return parse_qs(urlsplit(response.url).query)["token"][0]


def card_form(token: str, **overrides: str) -> dict[str, str]:
    """A complete, valid gateway form (dynamic password to be added)."""
    data = {
        "token": token,
        "pan": CARD,
        "cvv2": "123",
        "exp_month": "12",
        "exp_year": "1420",
        "email": "",
    }
    data.update(overrides)
    return data
