"""Ralph on loopback for the sync tests, and a fault-injecting proxy in front of it.

`RalphLrs` starts the real LRS (tests/sync/ralph_launcher.py) once per run and counts what it
stored through its own `GET /xAPI/statements`. `FaultProxy` sits between the kiosk and Ralph
and, request by request, plays a fault from its queue: "down" (the connection is closed
without an answer, as when nothing listens), "500", "slow" (answers after the client gave up,
having forwarded the batch), "reset" (forwards the batch, Ralph stores it, then the connection
is reset before the answer) or "hold" (forwards, then keeps the answer until released: the
kiosk can be killed while the LRS already has the batch).
"""

from __future__ import annotations

import collections
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import bcrypt
import requests

USER, PASSWORD = "kiosk", "lrs-test-secret"
HERE = Path(__file__).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RalphLrs:
    """A running Ralph LRS with the fs backend in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        app_dir, data = folder / "app", folder / "data"
        app_dir.mkdir(parents=True)
        data.mkdir()
        # What `ralph auth -u U -p P -s all -M mailto:… -w` writes (its cli extra cannot be
        # installed beside sqlite-utils: see pyproject.toml).
        hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        (app_dir / "auth.json").write_text(
            json.dumps(
                [
                    {
                        "agent": {"mbox": "mailto:kiosk-tests@example.org", "objectType": "Agent"},
                        "scopes": ["all"],
                        "hash": hashed,
                        "username": USER,
                    }
                ]
            )
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI"
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(app_dir),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
        }
        self.log = (folder / "ralph.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "ralph_launcher.py"), str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.folder / 'ralph.log').read_text()}")
            try:
                requests.get(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)  # polling for the server to listen, not a fixed wait
        raise RuntimeError("Ralph did not start")

    def get(self, path: str = "/statements", **params) -> requests.Response:
        return requests.get(
            f"{self.url}{path}",
            params=params,
            auth=(USER, PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=30,
        )

    def stored(self) -> collections.Counter[str]:
        """How many times the LRS holds each statement id (read through its own API)."""
        found: collections.Counter[str] = collections.Counter()
        answer = self.get(limit=1000).json()
        while True:
            found.update(statement["id"] for statement in answer["statements"])
            more = answer.get("more")
            if not more:
                return found
            answer = requests.get(
                f"http://127.0.0.1:{self.port}{more}",
                auth=(USER, PASSWORD),
                headers={"X-Experience-API-Version": "1.0.3"},
                timeout=30,
            ).json()

    def post(self, statements: list[dict]) -> requests.Response:
        return requests.post(
            f"{self.url}/statements",
            json=statements,
            auth=(USER, PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=30,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


class FaultProxy:
    """An HTTP proxy to `target` that plays queued faults, one per request."""

    def __init__(self, target_port: int) -> None:
        self.target = f"http://127.0.0.1:{target_port}"
        self.faults: collections.deque[str] = collections.deque()
        self.requests = 0
        self.forwarded = threading.Event()  # set when a "hold" request reached the LRS
        self.release = threading.Event()
        self.slow_seconds = 1.0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args) -> None:
                pass

            def do_GET(self) -> None:
                self._handle(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                self._handle(self.rfile.read(length))

            def _handle(self, body: bytes) -> None:
                proxy.requests += 1
                fault = proxy.faults.popleft() if proxy.faults else "pass"
                if fault == "down":
                    self._reset()
                    return
                if fault == "500":
                    self._answer(500, b'{"detail": "injected server error"}')
                    return
                answer = requests.request(
                    self.command,
                    proxy.target + self.path,
                    data=body,
                    headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
                    timeout=60,
                )
                if fault == "reset":
                    self._reset()
                    return
                if fault == "slow":
                    time.sleep(
                        proxy.slow_seconds
                    )  # the injected fault: longer than the client waits
                if fault == "hold":
                    proxy.forwarded.set()
                    proxy.release.wait(30)
                self._answer(answer.status_code, answer.content)

            def _answer(self, code: int, content: bytes) -> None:
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                except OSError:
                    pass  # the client gave up (slow) or was killed (hold)

            def _reset(self) -> None:
                # SO_LINGER 0: close with a TCP reset, as a dropped connection does.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/xAPI"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
