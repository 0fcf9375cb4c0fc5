"""The kiosk runs one practice portal: started on first use, shared by the screens, then stopped."""

from __future__ import annotations

import pytest
import requests

from kiosk.services.portal import PortalService


def answers(url: str) -> bool:
    """Whether a server answers at `url` (any HTTP status; the gateway's root is a 404)."""
    try:
        requests.get(url, timeout=10)
    except requests.ConnectionError:
        return False
    return True


def test_started_once_on_first_use_and_stopped() -> None:
    service = PortalService()
    assert not service.running  # nothing is served until a screen needs it
    portal = service.ensure_running()
    try:
        assert service.running and service.ensure_running() is portal
        bases = service.bases()
        assert set(bases) == {"portal", "gateway", "phishing"}
        assert bases["portal"] == portal.portal_url
        assert all(answers(url) for url in bases.values())
        assert requests.get(bases["portal"], timeout=10).status_code == 200
    finally:
        service.stop()
    assert not service.running
    assert not answers(bases["portal"])  # the port is closed


def test_fresh_forgets_every_session(portal_server) -> None:
    service = PortalService(portal_server)
    session = requests.Session()
    assert session.get(portal_server.portal_url + "signin", timeout=10).status_code == 200
    assert portal_server.state.sessions
    assert service.fresh() is portal_server
    assert not portal_server.state.sessions


def test_a_portal_handed_in_is_used_and_never_stopped(portal_server) -> None:
    service = PortalService(portal_server)
    assert service.running and service.ensure_running() is portal_server
    service.stop()
    assert not service.running
    assert answers(portal_server.portal_url)  # still serving the rest of the run


def test_a_port_in_use_is_an_os_error_and_nothing_runs(portal_server, monkeypatch) -> None:
    from kiosk import practice_portal

    taken = int(portal_server.portal_url.rsplit(":", 1)[1].rstrip("/"))
    original = practice_portal.PracticePortal

    def on_a_taken_port(**kwargs):
        return original(portal_port=taken)

    monkeypatch.setattr(practice_portal, "PracticePortal", on_a_taken_port)
    service = PortalService()
    with pytest.raises(OSError):
        service.ensure_running()
    assert not service.running


def test_the_kiosk_shares_one_portal_and_stops_it_when_it_quits(make_kiosk) -> None:
    kiosk = make_kiosk("en")
    service = kiosk.window.ctx.portal
    assert isinstance(service, PortalService)
    assert all(screen.ctx.portal is service for screen in kiosk.window.screens.values())
    assert not service.running  # the kiosk starts without it
    url = service.ensure_running().portal_url
    assert answers(url)
    kiosk.shutdown()
    assert not service.running and not answers(url)
