"""Drive the installed `kiosk` like a person: its own X server, real X input, no test code
inside the process.

Each journey gets a fresh Xvfb of the size it asks for, starts `.venv/bin/kiosk` there in
full-screen kiosk mode with `--debug-dir`, and then only:
- reads `controls.json`, where the running kiosk says which controls are on screen and where
  (`kiosk/ui/shell/probe.py`), so no pixel position is written into a test;
- taps and types with `xdotool` (real X events: the same path as a mouse or touch screen);
- takes screenshots of the X screen from another process (`grab.py`).
At the end the kiosk is stopped with SIGTERM, as a service manager stops it, and the journey
fails on a non-zero exit, a crash log, or any traceback or error in the kiosk's log.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyvirtualdisplay import Display

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "journeys"
KIOSK = Path(sys.executable).with_name("kiosk")
GRAB = Path(__file__).with_name("grab.py")
WAIT = 90.0  # seconds: generous for a loaded 2-core machine synthesizing speech meanwhile
# A snapshot counts as showing the effect of a touch once taken this long after it: the kiosk
# has read the X event by then, unless it is busy, and then its probe's timer waits too.
FRESH_S = 0.1

Snapshot = dict[str, Any]
Control = dict[str, Any]


class JourneyError(AssertionError):
    """A step of a journey did not happen; the message says what the screen showed."""


class Person:
    """One journey: the kiosk on its own X screen, and a person in front of it."""

    def __init__(
        self,
        name: str,
        workdir: Path,
        size: tuple[int, int],
        language: str,
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        assert KIOSK.exists(), f"the installed kiosk command is missing: {KIOSK}"
        self.name = name
        self.size = size
        self.language = language
        self.data = workdir / "data"
        self.probe = workdir / "probe"
        self.shots = ARTIFACTS / name
        self.shots.mkdir(parents=True, exist_ok=True)
        for old in self.shots.glob("*.png"):
            old.unlink()
        self._shot_index = 0
        self._acted = 0.0  # when the last touch or key was sent
        self.display = Display(visible=False, size=size, color_depth=24)
        self.display.start()
        self.env = dict(
            os.environ,
            DISPLAY=f":{self.display.display}",
            QT_QPA_PLATFORM="xcb",
            KIOSK_DATA_DIR=str(self.data),
            **(env or {}),
        )
        # Display.env() is a copy of this process's whole environment: take only the display.
        display_env = self.display.env()
        for key in ("DISPLAY", "XAUTHORITY"):
            if key in display_env:
                self.env[key] = display_env[key]
        self.output = (workdir / "kiosk-output.txt").open("w", encoding="utf-8")
        self.kiosk = subprocess.Popen(
            [str(KIOSK), "--language", language, "--debug-dir", str(self.probe), *args],
            env=self.env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            cwd=workdir,
        )
        self.grabber = subprocess.Popen(
            [sys.executable, str(GRAB)],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.output_path = workdir / "kiosk-output.txt"

    # ---- what the kiosk says about its screen -------------------------------------------
    def snapshot(self) -> Snapshot:
        """What the kiosk shows, as it wrote it after the last touch or key (`FRESH_S` later):
        a picture from before it would put a control where it no longer is."""
        deadline = time.monotonic() + 10
        while True:
            snapshot = self._read_snapshot()
            fresh = snapshot.get("taken", 0.0) >= self._acted + FRESH_S
            if fresh or time.monotonic() > deadline or self.kiosk.poll() is not None:
                return snapshot
            time.sleep(0.05)

    def _read_snapshot(self) -> Snapshot:
        path = self.probe / "controls.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"screen": "", "controls": [], "web": []}

    def wait(self, what: str, check: Callable[[Snapshot], Any], timeout: float = WAIT) -> Any:
        """Wait until `check(snapshot)` is truthy, and return what it returned."""
        deadline = time.monotonic() + timeout
        snapshot: Snapshot = {}
        while time.monotonic() < deadline:
            if self.kiosk.poll() is not None:
                raise JourneyError(
                    f"the kiosk exited ({self.kiosk.returncode}) waiting for {what}\n"
                    + self.output_text()[-3000:]
                )
            snapshot = self.snapshot()
            found = check(snapshot)
            if found:
                return found
            time.sleep(0.1)
        self.screenshot(f"FAILED-{what}")
        raise JourneyError(f"not seen within {timeout:.0f} s: {what}\n{describe(snapshot)}")

    def find(self, **match: Any) -> Callable[[Snapshot], Control | None]:
        """A check for the first visible, enabled control whose fields match: `name=`, `text=`,
        `accessible=`, `cls=` equal; `text_has=` / `accessible_has=` contained."""

        def check(snapshot: Snapshot) -> Control | None:
            for control in snapshot.get("controls", []):
                if control_matches(control, match):
                    return control
            return None

        return check

    def control(self, what: str | None = None, **match: Any) -> Control:
        return self.wait(what or f"control {match}", self.find(**match))

    def on_screen(self, key: str, timeout: float = WAIT) -> Snapshot:
        return self.wait(
            f"screen {key!r}", lambda s: s if s.get("screen") == key else None, timeout
        )

    def web_target(self, what: str = "the guide's highlighted element") -> list[int]:
        """The screen rectangle of what the guide highlights on the web page."""

        def check(snapshot: Snapshot) -> list[int] | None:
            for view in snapshot.get("web", []):
                if view.get("target") and view.get("rect"):
                    return view["target"]
            return None

        return self.wait(what, check)

    def web_element(self, what: str | None = None, **match: Any) -> Control:
        """A form control, link, picture or live region on the visible part of the web page
        (`tag=`, `name=`, `id=`, `type=`, `live=`, `text_has=`, `label_has=`)."""

        def check(snapshot: Snapshot) -> Control | None:
            for view in snapshot.get("web", []):
                for element in view.get("elements", []):
                    if (
                        element.get("rect")
                        and inside(element["rect"], view.get("rect"))
                        and control_matches(element, match)
                    ):
                        return element
            return None

        return self.wait(what or f"web element {match}", check)

    # ---- a person's hands ---------------------------------------------------------------
    def tap(self, target: Control | list[int], settle: float = 0.0) -> None:
        """Press and release the mouse at the middle of a control (or a rectangle)."""
        x, y, w, h = target["rect"] if isinstance(target, dict) else target
        self.point(x + w // 2, y + h // 2)
        self.xdotool("click", "1")
        if settle:
            time.sleep(settle)  # only where the screen must first react to the tap's motion

    def point(self, x: int, y: int) -> None:
        """Move the pointer to (x, y) and wait until it is there. `mousemove --sync` to where
        the pointer already is waits ~15 s for a motion that never comes: a second tap on
        the same button (Next, Next) then lands 15 s late. So ask X where it is first."""
        where = subprocess.run(
            ["xdotool", "getmouselocation", "--shell"],
            env=self.env,
            check=True,
            timeout=30,
            capture_output=True,
            text=True,
        ).stdout
        found = dict(line.split("=", 1) for line in where.split() if "=" in line)
        if (found.get("X"), found.get("Y")) != (str(x), str(y)):
            self.xdotool("mousemove", "--sync", str(x), str(y))

    move = point

    def wheel_to(self, what: str, over: dict[str, Any], **match: Any) -> Control:
        """Roll the mouse wheel over the control matching `over` (a part of the screen that
        scrolls, not a web page) until the control matching `match` shows whole enough to
        touch; as a person scrolls down to a button below the fold."""
        for _ in range(30):
            snapshot = self.snapshot()
            found = self.find(**match)(snapshot)
            if found and found["rect"][3] >= min(found.get("size", [0, 64])[1], 64):
                return found
            x, y, w, h = self.control(f"where to scroll for {what}", **over)["rect"]
            self.point(x + w // 2, y + h // 2)
            self.xdotool("click", "5")
            old = snapshot.get("controls")
            self.wait(
                f"the screen to scroll towards {what}",
                lambda s, old=old: s.get("controls") != old,
                timeout=15,
            )
        raise JourneyError(f"{what} never came into view")

    def more_below_to(self, what: str, **match: Any) -> Control:
        """Touch the screen's "More below" arrow until the control matching `match` shows
        whole enough to touch: the way down the kiosk offers a person who cannot use a wheel."""
        for _ in range(30):
            snapshot = self.snapshot()
            found = self.find(**match)(snapshot)
            if found and found["rect"][3] >= min(found.get("size", [0, 64])[1], 64):
                return found
            self.tap_control(f"the More-below arrow, towards {what}", name="tile_more")
            old = snapshot.get("controls")
            self.wait(
                f"the screen to scroll towards {what}",
                lambda s, old=old: s.get("controls") != old,
                timeout=15,
            )
        raise JourneyError(f"{what} never came into view")

    def tap_control(self, what: str | None = None, **match: Any) -> Control:
        control = self.control(what, **match)
        self.tap(control)
        return control

    def drag(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        """Press at `start`, move to `end`, release: selects text as a person does."""
        self.xdotool("mousemove", str(start[0]), str(start[1]), "mousedown", "1")
        self.xdotool("mousemove", str(end[0]), str(end[1]), "mouseup", "1")

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", *keys)

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=30)
        self._acted = time.time()  # what the screen showed before this is out of date

    # ---- what a person would notice ------------------------------------------------------
    def screenshot(self, label: str) -> Path:
        self._shot_index += 1
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in label)[:60]
        path = self.shots / f"{self._shot_index:02d}-{safe}.png"
        if self.grabber.poll() is None:
            assert self.grabber.stdin is not None and self.grabber.stdout is not None
            self.grabber.stdin.write(f"{path}\n")
            self.grabber.stdin.flush()
            answer = self.grabber.stdout.readline().strip()
            assert answer == "ok", answer
        return path

    def selection(self) -> str:
        """The text a person has selected on the screen (the X primary selection)."""
        assert self.grabber.stdin is not None and self.grabber.stdout is not None
        self.grabber.stdin.write("?selection\n")
        self.grabber.stdin.flush()
        return json.loads(self.grabber.stdout.readline())

    def spoken(self) -> list[str]:
        path = self.probe / "spoken.jsonl"
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]

    def wait_spoken(self, what: str, check: Callable[[str], bool], after: int = 0) -> int:
        """Wait until an utterance (from index `after` on) satisfies `check`; its index."""

        def found(_snapshot: Snapshot) -> int | None:
            for index, text in enumerate(self.spoken()[after:], start=after):
                if check(text):
                    return index + 1  # truthy even for the first utterance
            return None

        return self.wait(f"spoken: {what}", found) - 1

    def database(self) -> sqlite3.Connection:
        connection = sqlite3.connect(f"file:{self.data / 'kiosk.sqlite3'}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        return connection

    def output_text(self) -> str:
        if not self.output.closed:
            self.output.flush()
        return self.output_path.read_text(encoding="utf-8", errors="replace")

    def log_text(self) -> str:
        path = self.data / "logs" / "kiosk.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    # ---- the end ------------------------------------------------------------------------
    def stop(self) -> None:
        """SIGTERM as a service manager sends it; then the kiosk must have lived and left well."""
        try:
            if self.kiosk.poll() is None:
                self.kiosk.send_signal(signal.SIGTERM)
                try:
                    self.kiosk.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    self.kiosk.kill()
                    self.kiosk.wait(timeout=30)
                    raise JourneyError("the kiosk did not stop within 60 s of SIGTERM") from None
        finally:
            if self.grabber.poll() is None:
                assert self.grabber.stdin is not None
                self.grabber.stdin.close()
                try:
                    self.grabber.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.grabber.kill()
            self.output.close()
            self.display.stop()
        problems = []
        if self.kiosk.returncode != 0:
            problems.append(f"the kiosk exited with {self.kiosk.returncode}")
        crash = self.data / "logs" / "crash.log"
        if crash.exists() and "Fatal Python error" in crash.read_text(errors="replace"):
            problems.append("crash.log:\n" + crash.read_text(errors="replace")[-3000:])
        for source, text in (("kiosk.log", self.log_text()), ("output", self.output_text())):
            for needle in ("Traceback", " ERROR ", "Fatal Python error"):
                if needle in text:
                    at = text.index(needle)
                    problems.append(f"{needle.strip()} in {source}:\n{text[at - 500 : at + 2500]}")
        if problems:
            raise JourneyError("\n\n".join(problems))


def control_matches(control: Control, match: dict[str, Any]) -> bool:
    if not control.get("enabled", True) and not match.get("disabled_ok"):
        return False
    for key, wanted in match.items():
        if key == "disabled_ok":
            continue
        if key.endswith("_has"):
            field = key[: -len("_has")]
            if str(wanted) not in str(control.get(field, "")):
                return False
        elif key == "cls":
            if control.get("class") != wanted:
                return False
        elif control.get(key) != wanted:
            return False
    return True


def inside(rect: list[int], area: list[int] | None) -> bool:
    """Whether the middle of `rect` is within `area` (where a tap on it lands on it)."""
    if not area:
        return False
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x + w // 2 < ax + aw and ay <= y + h // 2 < ay + ah


def describe(snapshot: Snapshot) -> str:
    """What the screen showed, for a failure message."""
    lines = [f"screen={snapshot.get('screen')!r} page={snapshot.get('page')!r}"]
    for control in snapshot.get("controls", [])[:80]:
        text = control.get("text") or control.get("accessible") or ""
        lines.append(
            f"  {control.get('class')} name={control.get('name')!r} "
            f"text={text[:50]!r} rect={control.get('rect')} enabled={control.get('enabled')}"
        )
    for view in snapshot.get("web", []):
        lines.append(f"  web {view.get('path')!r} target={view.get('target')}")
    return "\n".join(lines)
