"""The installable kiosk's figures: bundle size on disk, .deb size, and the start of the
installed bundle beside `make run`'s start (`.venv/bin/kiosk`), same machine, same run.

Uses dist/kiosk_<version>_amd64.deb (`make package` builds it when missing or stale; with
`--build` the bundle and .deb are rebuilt from scratch and the build is timed), unpacks it into
a temporary root as tests/packaging/ does, then starts both to `--exit-when-ready` in kiosk
mode on an Xvfb of its own (1920 × 1080), in turn: the first start of the freshly unpacked
bundle, then BENCH_RUNS paired starts (the median). Prints a table, then one line of JSON.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import SCREEN, Xvfb, measure

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "10"))


def disk_usage(folder: Path) -> int:
    """Bytes the files under `folder` take on disk (allocated blocks, hard links once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_blocks * 512
    return total


def build(fresh: bool) -> tuple[Path, float | None]:
    """The .deb, and the seconds a fresh build took (None: `make package` reused it)."""
    version = re.search(
        r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE
    ).group(1)
    started = time.monotonic()
    if fresh:
        shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
        (ROOT / "dist" / f"kiosk_{version}_amd64.deb").unlink(missing_ok=True)
    subprocess.run(["make", "-s", "package"], cwd=ROOT, check=True)
    seconds = time.monotonic() - started if fresh else None
    return ROOT / "dist" / f"kiosk_{version}_amd64.deb", seconds


def main() -> None:
    deb, build_s = build("--build" in sys.argv)
    root = Path(tempfile.mkdtemp(prefix="kiosk-bench-root-"))
    try:
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        bundle_bytes = disk_usage(root / "opt" / "kiosk")
        installed = [str(root / "usr" / "bin" / "kiosk"), "--exit-when-ready"]
        source = [str(ROOT / ".venv" / "bin" / "kiosk"), "--exit-when-ready"]
        base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        server = Xvfb(SCREEN)
        try:
            env = dict(base, QT_QPA_PLATFORM="xcb", DISPLAY=server.display)
            installed_env = dict(env, KIOSK_DATA_DIR=tempfile.mkdtemp(prefix="kiosk-bench-"))
            source_env = dict(env, KIOSK_DATA_DIR=tempfile.mkdtemp(prefix="kiosk-bench-"))
            first_s, _mb = measure(installed, installed_env)  # new data dir, files never run
            measure(source, source_env)  # the same first start for the source checkout
            pairs = [
                (measure(installed, installed_env), measure(source, source_env))
                for _ in range(RUNS)
            ]
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)

    result = {
        "deb_mb": round(deb.stat().st_size / 2**20, 1),
        "bundle_on_disk_mb": round(bundle_bytes / 2**20, 1),
        "installed_first_start_ms": round(first_s * 1000, 1),
        "installed_start_median_ms": round(statistics.median(i[0] for i, _s in pairs) * 1000, 1),
        "source_start_median_ms": round(statistics.median(s[0] for _i, s in pairs) * 1000, 1),
        "installed_to_source_ratio": round(statistics.median(i[0] / s[0] for i, s in pairs), 2),
        "installed_peak_rss_mb": round(max(i[1] for i, _s in pairs), 1),
        "source_peak_rss_mb": round(max(s[1] for _i, s in pairs), 1),
        "build_s": round(build_s, 1) if build_s is not None else None,
    }
    print(f"{'':46}{'figure':>14}")
    rows = (
        (".deb (zstd -1)", f"{result['deb_mb']:.0f} MB"),
        ("bundle on disk (/opt/kiosk)", f"{result['bundle_on_disk_mb']:.0f} MB"),
        ("installed: first start after unpacking", f"{result['installed_first_start_ms']:.0f} ms"),
        (
            "installed: start to home screen, median",
            f"{result['installed_start_median_ms']:.0f} ms",
        ),
        ("make run (.venv/bin/kiosk): same, median", f"{result['source_start_median_ms']:.0f} ms"),
        ("installed / make run, median of pairs", f"{result['installed_to_source_ratio']:.2f}×"),
        ("installed: peak RSS", f"{result['installed_peak_rss_mb']:.0f} MB"),
        ("make run: peak RSS", f"{result['source_peak_rss_mb']:.0f} MB"),
    )
    for label, figure in rows:
        print(f"{label:46}{figure:>14}")
    if build_s is not None:
        print(f"{'fresh build (PyInstaller + dpkg-deb)':46}{build_s:>12.0f} s")
    print(f"xcb on Xvfb {SCREEN[0]}×{SCREEN[1]}, full screen; median of {RUNS} paired runs")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
