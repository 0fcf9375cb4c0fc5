"""The guide on markup nobody here wrote: each conformance site (tests/conformance) run by its
person, with their mistakes, in the real QtWebEngine on an X display (Xvfb if none is set).

Per site: steps completed / total, and the person's action -> next step latency (from the
moment the person acts to the guide showing the next step), split into in-page actions and
actions that load a page (a form submitted). Prints a table, then one line of JSON.
Target: every step of every site; in-page p95 <= 150 ms.

Needs `make conformance-deps` (the design systems from npm in .cache/npm).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


class Bot:
    """Just enough of pytest-qt's qtbot for tests/guide/web.GuidedTab, on a QEventLoop."""

    def __init__(self) -> None:
        self.timeout_ms = 20_000

    def _spin(self, until, timeout_ms: int) -> bool:
        from PySide6.QtCore import QEventLoop, QTimer

        loop, end = QEventLoop(), time.perf_counter() + timeout_ms / 1000
        check = QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: loop.quit() if until() or time.perf_counter() > end else None)
        check.start()
        if not until():
            loop.exec()
        check.stop()
        return bool(until())

    def waitUntil(self, until, timeout: int = 20_000) -> None:
        if not self._spin(lambda: bool(until()), timeout):
            raise TimeoutError("bench: timed out waiting for the guide")

    def wait(self, ms: int) -> None:
        end = time.perf_counter() + ms / 1000
        self._spin(lambda: time.perf_counter() >= end, ms + 1000)

    def waitExposed(self, widget, timeout: int = 5000) -> None:
        self.waitUntil(lambda: widget.isVisible(), timeout)

    @contextlib.contextmanager
    def waitSignal(self, signal, timeout: int = 20_000):
        fired: list[object] = []
        signal.connect(lambda *args: fired.append(args))
        yield
        self.waitUntil(lambda: bool(fired), timeout)


def run_site(site: str, sites, data: Path) -> dict[str, object]:
    from tests.conformance import people
    from tests.guide.web import GuidedTab, make_context

    class TimedTab(GuidedTab):
        """The person's actions are stamped; the guide's next step closes the stamp."""

        acted: tuple[float, bool] | None = None

        def _stamp(self, navigates: bool = False) -> None:
            self.acted = (time.perf_counter(), navigates)

        def type(self, selector: str, text: str) -> None:
            super().type(selector, text)  # typing is not done yet: leaving the field is

        def leave(self, selector: str) -> None:
            self._stamp()
            super().leave(selector)

        def choose(self, selector: str, value: str) -> None:
            self._stamp()
            super().choose(selector, value)

        def click(self, selector: str, navigates: bool = True) -> None:
            self._stamp(navigates)
            super().click(selector, navigates)

    tab = TimedTab(Bot(), sites, make_context(people.SITES[site], data))
    flow = people.flow(site)
    latencies: dict[bool, list[float]] = {False: [], True: []}

    def shown(_step) -> None:
        if tab.acted is not None:
            start, navigates = tab.acted
            latencies[navigates].append((time.perf_counter() - start) * 1000)
            tab.acted = None

    error = ""
    try:
        tab.guide(flow)
        tab.session.step_shown.connect(shown)
        people.PEOPLE[site](tab)
        tab.finished("completed")
    except (TimeoutError, AssertionError) as problem:
        error = type(problem).__name__
    total = len(flow.counted)
    outcome = tab.session.outcome if tab.session else None
    position = tab.session.runner.position()[0] if tab.session else 0
    completed = total if outcome == "completed" else max(0, position - 1)
    tab.close()
    return {
        "site": site,
        "completed": completed,
        "total": total,
        "in_page_ms": latencies[False],
        "page_load_ms": latencies[True],
        "error": error,
    }


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    display = None
    if not os.environ.get("DISPLAY"):
        from pyvirtualdisplay import Display

        display = Display(visible=False, size=(1600, 1000))
        display.start()
    try:
        from kiosk.ui.application import create_application

        create_application()
        from tests.conformance import people
        from tests.conformance.sites import Sites

        sites = Sites()
        data = Path(tempfile.mkdtemp())
        results = [run_site(site, sites, data) for site in people.PEOPLE]
        sites.stop()
    finally:
        if display is not None:
            display.stop()
    print(f"{'site':<16}{'steps':>8}{'in-page p50':>13}{'p95':>8}{'page load p50':>15}{'p95':>8}")
    for r in results:
        ip, pl = r["in_page_ms"], r["page_load_ms"]
        print(
            f"{r['site']:<16}{str(r['completed']) + '/' + str(r['total']):>8}"
            f"{percentile(ip, 0.5):>13.0f}{percentile(ip, 0.95):>8.0f}"
            f"{percentile(pl, 0.5):>15.0f}{percentile(pl, 0.95):>8.0f}"
            + (f"  ({r['error']})" if r["error"] else "")
        )
    every = [v for r in results for v in r["in_page_ms"]]
    summary = {
        "sites": {r["site"]: f"{r['completed']}/{r['total']}" for r in results},
        "all_steps": all(r["completed"] == r["total"] for r in results),
        "in_page_p50_ms": round(percentile(every, 0.5), 1),
        "in_page_p95_ms": round(percentile(every, 0.95), 1),
        "page_load_p95_ms": round(
            percentile([v for r in results for v in r["page_load_ms"]], 0.95), 1
        ),
    }
    print(json.dumps(summary))
    return 0 if summary["all_steps"] else 1


if __name__ == "__main__":
    sys.exit(main())
