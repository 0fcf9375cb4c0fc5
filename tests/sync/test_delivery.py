"""The outbox reaches a real Ralph LRS exactly once, whatever fails on the way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.services import sync
from kiosk.services.store import open_store
from tests.sync.helpers import answer_many
from tests.sync.lrs import PASSWORD, USER


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path)
    yield store
    store.close()


def client(url: str, read_timeout: float = 5.0) -> sync.LrsClient:
    return sync.LrsClient(url, USER, PASSWORD, timeout=(2.0, read_timeout))


def send_until_done(store, lrs_client, tries: int = 20) -> list[str]:
    """Call send_all as the worker would after each back-off; the errors on the way."""
    errors = []
    for _ in range(tries):
        try:
            sync.send_all(store, lrs_client, batch_size=40)
            return errors
        except sync.LrsUnavailable as error:
            errors.append(error.reason)
    raise AssertionError(f"still failing after {tries} tries: {errors}")


def test_every_statement_arrives_exactly_once_through_down_500_slow_and_reset(store, ralph, proxy):
    ids = answer_many(store, 200)
    proxy.slow_seconds = 1.0
    proxy.faults.extend(["down", "500", "pass", "slow", "reset", "pass", "reset", "500"])
    errors = send_until_done(store, client(proxy.url, read_timeout=0.5))
    assert len(errors) == 6  # each fault was met and survived
    assert any("500" in e for e in errors) and any("Timeout" in e for e in errors)
    stored = ralph.stored()
    assert [stored[i] for i in ids] == [1] * len(ids)
    figures = sync.status(store.db)
    assert (figures.backlog, figures.delivered, figures.set_aside) == (0, 200, 0)
    assert figures.last_success and figures.last_error


def test_a_re_sent_batch_is_recognised_not_stored_again(store, ralph):
    ids = answer_many(store, 30)
    lrs = client(ralph.url)
    batch = sync.next_batch(store.db)
    assert lrs.post(batch)[0] == 200
    assert lrs.post(batch)[0] == 204  # the same ids, the same content: nothing new stored
    sync.send_all(store, lrs)
    assert [ralph.stored()[i] for i in ids] == [1] * 30


def test_a_conflict_and_a_refused_statement_are_set_aside_with_the_reason(store, ralph):
    ids = answer_many(store, 12)
    # The LRS already holds other content under the 4th statement's id: 409.
    fourth = json.loads(sync.next_batch(store.db)[3].statement)
    ralph.post([{**fourth, "result": {"success": not fourth["result"]["success"]}}])
    # The 9th is damaged so that the LRS refuses it (no object): a 4xx.
    ninth = sync.next_batch(store.db)[8]
    broken = json.loads(ninth.statement)
    del broken["object"]
    store.db.conn.execute(
        "UPDATE xapi_outbox SET statement = ? WHERE id = ?", [json.dumps(broken), ninth.row_id]
    )
    delivered = sync.send_all(store, client(ralph.url))
    assert len(delivered.delivered) == 10
    aside = {row["statement_id"]: row["reason"] for row in sync.set_aside_rows(store.db)}
    assert set(aside) == {ids[3], ids[8]}
    assert aside[ids[3]].startswith("conflict: HTTP 409")
    assert aside[ids[8]].startswith("rejected: HTTP 4")
    stored = ralph.stored()
    assert [stored[i] for i in ids if i != ids[8]] == [1] * 11 and stored[ids[8]] == 0
    assert sync.status(store.db).set_aside == 2 and sync.next_batch(store.db) == []


def test_wrong_credentials_leave_the_batch_unsent_and_say_why(store, ralph):
    answer_many(store, 3)
    with pytest.raises(sync.LrsUnavailable, match="HTTP 401"):
        sync.send_all(store, sync.LrsClient(ralph.url, USER, "wrong"))
    figures = sync.status(store.db)
    assert (figures.backlog, figures.set_aside) == (3, 0)
    assert "401" in figures.last_error


SEND_ONCE = """
import sys
from kiosk.services import sync
from kiosk.services.store import open_store
store = open_store(__import__("pathlib").Path(sys.argv[1]))
sync.send_all(store, sync.LrsClient(sys.argv[2], sys.argv[3], sys.argv[4], timeout=(2, 60)))
"""


def test_a_kiosk_killed_mid_sync_sends_the_rest_after_restart_each_stored_once(
    tmp_path, ralph, proxy
):
    store = open_store(tmp_path)
    count = sync.BATCH_SIZE * 3 // 2  # a whole batch, then half of one
    ids = answer_many(store, count)
    store.close()
    proxy.faults.extend(["pass", "hold"])  # the second batch reaches the LRS, its answer waits
    kiosk = subprocess.Popen(
        [sys.executable, "-c", SEND_ONCE, str(tmp_path), proxy.url, USER, PASSWORD]
    )
    assert proxy.forwarded.wait(30)
    os.kill(kiosk.pid, signal.SIGKILL)  # killed while the LRS holds a batch it was not told of
    kiosk.wait(10)
    proxy.release.set()
    store = open_store(tmp_path)
    assert sync.status(store.db).delivered == sync.BATCH_SIZE  # the first batch was recorded
    sync.send_all(store, client(proxy.url))
    stored = ralph.stored()
    assert [stored[i] for i in ids] == [1] * count
    assert sync.status(store.db).backlog == 0
    store.close()


def test_the_unsent_rows_come_from_the_partial_index(store):
    plan = store.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM xapi_outbox INDEXED BY idx_xapi_outbox_unsent "
        "WHERE sent_at IS NULL AND set_aside_at IS NULL ORDER BY id LIMIT 100"
    ).fetchall()
    assert "idx_xapi_outbox_unsent" in " ".join(str(row) for row in plan)


def test_delivered_rows_are_pruned_after_the_days_kept(store):
    answer_many(store, 6)
    batch = sync.next_batch(store.db)
    old = datetime.now(UTC) - timedelta(days=40)
    sync.record(store, sync.Delivery(delivered=[b.row_id for b in batch[:4]]), old)
    sync.record(store, sync.Delivery(delivered=[batch[4].row_id]))
    assert sync.prune(store, 30) == 4
    figures = sync.status(store.db)
    assert (figures.delivered, figures.backlog) == (1, 1)


def test_back_off_doubles_to_a_cap_with_jitter():
    assert sync.backoff(1, 10, rand=lambda: 1.0) == 10
    assert sync.backoff(3, 10, rand=lambda: 1.0) == 40
    assert sync.backoff(3, 10, rand=lambda: 0.0) == 20
    assert sync.backoff(30, 10, cap=600, rand=lambda: 1.0) == 600
