"""The settings file `<data dir>/kiosk.ini`: its format, reading it, and writing back only the
keys changed, atomically (kiosk.services.config builds Settings from it).

The file is rewritten through a temporary file, fsync and rename, so a power cut leaves the
old file or the new one, never half of each. Other lines and comments of the [kiosk] section
are kept as they were read; a file that could not be read is never overwritten.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from kiosk.core.limits import MAX_INI_BYTES, LimitError, cut
from kiosk.core.notices import Notice, NoticeError
from kiosk.core.options import OPTIONS_BY_KEY
from kiosk.i18n import N_
from kiosk.services.files import read_bytes

SECTION = "kiosk"


def read_ini(path: Path) -> tuple[dict[str, str], list[Notice]]:
    """The raw values of known options in `path`, and notices about what was ignored."""
    if not path.exists() and not path.is_symlink():
        return {}, []
    parser = configparser.ConfigParser(interpolation=None)
    try:  # the loader's boundary: a file linked to /dev/zero exhausted memory
        parser.read_string(read_bytes(path, limit=MAX_INI_BYTES).decode("utf-8-sig"), str(path))
    except LimitError as error:
        reason = cut(error.notice.english())
    except Exception as error:  # configparser.Error, UnicodeDecodeError, RecursionError, …
        reason = cut(str(error).splitlines()[0] if str(error) else type(error).__name__)
    else:
        reason = None
    if reason is not None:
        return {}, [
            Notice(
                N_(
                    "The settings file {path} cannot be read ({reason}). The kiosk starts "
                    "with default settings and leaves the file as it is. To fix: correct the "
                    "file (a [kiosk] section with lines like language = fa) or delete it."
                ),
                {"path": str(path), "reason": reason},
            )
        ]
    raw: dict[str, str] = {}
    notices: list[Notice] = []
    for section in parser.sections():
        if section != SECTION:
            notices.append(
                Notice(
                    N_(
                        "The settings file {path} has an unknown section [{section}]; it is "
                        "ignored. To fix: move its lines under [kiosk], or remove the section."
                    ),
                    {"path": str(path), "section": cut(section)},
                )
            )
            continue
        for key, value in parser.items(section):
            if key in OPTIONS_BY_KEY:
                raw[key] = value
            else:
                notices.append(
                    Notice(
                        N_(
                            "The settings file {path} has an unknown setting “{key}”; it is "
                            "ignored. To fix: check its spelling or remove it."
                        ),
                        {"path": str(path), "key": cut(key)},
                    )
                )
    return raw, notices


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


def save_ini(path: Path | None, readable: bool, changes: dict[str, object]) -> None:
    """Write `changes` into the ini file at `path` (NoticeError if it cannot); `readable`:
    whether it could be read at start-up (a file that could not be read is never rewritten)."""
    if path is None:
        return
    if not readable:
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
