"""What trainers read about their classes: the class and learner lists, the progress grid,
the questions a class finds hardest (with the wrong choices picked) and time spent.

Every function here takes a `db` (a `Store`'s or a `Reader`'s) and returns plain data, so it
runs on a worker with its own read-only connection (`kiosk.services.background`). Each query
is served by an index (migration 6): at 10,000 learners in 200 classes and 1,000,000 answers
a class's report reads only that class's rows. The lesson packs are read once into a `Course`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kiosk.core.lessons.model import Item, Lesson, Pack

NOT_STARTED, IN_PROGRESS, MASTERED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class ClassRow:
    id: str
    name: str
    learners: int


@dataclass(frozen=True, slots=True)
class LearnerRow:
    id: str
    nickname: str
    avatar: str
    class_id: str | None


@dataclass(frozen=True, slots=True)
class CourseLesson:
    """One lesson of an installed pack, with its place in the course ("3.2")."""

    pack_id: str
    lesson: Lesson
    code: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.pack_id, self.lesson.id)


@dataclass(frozen=True)
class Assessment:
    """A pack's baseline lesson and its after-capstone lesson, and the items they share."""

    pack_id: str
    before: str
    after: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Course:
    """Every lesson of the installed packs, in course order, read once from disk."""

    lessons: tuple[CourseLesson, ...]
    items: dict[tuple[str, str, str], Item] = field(default_factory=dict)
    assessments: tuple[Assessment, ...] = ()
    packs: tuple[Pack, ...] = ()  # what a certificate is issued again from

    @classmethod
    def of(cls, packs: list[Pack]) -> Course:
        lessons, items, assessments = [], {}, []
        for pack in packs:
            if pack.assessment:
                before, after = (pack.lesson(lesson_id) for lesson_id in pack.assessment)
                if before and after:
                    shared = {item.id for item in before.items()}
                    same = tuple(item.id for item in after.items() if item.id in shared)
                    assessments.append(Assessment(pack.id, before.id, after.id, same))
            for number, module in enumerate(pack.modules):
                prefix = module.number or str(number)
                for index, lesson in enumerate(module.lessons, start=1):
                    lessons.append(CourseLesson(pack.id, lesson, f"{prefix}.{index}"))
                    for item in lesson.items():
                        items[(pack.id, lesson.id, item.id)] = item
        return cls(tuple(lessons), items, tuple(assessments), tuple(packs))

    def index(self) -> dict[tuple[str, str], int]:
        return {lesson.key: column for column, lesson in enumerate(self.lessons)}


def read_course() -> Course:
    """Load and validate the installed packs (slow: on a worker) into a `Course`."""
    from kiosk.services.lessons import load_packs

    packs, _broken = load_packs()
    return Course.of(packs)


# Classes and learners --------------------------------------------------------------------
def class_rows(db) -> tuple[list[ClassRow], int]:
    """Every class with its number of learners, by name; and the number of all learners."""
    rows = db.conn.execute(
        "SELECT c.id, c.name, (SELECT count(*) FROM learners l "
        "WHERE l.class_id = c.id AND l.guest = 0) FROM classes c ORDER BY c.name"
    ).fetchall()
    total = db.conn.execute("SELECT count(*) FROM learners WHERE guest = 0").fetchone()[0]
    return [ClassRow(*row) for row in rows], total


def learner_rows(db, class_id: str | None) -> list[LearnerRow]:
    """The learners of a class (None: every learner), by nickname; guests are not listed."""
    if class_id is None:
        cursor = db.conn.execute(
            "SELECT id, nickname, avatar, class_id FROM learners WHERE guest = 0 ORDER BY nickname"
        )
    else:
        cursor = db.conn.execute(
            "SELECT id, nickname, avatar, class_id FROM learners "
            "WHERE class_id = ? AND guest = 0 ORDER BY nickname",
            [class_id],
        )
    return [LearnerRow(*row) for row in cursor]


def learner_progress(db, learner_id: str, course: Course) -> list[tuple[int, int, bool]]:
    """Per course lesson: (state, best stars, mastered) for one learner."""
    found = {
        (pack, lesson): (completed, stars, mastered)
        for pack, lesson, completed, stars, mastered in db.conn.execute(
            "SELECT pack_id, lesson_id, completed, stars, mastered FROM lesson_progress "
            "WHERE learner_id = ?",
            [learner_id],
        )
    }
    rows = []
    for lesson in course.lessons:
        row = found.get(lesson.key)
        if row is None:
            rows.append((NOT_STARTED, 0, False))
        else:
            _completed, stars, mastered = row
            rows.append((MASTERED if mastered else IN_PROGRESS, stars or 0, bool(mastered)))
    return rows


