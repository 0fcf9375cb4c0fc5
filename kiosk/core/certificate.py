"""Course certificates, pure: what a certificate says, its verification code, and why a code
is refused.

A verification code carries the whole certificate, so any copy of the kiosk's public key
verifies it offline: a version byte, the signing key's id (4 bytes of the SHA-256 of the
public key), a random serial, the issue date, the lessons mastered out of the course's, the
pack's id and the name the learner chose, then the Ed25519 signature of all of that. It is
written in RFC 4648 base32 (letters and 2-7, no padding) in groups of five joined by "-", and
read back whatever the case, the spaces and dashes, with 0, 1 and 8 taken for O, I and B.
The signature itself is made and checked by `kiosk.services.certificates` (the key is a file).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass

from kiosk.core import jalali
from kiosk.core.notices import Notice
from kiosk.core.number_words import GREGORIAN_MONTHS
from kiosk.i18n import N_, localize_digits

VERSION = 1
SIGNATURE_BYTES = 64
KEY_ID_BYTES = 4
SERIAL_BYTES = 8
NAME_MAX_CHARS = 40
# version, key id, serial, date ordinal, lessons mastered, lessons in the course
_HEAD = struct.Struct(f">B{KEY_ID_BYTES}s{SERIAL_BYTES}sIHH")
# Longest code accepted before decoding: the head, a 255-byte pack id and name, the signature.
MAX_CODE_CHARS = 2 * ((_HEAD.size + 2 + 2 * 255 + SIGNATURE_BYTES) * 8 // 5 + 1)
_SIGNED_PREFIX = b"kiosk-certificate-v1\0"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Certificate:
    """What a certificate says: who (the name the learner chose), what, when, and its serial."""

    name: str
    pack_id: str
    issued: _dt.date
    mastered: int  # lessons mastered
    lessons: int  # lessons in the course
    serial: bytes
    key_id: bytes

    @property
    def serial_text(self) -> str:
        return base64.b32encode(self.serial).decode().rstrip("=")


class CodeRefused(Exception):
    """A verification code that is not a certificate this kiosk can vouch for; `notice` says
    why and what to do."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.english())
        self.notice = notice


def key_id(public_key: bytes) -> bytes:
    """The short id of a raw Ed25519 public key, written into every code it signs."""
    return hashlib.sha256(public_key).digest()[:KEY_ID_BYTES]


def clean_name(name: str) -> str:
    """The name as it is printed: NFC, single spaces, no control or direction marks."""
    return " ".join(_CONTROL.sub("", unicodedata.normalize("NFC", name)).split())


def name_problem(name: str) -> Notice | None:
    """Why `name` cannot go on a certificate (what, and how to fix it), or None."""
    cleaned = clean_name(name)
    if not cleaned:
        return Notice(N_("Type the name to print on the certificate."))
    if len(cleaned) > NAME_MAX_CHARS:
        return Notice(
            N_("The name is too long: use at most {limit} letters."), {"limit": NAME_MAX_CHARS}
        )
    digits = sum(ch.isdigit() for ch in cleaned)
    if digits >= 5:
        # A run of digits is most likely a national ID or a phone number: never printed.
        return Notice(
            N_(
                "A certificate shows a name, not a number: type the name without the digits "
                "(never a national ID or a phone number)."
            )
        )
    return None


def signed_bytes(certificate: Certificate) -> bytes:
    """The bytes the signature covers (after a fixed prefix that names their purpose)."""
    return _SIGNED_PREFIX + _payload(certificate)


def _short(text: str, what: str) -> bytes:
    data = text.encode("utf-8")
    if len(data) > 255:
        raise ValueError(f"{what} is too long for a certificate ({len(data)} bytes)")
    return bytes([len(data)]) + data


def _payload(c: Certificate) -> bytes:
    head = _HEAD.pack(VERSION, c.key_id, c.serial, c.issued.toordinal(), c.mastered, c.lessons)
    return head + _short(c.pack_id, "pack id") + _short(c.name, "name")


