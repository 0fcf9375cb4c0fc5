"""Lesson progress: the resume point at every step, every answer with its xAPI statement.

Each answer is written in one transaction together with the resume point and the statement
for the outbox, so nothing a learner was told is saved is ever lost, even on a power cut.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.core import xapi
from kiosk.core.lessons.mastery import mastered as is_mastered
from kiosk.core.lessons.mastery import stars as count_stars
from kiosk.core.lessons.model import Mastery
from kiosk.services.store import Store


@dataclass(frozen=True)
class ResumePoint:
    pack_id: str
    lesson_id: str
    step: int
    state: dict


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Progress:
    """Reads and writes one kiosk's learning records."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self.kiosk_id = self._kiosk_id()

    def _kiosk_id(self) -> str:
        row = next(
            iter(self.db.query("SELECT value FROM kiosk_state WHERE key = 'kiosk_id'")), None
        )
        if row:
            return row["value"]
        kiosk_id = str(uuid.uuid4())
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO kiosk_state (key, value) VALUES ('kiosk_id', ?)", [kiosk_id]
            )
        return self._kiosk_id()

    def resume_point(self, learner_id: str) -> ResumePoint | None:
        """The unfinished lesson the learner touched last, at the exact step."""
        rows = self.db.query(
            "SELECT * FROM lesson_progress WHERE learner_id = ? AND completed = 0 "
            "ORDER BY updated_at DESC LIMIT 1",
            [learner_id],
        )
        row = next(iter(rows), None)
        if row is None:
            return None
        return ResumePoint(row["pack_id"], row["lesson_id"], row["step"], json.loads(row["state"]))

    def lesson_row(self, learner_id: str, pack_id: str, lesson_id: str) -> dict | None:
        rows = self.db.query(
            "SELECT * FROM lesson_progress WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
            [learner_id, pack_id, lesson_id],
        )
        return next(iter(rows), None)

    def _upsert(self, db, learner_id, pack_id, lesson_id, step, state, **extra) -> None:
        db.execute(
            "INSERT INTO lesson_progress (learner_id, pack_id, lesson_id, step, state, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (learner_id, pack_id, lesson_id) DO UPDATE SET "
            "step = excluded.step, state = excluded.state, updated_at = excluded.updated_at",
            [learner_id, pack_id, lesson_id, step, json.dumps(state), _now()],
        )
        for column, value in extra.items():
            db.execute(
                f"UPDATE lesson_progress SET {column} = ? "
                "WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
                [value, learner_id, pack_id, lesson_id],
            )

    def save_step(self, learner_id: str, pack_id: str, lesson_id: str, step: int, state: dict):
        """The learner is now on `step` (reopened lessons restart as not completed)."""
        with self.store.transaction() as db:
            self._upsert(db, learner_id, pack_id, lesson_id, step, state, completed=0)

    def record_answer(
        self,
        learner_id: str,
        pack_id: str,
        lesson_id: str,
        item_id: str,
        chosen: tuple[str, ...],
        correct: bool,
        attempt: int,
        ms: int,
        step: int,
        state: dict,
    ) -> None:
        """One answer, the resume point and its xAPI statement, all or nothing."""
        statement = xapi.statement(
            self.kiosk_id,
            learner_id,
            "answered",
            [pack_id, lesson_id, item_id],
            result={
                "success": correct,
                "response": "[,]".join(chosen),
                "duration": f"PT{ms / 1000:.2f}S",
                "extensions": {"https://kiosk.invalid/xapi/attempt": attempt},
            },
        )
        with self.store.transaction() as db:
            db["answers"].insert(
                {
                    "learner_id": learner_id,
                    "pack_id": pack_id,
                    "lesson_id": lesson_id,
                    "item_id": item_id,
                    "chosen": json.dumps(list(chosen)),
                    "correct": int(correct),
                    "attempt": attempt,
                    "ms": ms,
                    "at": _now(),
                }
            )
            self._upsert(db, learner_id, pack_id, lesson_id, step, state)
            db["xapi_outbox"].insert({"statement": json.dumps(statement), "created_at": _now()})

    def complete(
        self, learner_id: str, pack_id: str, lesson_id: str, rule: Mastery, results: list[bool]
    ) -> tuple[int, bool]:
        """Mark the lesson done; returns (stars, mastered). Keeps the best stars ever earned."""
        done_stars = count_stars(rule, results, completed=True)
        done_mastered = is_mastered(rule, results)
        previous = self.lesson_row(learner_id, pack_id, lesson_id) or {}
        best = max(done_stars, previous.get("stars") or 0)
        ever_mastered = done_mastered or bool(previous.get("mastered"))
        verb = "mastered" if done_mastered else "completed"
        statement = xapi.statement(
            self.kiosk_id,
            learner_id,
            verb,
            [pack_id, lesson_id],
            result={"completion": True, "success": done_mastered},
        )
        with self.store.transaction() as db:
            self._upsert(
                db,
                learner_id,
                pack_id,
                lesson_id,
                0,
                {},
                completed=1,
                stars=best,
                mastered=int(ever_mastered),
            )
            db["xapi_outbox"].insert({"statement": json.dumps(statement), "created_at": _now()})
        return done_stars, done_mastered

    def stars(self, learner_id: str) -> dict[tuple[str, str], int]:
        """Best stars per (pack, lesson) for the lesson map."""
        rows = self.db.query(
            "SELECT pack_id, lesson_id, stars FROM lesson_progress WHERE learner_id = ?",
            [learner_id],
        )
        return {(row["pack_id"], row["lesson_id"]): row["stars"] for row in rows}
