"""The trainers' page ("Learners and classes") at the size of a real centre.

Builds a data dir of LEARNERS (default 10,000) learners in CLASSES (200) classes with ANSWERS
(1,000,000) answers and their lesson progress, written straight into the kiosk's schema, then
runs the real kiosk window on an Xvfb this script starts itself (xcb, 1280 × 800) and measures,
from the moment of the action until its result is shown and painted:

- page open: the staff home → "Learners and classes" (every learner listed): the first open
  (which builds the page and reads the lesson packs once), then RUNS more (median, p95);
- memory added: the process's resident memory after the opens minus before the first;
- class switch: a class chosen in the list until its learners are listed (median, p95);
- grid open: a class chosen until its progress grid, hardest questions and time are shown;
- CSV export (the class's progress grid) and the PDF report (every table), each saved.

Prints a table, then one line of JSON. Environment: BENCH_LEARNERS, BENCH_CLASSES,
BENCH_ANSWERS, BENCH_RUNS, BENCH_DATA_DIR (keep and reuse a built data dir).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "10000"))
CLASSES = int(os.environ.get("BENCH_CLASSES", "200"))
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
PIN = "246813"
SIZE = (1280, 800)


def build_data(data_dir: Path) -> None:
    """The centre's records, written the way the kiosk's schema holds them (bulk, one go)."""
    from kiosk.services.class_reports import read_course
    from kiosk.services.learners import hash_password
    from kiosk.services.store import open_store

    store = open_store(data_dir)
    if store.db.conn.execute("SELECT count(*) FROM learners").fetchone()[0]:
        store.close()
        return  # built before (BENCH_DATA_DIR)
    course = read_course()
    lessons = [(c.pack_id, c.lesson.id, [i for i in c.lesson.items()]) for c in course.lessons]
    rng = random.Random(19)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    secret = hash_password(("apple", "key", "cup")).value
    conn = store.db.conn
    conn.execute("BEGIN")
    classes = [(f"class-{n:04d}", f"کلاس {n + 1}", now) for n in range(CLASSES)]
    conn.executemany("INSERT INTO classes (id, name, created_at) VALUES (?, ?, ?)", classes)
    avatars = ["cat", "bird", "fish", "horse", "cow", "sheep", "tree", "flower", "sun", "moon"]
    learners = [
        (f"learner-{n:06d}", f"آموزنده {n + 1}", avatars[n % len(avatars)],
         classes[n % CLASSES][0], secret, now)
        for n in range(LEARNERS)
    ]  # fmt: skip
    conn.executemany(
        "INSERT INTO learners (id, nickname, avatar, class_id, password_hash, guest, created_at)"
        " VALUES (?, ?, ?, ?, ?, 0, ?)",
        learners,
    )
    per_learner = ANSWERS // LEARNERS
    progress, answers = [], []
    for learner_id, *_rest in learners:
        reached = rng.randint(1, len(lessons))
        for number, (pack, lesson, _items) in enumerate(lessons[:reached]):
            mastered = int(number < reached - 1)
            progress.append((learner_id, pack, lesson, mastered, mastered, 3 * mastered, now))
        for _ in range(per_learner):
            pack, lesson, items = lessons[rng.randrange(reached)]
            if not items:
                continue
            item = rng.choice(items)
            choice = rng.choice(item.choices).id
            correct = int(choice in item.correct_ids())
            answers.append(
                (learner_id, pack, lesson, item.id, json.dumps([choice]), correct, 1,
                 rng.randint(2000, 60000), now)
            )  # fmt: skip
        if len(answers) >= 100_000:
            _answers(conn, answers)
    _answers(conn, answers)
    conn.executemany(
        "INSERT INTO lesson_progress (learner_id, pack_id, lesson_id, completed, mastered, stars,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        progress,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()


def _answers(conn, rows: list) -> None:
    conn.executemany(
        "INSERT INTO answers (learner_id, pack_id, lesson_id, item_id, chosen, correct, attempt,"
        " ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    rows.clear()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure() -> dict:
    """In the child, on the Xvfb: the real kiosk window, a trainer signed in."""
    import argparse

    from PySide6.QtWidgets import QApplication

    from kiosk.app import build
    from kiosk.core.staff_rules import Role
    from kiosk.ui.learn.class_report import ReportDialogs
    from tests.fake_engine import quick_engine

    args = argparse.Namespace(language="fa", windowed=True, exit_when_ready=False)
    kiosk = build(args, engine=quick_engine())
    app = QApplication.instance()
    kiosk.window.resize(*SIZE)
    kiosk.window.show()
    until(app, lambda: kiosk.window.isVisible() and kiosk.window.windowHandle().isExposed())
    kiosk.attach_speech()
    kiosk.finish_start()
    directory = kiosk.staff.directory()
    trainer = next((a for a in directory.accounts() if a.name == "Mina"), None)
    if trainer is None:  # a data dir built before (BENCH_DATA_DIR) has them already
        admin = directory.create("setup", "Sara", Role.ADMIN, "135790")
        trainer = directory.create(admin, "Mina", Role.TRAINER, PIN)
    kiosk.staff.sign_in(trainer.id, PIN)
    kiosk.window.show_screen("staff")
    screen = kiosk.window.current_screen()
    screen.show_page("home")
    settle(app)

    def open_page() -> tuple[float, object]:
        screen.show_page("home")
        settle(app)
        start = time.perf_counter()
        page = screen.show_page("learners")
        until(app, lambda: not page.reading.busy and page.learners.rowCount() == LEARNERS)
        page.repaint()
        return (time.perf_counter() - start) * 1000, page

    before = rss_mb()
    first, page = open_page()
    opens = [open_page()[0] for _ in range(RUNS)]
    added = rss_mb() - before
    ids = [row.id for row in page.classes.rows]
    rng = random.Random(7)
    switches, grids = [], []
    page.tabs.setCurrentIndex(1)  # the progress grid
    for class_id in rng.sample(ids, min(RUNS, len(ids))):
        page.choose_class(None)
        until(app, lambda: not page.reading.busy and not page.reports.reading.busy)
        settle(app)
        start = time.perf_counter()
        page.choose_class(class_id)
        until(app, lambda: not page.reading.busy)
        page.learner_view.repaint()
        switches.append((time.perf_counter() - start) * 1000)
        until(app, lambda: page.reports.report is not None and not page.reports.reading.busy)
        page.repaint()
        grids.append((time.perf_counter() - start) * 1000)
    folder = Path(tempfile.mkdtemp())
    ReportDialogs.save_path = classmethod(
        lambda cls, parent, title, name, kind: str(folder / f"report.{kind}")
    )
    files = {}
    for button, kind in ((page.csv_button, "csv"), (page.pdf_button, "pdf")):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            button.click()
            until(app, lambda: not page.reports.saving.busy)
            times.append((time.perf_counter() - start) * 1000)
        files[kind] = (statistics.median(times), (folder / f"report.{kind}").stat().st_size)
    kiosk.window.close()
    kiosk.shutdown()
    return {
        "page_open_first_ms": first,
        "page_open_median_ms": statistics.median(opens),
        "page_open_p95_ms": p95(opens),
        "memory_added_mb": added,
        "class_switch_median_ms": statistics.median(switches),
        "class_switch_p95_ms": p95(switches),
        "grid_open_median_ms": statistics.median(grids),
        "grid_open_p95_ms": p95(grids),
        "csv_export_ms": files["csv"][0],
        "csv_bytes": files["csv"][1],
        "pdf_report_ms": files["pdf"][0],
        "pdf_bytes": files["pdf"][1],
    }


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def until(app, condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the page")
        app.processEvents()
        time.sleep(0.001)


def settle(app) -> None:
    for _ in range(20):
        app.processEvents()


def main() -> None:
    if os.environ.get("BENCH_TRAINER_CHILD"):
        print(json.dumps(measure()))
        return
    data_dir = Path(os.environ.get("BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="bench-trainer-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    build_data(data_dir)
    built = time.perf_counter() - start
    sys.path.insert(0, str(ROOT / "bench"))
    from startup import Xvfb

    server = Xvfb(SIZE)
    try:
        env = dict(
            os.environ,
            BENCH_TRAINER_CHILD="1",
            QT_QPA_PLATFORM="xcb",
            DISPLAY=server.display,
            KIOSK_DATA_DIR=str(data_dir),
        )
        env.pop("WAYLAND_DISPLAY", None)
        out = subprocess.run(
            [sys.executable, __file__], env=env, capture_output=True, text=True, check=False
        )
    finally:
        server.stop()
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"the measuring kiosk failed (exit {out.returncode})")
    result = json.loads(lines[-1])
    size_mb = (data_dir / "kiosk.sqlite3").stat().st_size / 1e6
    result.update(
        learners=LEARNERS, classes=CLASSES, answers=ANSWERS, build_s=built, database_mb=size_mb
    )
    rows = [
        ("data", f"{LEARNERS:,} learners, {CLASSES} classes, {ANSWERS:,} answers, "
                 f"{size_mb:.0f} MB (built in {built:.0f} s)", ""),
        ("page open", f"first {result['page_open_first_ms']:.0f} ms; then median "
                      f"{result['page_open_median_ms']:.0f} ms, p95 "
                      f"{result['page_open_p95_ms']:.0f} ms", "≤ 300 ms"),
        ("memory added", f"{result['memory_added_mb']:.1f} MB", "≤ 50 MB"),
        ("class switch", f"median {result['class_switch_median_ms']:.0f} ms, p95 "
                         f"{result['class_switch_p95_ms']:.0f} ms", ""),
        ("grid open", f"median {result['grid_open_median_ms']:.0f} ms, p95 "
                      f"{result['grid_open_p95_ms']:.0f} ms", ""),
        ("CSV export", f"{result['csv_export_ms']:.0f} ms ({result['csv_bytes']:,} bytes)", ""),
        ("PDF report", f"{result['pdf_report_ms']:.0f} ms ({result['pdf_bytes']:,} bytes)", ""),
    ]  # fmt: skip
    for name, figure, target in rows:
        print(f"{name:<14} {figure:<72} {target}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