def encode(certificate: Certificate, signature: bytes) -> str:
    """The verification code of a signed certificate."""
    if len(signature) != SIGNATURE_BYTES:
        raise ValueError("an Ed25519 signature is 64 bytes")
    text = base64.b32encode(_payload(certificate) + signature).decode().rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def _refused(message: str, **params: object) -> CodeRefused:
    return CodeRefused(Notice(message, params))


NOT_A_CODE = N_(
    "This is not a certificate code: it has letters or signs a code never has. To fix: type "
    "the code exactly as printed beside the QR code, or scan the QR code."
)
DAMAGED = N_(
    "This certificate code is incomplete or altered: it does not read as a certificate. To fix: "
    "type the code again exactly as printed, or scan the QR code."
)


def decode(code: str) -> tuple[Certificate, bytes, bytes]:
    """(certificate, signed bytes, signature) read from a code; `CodeRefused` if it is not one.
    The signature is not checked here."""
    if len(code) > MAX_CODE_CHARS:
        raise _refused(DAMAGED)
    text = re.sub(r"[\s\-]", "", code).upper().translate(str.maketrans("018", "OIB"))
    if not text or not re.fullmatch(r"[A-Z2-7]+", text):
        raise _refused(NOT_A_CODE)
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        raise _refused(DAMAGED) from None
    if len(data) < _HEAD.size + 2 + SIGNATURE_BYTES:
        raise _refused(DAMAGED)
    payload, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    version, kid, serial, ordinal, mastered, lessons = _HEAD.unpack_from(payload)
    if version != VERSION:
        raise _refused(
            N_(
                "This certificate code is of a kind this kiosk does not know (version {version}). "
                "To fix: verify it on the kiosk that issued it, or update this kiosk."
            ),
            version=version,
        )
    try:
        at = _HEAD.size
        pack_id, at = _read_short(payload, at)
        name, at = _read_short(payload, at)
        issued = _dt.date.fromordinal(ordinal)
    except (ValueError, IndexError, OverflowError):
        raise _refused(DAMAGED) from None
    if at != len(payload) or mastered > lessons or clean_name(name) != name:
        raise _refused(DAMAGED)
    certificate = Certificate(name, pack_id, issued, mastered, lessons, serial, kid)
    return certificate, _SIGNED_PREFIX + payload, signature


def _read_short(data: bytes, at: int) -> tuple[str, int]:
    length = data[at]
    end = at + 1 + length
    if end > len(data):
        raise ValueError("truncated")
    return data[at + 1 : end].decode("utf-8"), end


def jalali_text(day: _dt.date, lang: str) -> str:
    """`day` in the Jalali calendar as written in `lang`: «۱۲ مرداد ۱۴۰۴», "12 Mordad 1404"."""
    j = jalali.from_gregorian(day)
    # not a sentence: a date, day month year in both languages
    return localize_digits(f"{j.day} {jalali.month_name(j.month, lang)} {j.year}", lang)


def gregorian_text(day: _dt.date, lang: str) -> str:
    """`day` in the Gregorian calendar as written in `lang`: «۳ اوت ۲۰۲۵», "3 August 2025"."""
    months = GREGORIAN_MONTHS.get(lang, GREGORIAN_MONTHS["en"])
    # not a sentence: a date, day month year in both languages
    return localize_digits(f"{day.day} {months[day.month - 1]} {day.year}", lang)


def grouped(text: str, size: int = 4) -> str:
    """A serial in groups a person can read aloud."""
    return "-".join(text[i : i + size] for i in range(0, len(text), size))


def described(made: Certificate, course: str, lang: str) -> Notice:
    """What a verified certificate says, for the person checking it."""
    return Notice(
        N_(
            "Valid certificate, issued by this kiosk to {name} on {jalali} ({gregorian}) for "
            "mastering {mastered} of {lessons} lessons of the course “{course}”. Serial "
            "{serial}. Check that the printed certificate says the same."
        ),
        {
            "name": made.name,
            "jalali": jalali_text(made.issued, lang),
            "gregorian": gregorian_text(made.issued, lang),
            "mastered": localize_digits(str(made.mastered), lang),
            "lessons": localize_digits(str(made.lessons), lang),
            "course": course,
            "serial": grouped(made.serial_text),
        },
    )
