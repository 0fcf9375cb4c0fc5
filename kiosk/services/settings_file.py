"""Writing settings back to `<data dir>/kiosk.ini`: only the keys changed, atomically.

The file is rewritten through a temporary file, fsync and rename, so a power cut leaves the
old file or the new one, never half of each. Other lines and comments of the [kiosk] section
are kept as they were read; a file that could not be read is never overwritten.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

if TYPE_CHECKING:
    from kiosk.services.config import Settings

SECTION = "kiosk"


def format_value(value: object) -> str:
    """`value` as the ini file writes it (parsed back by Option.parse)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _cannot(path: Path, reason: str) -> NoticeError:
    return NoticeError(
        Notice(
            N_(
                "The settings could not be saved to {path} ({reason}); nothing was changed. "
                "To fix: give the kiosk's user write access to that file, or correct it."
            ),
            {"path": str(path), "reason": reason},
            severity="error",
        )
    )


def save_ini(settings: Settings, changes: dict[str, object]) -> None:
    """Write `changes` into the settings' ini file (NoticeError if it cannot)."""
    path = settings.ini_path
    if path is None:
        return
    if not settings.ini_readable:
        raise _cannot(path, "the file could not be read when the kiosk started")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                parser.read_file(handle)
    except (configparser.Error, UnicodeDecodeError, OSError) as error:
        raise _cannot(path, str(error).splitlines()[0] if str(error) else "unreadable") from error
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    for key, value in changes.items():
        parser.set(SECTION, key, format_value(value))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8") as handle:
            parser.write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _cannot(path, error.strerror or str(error)) from error
