"""The learning session model: packs, who is learning (a learner or a guest), and their records."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.lessons.model import Lesson, Pack
from kiosk.services.learners import Learner, Learners
from kiosk.services.lessons import load_packs, practice_flows
from kiosk.services.progress import Progress, ResumePoint
from kiosk.services.store import Store


class LearnSession(QObject):
    """Who is learning now; the screens of kiosk.ui.learn are views over it."""

    learner_changed = Signal()

    def __init__(self, store: Store, root=None) -> None:
        super().__init__()
        self.store = store
        self.learners = Learners(store)
        self.progress = Progress(store)
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

    def claim(self, nickname: str, avatar: str, pictures: tuple[str, ...]) -> None:
        """Keep the guest's progress in a new profile, and continue as that learner."""
        assert self.guest_id is not None
        learner_id = self.learners.claim(self.guest_id, nickname, avatar, pictures)
        self.signed_in(learner_id)

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
