"""The web engine's only way out: a SOCKS5 proxy on loopback that opens a connection only to a
host and port some open web view is allowed to reach (no Qt).

Chromium is told to send every connection through it (`--proxy-server=socks5://127.0.0.1:PORT`
with `--proxy-bypass-list=<-loopback>`, so loopback addresses are no exception: see
`kiosk.ui.application`). That closes what the sealed profile's request interceptor cannot see:
the hops of a sub-resource's redirect chain (Chromium follows a hop before Qt is asked), the bare
connections of `<link rel=preconnect>`, WebRTC's TURN over TCP (its UDP is off by switch), and
WebTransport (QUIC is never used through a proxy). SOCKS5 and not an HTTP proxy: each connection
names one host and port and is then a plain tunnel, so a kept-alive connection can never carry a
second request to another host, and nothing of a request (path, query, body) is ever parsed.

What is allowed is the union of the allow-lists admitted (`admit`) by the web views that are
open: a sealed session's allow-list, a practice step's portal origins. Nothing admitted: nothing
goes out (fail closed). Chromium's proxy is one per process, not per profile, so two views open at
once can reach each other's hosts; the kiosk shows one at a time, and the sealed profile's own
interceptor still refuses every request off its list.

The listening socket is bound when the process starts (its port must be on Chromium's command
line before QtWebEngine starts); the thread that serves it starts with the first `admit`.
Refusals are counted and logged without the host (a host name can carry data).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import selectors
import socket
import threading
from dataclasses import dataclass, field

from kiosk.core.flows.allow import AllowList

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 256  # open tunnels at once; more are refused (a page opening thousands)
CONNECT_TIMEOUT = 15.0  # seconds to reach an allowed host
HANDSHAKE_TIMEOUT = 10.0  # seconds for Chromium to say where it wants to go
LOGGED_REFUSALS = 20  # refusals logged one by one; after that only counted

# SOCKS5 (RFC 1928)
VERSION = 5
NO_AUTH, NO_METHOD = 0x00, 0xFF
CMD_CONNECT = 1
ATYP_IPV4, ATYP_DOMAIN, ATYP_IPV6 = 1, 3, 4
REP_OK, REP_FAILURE, REP_NOT_ALLOWED, REP_UNREACHABLE, REP_REFUSED = 0, 1, 2, 4, 5
REP_NO_COMMAND, REP_NO_ADDRESS_TYPE = 7, 8


@dataclass
class Stats:
    """What the gate did (a test seam and what `kiosk doctor` could show)."""

    opened: int = 0
    refused: int = 0
    failed: int = 0
    refused_hosts: list[str] = field(default_factory=list)  # in memory only, for tests


class Gate:
    """The proxy: `listen()` once, `admit(allow)` per web view, `release(token)` when it goes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._admitted: dict[int, AllowList] = {}
        self._next = 0
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._open = 0
        self.stats = Stats()

    # ---- set-up ------------------------------------------------------------------------

    def listen(self) -> int:
        """Bind the loopback port (once) and return it; nothing is served until `admit`."""
        with self._lock:
            if self._server is None:
                server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                server.bind(("127.0.0.1", 0))
                server.listen(128)
                server.set_inheritable(False)
                self._server = server
            return self._server.getsockname()[1]

    @property
    def port(self) -> int | None:
        return self._server.getsockname()[1] if self._server is not None else None

    def admit(self, allow: AllowList) -> int:
        """Let connections allowed by `allow` out until `release(token)`; starts serving."""
        self.listen()
        with self._lock:
            self._next += 1
            token = self._next
            self._admitted[token] = allow
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="kiosk-egress", daemon=True
                )
                self._thread.start()
        return token

    def release(self, token: int) -> None:
        with self._lock:
            self._admitted.pop(token, None)

    def allows(self, host: str, port: int) -> bool:
        """Whether any admitted allow-list lets a page reach `host:port` (http or https: a
        tunnel does not say which; WebSockets go as ws/wss over the same host and port)."""
        name = host.strip("[]").lower()
        shown = f"[{name}]" if ":" in name else name
        with self._lock:
            lists = list(self._admitted.values())
        return any(
            allow.allows(f"{scheme}://{shown}:{port}/")
            for allow in lists
            for scheme in ("http", "https")
        )

    # ---- serving -----------------------------------------------------------------------

    def _serve(self) -> None:
        server = self._server
        assert server is not None
        while True:
            try:
                conn, _addr = server.accept()
            except OSError:
                return  # closed
            with self._lock:
                crowded = self._open >= MAX_CONNECTIONS
                if not crowded:
                    self._open += 1
            if crowded:
                self._refuse_count()
                conn.close()
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            conn.settimeout(HANDSHAKE_TIMEOUT)
            target = self._handshake(conn)
            if target is None:
                return
            host, port = target
            if not self.allows(host, port):
                self._refuse_count(host, port)
                conn.sendall(_reply(REP_NOT_ALLOWED))
                return
            try:
                upstream = socket.create_connection((host, port), timeout=CONNECT_TIMEOUT)
            except OSError as error:
                with self._lock:
                    self.stats.failed += 1
                refused = isinstance(error, ConnectionRefusedError)
                conn.sendall(_reply(REP_REFUSED if refused else REP_UNREACHABLE))
                return
            conn.sendall(_reply(REP_OK))
            with self._lock:
                self.stats.opened += 1
            _relay(conn, upstream)
        except OSError:
            pass
        finally:
            if upstream is not None:
                upstream.close()
            conn.close()
            with self._lock:
                self._open -= 1

    def _handshake(self, conn: socket.socket) -> tuple[str, int] | None:
        """The SOCKS5 greeting and request; the target, or None (answered and refused)."""
        version, count = _read(conn, 2)
        methods = _read(conn, count) if version == VERSION else b""
        if NO_AUTH not in methods:
            conn.sendall(bytes([VERSION, NO_METHOD]))
            self._refuse_count()
            return None
        conn.sendall(bytes([VERSION, NO_AUTH]))
        version, command, _reserved, kind = _read(conn, 4)
        if kind == ATYP_IPV4:
            host = str(ipaddress.IPv4Address(_read(conn, 4)))
        elif kind == ATYP_IPV6:
            host = str(ipaddress.IPv6Address(_read(conn, 16)))
        elif kind == ATYP_DOMAIN:
            host = _read(conn, _read(conn, 1)[0]).decode("ascii", "replace")
        else:
            conn.sendall(_reply(REP_NO_ADDRESS_TYPE))
            self._refuse_count()
            return None
        port = int.from_bytes(_read(conn, 2), "big")
        if version != VERSION or command != CMD_CONNECT:  # no BIND, no UDP ASSOCIATE
            conn.sendall(_reply(REP_NO_COMMAND))
            self._refuse_count(host, port)
            return None
        return host, port

    def _refuse_count(self, host: str = "", port: int = 0) -> None:
        with self._lock:
            self.stats.refused += 1
            count = self.stats.refused
            if host:
                self.stats.refused_hosts.append(f"{host}:{port}")
                del self.stats.refused_hosts[:-1000]
        if count <= LOGGED_REFUSALS:
            log.info("egress: a connection off the allow-list refused (%d so far)", count)

    def close(self) -> None:
        """Stop serving (tests; the process's end does it otherwise)."""
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)
            server.close()


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed during the SOCKS handshake")
        data += chunk
    return data


def _reply(code: int) -> bytes:
    return bytes([VERSION, code, 0, ATYP_IPV4, 0, 0, 0, 0, 0, 0])


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy both ways until both sides have finished; a side's end is passed on as a
    half-close, so a request sent in full still gets its answer."""
    a.settimeout(None)
    b.settimeout(None)
    peer = {a: b, b: a}
    reading = {a, b}
    selector = selectors.DefaultSelector()
    for sock in reading:
        selector.register(sock, selectors.EVENT_READ)
    try:
        while reading:
            for key, _mask in selector.select():
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    data = sock.recv(65536)
                except OSError:
                    return
                if data:
                    try:
                        peer[sock].sendall(data)
                    except OSError:
                        return
                    continue
                selector.unregister(sock)
                reading.discard(sock)
                with contextlib.suppress(OSError):
                    peer[sock].shutdown(socket.SHUT_WR)
    finally:
        selector.close()


GATE = Gate()
"""The process's one gate (Chromium's proxy is one per process)."""
