"""Driving the Get-help screen of the real kiosk window, and the person at the sealed browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.practice_portal import PracticePortal
from kiosk.services.portal import PortalService
from kiosk.ui.assist.screen import AssistScreen
from tests.guide.web import WAIT, GuidedTab

LEFT = Qt.MouseButton.LeftButton
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "assist"


class SessionTab(GuidedTab):
    """The guide-test person (type, click, wait for a step) on a session's sealed browser."""

    def __init__(self, qtbot, portal: PracticePortal, screen: AssistScreen) -> None:
        session = screen.session
        assert session is not None and session.browser is not None
        self.qtbot, self.portal, self.ctx = qtbot, portal, screen.ctx
        self.page, self.view = session.browser.page, session.browser.view
        self.session = session.guide
        self.panel = screen.session_page.panel if screen.session_page else None
        self.window = screen.window()
        self.records: list[tuple[str, dict]] = []
        self.session.recorded.connect(lambda name, data: self.records.append((name, data)))
        self.cookies: dict[str, str] = {}
        store = self.page.profile().cookieStore()
        store.cookieAdded.connect(self._cookie)
        store.loadAllCookies()

    def close(self) -> None:  # the session owns and wipes everything
        pass


class Helper:
    """The operator and the citizen at the kiosk's Get-help screen."""

    def __init__(self, qtbot, kiosk: Any, portal: PracticePortal) -> None:
        self.qtbot, self.kiosk, self.portal = qtbot, kiosk, portal
        self.screen: AssistScreen = kiosk.window.screens["help"]
        kiosk.window.ctx.portal = PortalService(portal)  # the run's portal, not a new one

    def click(self, widget) -> None:
        self.qtbot.mouseClick(widget, LEFT)

    def open(self) -> AssistScreen:
        self.click(self.kiosk.window.screens["home"].tiles["help"])
        assert self.kiosk.window.current_screen() is self.screen
        self.loaded()
        return self.screen

    def loaded(self) -> None:
        """Wait until the services, read in the background, are on the page."""
        self.qtbot.waitUntil(lambda: not self.screen.loading.busy, timeout=10000)

    def tile(self, flow_id: str):
        services = self.screen.services
        for service, tile in zip(services.services, services.tiles, strict=True):
            if service.flow.id == flow_id:
                return tile
        raise KeyError(flow_id)

    def choose(self, flow_id: str) -> None:
        self.click(self.tile(flow_id))
        assert self.screen.current_page() is self.screen.info

    def agree(self) -> SessionTab:
        self.click(self.screen.info.start_tile)
        assert self.screen.current_page() is self.screen.consent
        self.click(self.screen.consent.agree)
        assert self.screen.session is not None
        return SessionTab(self.qtbot, self.portal, self.screen)

    def tab(self) -> SessionTab:
        return SessionTab(self.qtbot, self.portal, self.screen)

    def shot(self, name: str) -> Path:
        self.qtbot.wait(150)
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        assert self.kiosk.window.grab().save(str(path))
        return path

    def wait(self, condition, timeout: int = WAIT) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)
