"""One run through a lesson: which screen, answers and attempts — the player's model, no Qt.

A lesson is a list of screens: one per explain or practice step, one per quiz item. The run
can be saved as a small dict (the resume point) and restored exactly, including the order in
which each question shows its choices: shuffled once per run, so the right answer's place
tells nothing, and kept, so a resumed run shows the same screen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.core.lessons.model import Item, Lesson, Step


@dataclass(frozen=True)
class Answer:
    correct: bool
    attempt: int
    chosen: tuple[str, ...]


class LessonRun:
    """Where a learner is in a lesson and how their answers went."""

    def __init__(
        self, lesson: Lesson, state: dict | None = None, rng: random.Random | None = None
    ) -> None:
        self.lesson = lesson
        self.screens: list[tuple[int, int]] = []
        for s, step in enumerate(lesson.steps):
            if step.kind == "quiz":
                self.screens += [(s, i) for i in range(len(step.items))]
            else:
                self.screens.append((s, 0))
        state = state or {}
        self.index = min(max(int(state.get("index", 0)), 0), len(self.screens) - 1)
        self.first_try: dict[str, bool] = dict(state.get("first_try", {}))
        self.attempts: dict[str, int] = dict(state.get("attempts", {}))
        self.solved: set[str] = set(state.get("solved", ()))
        rng = rng or random.Random()
        saved = state.get("orders", {})
        self.orders: dict[str, list[str]] = {
            item.id: _kept_order(item, saved.get(item.id)) or _shuffled(item, rng)
            for item in lesson.items()
        }

    @property
    def total(self) -> int:
        return len(self.screens)

    @property
    def step(self) -> Step:
        return self.lesson.steps[self.screens[self.index][0]]

    @property
    def item(self) -> Item | None:
        step_index, item_index = self.screens[self.index]
        step = self.lesson.steps[step_index]
        return step.items[item_index] if step.kind == "quiz" else None

    @property
    def at_end(self) -> bool:
        return self.index == self.total - 1

    def can_go_on(self) -> bool:
        """A quiz screen needs an answer first (right, or wrong with the explanation seen)."""
        item = self.item
        return item is None or item.id in self.attempts

    def next(self) -> bool:
        """Go to the next screen; False at the end or when the screen needs an answer."""
        if self.at_end or not self.can_go_on():
            return False
        self.index += 1
        return True

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def answer(self, chosen: tuple[str, ...]) -> Answer:
        """Judge an answer to the current item; only the first try counts toward mastery."""
        item = self.item
        if item is None:
            raise ValueError("this screen has no question")
        correct = item.is_correct(tuple(chosen))
        attempt = self.attempts.get(item.id, 0) + 1
        self.attempts[item.id] = attempt
        self.first_try.setdefault(item.id, correct)
        if correct:
            self.solved.add(item.id)
        return Answer(correct, attempt, tuple(chosen))

    def order(self, item: Item) -> list[str]:
        """The ids of `item`'s choices in the order this run shows them."""
        return self.orders.get(item.id) or [c.id for c in item.choices]

    def results(self) -> list[bool]:
        """First-try results in the lesson's item order (what mastery is judged on)."""
        return [self.first_try[i.id] for i in self.lesson.items() if i.id in self.first_try]

    def complete(self) -> bool:
        """Every question has been answered at least once."""
        return all(item.id in self.attempts for item in self.lesson.items())

    def state(self) -> dict:
        """What to save so the run resumes at this very screen."""
        return {
            "index": self.index,
            "first_try": self.first_try,
            "attempts": self.attempts,
            "solved": sorted(self.solved),
            "orders": self.orders,
        }


def _shuffled(item: Item, rng: random.Random) -> list[str]:
    """The choices' ids in a random order; an ordering question never starts solved."""
    ids = [c.id for c in item.choices]
    order = list(ids)
    rng.shuffle(order)
    while item.type == "ordering" and len(ids) > 1 and order == ids:
        rng.shuffle(order)
    return order


def _kept_order(item: Item, saved) -> list[str] | None:
    """A saved order, if it still names exactly the item's choices (a pack may have changed)."""
    if not isinstance(saved, list) or sorted(map(str, saved)) != sorted(c.id for c in item.choices):
        return None
    return [str(choice_id) for choice_id in saved]
