"""Lesson figures: loading 500 lessons, opening a lesson (tap to first frame), moving a step.

Prints a table, then one line of JSON. Targets: load ≤ 300 ms for 500 lessons, open ≤ 100 ms,
step ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def load_figures(lessons: int, runs: int) -> list[float]:
    from kiosk.services.lessons import load_packs
    from tools.synthetic_pack import write_pack

    root = Path(tempfile.mkdtemp(prefix="kiosk-bench-packs-"))
    write_pack(root / "synthetic", lessons=lessons, per_module=20)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        packs, broken = load_packs(root)
        times.append(time.perf_counter() - start)
        assert packs and not broken
    return times


class PaintWatch:
    """Waits for the next paint of a widget and reports when it came."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.app = app
        watch = self

        class Filter(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and watch.painted is None:
                    watch.painted = time.perf_counter()
                return False

        self.filter = Filter()
        self.painted: float | None = None

    def until_painted(self, widget, action) -> float:
        self.painted = None
        start = time.perf_counter()
        action()
        target = widget() if callable(widget) else widget
        target.installEventFilter(self.filter)
        while self.painted is None:
            self.app.processEvents()
        target.removeEventFilter(self.filter)
        return self.painted - start


def ui_figures(runs: int) -> tuple[list[float], list[float]]:
    from kiosk.app import build
    from tests.fake_engine import quick_engine

    os.environ["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-bench-data-")
    kiosk = build(
        argparse.Namespace(language="fa", windowed=True, exit_when_ready=False),
        engine=quick_engine(),  # instant: the figures are the screens', not synthesis
    )
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    app.processEvents()
    kiosk.finish_start()
    kiosk.window.show_screen("learn")
    learn = kiosk.window.screens["learn"]
    learn.entry.tiles["guest"].click()
    app.processEvents()
    watch = PaintWatch(app)
    pack = learn.session.packs[0]
    lesson = max(pack.lessons(), key=lambda lesson: len(lesson.steps))
    opens, steps = [], []
    for _ in range(runs):
        learn._show_map(speak=False)
        app.processEvents()
        tile = learn.map.tiles[(pack.id, lesson.id)]
        opens.append(watch.until_painted(lambda: learn.player.view, tile.click))
        for _ in range(min(4, learn.player.run.total - 1)):
            if not learn.player.run.can_go_on():
                break
            steps.append(
                watch.until_painted(lambda: learn.player.view, learn.player.next_button.click)
            )
    kiosk.window.close()
    kiosk.shutdown()
    return opens, steps


def main() -> None:
    load = load_figures(500, 7)
    opens, steps = ui_figures(15)
    rows = [
        ("load 500 lessons", load, 300),
        ("open a lesson (tap → first frame)", opens, 100),
        ("next step (tap → frame)", steps, 50),
    ]
    print(f"{'':36}{'median':>10}{'p95':>10}{'target':>10}")
    for name, values, target in rows:
        print(
            f"{name:36}{statistics.median(values) * 1000:>8.1f}ms"
            f"{percentile(values, 0.95) * 1000:>8.1f}ms{target:>8}ms"
        )
    print(
        json.dumps(
            {
                "lessons_load_500_ms": round(statistics.median(load) * 1000, 1),
                "lesson_open_median_ms": round(statistics.median(opens) * 1000, 1),
                "lesson_open_p95_ms": round(percentile(opens, 0.95) * 1000, 1),
                "lesson_step_median_ms": round(statistics.median(steps) * 1000, 1),
                "lesson_step_p95_ms": round(percentile(steps, 0.95) * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
