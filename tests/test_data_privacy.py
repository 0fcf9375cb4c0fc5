"""The data dir is the kiosk account's alone: created private, repaired where an older
install left it open, and reported by `kiosk doctor`; another account cannot list or read it."""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from kiosk.services.paths import make_private, open_entries
from tests.test_startup import run_kiosk


@pytest.fixture
def shared_parent():
    """A folder every account may enter (as /home or /var/lib are), so that only the data dir's
    own permissions stand between another account and the kiosk's files."""
    parent = Path(tempfile.mkdtemp(prefix="kiosk-privacy-"))
    parent.chmod(0o755)
    yield parent
    subprocess.run(["rm", "-rf", str(parent)], check=False)


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for entry in root.rglob("*"):
        if not entry.is_symlink():
            found[str(entry.relative_to(root))] = stat.S_IMODE(entry.lstat().st_mode)
    return found


def _as_another_account(*command: str) -> subprocess.CompletedProcess:
    """`command` run as the unprivileged account `nobody` (this test runs as root in CI)."""
    return subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_first_start_makes_everything_private(shared_parent):
    data = shared_parent / "kiosk-data"
    result = run_kiosk("--windowed", "--exit-when-ready", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    modes = _modes(data)
    assert "kiosk.sqlite3" in modes and any(name.startswith("logs") for name in modes)
    opened = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert not opened, f"readable by other accounts: {opened}"
    if os.getuid() == 0:  # root passes every permission check: ask as another account
        assert _as_another_account("ls", str(data)).returncode != 0
        assert _as_another_account("cat", str(data / "kiosk.sqlite3")).returncode != 0
        # ...while the same account can read a file that is not private: the check is real.
        (shared_parent / "open.txt").write_text("x")
        (shared_parent / "open.txt").chmod(0o644)
        assert _as_another_account("cat", str(shared_parent / "open.txt")).returncode == 0


def test_an_older_install_left_open_is_repaired_at_start(shared_parent):
    data = shared_parent / "kiosk-data"
    (data / "logs").mkdir(parents=True)
    data.chmod(0o755)
    (data / "logs").chmod(0o755)
    ini = data / "kiosk.ini"
    ini.write_text("[kiosk]\nlanguage = en\n", encoding="utf-8")
    ini.chmod(0o644)
    doctor = run_kiosk(
        "doctor", "--no-webview", "--language", "en", env_extra={"KIOSK_DATA_DIR": str(data)}
    )
    assert "Data folder privacy" in doctor.stdout
    assert "entries other accounts can read" in doctor.stdout, doctor.stdout
    assert "chmod -R go-rwx" in doctor.stdout
    result = run_kiosk("--windowed", "--exit-when-ready", env_extra={"KIOSK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert open_entries(data) == []
    assert stat.S_IMODE(ini.stat().st_mode) == 0o600  # the content is kept, only access changed
    assert ini.read_text(encoding="utf-8").startswith("[kiosk]")
    doctor = run_kiosk(
        "doctor", "--no-webview", "--language", "en", env_extra={"KIOSK_DATA_DIR": str(data)}
    )
    assert "only this account can read it" in doctor.stdout


def test_repair_leaves_links_and_other_accounts_files_alone(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o755)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the kiosk's")
    outside.chmod(0o644)
    (data / "link").symlink_to(outside)
    assert open_entries(data) == [data]
    assert make_private(data) == 1
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644  # the link was not followed
    assert make_private(data) == 0  # nothing left open: nothing to do
