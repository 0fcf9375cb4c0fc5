"""Start-up time and peak memory of the kiosk, beside a bare QApplication + QLabel (the floor).

Two ways, each kiosk run paired with a floor run started the same way:
- **xcb, full screen** (the truth: a kiosk shows on a real display): `kiosk --exit-when-ready`
  in kiosk mode on an Xvfb this script starts itself (1920 × 1080), the floor full screen too;
- **offscreen, windowed**: `kiosk --windowed --exit-when-ready` with no display server, the
  figure this bench printed before (kept: it isolates our code from the X round trips).
The time is from process start to the first painted home screen; memory is peak RSS.
Prints a table, then one line of JSON (the xcb figures under the plain names).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SCREEN = (1920, 1080)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the printed 'ready' moment, and peak RSS in MB, of one run."""
    start = time.time()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command} exited with {process.returncode}")
    ready = float(next(line.split()[1] for line in output.splitlines() if line.startswith("ready")))
    return ready - start, usage.ru_maxrss / 1024


def paired(kiosk: list[str], floor: list[str], env: dict[str, str]) -> dict[str, float]:
    """Kiosk and floor started in turn, so both meet the same machine (a shared VM's speed
    drifts by tens of percent over a minute); the ratio is the median of each pair's."""
    measure(kiosk, env)  # warm the file cache once, as a kiosk that has run before
    measure(floor, env)
    pairs = [(measure(kiosk, env), measure(floor, env)) for _ in range(RUNS)]
    return {
        "kiosk_s": statistics.median(k[0] for k, _f in pairs),
        "kiosk_mb": max(k[1] for k, _f in pairs),
        "floor_s": statistics.median(f[0] for _k, f in pairs),
        "floor_mb": max(f[1] for _k, f in pairs),
        "ratio": statistics.median(k[0] / f[0] for k, f in pairs),
    }


class Xvfb:
    """An X server of our own on a free display number (Xvfb picks it: -displayfd)."""

    def __init__(self, size: tuple[int, int]) -> None:
        read, write = os.pipe()
        screen = f"{size[0]}x{size[1]}x24"
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            self.process.kill()
            raise SystemExit("Xvfb did not start (is the xvfb package installed?)")
        self.display = f":{number}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def main() -> None:
    kiosk = [sys.executable, "-m", "kiosk", "--exit-when-ready"]
    floor = [sys.executable, str(ROOT / "bench" / "floor_app.py")]
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    server = Xvfb(SCREEN)
    try:
        env = dict(base, QT_QPA_PLATFORM="xcb", DISPLAY=server.display)
        env["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-bench-")
        xcb = paired(kiosk, [*floor, "--full-screen"], env)
    finally:
        server.stop()
    env = dict(base, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=tempfile.mkdtemp())
    offscreen = paired([*kiosk, "--windowed"], floor, env)

    print(f"{'':40}{'median start':>14}{'peak RSS':>12}{'ratio':>8}")
    for label, figures in (
        ("xcb (Xvfb {}×{}), full screen".format(*SCREEN), xcb),
        ("offscreen, windowed 1280×800", offscreen),
    ):
        print(label)
        print(
            f"{'  kiosk home screen':40}{figures['kiosk_s'] * 1000:>11.0f} ms"
            f"{figures['kiosk_mb']:>9.0f} MB{figures['ratio']:>7.2f}×"
        )
        print(
            f"{'  floor (QApplication+QLabel)':40}{figures['floor_s'] * 1000:>11.0f} ms"
            f"{figures['floor_mb']:>9.0f} MB"
        )
    print(f"median of {RUNS} paired runs each; targets: ≤ 500 ms, ≤ 2.5× the floor, ≤ 150 MB")
    result = {}
    for prefix, figures in (("", xcb), ("offscreen_", offscreen)):
        result[f"{prefix}startup_median_ms"] = round(figures["kiosk_s"] * 1000, 1)
        result[f"{prefix}startup_floor_median_ms"] = round(figures["floor_s"] * 1000, 1)
        result[f"{prefix}startup_ratio_to_floor"] = round(figures["ratio"], 2)
        result[f"{prefix}startup_peak_rss_mb"] = round(figures["kiosk_mb"], 1)
        result[f"{prefix}floor_peak_rss_mb"] = round(figures["floor_mb"], 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
