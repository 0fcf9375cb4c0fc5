"""Lesson progress: the resume point at every step, every answer with its xAPI statement.

Each answer is written in one transaction together with the resume point and the statement
for the outbox, so nothing a learner was told is saved is ever lost, even on a power cut. The
statement's random id is written with it (column and JSON), so the LRS recognises a re-send.
Each lesson attempt has its own xAPI registration (`lesson_progress.registration`): a new one
when a lesson is started afresh or again after it was finished.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.core import xapi
from kiosk.core.lessons.mastery import mastered as is_mastered
from kiosk.core.lessons.mastery import stars as count_stars
from kiosk.core.lessons.model import Item, Lesson, Mastery
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

    def __init__(self, store: Store, xapi_base: str = xapi.DEFAULT_BASE) -> None:
        self.store = store
        self.db = store.db
        self.kiosk_id = self._kiosk_id()
        self.deployment = xapi.Deployment(xapi_base, self.kiosk_id)

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

    def save_step(
        self,
        learner_id: str,
        pack_id: str,
        lesson_id: str,
        step: int,
        state: dict,
        *,
        new_attempt: bool = False,
    ):
        """The learner is now on `step` (reopened lessons restart as not completed). A new
        attempt (or a lesson reopened after it was finished) gets a new registration."""
        row = self.lesson_row(learner_id, pack_id, lesson_id) or {}
        registration = row.get("registration")
        if new_attempt or row.get("completed") or not registration:
            registration = str(uuid.uuid4())
        with self.store.transaction() as db:
            self._upsert(
                db,
                learner_id,
                pack_id,
                lesson_id,
                step,
                state,
                completed=0,
                registration=registration,
            )

    def registration(self, learner_id: str, pack_id: str, lesson_id: str) -> str | None:
        """The xAPI registration of the learner's current attempt at the lesson."""
        return (self.lesson_row(learner_id, pack_id, lesson_id) or {}).get("registration")

    def _outbox(self, db, statement: dict) -> None:
        db["xapi_outbox"].insert(
            {
                "statement_id": statement["id"],
                "statement": json.dumps(statement, ensure_ascii=False),
                "created_at": _now(),
            }
        )

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
        *,
        item: Item | None = None,
        lesson: Lesson | None = None,
        language: str | None = None,
    ) -> None:
        """One answer, the resume point and its xAPI statement, all or nothing."""
        statement = xapi.statement(
            self.deployment,
            learner_id,
            "answered",
            [pack_id, lesson_id, item_id],
            definition=xapi.item_definition(item, lesson) if item and lesson else None,
            registration=self.registration(learner_id, pack_id, lesson_id),
            language=language,
            parent=[pack_id, lesson_id],
            result={
                "success": correct,
                "response": "[,]".join(chosen),
                "duration": f"PT{ms / 1000:.2f}S",
                "extensions": {self.deployment.extension("attempt"): attempt},
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
            self._outbox(db, statement)

    def complete(
        self,
        learner_id: str,
        pack_id: str,
        lesson_id: str,
        rule: Mastery,
        results: list[bool],
        *,
        lesson: Lesson | None = None,
        language: str | None = None,
    ) -> tuple[int, bool]:
        """Mark the lesson done; returns (stars, mastered). Keeps the best stars ever earned."""
        done_stars = count_stars(rule, results, completed=True)
        done_mastered = is_mastered(rule, results)
        previous = self.lesson_row(learner_id, pack_id, lesson_id) or {}
        best = max(done_stars, previous.get("stars") or 0)
        ever_mastered = done_mastered or bool(previous.get("mastered"))
        verb = "mastered" if done_mastered else "completed"
        statement = xapi.statement(
            self.deployment,
            learner_id,
            verb,
            [pack_id, lesson_id],
            definition=xapi.lesson_definition(lesson) if lesson else None,
            registration=previous.get("registration"),
            language=language,
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
            self._outbox(db, statement)
        return done_stars, done_mastered

    def stars(self, learner_id: str) -> dict[tuple[str, str], int]:
        """Best stars per (pack, lesson) for the lesson map."""
        rows = self.db.query(
            "SELECT pack_id, lesson_id, stars FROM lesson_progress WHERE learner_id = ?",
            [learner_id],
        )
        return {(row["pack_id"], row["lesson_id"]): row["stars"] for row in rows}
