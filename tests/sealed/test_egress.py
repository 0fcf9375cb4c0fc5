"""The kiosk's proxy (kiosk.services.egress) on its own, spoken to as Chromium speaks SOCKS5."""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterator

import pytest

from kiosk.core.flows.allow import AllowList
from kiosk.services.egress import Gate
from kiosk.ui.application import chromium_flags
from tests.sealed.hostile import Forbidden, Hostile


@pytest.fixture
def gate() -> Iterator[Gate]:
    gate = Gate()
    gate.listen()
    yield gate
    gate.close()


def socks(gate: Gate, host: str, port: int, command: int = 1) -> tuple[int, socket.socket]:
    """A SOCKS5 CONNECT (by name) through `gate`: the reply code and the open socket."""
    conn = socket.create_connection(("127.0.0.1", gate.port), timeout=10)
    conn.sendall(b"\x05\x01\x00")
    assert conn.recv(2) == b"\x05\x00"
    name = host.encode()
    conn.sendall(bytes([5, command, 0, 3, len(name)]) + name + struct.pack("!H", port))
    reply = b""
    while len(reply) < 10:
        chunk = conn.recv(10 - len(reply))
        if not chunk:
            break
        reply += chunk
    return (reply[1] if len(reply) > 1 else -1), conn


def get(conn: socket.socket, path: str) -> bytes:
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := conn.recv(65536):
        data += chunk
    return data


def test_only_what_an_open_view_allows_goes_out(gate: Gate, forbidden: Forbidden) -> None:
    hostile = Hostile()
    try:
        port = int(hostile.origin.rsplit(":", 1)[1])
        other = gate.admit(AllowList(origins=["http://127.0.0.1:9"]))
        code, conn = socks(gate, "127.0.0.1", port)
        assert code == 2 and conn.recv(10) == b""  # not admitted: refused
        conn.close()
        gate.release(other)
        token = gate.admit(AllowList(origins=[hostile.origin]))
        code, conn = socks(gate, "127.0.0.1", port)
        assert code == 0
        assert get(conn, "/through-the-gate").startswith(b"HTTP/1.1 200")
        conn.close()
        assert "/through-the-gate" in hostile.hits
        # Another port of the same loopback host, by address and by name: refused.
        for host in ("127.0.0.1", "localhost"):
            code, conn = socks(gate, host, forbidden.port)
            assert code == 2
            conn.close()
        gate.release(token)  # the view is gone: its hosts are closed again
        code, conn = socks(gate, "127.0.0.1", port)
        assert code == 2
        conn.close()
    finally:
        hostile.close()
    assert forbidden.total == 0, forbidden.summary()
    assert gate.stats.refused == 4 and gate.stats.opened == 1
    assert gate.stats.refused_hosts.count(f"127.0.0.1:{forbidden.port}") == 1


def test_no_bind_no_udp_and_no_other_protocol(gate: Gate, forbidden: Forbidden) -> None:
    gate.admit(AllowList(origins=[forbidden.origin]))
    for command in (2, 3):  # BIND, UDP ASSOCIATE
        code, conn = socks(gate, "127.0.0.1", forbidden.port, command)
        assert code == 7
        conn.close()
    # An HTTP proxy request (not SOCKS) gets nothing and goes nowhere.
    with socket.create_connection(("127.0.0.1", gate.port), timeout=10) as conn:
        conn.sendall(f"GET {forbidden.origin}/v/http HTTP/1.1\r\n\r\n".encode())
        assert conn.recv(10) in (b"\x05\xff", b"")
    assert forbidden.total == 0, forbidden.summary()


def test_a_flood_of_connections_is_cut_and_the_gate_still_answers(
    gate: Gate, forbidden: Forbidden
) -> None:
    """Hundreds of idle connections (a page opening sockets without end) do not stop the
    next one from being answered."""
    gate.admit(AllowList(origins=[forbidden.origin]))
    idle = [socket.create_connection(("127.0.0.1", gate.port), timeout=10) for _ in range(300)]
    try:
        for conn in idle[-5:]:  # over the limit: closed at once, counted as refused
            assert conn.recv(10) == b""
        assert gate.stats.refused >= 300 - 256
    finally:
        for conn in idle:
            conn.close()
    code = -1
    for _attempt in range(200):  # the idle ones' threads end as their sockets close
        code, conn = socks(gate, "127.0.0.1", forbidden.port)
        conn.close()
        if code == 0:
            break
    assert code == 0


def test_chromium_is_sent_through_this_processs_gate_only() -> None:
    """A kiosk's flags passed down to a child (`kiosk doctor`'s web view check) are replaced,
    not doubled; loopback is not left out; QUIC and non-proxied UDP stay off."""
    inherited = "--foo --proxy-server=socks5://127.0.0.1:1 --proxy-bypass-list=<local>"
    words = chromium_flags(inherited, 4242).split()
    assert words.count("--foo") == 1
    assert [w for w in words if w.startswith("--proxy-server")] == [
        "--proxy-server=socks5://127.0.0.1:4242"
    ]
    assert [w for w in words if w.startswith("--proxy-bypass-list")] == [
        "--proxy-bypass-list=<-loopback>"
    ]
    assert "--disable-quic" in words
    assert "--force-webrtc-ip-handling-policy=disable_non_proxied_udp" in words
    assert sorted(chromium_flags(" ".join(words), 4242).split()) == sorted(words)
