"""How long the UI thread stalls during each slow operation (tests/stall_cases.py: the staff
PIN check, picture passwords, saving settings, Get help's services, the sessions report, a
copy to a USB stick, the trainers' Learners page, keeping a recording, a learner's certificate).

Run as a script, it runs itself through pytest (`test_stalls` below, with tests/conftest.py's
fixtures: `-p tests.conftest`; pytest-xvfb starts an Xvfb, Qt goes through xcb, the real kiosk
window). `make test` collects tests/ only, so never this file. Each operation is tapped on its
real widget BENCH_RUNS times (default 5), its slow parts SLOW_SECONDS (150 ms) slower, as on a
slow SD card, USB stick or keyring, under an event-loop lag probe (tests/lag.py) from the tap
until the view has taken the result (its `done` signal), the UI let calm down before each run.
Work left on the UI thread would show as a stall of at least 150 ms; the control is that: the
same slow parts called directly on the UI thread, once per case.

Prints a table (the median and the worst of each operation's runs), then one line of JSON:
`<operation>_ms` the median, `ui_stall_worst_ms` the worst run of all.
Run: `QT_QPA_PLATFORM=xcb .venv/bin/python bench/ui_stalls.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CASES = [
    "staff_pin_check",
    "picture_password",
    "saving_settings",
    "get_help_services",
    "sessions_report",
    "usb_copy",
    "trainers_page",
    "keeping_a_recording",
    "learners_certificate",
]


# Measuring (in the pytest run) -------------------------------------------------------------
def stall(qtbot, operation) -> float:
    """The longest UI-thread stall, in ms, from `operation.act()` until its result is shown."""
    from tests.lag import LagProbe, calm

    operation.prepare()
    calm(qtbot)
    done = operation.done()
    with LagProbe(qtbot) as probe:
        probe.stop_on(done)
        operation.act()
        qtbot.waitUntil(lambda: not probe.running, timeout=60000)
    done.disconnect(probe.stop)
    operation.check()
    return probe.worst_ms


def record(key: str, figures: dict) -> None:
    """Add `figures` to the JSON file `main` reads ($BENCH_STALLS_OUT; none: pytest by hand)."""
    if not os.environ.get("BENCH_STALLS_OUT"):
        return
    out = Path(os.environ["BENCH_STALLS_OUT"])
    found = json.loads(out.read_text()) if out.exists() and out.stat().st_size else {}
    found[key] = figures
    out.write_text(json.dumps(found, ensure_ascii=False, indent=1))


@pytest.mark.parametrize("name", CASES)
def test_stalls(name, make_kiosk, qtbot, monkeypatch, tmp_path, request):
    from tests import stall_cases
    from tests.lag import SLOW_SECONDS, LagProbe, calm

    more = [request.getfixturevalue("portal")] if name == "usb_copy" else []
    build = getattr(stall_cases, name)
    case = build(make_kiosk, qtbot, monkeypatch, tmp_path, *more, delay=SLOW_SECONDS)
    calm(qtbot)
    with LagProbe(qtbot) as control:
        case.control()
    operations = {}
    for operation in case.operations:
        stalls = [round(stall(qtbot, operation), 1) for _ in range(RUNS)]
        operations[operation.name] = {"what": operation.what, "stalls_ms": stalls}
    record(name, {"control_ms": round(control.worst_ms, 1), "operations": operations})


# Reporting (the script) ---------------------------------------------------------------------
def main() -> None:
    from tests.lag import SLOW_SECONDS, STALL_MS

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        out = Path(folder) / "stalls.json"
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", BENCH_STALLS_OUT=str(out))
        command = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-p", "tests.conftest", str(Path(__file__).resolve()),
        ]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout[-20000:], done.stderr[-5000:], sep="\n")
            raise SystemExit(f"the measuring run failed (pytest exit status {done.returncode})")
        found = json.loads(out.read_text())

    rows, controls, result, runs = [], [], {}, 0
    for case in found.values():
        controls.append(case["control_ms"])
        for name, figures in case["operations"].items():
            stalls = figures["stalls_ms"]
            runs = max(runs, len(stalls))
            rows.append((figures["what"], statistics.median(stalls), max(stalls)))
            result[f"{name}_ms"] = round(statistics.median(stalls), 1)
    print(f"{'longest UI-thread stall, tap to result':50}{'median':>10}{'worst':>10}")
    for what, median, worst in rows:
        print(f"{what:50}{median:>7.0f} ms{worst:>7.0f} ms")
    print(
        f"{runs} runs each, slow parts {SLOW_SECONDS * 1000:.0f} ms slower; the same parts "
        f"called on the UI thread (control): {min(controls):.0f}–{max(controls):.0f} ms; "
        f"a stall over {STALL_MS} ms feels frozen"
    )
    worst = max(worst for _what, _median, worst in rows)
    print(
        json.dumps(
            {
                "ui_stall_worst_ms": round(worst, 1),
                **result,
                "control_min_ms": round(min(controls), 1),
                "runs": runs,
            }
        )
    )


if __name__ == "__main__":
    main()
