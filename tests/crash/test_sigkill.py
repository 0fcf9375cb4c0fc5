"""Kill the kiosk's learning process hard, 50 times, at random moments: nothing acked is lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tools.synthetic_pack import write_pack

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50


def test_sigkill_at_random_points_never_loses_an_acknowledged_answer(tmp_path):
    packs = tmp_path / "packs"
    write_pack(packs / "sample", lessons=5)
    data = tmp_path / "data"
    chance = random.Random(20261121)
    last_acked = 0
    for _round in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.lesson_child", str(data), str(packs)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
        started = child.stdout.readline().split()
        assert started[:1] == ["start"], child.stderr.read()
        assert int(started[1]) >= last_acked  # what was acked before survived the last kill
        wanted = chance.randint(1, 12)
        for _ in range(wanted):
            line = child.stdout.readline().split()
            if line[:1] == ["ack"]:
                last_acked = int(line[1])
        time.sleep(chance.uniform(0, 0.02))  # somewhere inside the next write
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        for line in child.stdout.read().split("\n"):  # acks printed before the kill landed
            if line.startswith("ack"):
                last_acked = int(line.split()[1])
        conn = sqlite3.connect(data / "kiosk.sqlite3")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            saved = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
            outbox = conn.execute("SELECT count(*) FROM xapi_outbox").fetchone()[0]
        finally:
            conn.close()
        assert saved >= last_acked, f"acked {last_acked}, saved {saved}"
        assert outbox >= saved  # each answer's statement was written with it
    assert last_acked > KILLS  # the run really went through many answers
