"""Quizzes test something: the choices are shuffled once per lesson run, so the right answer's
place says nothing, and a resumed run shows them in the same order.

Found trying the kiosk as a new user: all 79 choice items of the shipped packs listed
the right answer first, so the answer was always the first tile."""

from __future__ import annotations

import random
from collections import Counter

from kiosk.core.lessons.run import LessonRun
from kiosk.services.lessons import LESSONS_DIR, load_packs


def _choice_items():
    packs, broken = load_packs(LESSONS_DIR)
    assert packs and not broken
    return [
        (lesson, item)
        for pack in packs
        for lesson in pack.lessons()
        for item in lesson.items()
        if item.type in ("single", "picture", "multiple")
    ]


def test_the_right_answers_place_is_spread_over_every_place_across_the_shipped_packs():
    items = _choice_items()
    assert len(items) >= 70  # the shipped packs, not a sample
    rng = random.Random(20261128)  # fixed: the test gives the same answer every run
    places: dict[int, Counter] = {}  # number of choices -> where the right answer showed
    for lesson, item in items:
        run = LessonRun(lesson, rng=rng)
        order = run.order(item)
        for right in item.correct_ids():
            places.setdefault(len(order), Counter())[order.index(right)] += 1
    for size, counter in places.items():
        total = sum(counter.values())
        if total < 4 * size:
            continue  # too few items with this many choices to judge a spread
        expected = total / size
        for place in range(size):
            # Without shuffling every count but the first is 0; shuffled, each place gets
            # its share (at least half of it, a wide margin for chance at this seed).
            assert counter[place] >= expected / 2, (size, dict(counter))
    assert any(
        total >= 4 * size for size, total in ((s, sum(c.values())) for s, c in places.items())
    )


def test_a_resumed_run_shows_the_same_order_and_a_new_run_may_not():
    lesson, item = next(
        (lesson, item) for lesson, item in _choice_items() if len(item.choices) >= 3
    )
    rng = random.Random(7)
    first = LessonRun(lesson, rng=rng)
    resumed = LessonRun(lesson, first.state(), rng=random.Random(99))
    assert resumed.order(item) == first.order(item)
    assert {tuple(LessonRun(lesson, rng=rng).order(item)) for _ in range(30)} != {
        tuple(first.order(item))
    }


def test_an_ordering_question_never_starts_in_order_and_a_stale_saved_order_is_replaced():
    packs, _ = load_packs(LESSONS_DIR)
    lesson, item = next(
        (lesson, item)
        for pack in packs
        for lesson in pack.lessons()
        for item in lesson.items()
        if item.type == "ordering"
    )
    rng = random.Random(3)
    for _ in range(50):
        assert LessonRun(lesson, rng=rng).order(item) != list(item.correct_ids())
    stale = {"orders": {item.id: ["gone", *item.correct_ids()]}}
    order = LessonRun(lesson, stale, rng=rng).order(item)
    assert sorted(order) == sorted(item.correct_ids())
