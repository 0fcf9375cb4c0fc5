"""The learning session model: packs, who is learning (a learner or a guest), and their records;
and the enrolment of a new learner, step by step."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import QObject, Signal

from kiosk.core.lessons.model import Lesson, Pack
from kiosk.core.lessons.run import Answer, LessonRun
from kiosk.services.learners import Learner, Learners, PasswordHash
from kiosk.services.lessons import load_packs, practice_flows
from kiosk.services.progress import Progress, ResumePoint
from kiosk.services.store import Store


class EnrolStep(Enum):
    """Where a new learner is in making their profile."""

    AVATAR = "avatar"  # choose your picture
    PICTURES = "pictures"  # choose three pictures to remember, in order
    CONFIRM = "confirm"  # touch the same three pictures again
    READY = "ready"  # confirmed: the profile can be made
    LEFT = "left"  # went back from the first step


class Enrolment:
    """Making a learner's profile, no widgets: a picture, then three pictures twice.

    The Learn screen shows the page of `step` and feeds it what the learner touched. `claim`:
    the profile keeps a guest's progress (after a lesson done as a guest)."""

    def __init__(self, claim: bool = False) -> None:
        self.claim = claim
        self.step = EnrolStep.AVATAR
        self.avatar: str | None = None
        self.pictures: tuple[str, ...] | None = None

    def choose_avatar(self, avatar: str) -> None:
        self._expect(EnrolStep.AVATAR)
        self.avatar = avatar
        self.step = EnrolStep.PICTURES

    def choose_pictures(self, pictures: Iterable[str]) -> None:
        self._expect(EnrolStep.PICTURES)
        self.pictures = tuple(pictures)
        self.step = EnrolStep.CONFIRM

    def confirm(self, pictures: Iterable[str]) -> bool:
        """Whether `pictures` are the same, in the same order: ready; if not, choose again.
        Asked again once ready (the profile could not be made), it answers again."""
        if self.step is EnrolStep.READY:
            self.step = EnrolStep.CONFIRM
        self._expect(EnrolStep.CONFIRM)
        if tuple(pictures) != self.pictures:
            self.pictures = None
            self.step = EnrolStep.PICTURES
            return False
        self.step = EnrolStep.READY
        return True

    def back(self) -> EnrolStep:
        """One step back (the choices made stay until made again); LEFT from the first."""
        self.step = {
            EnrolStep.AVATAR: EnrolStep.LEFT,
            EnrolStep.PICTURES: EnrolStep.AVATAR,
            EnrolStep.CONFIRM: EnrolStep.PICTURES,
            EnrolStep.READY: EnrolStep.PICTURES,  # as if not confirmed yet
        }.get(self.step, EnrolStep.LEFT)
        return self.step

    def nickname(self, avatars_taken: Iterable[str], lang: str) -> str:
        """The profile's name: the picture's name and how many learners have that picture
        («ماهی ۲»); shown later in whatever language the kiosk speaks (`display_name`)."""
        from kiosk.core.pictures import default_name

        same = sum(1 for avatar in avatars_taken if avatar == self.avatar)
        return default_name(self.avatar, same + 1, lang)

    def _expect(self, step: EnrolStep) -> None:
        if self.step is not step:
            raise ValueError(f"enrolment is at {self.step.value}, not {step.value}")


