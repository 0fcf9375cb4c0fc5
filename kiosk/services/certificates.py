"""Course certificates: the kiosk's signing key, issuing a certificate and verifying a code.

The key is an Ed25519 private key in the data dir (`certificate_key.pem`, 0600), made when the
first certificate is issued and never replaced by the kiosk: a new key would make every
certificate printed before it unverifiable, so a damaged key file is reported, not rewritten.
Verification needs only the public half and nothing else: no network, no database.
"""

from __future__ import annotations

import datetime as _dt
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core import certificate as cert
from kiosk.core.certificate import Certificate, CodeRefused
from kiosk.core.lessons.model import Pack
from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.files import write_atomic

KEY_NAME = "certificate_key.pem"
MAX_KEY_BYTES = 4096


class CertificateKey:
    """The kiosk's certificate key in `folder` (the data dir)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / KEY_NAME

    def _damaged(self, reason: str) -> NoticeError:
        return NoticeError(
            Notice(
                N_(
                    "The certificate key {path} cannot be used ({reason}). Certificates cannot "
                    "be issued or verified until it is fixed. To fix: restore that file from a "
                    "backup; do not delete it, or every certificate printed so far stops "
                    "verifying."
                ),
                {"path": str(self.path), "reason": reason},
                severity="error",
            )
        )

    def _load(self) -> Ed25519PrivateKey | None:
        """The key, None if the kiosk has none yet, NoticeError if the file is damaged."""
        try:
            with open(self.path, "rb") as handle:
                data = handle.read(MAX_KEY_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._damaged(error.strerror or type(error).__name__) from None
        if len(data) > MAX_KEY_BYTES:
            raise self._damaged("too large")
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError):
            raise self._damaged("not a key") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise self._damaged("not an Ed25519 key")
        return key

    def _load_or_make(self) -> Ed25519PrivateKey:
        key = self._load()
        if key is not None:
            return key
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            write_atomic(self.path, pem, 0o600)
        except OSError as error:
            raise self._damaged(error.strerror or type(error).__name__) from None
        os.chmod(self.path, 0o600)
        return key

    def public_bytes(self) -> bytes | None:
        """The raw public key (32 bytes), None if no certificate was ever issued here."""
        key = self._load()
        if key is None:
            return None
        return key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def issue(
        self, name: str, pack_id: str, mastered: int, lessons: int, today: _dt.date
    ) -> tuple[Certificate, str]:
        """A signed certificate for `name` and its verification code."""
        key = self._load_or_make()
        public = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        made = Certificate(
            name=cert.clean_name(name),
            pack_id=pack_id,
            issued=today,
            mastered=mastered,
            lessons=lessons,
            serial=secrets.token_bytes(cert.SERIAL_BYTES),
            key_id=cert.key_id(public),
        )
        signature = key.sign(cert.signed_bytes(made))
        return made, cert.encode(made, signature)

    def verify(self, code: str) -> Certificate:
        """The certificate a code carries, if this kiosk signed it exactly so; else
        `CodeRefused` (forged, altered, another kiosk's) or NoticeError (a damaged key)."""
        made, signed, signature = cert.decode(code)
        key = self._load()
        if key is None:
            raise CodeRefused(
                Notice(
                    N_(
                        "This kiosk has never issued a certificate, so it cannot vouch for this "
                        "one. To fix: verify it on the kiosk that issued it."
                    )
                )
            )
        public = key.public_key()
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        if made.key_id != cert.key_id(raw):
            raise CodeRefused(
                Notice(
                    N_(
                        "This certificate was not issued by this kiosk (it names signing key "
                        "{key}). To fix: verify it on the kiosk that issued it."
                    ),
                    {"key": made.key_id.hex().upper()},
                )
            )
        try:
            public.verify(signature, signed)
        except InvalidSignature:
            raise CodeRefused(
                Notice(
                    N_(
                        "This certificate code is forged or altered: its signature does not "
                        "match. Do not accept the certificate."
                    )
                )
            ) from None
        return made


def mastered_lessons(db, learner_id: str, pack: Pack) -> list[str]:
    """The ids of the course's lessons the learner has mastered, in the pack's order (the
    baseline is not one: `Pack.course_lessons`)."""
    rows = db.query(
        "SELECT lesson_id FROM lesson_progress WHERE learner_id = ? AND pack_id = ? "
        "AND mastered = 1",
        [learner_id, pack.id],
    )
    done = {row["lesson_id"] for row in rows}
    return [lesson.id for lesson in pack.course_lessons() if lesson.id in done]


def course_mastered(db, learner_id: str, pack: Pack) -> bool:
    """Whether the learner has mastered every lesson of the course (the baseline aside)."""
    lessons = pack.course_lessons()
    return bool(lessons) and len(mastered_lessons(db, learner_id, pack)) == len(lessons)


def record_issued(db, made: Certificate, learner_id: str, delivered: str) -> None:
    """Note that `made` was handed to `learner_id` (`delivered`: "saved" or "printed"): its
    serial, course, date and counts, never the name printed on it."""
    db["certificates"].upsert(
        {
            "serial": made.serial_text,
            "learner_id": learner_id,
            "pack_id": made.pack_id,
            "issued_on": made.issued.isoformat(),
            "mastered": made.mastered,
            "lessons": made.lessons,
            "delivered": delivered,
            "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        },
        pk="serial",
    )


def issued_to(db, learner_id: str) -> list[dict]:
    """The certificates handed to a learner, newest first (what a trainer re-issues from).
    `created_at` has whole seconds, so two handed out within one second are told apart by the
    order they were written in (rowid), never by their random serials."""
    return list(
        db.query(
            "SELECT serial, pack_id, issued_on, mastered, lessons, delivered FROM certificates "
            "WHERE learner_id = ? ORDER BY created_at DESC, rowid DESC",
            [learner_id],
        )
    )


def course_title(pack_id: str, lang: str, root: Path | None = None) -> str:
    """The title of the installed pack `pack_id` in `lang` (its pack.json only, not the whole
    pack), or the id itself when no installed pack has it."""
    from kiosk.core.limits import LimitError
    from kiosk.services.files import read_json
    from kiosk.services.lessons import lessons_root

    root = root or lessons_root()
    for path in sorted(root.glob("*/pack.json")):
        try:
            data = read_json(path, path.parent)
        except LimitError:
            continue
        if isinstance(data, dict) and data.get("id") == pack_id:
            title = data.get("title")
            if isinstance(title, dict):
                text = title.get(lang) or next(iter(title.values()), None)
                if isinstance(text, str) and text:
                    return text
    return pack_id
