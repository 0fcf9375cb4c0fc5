"""Nothing of a session survives a crash: its downloads live in one private folder under the
data dir, and what a killed session left there is removed by the next start and by doctor."""

from __future__ import annotations

import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.services.session_folders import LEGACY_PREFIX, leftovers, new_session_folder, sweep


def test_session_folders_are_private_and_swept(isolated: Path, tmp_path: Path) -> None:
    first = new_session_folder(isolated)
    root = first.parent
    assert root == isolated / "sessions"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE(first.stat().st_mode) == 0o700
    (first / "certificate-1234567890.pdf").write_bytes(b"%PDF national id 1234567890")
    root.chmod(0o755)  # an older install, or someone, opened it up: put back on next use
    second = new_session_folder(isolated)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    system_temp = tmp_path / "tmp"  # standing in for /tmp, which other kiosks may be using
    system_temp.mkdir()
    legacy = Path(tempfile.mkdtemp(prefix=LEGACY_PREFIX, dir=system_temp))
    (legacy / "receipt.pdf").write_bytes(b"%PDF")
    assert set(leftovers(isolated, system_temp)) == {first, second, legacy}
    assert sweep(isolated, system_temp) == 3
    assert not first.exists() and not second.exists() and not legacy.exists()
    assert root.is_dir() and list(root.iterdir()) == []
    assert sweep(isolated) == 0


def test_doctor_removes_what_a_killed_session_left(isolated: Path) -> None:
    left = new_session_folder(isolated)
    (left / "certificate.pdf").write_bytes(b"%PDF 1234567890")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--language", "en", "doctor", "--no-webview"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Session folders" in done.stdout, done.stdout + done.stderr
    assert "1 left by an earlier run, removed" in done.stdout
    assert not left.exists()


def test_the_receipt_dialog_leaves_no_path_in_qt_settings(qtbot, isolated: Path, tmp_path) -> None:
    """Qt's file dialog remembers where a receipt went (a USB stick's folder) in
    QtProject.conf; after the kiosk's receipt dialog closes, nothing of it is there."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from kiosk.ui.assist.receipt import ReceiptDialogs

    usb = tmp_path / "media" / "CITIZEN-USB"
    usb.mkdir(parents=True)
    target = usb / "receipt-1234567890.pdf"

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            dialog.accept()  # the suggested name, as a citizen would
        else:
            QTimer.singleShot(50, choose)

    QTimer.singleShot(50, choose)
    chosen = ReceiptDialogs.pdf_path(None, "Save", str(target))
    assert chosen == str(target)
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    config = Path(settings.fileName())
    text = config.read_text(encoding="utf-8", errors="replace") if config.exists() else ""
    assert "CITIZEN-USB" not in text and "1234567890" not in text
    assert str(config).startswith(str(tmp_path))  # the test's own XDG_CONFIG_HOME
