"""Fixtures for signed content updates: a publisher (keys + repository), kiosks that trust it,
and loopback HTTP servers: a static mirror and misbehaving ones."""

from __future__ import annotations

import functools
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.services.content_publish import Repository, make_keys
from kiosk.services.updates import trust


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(handler) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def publisher(tmp_path: Path) -> Repository:
    make_keys(tmp_path / "keys")
    return Repository(tmp_path / "repo", tmp_path / "keys")


@pytest.fixture
def mirror(publisher: Repository):
    """A static web server for the publisher's folder (what any web server would do)."""
    publisher.folder.mkdir(parents=True, exist_ok=True)
    server, url = serve(functools.partial(Quiet, directory=str(publisher.folder)))
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def misbehaving():
    """Servers that answer HTML, 404, a redirect loop; and one that never answers."""

    class Html(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.endswith("/loop") or "loop" in self.server.kind:  # type: ignore[attr-defined]
                self.send_response(302)
                self.send_header("Location", self.path + "x")
                self.end_headers()
                return
            status = 404 if self.server.kind == "404" else 200  # type: ignore[attr-defined]
            body = b"<!doctype html><html><body>Welcome to our site</body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    made = []

    def make(kind: str) -> str:
        if kind == "silent":  # accepts the connection, then never says a word
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(8)
            made.append(listener)
            return f"http://127.0.0.1:{listener.getsockname()[1]}"
        server, url = serve(Html)
        server.kind = kind  # type: ignore[attr-defined]
        made.append(server)
        return url

    yield make
    for thing in made:
        if isinstance(thing, socket.socket):
            thing.close()
        else:
            thing.shutdown()
            thing.server_close()


def trusting_kiosk(data_dir: Path, publisher: Repository) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    trust(data_dir, publisher.folder / "metadata" / "root.json")
    return data_dir


GREETING = "سلام، خوش آمدید."


def voice_pack(folder: Path, size: int, marker: bytes = b"v", text: str = GREETING) -> Path:
    """One voice of a voice pack (as a trainer records it) with one recording of `size` bytes:
    the Persian sentence `text`."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "pack": folder.name,
        "voice": "fa",
        "language": "fa",
        "recordings": {"greeting": {"file": "greeting.wav", "text": text}},
    }
    (folder / "voice.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (folder / "greeting.wav").write_bytes(marker * size)
    return folder


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (the Persian ones are checked by test_catalogs)."""
    from kiosk import i18n

    before = i18n._current
    i18n.set_language("en")
    yield
    i18n.set_language(before)
