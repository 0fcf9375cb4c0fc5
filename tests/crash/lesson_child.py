"""A child process for the crash test: plays a lesson answer by answer, printing each ack.

Each answer goes through the same Progress.record_answer the lesson player uses; "ack N" is
printed only after that call returned, i.e. after the learner was shown the answer as saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.core.lessons.run import LessonRun
from kiosk.services.learners import Learners
from kiosk.services.lessons import load_packs
from kiosk.services.progress import Progress
from kiosk.services.store import open_store


def main(data_dir: str, packs_dir: str) -> None:
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    store = open_store(Path(data_dir))
    learners, progress = Learners(store), Progress(store)
    existing = learners.all()
    learner = (
        existing[0].id if existing else learners.enrol("Crash", "cat", ("apple", "key", "cup"))
    )
    packs, _broken = load_packs(Path(packs_dir))
    pack = packs[0]
    count = store.db.execute("SELECT count(*) FROM answers").fetchone()[0]
    print(f"start {count}", flush=True)
    while True:
        for lesson in pack.lessons():
            run = LessonRun(lesson)
            while True:
                item = run.item
                if item is not None:
                    chosen = item.correct_ids()
                    answer = run.answer(chosen)
                    progress.record_answer(
                        learner, pack.id, lesson.id, item.id, chosen, answer.correct,
                        answer.attempt, 100, run.index, run.state(),
                    )  # fmt: skip
                    count += 1
                    print(f"ack {count}", flush=True)
                else:
                    progress.save_step(learner, pack.id, lesson.id, run.index, run.state())
                if not run.next():
                    break
            progress.complete(learner, pack.id, lesson.id, lesson.mastery, run.results())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
