"""A hostile portal and the place it tries to reach.

`Forbidden`: a loopback address the session does not allow, counting every TCP connection it
accepts and every UDP datagram it receives on the same port (a STUN binding, a QUIC initial
packet), and naming what it can (the first line of an HTTP request).

`Hostile`: the allowed origin, serving the escape pages (`pages.py`), redirects to anywhere
(`/r?to=URL&code=302`), the worker scripts, hostile downloads, and `/done?batch=NAME`, the
page's own "I have tried everything" marker that a test waits for.
"""

from __future__ import annotations

import selectors
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Forbidden:
    """TCP and UDP on one loopback port: `connections` and `datagrams` count what arrived."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind((host, 0))
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind((host, self.port))
        self.tcp.listen(128)
        self.host = host
        self.connections = 0
        self.datagrams = 0
        self.requests: list[str] = []  # first lines of the HTTP requests that came in
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def total(self) -> int:
        return self.connections + self.datagrams

    def summary(self) -> str:
        return (
            f"{self.connections} TCP connections, {self.datagrams} UDP datagrams, "
            f"requests: {self.requests}"
        )

    def _serve(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self.tcp, selectors.EVENT_READ, "tcp")
        selector.register(self.udp, selectors.EVENT_READ, "udp")
        while not self._stop.is_set():
            for key, _mask in selector.select(timeout=0.1):
                if key.data == "tcp":
                    try:
                        conn, _addr = self.tcp.accept()
                    except OSError:
                        continue
                    with self._lock:
                        self.connections += 1
                    threading.Thread(target=self._answer, args=(conn,), daemon=True).start()
                else:
                    try:
                        self.udp.recvfrom(65536)
                    except OSError:
                        continue
                    with self._lock:
                        self.datagrams += 1
        selector.close()

    def _answer(self, conn: socket.socket) -> None:
        """Name the request if it is HTTP, answer 200 to anything, close."""
        conn.settimeout(2)
        data = b""
        try:
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
            if data:
                line = data.split(b"\r\n", 1)[0].decode("latin-1")
                with self._lock:
                    self.requests.append(line)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                    b"Access-Control-Allow-Origin: *\r\nContent-Length: 2\r\n"
                    b"Connection: close\r\n\r\nok"
                )
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.tcp.close()
        self.udp.close()


class Hostile(ThreadingHTTPServer):
    """The allowed origin: `pages` maps a path to (html, extra headers); `hits` lists paths."""

    daemon_threads = True

    def __init__(self, pages: dict[str, tuple[str, dict[str, str]]] | None = None) -> None:
        self.pages: dict[str, tuple[str, dict[str, str]]] = dict(pages or {})
        self.scripts: dict[str, str] = {}
        self.hits: list[str] = []
        self.posted: list[bytes] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _send(self, code: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(code)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _answer(self) -> None:
                server.hits.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    server.posted.append(self.rfile.read(length))
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                if parts.path == "/r":
                    code = int(query.get("code", "302"))
                    self._send(code, b"", {"Location": query.get("to", "/")})
                elif parts.path == "/chain":  # a portal answering with redirect after redirect
                    n = int(query.get("n", "0"))
                    to = query.get("to", "/")
                    nxt = f"/chain?n={n - 1}&to={to}" if n > 0 else to
                    self._send(302, b"", {"Location": nxt})
                elif parts.path in server.scripts:
                    body = server.scripts[parts.path].encode()
                    self._send(200, body, {"Content-Type": "text/javascript"})
                elif parts.path == "/download":
                    name = query.get("name", "x.txt")
                    body = query.get("body", "downloaded").encode()
                    self._send(
                        200,
                        body,
                        {
                            "Content-Type": "application/octet-stream",
                            "Content-Disposition": f"attachment; filename*=UTF-8''{name}",
                        },
                    )
                elif parts.path in server.pages:
                    html, headers = server.pages[parts.path]
                    extra = {"Content-Type": "text/html; charset=utf-8", **headers}
                    self._send(200, html.encode(), extra)
                else:
                    self._send(200, b"ok", {"Content-Type": "text/plain"})

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, *_args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def done(self, batch: str) -> bool:
        return any(hit.startswith(f"/done?batch={batch}") for hit in self.hits)

    def close(self) -> None:
        self.shutdown()
        self.server_close()
