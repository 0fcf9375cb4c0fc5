"""The escape suite: a hostile page on the session's allowed origin tries every way out it
knows to a second loopback server the session does not allow, which counts every TCP
connection and UDP datagram it receives. Each batch page says when it has tried everything;
then the count must be zero and, after the session, no window the page opened is left.

What Qt's request interceptor cannot see (a sub-resource's redirect hop, which Chromium
follows before Qt is asked; the bare connections of `<link rel=preconnect>`; TURN over TCP;
WebTransport) is refused by the kiosk's proxy (`kiosk.services.egress`), through which every
connection of the web engine goes: see CONTRIBUTING.md "The sealed browser".
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from kiosk.core.flows import load_flow
from kiosk.core.flows.allow import AllowList
from kiosk.services.assist_catalog import Service
from kiosk.services.egress import GATE
from tests.guide.web import WAIT, make_context
from tests.sealed.hostile import Forbidden, Hostile
from tests.sealed.pages import REDIRECTED_NAVIGATIONS
from tests.sealed.taps import tap_until

BATCH_WAIT = 60_000  # ms: a batch settles in seconds; the two cores are shared


def service_for(origin: str) -> Service:
    data = {
        "id": "test.sealed",
        "version": 1,
        "title": {"fa": "آزمایش", "en": "Test"},
        "hosts": ["127.0.0.1"],
        "origins": {"hostile": "{hostile}"},
        "start": {"origin": "hostile", "path": "/blank"},
        "steps": [
            {
                "id": "look",
                "kind": "info",
                "text": {"fa": "نگاه کنید.", "en": "Look."},
                "page": {"origin": "hostile", "path": "^/"},
                "done_when": {"acknowledged": True},
            }
        ],
    }
    return Service(load_flow(json.dumps(data)), Path("test.json"), Path("."))


class Session:
    """An assisted session on the hostile origin, its view in a window of the test's own."""

    def __init__(self, qtbot, isolated: Path, hostile: Hostile) -> None:
        from kiosk.ui.assist.session import AssistSession

        self.qtbot, self.hostile = qtbot, hostile
        self.ctx = make_context("en", isolated)
        self.session = AssistSession(
            self.ctx, service_for(hostile.origin), {"hostile": hostile.origin}
        )
        self.session.start()
        self.browser = self.session.browser
        self.refused: list[tuple[str, str]] = []
        self.browser.refused.connect(lambda kind, origin: self.refused.append((kind, origin)))
        self.window = QWidget()
        self.browser.view.setParent(self.window)
        self.window.resize(1000, 700)
        self.browser.view.resize(1000, 700)
        self.window.show()
        qtbot.waitUntil(lambda: "/blank" in hostile.hits, timeout=WAIT)

    def run(self, batch: str) -> None:
        """Load the batch page and wait until it says it has tried everything."""
        self.browser.view.load(QUrl(f"{self.hostile.origin}/{batch}"))
        self.qtbot.waitUntil(lambda: self.hostile.done(batch), timeout=BATCH_WAIT)

    def blank(self) -> None:
        """A plain page on the allowed origin, loaded and shown."""
        count = self.hostile.hits.count("/blank")
        loaded: list[bool] = []
        self.browser.page.loadFinished.connect(loaded.append)
        self.browser.view.load(QUrl(f"{self.hostile.origin}/blank"))
        self.qtbot.waitUntil(
            lambda: self.hostile.hits.count("/blank") > count and True in loaded, timeout=WAIT
        )
        self.browser.page.loadFinished.disconnect(loaded.append)

    def js(self, script: str) -> None:
        box: list = []
        self.browser.page.runJavaScript(script + ";true", 0, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=WAIT)

    def end(self) -> None:
        temp = self.browser.temp
        self.session.end("abandoned")
        self.qtbot.waitUntil(lambda: not temp.exists(), timeout=WAIT)
        # Nothing the page opened outlives the session: no window but the test's own.
        left = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.window]
        assert left == [], left
        assert QApplication.activePopupWidget() is None
        assert QApplication.activeModalWidget() is None
        self.window.close()


@pytest.fixture
def sealed(qtbot, isolated: Path, hostile: Hostile):
    session = Session(qtbot, isolated, hostile)
    yield session
    if session.session.outcome is None:
        session.end()


