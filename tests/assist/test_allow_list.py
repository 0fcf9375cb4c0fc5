"""The sealed browser reaches only the flow's origins: links, redirects, window.open, form
actions, iframes, fetches and images aimed at another loopback port are all blocked — a
counting server there receives nothing — and the operator is told about pages and windows."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.core.flows import load_flow
from kiosk.core.flows.allow import AllowList
from kiosk.services.assist_catalog import Service
from tests.guide.web import WAIT, make_context


class Counting(ThreadingHTTPServer):
    """A loopback server that counts (and names) the requests reaching it."""

    def __init__(self, page: str = "") -> None:
        self.hits: list[str] = []
        self.page = page
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                server.hits.append(self.path)
                if self.path == "/redirect":
                    self.send_response(302)
                    self.send_header("Location", server.page.split("|")[1] + "redirected")
                    self.end_headers()
                    return
                body = server.page.split("|")[0].encode() if self.path == "/" else b"ok"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *_args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


@pytest.fixture
def servers() -> Iterator[tuple[Counting, Counting]]:
    evil = Counting()
    page = (
        "<!doctype html><html><body><h1>Allowed page</h1>"
        f'<a id="link" href="{evil.url}link">elsewhere</a>'
        f'<form id="form" action="{evil.url}form" method="post"><input name="a" value="1"></form>'
        f'<iframe src="{evil.url}frame"></iframe><img src="{evil.url}img.png">'
        f'<script>fetch("{evil.url}fetch").catch(function(){{}});</script>'
        "</body></html>"
    )
    good = Counting(f"{page}|{evil.url}")
    yield good, evil
    for server in (good, evil):
        server.shutdown()
        server.server_close()


def flow_for(origin_key: str = "good") -> Service:
    data = {
        "id": "test.allow",
        "version": 1,
        "title": {"fa": "آزمایش", "en": "Test"},
        "hosts": ["127.0.0.1"],
        "origins": {origin_key: "{" + origin_key + "}"},
        "start": {"origin": origin_key, "path": "/"},
        "steps": [
            {
                "id": "look",
                "kind": "info",
                "text": {"fa": "نگاه کنید.", "en": "Look."},
                "page": {"origin": origin_key, "path": "^/"},
                "done_when": {"acknowledged": True},
            }
        ],
    }
    return Service(load_flow(json.dumps(data)), Path("test.json"), Path("."))


def test_allow_list_by_origin_on_loopback_and_by_host_elsewhere() -> None:
    allow = AllowList(["127.0.0.1", "my.gov.ir"], ["http://127.0.0.1:8000"])
    assert allow.allows("http://127.0.0.1:8000/x?y=1")
    assert not allow.allows("http://127.0.0.1:8001/")
    assert not allow.allows("http://localhost:8000/")
    assert allow.allows("https://my.gov.ir/login") and allow.allows("http://my.gov.ir:8443/")
    assert not allow.allows("https://sub.my.gov.ir/") and not allow.allows("https://evil.ir/")
    for url in ("file:///etc/passwd", "ftp://my.gov.ir/", "chrome://settings", "javascript:1"):
        assert not allow.allows(url), url
    assert allow.allows("data:text/plain,x") and allow.allows("about:blank")
    assert allow.allows("blob:http://127.0.0.1:8000/id")
    assert not allow.allows("blob:http://127.0.0.1:9/id")
    assert AllowList.origin_of("http://evil.ir:81/path?national_id=1") == "http://evil.ir:81"


@pytest.mark.slow
def test_nothing_reaches_a_host_not_allowed(qtbot, isolated: Path, servers) -> None:
    from kiosk.ui.assist.session import AssistSession

    good, evil = servers
    ctx = make_context("en", isolated)
    session = AssistSession(ctx, flow_for(), {"good": good.url})
    session.start()
    browser = session.browser
    refused: list[tuple[str, str]] = []
    browser.refused.connect(lambda kind, origin: refused.append((kind, origin)))
    window = QWidget()
    browser.view.setParent(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitUntil(lambda: "/" in good.hits, timeout=WAIT)
    qtbot.waitUntil(lambda: session.current is not None, timeout=WAIT)

    def js(script: str) -> None:
        box: list = []
        browser.page.runJavaScript(script + ";true", 0, box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=WAIT)

    js("document.getElementById('link').click()")
    js(f"window.open('{evil.url}popup')")
    js("document.getElementById('form').submit()")
    js(f"var f=document.createElement('iframe');f.src='{evil.url}frame2';document.body.append(f)")
    js(f"fetch('{evil.url}fetch2').catch(function(){{}})")
    js(f"fetch('http://localhost:{evil.server_address[1]}/fetch3').catch(function(){{}})")
    js("location.href='/redirect'")
    qtbot.waitUntil(lambda: "/redirect" in good.hits, timeout=WAIT)
    js("fetch('/sentinel')")
    qtbot.waitUntil(lambda: "/sentinel" in good.hits, timeout=WAIT)
    qtbot.wait(500)  # give anything that slipped through time to arrive
    assert evil.hits == []
    assert browser.interceptor.blocked >= 4  # fetches and the image: the interceptor alone
    kinds = {kind for kind, _origin in refused}
    assert {"page", "window"} <= kinds
    assert all(origin == evil.url.rstrip("/") for _kind, origin in refused)
    assert browser.view.url().toString().startswith(good.url)
    session.end("abandoned")
    assert not browser.temp.exists()
    window.close()
