"""A keyring backend in one JSON file with permissions 0600, for kiosks with no system keyring.

One JSON object {"service/user": secret}, written atomically (temporary file, fsync, rename)
so a power cut leaves the old file or the new one. A damaged file is never overwritten: it
raises CorruptKeyringError, and `kiosk staff reset-admin` sets it aside.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from kiosk.core.limits import MAX_PIN_FILE_BYTES, LimitError, cut, parse_json
from kiosk.services.files import read_bytes


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
        if not self.path.exists() and not self.path.is_symlink():
            return {}
        try:  # within the limits: a 10,000-level file was a RecursionError that locked staff out
            data = parse_json(read_bytes(self.path, limit=MAX_PIN_FILE_BYTES))
        except LimitError as error:
            raise CorruptKeyringError(self.path, cut(error.notice.english(), 120)) from None
        except Exception as error:  # the boundary: whatever is wrong, the file is damaged
            raise CorruptKeyringError(self.path, type(error).__name__) from None
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
        if not os.path.lexists(self.path):
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
