"""Start-up time and peak memory of the kiosk, beside a bare QApplication + QLabel (the floor).

Runs `python -m kiosk --windowed --exit-when-ready` several times offscreen and measures the
wall time from process start to the first painted home screen, and the peak RSS.
Prints a table, then one line of JSON.
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


def paired(kiosk: list[str], floor: list[str], env: dict[str, str]):
    """Kiosk and floor started in turn, so both meet the same machine (a shared VM's speed
    drifts by tens of percent over a minute); the ratio is the median of each pair's."""
    measure(kiosk, env)  # warm the file cache once, as a kiosk that has run before
    measure(floor, env)
    pairs = [(measure(kiosk, env), measure(floor, env)) for _ in range(RUNS)]
    kiosk_times = [k[0] for k, _f in pairs]
    floor_times = [f[0] for _k, f in pairs]
    ratios = [k[0] / f[0] for k, f in pairs]
    return (
        statistics.median(kiosk_times),
        max(k[1] for k, _f in pairs),
        statistics.median(floor_times),
        max(f[1] for _k, f in pairs),
        statistics.median(ratios),
    )


def main() -> None:
    data = tempfile.mkdtemp(prefix="kiosk-bench-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=data)
    kiosk_s, kiosk_mb, floor_s, floor_mb, ratio = paired(
        [sys.executable, "-m", "kiosk", "--windowed", "--exit-when-ready"],
        [sys.executable, str(ROOT / "bench" / "floor_app.py")],
        env,
    )
    print(f"{'':28}{'median start':>14}{'peak RSS':>12}")
    print(f"{'kiosk home screen':28}{kiosk_s * 1000:>11.0f} ms{kiosk_mb:>9.0f} MB")
    print(f"{'floor (QApplication+QLabel)':28}{floor_s * 1000:>11.0f} ms{floor_mb:>9.0f} MB")
    print(
        f"ratio to floor (median of {RUNS} paired runs): {ratio:.2f}"
        "   targets: ≤ 500 ms, ≤ 2.5×, ≤ 150 MB"
    )
    print(
        json.dumps(
            {
                "startup_median_ms": round(kiosk_s * 1000, 1),
                "startup_floor_median_ms": round(floor_s * 1000, 1),
                "startup_ratio_to_floor": round(ratio, 2),
                "startup_peak_rss_mb": round(kiosk_mb, 1),
                "floor_peak_rss_mb": round(floor_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
