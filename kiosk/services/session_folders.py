"""Where an assisted session keeps what it downloads: one folder per session, inside one
private (0700) folder the kiosk owns, `<data dir>/sessions/`. A session removes its own folder
when it ends; one killed (SIGKILL, a power cut) leaves it behind, so the next start and
`kiosk doctor` remove every folder found there. The `/tmp/kiosk-assist-*` folders of older
versions are removed only when asked (`legacy`): another kiosk of the same account may be
using one.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

SESSIONS = "sessions"
LEGACY_PREFIX = "kiosk-assist-"  # /tmp/kiosk-assist-*: where sessions kept downloads before


def sessions_root(data_dir: Path) -> Path:
    """`<data dir>/sessions`, created (or put back) private to this account."""
    root = data_dir / SESSIONS
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    return root


def new_session_folder(data_dir: Path) -> Path:
    """A new, empty, private folder for one session's downloads."""
    return Path(tempfile.mkdtemp(prefix="session-", dir=sessions_root(data_dir)))


def leftovers(data_dir: Path, legacy: Path | None = None) -> list[Path]:
    """Session folders a crash or a kill left behind (no live session may be running); with
    `legacy` (the system's temp folder), also this account's `kiosk-assist-*` folders there."""
    found = []
    root = data_dir / SESSIONS
    if root.is_dir():
        found += sorted(root.iterdir())
    if legacy is None:
        return found
    uid = os.getuid() if hasattr(os, "getuid") else None
    for path in legacy.glob(LEGACY_PREFIX + "*"):
        try:
            if uid is None or path.lstat().st_uid == uid:
                found.append(path)
        except OSError:
            continue
    return found


def sweep(data_dir: Path, legacy: Path | None = None) -> int:
    """Remove every session folder left behind; how many were removed. Call it only while no
    session runs (at start, with the instance lock held). `legacy`: as for `leftovers`."""
    removed = 0
    for path in leftovers(data_dir, legacy):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += not path.exists()
    if removed:
        log.info("assist: removed %d session folder(s) left by an earlier run", removed)
    return removed