# A class's reports -----------------------------------------------------------------------
@dataclass(frozen=True)
class Difficult:
    """A question a class got wrong: how often, by how many learners, and what they picked."""

    key: tuple[str, str, str]  # pack, lesson, item
    answers: int
    wrong: int
    learners_wrong: int
    learners: int
    picked: tuple[tuple[tuple[str, ...], int], ...]  # wrong choice sets, most picked first

    @property
    def rate(self) -> float:
        return self.wrong / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class Gain:
    """One learner's score on an assessment's items before the course and after it (the
    share answered right at the first try, 0–1; None until that part is taken)."""

    before: float | None
    after: float | None

    @property
    def gain(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class ClassReport:
    """A class's learners with their grid of lesson states and their time per lesson."""

    class_id: str
    learners: list[LearnerRow]
    states: list[list[int]]  # learner × course lesson
    ms: list[list[int]]  # learner × course lesson: time spent answering, in milliseconds
    difficult: list[Difficult]
    gains: list[list[Gain]] = field(default_factory=list)  # learner × course assessment


def class_report(db, class_id: str, course: Course, most: int = 20) -> ClassReport:
    """Everything the report tabs show for one class, read in three indexed queries."""
    learners = learner_rows(db, class_id)
    row_of = {learner.id: row for row, learner in enumerate(learners)}
    column_of = course.index()
    states = [[NOT_STARTED] * len(course.lessons) for _ in learners]
    ms = [[0] * len(course.lessons) for _ in learners]
    for learner_id, pack, lesson, mastered in db.conn.execute(
        "SELECT p.learner_id, p.pack_id, p.lesson_id, p.mastered FROM learners l "
        "JOIN lesson_progress p ON p.learner_id = l.id WHERE l.class_id = ? AND l.guest = 0",
        [class_id],
    ):
        column = column_of.get((pack, lesson))
        if column is not None and learner_id in row_of:
            states[row_of[learner_id]][column] = MASTERED if mastered else IN_PROGRESS
    per_item: dict[tuple[str, str, str], list] = defaultdict(lambda: [0, 0, set(), set()])
    picked: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    assessed = {(a.pack_id, lesson) for a in course.assessments for lesson in (a.before, a.after)}
    firsts: dict[tuple[str, str, str, str], tuple[int, int]] = {}  # the first try of each item
    for answer_id, learner_id, pack, lesson, item, chosen, correct, spent in db.conn.execute(
        "SELECT a.id, a.learner_id, a.pack_id, a.lesson_id, a.item_id, a.chosen, a.correct, a.ms "
        "FROM learners l JOIN answers a ON a.learner_id = l.id "
        "WHERE l.class_id = ? AND l.guest = 0",
        [class_id],
    ):
        column = column_of.get((pack, lesson))
        if column is not None and learner_id in row_of:
            ms[row_of[learner_id]][column] += max(0, spent or 0)
        if (pack, lesson) in assessed:
            first = (learner_id, pack, lesson, item)
            if first not in firsts or answer_id < firsts[first][0]:
                firsts[first] = (answer_id, correct)
        key = (pack, lesson, item)
        counts = per_item[key]
        counts[0] += 1
        counts[3].add(learner_id)
        if not correct:
            counts[1] += 1
            counts[2].add(learner_id)
            picked[key][_choice_ids(chosen)] += 1
    difficult = [
        Difficult(key, answers, wrong, len(wrong_by), len(by), tuple(picked[key].most_common(3)))
        for key, (answers, wrong, wrong_by, by) in per_item.items()
        if wrong and key in course.items
    ]
    # Learners first, then the rate: one learner answering an item a thousand times wrong
    # does not make it the class's hardest question.
    difficult.sort(key=lambda d: (-d.learners_wrong, -d.rate, d.key))
    gains = [
        [_gain(firsts, learner.id, assessment) for assessment in course.assessments]
        for learner in learners
    ]
    return ClassReport(class_id, learners, states, ms, difficult[:most], gains)


def _gain(firsts: dict, learner_id: str, assessment: Assessment) -> Gain:
    def score(lesson: str) -> float | None:
        tries = [
            firsts[key][1]
            for item in assessment.items
            if (key := (learner_id, assessment.pack_id, lesson, item)) in firsts
        ]
        return sum(tries) / len(assessment.items) if tries else None

    return Gain(score(assessment.before), score(assessment.after))


def class_gain(gains: list[Gain]) -> tuple[float | None, float | None, float | None, int]:
    """A class's mean score before and after, and mean gain, over the learners who took both."""
    both = [g for g in gains if g.gain is not None]
    if not both:
        return None, None, None, 0
    n = len(both)
    before = sum(g.before for g in both) / n  # type: ignore[misc]
    after = sum(g.after for g in both) / n  # type: ignore[misc]
    return before, after, after - before, n


def _choice_ids(chosen: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(chosen or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
