"""`kiosk practice-portal` serves on the given ports and stops cleanly."""

from __future__ import annotations

import socket
import threading

import requests

from kiosk.cli import build_parser
from kiosk.commands import practice_portal


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_command_serves_on_given_ports(capsys) -> None:
    port = _free_port()
    args = build_parser().parse_args(["practice-portal", "--portal-port", str(port)])
    stop = threading.Event()
    thread = threading.Thread(target=practice_portal.run, args=(args, stop))
    thread.start()
    try:
        for _ in range(100):
            if f"http://127.0.0.1:{port}/" in capsys.readouterr().out:
                break
            stop.wait(0.05)
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=10).status_code == 200
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