def test_the_counting_server_counts_tcp_and_udp(forbidden: Forbidden) -> None:
    """The suite's zeroes mean something: a connection and a datagram are both counted."""
    with socket.create_connection(("127.0.0.1", forbidden.port)) as conn:
        conn.sendall(b"GET /v/probe HTTP/1.1\r\nHost: x\r\n\r\n")
        conn.recv(100)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.sendto(b"stun", ("127.0.0.1", forbidden.port))
    deadline = time.monotonic() + 5
    while forbidden.datagrams < 1 and time.monotonic() < deadline:
        forbidden._stop.wait(0.01)  # the server's thread counts it
    assert forbidden.connections == 1 and forbidden.datagrams == 1
    assert forbidden.requests == ["GET /v/probe HTTP/1.1"]


@pytest.mark.slow
@pytest.mark.parametrize("batch", ["requests", "workers", "sockets"])
def test_the_vectors_do_reach_the_server_from_an_unsealed_profile(
    qtbot, hostile: Hostile, forbidden: Forbidden, batch: str
) -> None:
    """The control: the same pages in a plain off-the-record profile, with the proxy letting
    both origins out, do get out (through the proxy: it is no wall for what it allows)."""
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    token = GATE.admit(AllowList(origins=[hostile.origin, forbidden.origin]))
    opened = GATE.stats.opened
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)
    view = QWebEngineView()
    view.setPage(page)
    view.resize(800, 600)
    view.show()
    view.load(QUrl(f"{hostile.origin}/{batch}"))
    qtbot.waitUntil(lambda: hostile.done(batch), timeout=BATCH_WAIT)
    assert forbidden.total > 0
    assert GATE.stats.opened > opened
    view.close()
    view.setPage(None)
    del page
    qtbot.wait(0)
    GATE.release(token)


@pytest.mark.slow
@pytest.mark.parametrize("batch", ["navigation", "workers"])
def test_a_hostile_page_reaches_nothing(sealed: Session, forbidden: Forbidden, batch: str) -> None:
    """Pages, frames, windows, forms, data:/blob:/javascript:/file:/view-source:, pings,
    downloads elsewhere (navigation); service, shared and dedicated workers with their
    imports, fetches, redirects and sockets (workers)."""
    sealed.run(batch)
    assert forbidden.total == 0, forbidden.summary()
    sealed.end()


@pytest.mark.slow
def test_navigations_redirected_away_are_refused(sealed: Session, forbidden: Forbidden) -> None:
    for name, script in REDIRECTED_NAVIGATIONS.items():
        sealed.blank()
        before = len(sealed.refused)
        # No wait for the script's result: the page it ran in may be gone by then.
        sealed.browser.page.runJavaScript(script.replace("__EVIL__", forbidden.origin))
        try:
            sealed.qtbot.waitUntil(lambda b=before: len(sealed.refused) > b, timeout=WAIT)
        except Exception as error:  # pytest-qt's TimeoutError
            raise AssertionError(f"{name}: not refused") from error
        assert forbidden.total == 0, (name, forbidden.summary())
    assert {kind for kind, _origin in sealed.refused} <= {"page", "window"}
    assert all(origin == forbidden.origin for _kind, origin in sealed.refused)
    sealed.end()


@pytest.mark.slow
def test_sub_resources_reach_nothing_not_even_through_redirects(
    sealed: Session, forbidden: Forbidden
) -> None:
    """Every request straight at the forbidden origin and every redirect hop to it (images,
    scripts, styles, icons, media, fetch, XHR, beacons with their bodies, fonts, modules, CSS,
    WebSocket, EventSource, a 3000-hop chain, 200 sockets). Qt's interceptor sees a hop only
    after Chromium has followed it: the kiosk's proxy is what refuses the hop's connection."""
    sealed.run("requests")
    assert forbidden.total == 0, forbidden.summary()
    assert GATE.stats.refused > 0  # the hops were tried, and refused by the proxy
    sealed.end()


