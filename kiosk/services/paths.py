"""Where the kiosk keeps its files: the data dir from QStandardPaths, or KIOSK_DATA_DIR."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from kiosk.core.notices import Notice
from kiosk.i18n import N_

APP_NAME = "kiosk"
ORGANIZATION = "kiosk"
INI_NAME = "kiosk.ini"
DB_NAME = "kiosk.sqlite3"
# The data dir holds staff names and roles, the audit log and learners' password hashes: no
# other account on the machine may list or read it (docs: CONTRIBUTING.md, "Privacy").
PRIVATE_UMASK = 0o077  # folders 0700, files 0600
OPEN_BITS = stat.S_IRWXG | stat.S_IRWXO

log = logging.getLogger(__name__)


def data_dir(environ: dict[str, str] | None = None) -> Path:
    """The data dir: `KIOSK_DATA_DIR` if set, else the platform's app-data location."""
    env = os.environ if environ is None else environ
    override = env.get("KIOSK_DATA_DIR")
    if override:
        return Path(override).expanduser()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".local" / "share" / APP_NAME)


def prepare_data_dir(path: Path) -> tuple[Path, list[Notice]]:
    """Create `path` and prove it writable; else fall back to a temporary dir, with a notice."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return path, []
    except OSError as error:
        import tempfile

        fallback = Path(tempfile.mkdtemp(prefix="kiosk-data-"))
        notice = Notice(
            N_(
                "The data folder {path} cannot be written ({reason}). Nothing will be kept "
                "after the kiosk closes. To fix: give the kiosk's user write access to that "
                "folder, or set KIOSK_DATA_DIR to a writable folder."
            ),
            {"path": str(path), "reason": error.strerror or str(error)},
            severity="error",
        )
        return fallback, [notice]


def keep_private() -> None:
    """From now on, everything this process creates is its account's alone (0700 / 0600)."""
    os.umask(PRIVATE_UMASK)


def open_entries(path: Path, limit: int = 10_000) -> list[Path]:
    """The folders and files under `path` (itself included) that are this account's and that
    another account may read, list or write; symbolic links are not followed. At most `limit`."""
    found: list[Path] = []
    uid = os.getuid()

    def check(entry: Path) -> None:
        try:
            info = entry.lstat()
        except OSError:
            return
        if stat.S_ISLNK(info.st_mode) or info.st_uid != uid:
            return
        if info.st_mode & OPEN_BITS:
            found.append(entry)

    check(path)
    for folder, folders, files in os.walk(path):
        for name in folders + files:
            if len(found) >= limit:
                return found
            check(Path(folder) / name)
    return found


def make_private(path: Path) -> int:
    """Take other accounts' access away from everything under `path` an older install (or a
    copy) left open; returns how many entries were repaired. Cheap when nothing is open: only
    the folder itself and its first level are looked at unless one of them is open."""
    try:
        first = [path, *path.iterdir()]
    except OSError:
        return 0
    if not any(_is_open(entry) for entry in first):
        return 0
    repaired = 0
    for entry in open_entries(path, limit=10**9):
        try:
            mode = entry.lstat().st_mode
            os.chmod(entry, stat.S_IMODE(mode) & ~OPEN_BITS, follow_symlinks=False)
            repaired += 1
        except (OSError, NotImplementedError) as error:
            log.warning("paths: cannot make %s private: %s", entry.name, error)
    if repaired:
        log.info("paths: %d entries of the data folder made private", repaired)
    return repaired


def _is_open(entry: Path) -> bool:
    try:
        info = entry.lstat()
    except OSError:
        return False
    return (
        not stat.S_ISLNK(info.st_mode)
        and info.st_uid == os.getuid()
        and bool(info.st_mode & OPEN_BITS)
    )
