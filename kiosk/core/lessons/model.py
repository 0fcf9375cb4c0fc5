"""The lesson model built from validated pack and lesson JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.authored import Authored


@dataclass(frozen=True, slots=True)
class Text:
    """A text in every language, with optional spoken overrides and recorded audio per language."""

    text: dict[str, str]
    say: dict[str, str] = field(default_factory=dict)
    audio: dict[str, str] = field(default_factory=dict)  # absolute paths

    # Lesson text is written by the pack's authors: `Authored`, its speech may be cached.
    def get(self, lang: str) -> str:
        return Authored(self.text.get(lang) or next(iter(self.text.values()), ""))

    def spoken(self, lang: str) -> str | None:
        said = self.say.get(lang)
        return None if said is None else Authored(said)

    def recorded(self, lang: str) -> str | None:
        return self.audio.get(lang)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: Text
    feedback: Text
    correct: bool = False
    pictogram: str | None = None
    control: str | None = None  # a kiosk control shown with its real pictogram (controls.py)


@dataclass(frozen=True, slots=True)
class Item:
    """One quiz question."""

    id: str
    type: str  # single, multiple, picture, ordering
    prompt: Text
    choices: tuple[Choice, ...]
    explanation: Text
    pictogram: str | None = None

    def correct_ids(self) -> tuple[str, ...]:
        """The right answer: the correct choices, or for ordering every choice in order."""
        if self.type == "ordering":
            return tuple(c.id for c in self.choices)
        return tuple(c.id for c in self.choices if c.correct)

    def is_correct(self, chosen: tuple[str, ...]) -> bool:
        if self.type == "ordering":
            return tuple(chosen) == self.correct_ids()
        return set(chosen) == set(self.correct_ids())


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: str  # explain, practice, quiz
    text: Text | None = None
    title: Text | None = None
    pictogram: str | None = None
    image: str | None = None
    flow: str | None = None
    items: tuple[Item, ...] = ()
    control: str | None = None  # a kiosk control shown with its real pictogram (controls.py)


@dataclass(frozen=True, slots=True)
class Mastery:
    rule: str  # m_of_n, in_a_row, all
    m: int = 0
    n: int = 0


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    title: Text
    mastery: Mastery
    steps: tuple[Step, ...]
    pictogram: str | None = None
    digcomp: tuple[str, ...] = ()

    def items(self) -> list[Item]:
        """Every quiz item of the lesson, in order."""
        return [item for step in self.steps for item in step.items]


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: Text
    lessons: tuple[Lesson, ...]
    number: str = ""
    pictogram: str | None = None


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    modules: tuple[Module, ...]
    root: str = ""
    # A baseline before the first module and the same items after the capstone: lesson ids.
    assessment: tuple[str, str] | None = None

    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def course_lessons(self) -> list[Lesson]:
        """The lessons a learner masters to finish the course: all but the baseline, which
        measures what they knew before it and is no lesson to pass."""
        baseline = self.assessment[0] if self.assessment else None
        return [lesson for lesson in self.lessons() if lesson.id != baseline]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons() if lesson.id == lesson_id), None)