@pytest.mark.slow
def test_hints_webrtc_and_webtransport_open_no_connection(
    sealed: Session, forbidden: Forbidden
) -> None:
    """Preconnect and DNS prefetch (HTML, Link header, script), prefetch, preload, prerender,
    speculation rules, CSP reports, WebRTC with STUN and TURN over UDP and TCP, WebTransport:
    not a connection and not a datagram reaches the forbidden server."""
    sealed.run("sockets")
    sealed.run("webtransport")
    assert forbidden.total == 0, forbidden.summary()
    sealed.end()


@pytest.mark.slow
def test_the_page_cannot_open_the_kiosks_dialogs_or_menus(
    sealed: Session, forbidden: Forbidden, qtbot
) -> None:
    """<input type=color> opens no dialog and <input type=file> only the kiosk's own picker
    (never Qt's file dialog), a right click opens no menu, and confirm() asks the operator in
    the kiosk's own box, in plain text, and gives the page the answer."""
    loaded: list[bool] = []
    sealed.browser.page.loadFinished.connect(loaded.append)
    sealed.browser.view.load(QUrl(f"{sealed.hostile.origin}/surfaces"))
    qtbot.waitUntil(lambda: True in loaded, timeout=WAIT)
    view = sealed.browser.view
    qtbot.waitUntil(lambda: view.focusProxy() is not None, timeout=WAIT)
    surface = view.focusProxy()

    def click(x: int, y: int, button=Qt.MouseButton.LeftButton) -> None:
        qtbot.mouseClick(surface, button, pos=QPoint(x, y))

    def seen(what: str) -> bool:
        return f"/seen?{what}" in sealed.hostile.hits

    def until(step: str, done, timeout: int = BATCH_WAIT) -> None:
        """Wait for `done()`; a failure names the step (the surfaces are tried in turn)."""
        try:
            qtbot.waitUntil(done, timeout=timeout)
        except Exception as error:  # pytest-qt's TimeoutError says only how long it waited
            hits = sorted(h for h in sealed.hostile.hits if h.startswith("/seen"))
            raise AssertionError(f"{step}: not within {timeout} ms; the page saw {hits}") from error

    tap_until(
        qtbot, lambda: click(150, 60), lambda: seen("color"), "the colour input clicked", BATCH_WAIT
    )
    until("the colour dialog refused", lambda: view.dialogs_refused >= 1)
    # Each click is repeated until it has its effect: the first may come before the page
    # has laid the input out, or while the refused dialog still holds the focus.
    # <input type=file>: the kiosk's own picker (kiosk.ui.web.file_picker), never Qt's file
    # dialog; the operator cancels it and the page gets nothing.
    pickers: list[object] = []

    def cancel(box) -> None:
        pickers.append(box)
        no_qt_dialog.append(not any(isinstance(w, QFileDialog) for w in QApplication.allWidgets()))
        QTimer.singleShot(0, box.cancel.click)

    no_qt_dialog: list[bool] = []
    assert sealed.browser.picker is not None
    sealed.browser.picker.shown.connect(cancel)
    tap_until(
        qtbot,
        lambda: click(150, 260),
        lambda: bool(pickers),
        "the kiosk's file picker shown",
        BATCH_WAIT,
    )
    assert (
        seen("file") and all(no_qt_dialog) and ("file", sealed.hostile.origin) not in sealed.refused
    )
    right = Qt.MouseButton.RightButton
    tap_until(
        qtbot,
        lambda: click(60, 440, right),
        lambda: seen("contextmenu"),
        "the link right-clicked",
        BATCH_WAIT,
    )
    assert QApplication.activePopupWidget() is None
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    # confirm(): the operator's box (kiosk.ui.web.page_dialog), plain text, its answer back.
    asked: list[str] = []
    dialogs = sealed.session.dialogs

    def answer_yes(box) -> None:
        asked.append(box.text.text())
        assert box.text.textFormat() == Qt.TextFormat.PlainText
        QTimer.singleShot(0, box.yes.click)

    dialogs.shown.connect(answer_yes)
    tap_until(
        qtbot,
        lambda: click(550, 60),
        lambda: seen("answer=true"),
        "confirm() answered yes",
        BATCH_WAIT,
    )
    assert asked and "<a href=" in asked[0] and "\u202e" not in asked[0]
    assert forbidden.total == 0
    sealed.end()
