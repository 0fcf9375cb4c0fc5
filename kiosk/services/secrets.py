"""Staff PIN hashes kept through `keyring`: the system keyring, or a 0600 file in the data dir.

Only salted scrypt hashes are stored, never a PIN. Where no usable system keyring exists
(a bare kiosk has none: `keyring` falls back to its "fail" backend), the hashes go to
`<data dir>/staff-keyring.json`, a small keyring backend of our own: one JSON object
{"service/user": secret}, written atomically (temporary file, fsync, rename) with
permissions 0600. A damaged file is never overwritten: it is reported with the way back
(`kiosk staff reset-admin`, which sets it aside and creates a fresh one).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# `keyring` costs ~40 ms to import: it is loaded when a PIN store is first used, not at start-up
# (learner picture passwords share the hashing below).

SERVICE = "kiosk-staff-pin"
FILE_NAME = "staff-keyring.json"  # see kiosk.services.file_keyring
# scrypt cost: about 65 ms on a 2-core kiosk, 16 MiB of memory; stored with each hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1

RESET_HINT = N_(
    "To fix: on this machine's shell run “kiosk staff reset-admin”; it sets the damaged "
    "file aside and sets a new administrator PIN. Other staff then get new PINs from the admin."
)


def system_keyring() -> KeyringBackend | None:
    """The keyring `keyring` chose, if it can really store secrets here; else None."""
    import keyring
    from keyring.backends import chainer, fail

    ring = keyring.get_keyring()
    if isinstance(ring, fail.Keyring):
        return None
    if isinstance(ring, chainer.ChainerBackend) and not ring.backends:
        return None
    try:
        usable = float(type(ring).priority) > 0
    except Exception:
        return None
    return ring if usable else None


def choose_backend(data_dir: Path, preference: str = "auto") -> KeyringBackend:
    """The system keyring (preference "auto" or "system") or the file in `data_dir`."""
    from kiosk.services.file_keyring import FileKeyring

    ring = None if preference == "file" else system_keyring()
    return ring if ring is not None else FileKeyring(Path(data_dir) / FILE_NAME)


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of `pin`, with its parameters: scrypt$n$r$p$salt$hash."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    encode = base64.b64encode
    return (
        f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"
    )


def pin_matches(pin: str, stored: str) -> bool:
    """Whether `pin` hashes to `stored` (constant-time comparison; False for a bad record)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=128 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class PinVault:
    """PIN hashes of staff accounts, by account id, in a keyring backend."""

    def __init__(self, backend: KeyringBackend) -> None:
        self.backend = backend

    @property
    def where(self) -> str:
        """Where the hashes are kept, for people: a file path or the keyring's name."""
        path = getattr(self.backend, "path", None)
        return str(path) if path is not None else type(self.backend).__name__

    def set_pin(self, account_id: str, pin: str) -> None:
        """Store the hash of `pin` for `account_id` (raises NoticeError if the store fails)."""
        self._call(self.backend.set_password, SERVICE, account_id, hash_pin(pin))

    def check(self, account_id: str, pin: str) -> bool:
        """Whether `pin` is the PIN of `account_id` (False if it has none)."""
        stored = self._call(self.backend.get_password, SERVICE, account_id)
        return bool(stored) and pin_matches(pin, stored)

    def has_pin(self, account_id: str) -> bool:
        """Whether `account_id` has a PIN stored."""
        return bool(self._call(self.backend.get_password, SERVICE, account_id))

    def forget(self, account_id: str) -> None:
        """Remove the PIN of `account_id`, if any."""
        self._call(self.backend.delete_password, SERVICE, account_id)

    def _call(self, method, *args):
        from keyring.errors import KeyringError, PasswordDeleteError

        from kiosk.services.file_keyring import CorruptKeyringError

        try:
            return method(*args)
        except PasswordDeleteError:
            return None  # nothing stored: nothing to forget
        except CorruptKeyringError as error:
            raise NoticeError(
                Notice(
                    N_("The staff PIN file {path} is damaged ({reason}). {fix}"),
                    {"path": str(error.path), "reason": error.reason, "fix": Notice(RESET_HINT)},
                    severity="error",
                )
            ) from error
        except (KeyringError, OSError) as error:
            raise NoticeError(
                Notice(
                    N_("The staff PIN store ({where}) cannot be used ({reason}). {fix}"),
                    {"where": self.where, "reason": str(error), "fix": Notice(RESET_HINT)},
                    severity="error",
                )
            ) from error


def __getattr__(name: str):
    # The file backend subclasses keyring's, so it is imported only when asked for.
    if name in ("FileKeyring", "CorruptKeyringError"):
        from kiosk.services import file_keyring

        return getattr(file_keyring, name)
    raise AttributeError(name)
