"""Reading one content file safely: a regular file, inside its folder, within a size limit.

A link leading out of the folder, a FIFO (which would block the reader), a device such as
/dev/zero (which never ends) or an oversized file is refused with a `NoticeError` saying so;
nothing else escapes, whatever is on disk.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from kiosk.core.limits import MAX_JSON_BYTES, LimitError, parse_json
from kiosk.core.notices import Notice
from kiosk.i18n import N_


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, links followed, is `root` or inside it."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def read_bytes(path: Path, root: Path | None = None, limit: int = MAX_JSON_BYTES) -> bytes:
    """The bytes of `path`, or `LimitError`: missing, not a regular file, outside `root`
    (after following links), unreadable, or larger than `limit`."""
    if root is not None and not inside(path, root):
        notice = Notice(
            N_("the file is a link leading out of its folder {folder}; copy the file in instead"),
            {"folder": str(root)},
        )
        raise LimitError(notice)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise LimitError(Notice(N_("the file is missing"), {})) from None
    except (OSError, ValueError) as error:
        notice = Notice(N_("the file cannot be read ({reason})"), {"reason": _reason(error)})
        raise LimitError(notice) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            notice = Notice(
                N_("this is not a regular file (a folder, pipe or device); replace it with a file"),
                {},
            )
            raise LimitError(notice)
        if info.st_size > limit:
            raise LimitError(_too_big(info.st_size, limit))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # grew while being read
            raise LimitError(_too_big(total, limit))
        return b"".join(chunks)
    except OSError as error:
        notice = Notice(N_("the file cannot be read ({reason})"), {"reason": _reason(error)})
        raise LimitError(notice) from None
    finally:
        os.close(fd)


def read_json(path: Path, root: Path | None = None) -> Any:
    """The JSON document in `path`, within every limit of `kiosk.core.limits`, or `LimitError`."""
    return parse_json(read_bytes(path, root))


def _too_big(size: int, limit: int) -> Notice:
    return Notice(
        N_("the file is {size} KB; at most {limit} KB is allowed"),
        {"size": size // 1024, "limit": limit // 1024},
    )


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or type(error).__name__


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` whole or not at all: a temporary file beside it (created `mode`),
    fsync, rename; a power cut or a full disk leaves the old file or none, never half of one.
    OSError if it cannot be written (the temporary file is removed)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temporary, flags, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
