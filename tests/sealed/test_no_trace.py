"""No value a citizen typed survives any end of a Get-help session: completed, abandoned, timed
out, the kiosk stopped with SIGTERM, or killed with SIGKILL (issue #15, "Counted, not assumed").

The real kiosk runs in a child process (tests/sealed/trace_child.py) with its data dir, home,
XDG folders and TMPDIR in this test's folder; a person types a fresh national ID and mobile
number into the practice portal's sign-in form with key events, and the session ends as the
mode says. Then `kiosk doctor` cleans up as the next start would, and every file in those
folders (the database, its WAL and shared memory, the logs, the speech cache included, read
as raw bytes, so free pages count), in /dev/shm and in /tmp (changed since the test began) is
searched for each value as ASCII digits,
Persian digits, Arabic-Indic digits, and UTF-16 of each.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.planted import files_read, mobile, national_id

ROOT = Path(__file__).resolve().parents[2]
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
READY = 300.0  # s: a cold QtWebEngine on two shared, busy cores
ENDED = 180.0
FOLDERS = ("data", "home", "xdg-data", "xdg-config", "xdg-cache", "xdg-state", "runtime", "tmp")
# The record's outcome each ending gives (printed by the child before it shuts down).
OUTCOMES = {"complete": "completed", "abandoned": "abandoned", "timed_out": "timed_out"}


def encodings(value: str) -> dict[str, bytes]:
    """The byte forms a value may take on disk, by name."""
    persian, arabic = value.translate(PERSIAN), value.translate(ARABIC_INDIC)
    return {
        "ascii": value.encode("ascii"),
        "persian digits": persian.encode("utf-8"),
        "arabic-indic digits": arabic.encode("utf-8"),
        "utf-16-le ascii": value.encode("utf-16-le"),
        "utf-16-le persian": persian.encode("utf-16-le"),
        "utf-16-le arabic-indic": arabic.encode("utf-16-le"),
        "utf-16-be ascii": value.encode("utf-16-be"),
    }


def scan(places: list[Path], values: dict[str, str], since: float = 0.0) -> list[str]:
    """ "file: what (encoding)" for every regular file under `places` (changed since `since`)
    holding a form of a value, read as raw bytes."""
    needles = [
        (what, name, form) for what, v in values.items() for name, form in encodings(v).items()
    ]
    return [
        f"{path}: {what} ({name})"
        for path, data in files_read(places, since, 500_000_000)
        for what, name, form in needles
        if form in data
    ]


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "XDG_"))}
    for folder in FOLDERS:
        (tmp_path / folder).mkdir(mode=0o700)
    env.update(
        QT_QPA_PLATFORM="xcb",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
        TMPDIR=str(tmp_path / "tmp"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


class Child:
    """The kiosk process: its output lines as they come, on a queue."""

    def __init__(self, mode: str, env: dict[str, str], output: Path, values: list[str]) -> None:
        self.stderr = output.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.sealed.trace_child", mode],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            start_new_session=True,  # its own process group: Chromium's helpers are counted
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        assert self.process.stdin is not None
        self.process.stdin.write(" ".join(values) + "\n")  # not argv: /proc shows that
        self.process.stdin.close()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("")  # end of output

    def wait_for(self, word: str, timeout: float) -> str:
        """The first line from now on that starts with `word`; fails at the end of output."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the kiosk did not say {word!r} in {timeout} s") from None
            self.said.append(line)
            if line.startswith(word):
                return line
            if not line:
                raise AssertionError(f"the kiosk ended before {word!r}: {self.said}")

    def group_alive(self) -> list[int]:
        """Processes (not zombies) still in the kiosk's process group: Chromium's helpers."""
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[2]) == self.process.pid:
                alive.append(int(entry.name))
        return alive

    def finish(self, timeout: float) -> int:
        code = self.process.wait(timeout=timeout)
        deadline = time.monotonic() + 60
        while self.group_alive() and time.monotonic() < deadline:
            time.sleep(0.1)  # the helpers see their parent gone and leave on their own
        left = self.group_alive()
        if left:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.stderr.close()
        assert not left, f"the kiosk's helper processes outlived it: {left}"
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.stderr.close()


def doctor(env: dict[str, str]) -> str:
    """The kiosk's own clean-up of what an earlier run left, as the next start does."""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--language", "en", "doctor", "--no-webview"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert "Session folders" in done.stdout, done.stdout + done.stderr
    return done.stdout


def test_the_scan_finds_every_form_of_a_value(tmp_path: Path) -> None:
    """The scan cannot pass for want of looking: each form, written anywhere below, is found."""
    value = national_id()
    assert scan([tmp_path], {"id": value}) == []
    for index, (name, form) in enumerate(encodings(value).items()):
        note = tmp_path / "data" / f"deep{index}" / "note.bin"
        note.parent.mkdir(parents=True)
        note.write_bytes(b"\x00head" + form + b"tail\xff")
        assert scan([tmp_path], {"id": value}) == [f"{note}: id ({name})"]
        note.unlink()
    as_text = tmp_path / "kiosk.sqlite3-wal"
    as_text.write_text(f"x{value.translate(PERSIAN)}x", encoding="utf-16")  # with a BOM
    assert scan([tmp_path], {"id": value}) == [f"{as_text}: id (utf-16-le persian)"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["complete", "abandoned", "timed_out", "sigterm", "sigkill"])
def test_no_typed_value_survives_the_end_of_a_session(tmp_path: Path, mode: str) -> None:
    began = time.time() - 1
    env = child_env(tmp_path)
    values = {"national ID": national_id(), "mobile": mobile()}
    output = tmp_path / "kiosk-stderr.txt"
    child = Child(mode, env, output, list(values.values()))
    try:
        # Printed once the page showed both values as typed (read back from the fields).
        child.wait_for("ready", READY)
        if mode == "sigterm":
            child.process.send_signal(signal.SIGTERM)
        elif mode == "sigkill":
            child.process.send_signal(signal.SIGKILL)
        if mode in OUTCOMES:
            assert child.wait_for("outcome", ENDED) == f"outcome {OUTCOMES[mode]}"
        if mode != "sigkill":
            child.wait_for("ended", ENDED)
        code = child.finish(ENDED)
    finally:
        child.kill()
    stderr = output.read_text(encoding="utf-8", errors="replace")
    assert code == (-signal.SIGKILL if mode == "sigkill" else 0), stderr[-3000:]
    said = doctor(env)
    if mode == "sigkill":  # the killed session's download folder, removed now
        assert "1 left by an earlier run, removed" in said, said
    # /tmp too: a library that ignores TMPDIR (Chromium's shared memory falls back there).
    places = [tmp_path / folder for folder in FOLDERS] + [output, Path("/dev/shm"), Path("/tmp")]
    hits = scan(places, values, since=began)
    assert not hits, f"typed values left on disk after a {mode} session:\n" + "\n".join(hits)
    # The same scan finds a value where one is: UTF-16 in a file of the data dir.
    planted = tmp_path / "data" / "speech" / "planted.txt"
    planted.parent.mkdir(exist_ok=True)
    planted.write_bytes(values["mobile"].translate(PERSIAN).encode("utf-16-le"))
    assert scan(places, values, since=began) == [f"{planted}: mobile (utf-16-le persian)"]
