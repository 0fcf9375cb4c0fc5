"""Validation of Iranian identity and payment data: digits, national ID, mobile, card, dates.

Every `parse_*` function takes what a person typed (Persian, Arabic-Indic or Latin digits,
stray spaces) and returns the canonical value, or raises `FieldError` with a short code
(`required`, `digits`, `length`, `checksum`, ...) that the caller turns into a message.
"""

from __future__ import annotations

import re

from kiosk.core import jalali

_TO_LATIN = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩",
    "01234567890123456789",
)
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_SEPARATORS = re.compile(r"[\s\-_\u200c\u200e\u200f]+")


class FieldError(ValueError):
    """A field's value is not acceptable; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normalise_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with Latin ones."""
    return text.translate(_TO_LATIN)


def persian_digits(text: str) -> str:
    """Replace Latin digits with Persian ones (for display on Persian pages)."""
    return text.translate(_TO_PERSIAN)


def _digits_only(raw: str | None, *, keep_plus: bool = False) -> str:
    """Normalised digits with separators removed; raises `required` or `digits`."""
    text = _SEPARATORS.sub("", normalise_digits(raw or ""))
    if not text:
        raise FieldError("required")
    body = text[1:] if keep_plus and text.startswith("+") else text
    if not body.isascii() or not body.isdigit():
        raise FieldError("digits")
    return text


def national_id_checksum_ok(code: str) -> bool:
    """Whether a 10-digit national ID's last digit matches its check digit."""
    if len(code) != 10 or not code.isdigit() or len(set(code)) == 1:
        return False
    total = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = int(code[9])
    return check == total if total < 2 else check == 11 - total


def parse_national_id(raw: str | None) -> str:
    """A 10-digit Iranian national ID (کد ملی) with a correct check digit."""
    code = _digits_only(raw)
    if len(code) != 10:
        raise FieldError("length")
    if not national_id_checksum_ok(code):
        raise FieldError("checksum")
    return code


def parse_mobile(raw: str | None) -> str:
    """An Iranian mobile number, returned as `09xxxxxxxxx` (also accepts +98, 0098, 98, 9...)."""
    text = _digits_only(raw, keep_plus=True)
    if text.startswith("+98"):
        text = "0" + text[3:]
    elif text.startswith("0098"):
        text = "0" + text[4:]
    elif text.startswith("98") and len(text) == 12:
        text = "0" + text[2:]
    elif text.startswith("9") and len(text) == 10:
        text = "0" + text
    if "+" in text:
        raise FieldError("digits")
    if len(text) != 11:
        raise FieldError("length")
    if not text.startswith("09"):
        raise FieldError("prefix")
    return text


def luhn_ok(number: str) -> bool:
    """Whether a digit string passes the Luhn (mod 10) check."""
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def parse_card_number(raw: str | None) -> str:
    """A 16-digit bank card number that passes the Luhn check."""
    number = _digits_only(raw)
    if len(number) != 16:
        raise FieldError("length")
    if not luhn_ok(number):
        raise FieldError("checksum")
    return number


def parse_cvv2(raw: str | None) -> str:
    """A card's CVV2: 3 or 4 digits."""
    code = _digits_only(raw)
    if not 3 <= len(code) <= 4:
        raise FieldError("length")
    return code


def parse_expiry(month: str | None, year: str | None, today: jalali.JalaliDate) -> tuple[int, int]:
    """Card expiry as (Jalali year, month); the two-digit year means 14YY. Rejects past dates."""
    mm = int(_digits_only(month))
    yy_text = _digits_only(year)
    if len(yy_text) not in (2, 4):
        raise FieldError("length")
    yy = int(yy_text) + (1400 if len(yy_text) == 2 else 0)
    if not 1 <= mm <= 12:
        raise FieldError("month")
    if (yy, mm) < (today.year, today.month):
        raise FieldError("expired")
    return yy, mm


def parse_jalali_date(raw: str | None) -> jalali.JalaliDate:
    """A Jalali date typed as `YYYY/MM/DD` (also `-` or `.`, any digits)."""
    text = normalise_digits((raw or "").strip())
    if not text:
        raise FieldError("required")
    parts = re.split(r"\s*[/\-.]\s*", text)
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise FieldError("format")
    if len(parts[0]) != 4 or len(parts[1]) > 2 or len(parts[2]) > 2:
        raise FieldError("format")
    y, m, d = (int(p) for p in parts)
    if not jalali.is_valid(y, m, d):
        raise FieldError("invalid")
    return jalali.JalaliDate(y, m, d)


def parse_digits(raw: str | None, length: int) -> str:
    """Exactly `length` digits, any script, separators ignored (codes, OTPs, tracking numbers)."""
    code = _digits_only(raw)
    if len(code) != length:
        raise FieldError("length")
    return code


def parse_text(raw: str | None, *, min_len: int = 1, max_len: int = 200) -> str:
    """Free text, trimmed, with Persian/Latin digits left as typed; checks length."""
    text = " ".join((raw or "").split())
    if not text:
        raise FieldError("required")
    if len(text) < min_len:
        raise FieldError("too_short")
    if len(text) > max_len:
        raise FieldError("too_long")
    return text
