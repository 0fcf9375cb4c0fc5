"""Learning records made the way the kiosk makes them, for the sync tests and the bench."""

from __future__ import annotations

from kiosk.core.lessons.model import Item, Lesson, Pack
from kiosk.services.learners import Learners
from kiosk.services.lessons import load_packs
from kiosk.services.progress import Progress
from kiosk.services.store import Store


def quiz_items() -> list[tuple[Pack, Lesson, Item]]:
    """One quiz item of every type in the bundled packs, with its pack and lesson."""
    packs, _broken = load_packs()
    found: dict[str, tuple[Pack, Lesson, Item]] = {}
    for pack in packs:
        for lesson in pack.lessons():
            for step in lesson.steps:
                for item in step.items:
                    found.setdefault(item.type, (pack, lesson, item))
    return list(found.values())


def answer_many(store: Store, count: int, base: str = "https://kiosk.example.org") -> list[str]:
    """`count` answers by one guest, each with its statement in the outbox; their ids."""
    progress = Progress(store, base)
    learner = Learners(store).create_guest()
    pack, lesson, item = quiz_items()[0]
    progress.save_step(learner, pack.id, lesson.id, 0, {}, new_attempt=True)
    for number in range(count):
        chosen = item.correct_ids() if number % 2 else (item.choices[-1].id,)
        progress.record_answer(
            learner,
            pack.id,
            lesson.id,
            item.id,
            chosen,
            item.is_correct(chosen),
            number + 1,
            900,
            1,
            {},
            item=item,
            lesson=lesson,
            language="fa",
        )
    rows = store.db.conn.execute("SELECT statement_id FROM xapi_outbox ORDER BY id").fetchall()
    return [row[0] for row in rows]