class LearnSession(QObject):
    """Who is learning now; the screens of kiosk.ui.learn are views over it."""

    learner_changed = Signal()

    def __init__(
        self,
        store: Store,
        root=None,
        *,
        xapi_base: str | None = None,
        language=None,
        records: bool = True,
    ):
        super().__init__()
        self.store = store
        # False in safe mode: `store` is a scratch database in memory (the kiosk's was refused),
        # so nothing is kept, and profiles cannot be made or used.
        self.records = records
        self.learners = Learners(store)
        self.progress = Progress(store, xapi_base) if xapi_base else Progress(store)
        # The language learning records are made in (a callable: it follows the live switch).
        self.language = language or (lambda: None)
        self.packs, self.broken = load_packs(root)
        self.learner: Learner | None = None
        self.guest_id: str | None = None
        self.flows = practice_flows()

    @property
    def learner_id(self) -> str | None:
        return self.learner.id if self.learner else self.guest_id

    @property
    def is_guest(self) -> bool:
        return self.learner is None and self.guest_id is not None

    def start_guest(self) -> None:
        self.sign_out()
        self.guest_id = self.learners.create_guest()
        self.learner_changed.emit()

    def signed_in(self, learner_id: str) -> None:
        self.guest_id = None
        self.learner = self.learners.get(learner_id)
        self.learner_changed.emit()

    def claim(self, nickname: str, avatar: str, pictures: tuple[str, ...] | PasswordHash) -> None:
        """Keep the guest's progress in a new profile, and continue as that learner."""
        assert self.guest_id is not None
        learner_id = self.learners.claim(self.guest_id, nickname, avatar, pictures)
        self.signed_in(learner_id)

    def make_profile(self, enrolment: Enrolment, nickname: str, hashed: PasswordHash) -> None:
        """The confirmed `enrolment` becomes a learner (keeping a guest's progress if it
        claims it), who is signed in; NoticeError saying what to fix if it is refused."""
        if enrolment.step is not EnrolStep.READY or enrolment.avatar is None:
            raise ValueError("the enrolment is not confirmed")
        if enrolment.claim:
            self.claim(nickname, enrolment.avatar, hashed)
        else:
            self.signed_in(self.learners.enrol(nickname, enrolment.avatar, hashed))

    def sign_out(self) -> None:
        """End the learner's session; their resume point stays. A guest's records go."""
        if self.guest_id is not None:
            self.learners.discard_guest(self.guest_id)
        self.learner, self.guest_id = None, None
        self.learner_changed.emit()

    def resume_point(self) -> ResumePoint | None:
        return self.progress.resume_point(self.learner_id) if self.learner_id else None

    def find(self, pack_id: str, lesson_id: str) -> tuple[Pack, Lesson] | None:
        for pack in self.packs:
            if pack.id == pack_id and (lesson := pack.lesson(lesson_id)):
                return pack, lesson
        return None

    def stars(self) -> dict[tuple[str, str], int]:
        return self.progress.stars(self.learner_id) if self.learner_id else {}

    # Playing a lesson: each move is saved here, so a crash resumes at the exact screen.
    def start_lesson(self, pack: Pack, lesson: Lesson, state: dict | None = None) -> LessonRun:
        """Start (or resume, with `state`) `lesson`; its first screen is the resume point."""
        run = LessonRun(lesson, state)
        self._save_place(pack, run, new_attempt=state is None)
        return run

    def next_screen(self, pack: Pack, run: LessonRun) -> bool:
        """Go on to the next screen and keep it as the resume point; False if it cannot."""
        if not run.next():
            return False
        self._save_place(pack, run)
        return True

    def previous_screen(self, pack: Pack, run: LessonRun) -> bool:
        """Go back a screen and keep it as the resume point; False on the first screen."""
        if not run.back():
            return False
        self._save_place(pack, run)
        return True

    def answer(self, pack: Pack, run: LessonRun, chosen: tuple, ms: int) -> Answer:
        """Judge the answer to the current question and record it with the run's state."""
        item = run.item
        answer = run.answer(chosen)
        assert item is not None and self.learner_id is not None
        self.progress.record_answer(
            self.learner_id,
            pack.id,
            run.lesson.id,
            item.id,
            chosen,
            answer.correct,
            answer.attempt,
            ms,
            run.index,
            run.state(),
            item=item,
            lesson=run.lesson,
            language=self.language(),
        )
        return answer

    def finish_lesson(self, pack: Pack, run: LessonRun) -> tuple[int, bool]:
        """Mark the lesson done: (stars, mastered), the best stars ever kept."""
        assert self.learner_id is not None
        return self.progress.complete(
            self.learner_id,
            pack.id,
            run.lesson.id,
            run.lesson.mastery,
            run.results(),
            lesson=run.lesson,
            language=self.language(),
        )

    def _save_place(self, pack: Pack, run: LessonRun, *, new_attempt: bool = False) -> None:
        assert self.learner_id is not None
        self.progress.save_step(
            self.learner_id,
            pack.id,
            run.lesson.id,
            run.index,
            run.state(),
            new_attempt=new_attempt,
        )
