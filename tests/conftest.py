"""Shared test set-up: Qt on a real X server, one QApplication, each test isolated in tmp_path.

The X server is Xvfb, started for the run by pytest-xvfb (sizes in pyproject.toml); Qt talks
to it through its xcb plugin, as on a kiosk. Offscreen hid a segfault that killed the kiosk
the moment a web page appeared on a real display, so no GUI test runs there.
"""

from __future__ import annotations

import os

# Before any Qt import: the real X display, and Chromium's sandbox cannot run as root.
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from kiosk.ui.application import prepare_environment

prepare_environment()

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

# Which test was running when the process died, and why (tests/last_words.py).
pytest_plugins = ["tests.last_words"]


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point data dir, home, XDG folders and keyring at tmp_path: no real user file is touched."""
    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    for key in list(os.environ):
        if key.startswith("KIOSK_") and key != "KIOSK_DATA_DIR":
            monkeypatch.delenv(key)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    from kiosk import i18n

    i18n.set_language("fa")  # every test starts in the kiosk's default language
    yield data
    keyring.set_keyring(previous)
    i18n.set_language("fa")
    from tests.fake_engine import shut_down_speakers

    shut_down_speakers()


@pytest.fixture(scope="session")
def portal_server():
    """The three practice sites on free loopback ports, one server for the whole run."""
    from kiosk.practice_portal import PracticePortal

    with PracticePortal() as server:
        yield server


@pytest.fixture
def portal(portal_server):
    """The practice sites, reset so every test starts clean."""
    portal_server.reset()
    portal_server.maintenance = False
    return portal_server


@pytest.fixture
def artifacts() -> Path:
    """Where tests save screenshots and audio for people to look at (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def make_kiosk(qtbot):
    """Factory: `make_kiosk(language="fa", size=(w, h))` builds and shows the real kiosk window."""
    from tests.gui import build_kiosk

    built = []

    def factory(language: str = "fa", size: tuple[int, int] = (1280, 800)):
        kiosk = build_kiosk(qtbot, language, size)
        built.append(kiosk)
        return kiosk

    yield factory
    import shiboken6

    for kiosk in built:
        # A kiosk's shutdown runs every queued deleteLater, so a window already closed by
        # pytest-qt may be gone by the time the next kiosk of the test is shut down.
        if shiboken6.isValid(kiosk.window):
            kiosk.window.close()
            kiosk.shutdown()
            # A web page that outlives the kiosk's shutdown outlives its profile too: Qt warns
            # "Expect troubles", and the process may crash later, in another test.
            if shiboken6.isValid(kiosk.window):
                from PySide6.QtWebEngineCore import QWebEnginePage

                left = [type(page).__name__ for page in kiosk.window.findChildren(QWebEnginePage)]
                assert not left, f"web pages alive after the kiosk shut down: {left}"
