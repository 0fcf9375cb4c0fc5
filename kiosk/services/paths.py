"""Where the kiosk keeps its files: the data dir from QStandardPaths, or KIOSK_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from kiosk.core.notices import Notice
from kiosk.i18n import N_

APP_NAME = "kiosk"
ORGANIZATION = "kiosk"
INI_NAME = "kiosk.ini"
DB_NAME = "kiosk.sqlite3"


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
        path.mkdir(parents=True, exist_ok=True)
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
