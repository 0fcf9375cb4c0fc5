"""Learning records to an LRS: delivery speed, the unsent-rows query at scale, pruning.

- deliver: STATEMENTS (default 10,000) answers written the kiosk's way, then sent with
  `send_all` in batches of `sync.BATCH_SIZE` to a local Ralph LRS (tests/sync/lrs.py: the
  real LRS, fs backend, on loopback); total time and statements per second (issue 17's
  target: <= 20 s);
- unsent query: an outbox of ANSWERS (default 1,000,000) rows of which all but 100 were
  delivered; the median time of `next_batch` (target <= 5 ms);
- prune: those delivered rows made 40 days old and pruned (30 days kept); rows and MB of the
  outbox before and after (database file after VACUUM).

Prints a table, then one line of JSON. Environment: BENCH_STATEMENTS, BENCH_ANSWERS.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.services import sync  # noqa: E402
from kiosk.services.store import open_store  # noqa: E402
from tests.sync.helpers import answer_many  # noqa: E402
from tests.sync.lrs import PASSWORD, USER, RalphLrs  # noqa: E402

STATEMENTS = int(os.environ.get("BENCH_STATEMENTS", "10000"))
ANSWERS = int(os.environ.get("BENCH_ANSWERS", "1000000"))


def deliver(folder: Path) -> dict[str, float]:
    lrs = RalphLrs(folder / "ralph")
    try:
        (folder / "deliver").mkdir()
        store = open_store(folder / "deliver")
        ids = answer_many(store, STATEMENTS)
        client = sync.LrsClient(lrs.url, USER, PASSWORD)
        start = time.perf_counter()
        sync.send_all(store, client)
        seconds = time.perf_counter() - start
        stored = lrs.stored()
        assert all(stored[i] == 1 for i in ids), "an id is missing or stored twice"
        store.close()
    finally:
        lrs.stop()
    return {"deliver_s": seconds, "statements_per_s": STATEMENTS / seconds}


def outbox_mb(store) -> float:
    store.db.conn.execute("VACUUM")
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path.stat().st_size / 1e6


def at_scale(folder: Path) -> dict[str, float]:
    (folder / "scale").mkdir()
    store = open_store(folder / "scale")
    answer_many(store, 1)
    template = json.loads(store.db.conn.execute("SELECT statement FROM xapi_outbox").fetchone()[0])
    store.db.conn.execute("DELETE FROM xapi_outbox")
    old = (datetime.now(UTC) - timedelta(days=40)).isoformat(timespec="milliseconds")
    conn = store.db.conn
    conn.execute("BEGIN")
    rows = []
    for number in range(ANSWERS):
        template["id"] = f"00000000-0000-4000-8000-{number:012d}"
        sent = old if number < ANSWERS - 100 else None
        rows.append((template["id"], json.dumps(template, ensure_ascii=False), old, sent))
        if len(rows) == 50_000:
            conn.executemany(
                "INSERT INTO xapi_outbox (statement_id, statement, created_at, sent_at) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )
            rows.clear()
    conn.executemany(
        "INSERT INTO xapi_outbox (statement_id, statement, created_at, sent_at) "
        "VALUES (?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    times = []
    for _ in range(50):
        start = time.perf_counter()
        batch = sync.next_batch(store.db)
        times.append((time.perf_counter() - start) * 1000)
    assert len(batch) == 100
    before = outbox_mb(store)
    start = time.perf_counter()
    pruned = sync.prune(store, 30)
    prune_s = time.perf_counter() - start
    after = outbox_mb(store)
    left = store.db["xapi_outbox"].count
    store.close()
    return {
        "unsent_query_ms": statistics.median(times),
        "db_mb_before_prune": before,
        "prune_s": prune_s,
        "rows_pruned": pruned,
        "rows_left": left,
        "db_mb_after_prune": after,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        figures = {"statements": STATEMENTS, "answers": ANSWERS}
        figures.update(deliver(Path(folder)))
        figures.update(at_scale(Path(folder)))
    print(f"{'figure':<24}{'value':>14}")
    for key, value in figures.items():
        shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
        print(f"{key:<24}{shown:>14}")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
