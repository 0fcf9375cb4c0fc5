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
import json
import os
import secrets
import time
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

SERVICE = "kiosk-staff-pin"
FILE_NAME = "staff-keyring.json"
# scrypt cost: about 65 ms on a 2-core kiosk, 16 MiB of memory; stored with each hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1

RESET_HINT = N_(
    "To fix: on this machine's shell run “kiosk staff reset-admin”; it sets the damaged "
    "file aside and sets a new administrator PIN. Other staff then get new PINs from the admin."
)


class CorruptKeyringError(KeyringError):
    """The keyring file exists but cannot be understood; it is left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class FileKeyring(KeyringBackend):
    """A keyring backend in one JSON file with permissions 0600 (used only when chosen)."""

    priority = 0.1  # type: ignore[assignment]  # never preferred to a real keyring

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise CorruptKeyringError(self.path, error.strerror or str(error)) from error
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CorruptKeyringError(self.path, f"not valid JSON ({error})") from error
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise CorruptKeyringError(self.path, "not a map of names to secrets")
        return data

    def _save(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, self.path)  # a power cut leaves the old file or the new, whole
        _fsync_dir(self.path.parent)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}/{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[self._key(service, username)] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(self._key(service, username), None) is not None:
            self._save(data)

    def check(self) -> None:
        """Raise CorruptKeyringError if the file exists but cannot be understood."""
        self._load()

    def set_aside(self) -> Path | None:
        """Rename a damaged file out of the way (kept for inspection); its new name or None."""
        if not self.path.exists():
            return None
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(self.path, aside)
        return aside


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def system_keyring() -> KeyringBackend | None:
    """The keyring `keyring` chose, if it can really store secrets here; else None."""
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
        if isinstance(self.backend, FileKeyring):
            return str(self.backend.path)
        return type(self.backend).__name__

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
