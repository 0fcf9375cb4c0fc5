"""Learners and classes: pseudonymous profiles with a picture password, guests, and claiming.

A learner is a nickname, an avatar and the salted hash of three pictures chosen in order —
no national ID, no phone. After three wrong tries the next try waits a little.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.core.notices import Notice, NoticeError
from kiosk.core.pictures import AVATARS, PASSWORD_LENGTH, PICTURES
from kiosk.i18n import N_, Np_
from kiosk.services.secrets import hash_pin, pin_matches
from kiosk.services.store import Store

__all__ = [
    "AVATARS",
    "FREE_TRIES",
    "PASSWORD_LENGTH",
    "PICTURES",
    "Learner",
    "Learners",
    "PasswordHash",
    "hash_password",
]

FREE_TRIES = 3
WAIT_SECONDS = 5.0  # after FREE_TRIES wrong tries, each further try waits this long


@dataclass(frozen=True)
class Learner:
    id: str
    nickname: str
    avatar: str
    class_id: str | None
    guest: bool


@dataclass(frozen=True)
class SignInResult:
    ok: bool
    wait_seconds: float = 0.0
    failures: int = 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _secret(pictures: tuple[str, ...]) -> str:
    if len(pictures) != PASSWORD_LENGTH or any(p not in PICTURES for p in pictures):
        raise NoticeError(
            Notice.counted(
                Np_(
                    "Choose {count} picture for the password.",
                    "Choose {count} pictures for the password.",
                ),
                PASSWORD_LENGTH,
                {"count": PASSWORD_LENGTH},
            )
        )
    return ",".join(pictures)


@dataclass(frozen=True)
class PasswordHash:
    """A picture password already hashed (scrypt: slow on purpose, so done off the UI thread)."""

    value: str


def hash_password(pictures: tuple[str, ...]) -> PasswordHash:
    """Hash a picture password (NoticeError if it is not three known pictures). Touches no
    database: it may run on a worker thread (kiosk.services.background)."""
    return PasswordHash(hash_pin(_secret(tuple(pictures))))


def _hashed(pictures: tuple[str, ...] | PasswordHash) -> str:
    if isinstance(pictures, PasswordHash):
        return pictures.value
    return hash_password(pictures).value


class Learners:
    """Learner and class records in the store."""

    def __init__(self, store: Store, clock=time.monotonic) -> None:
        self.store = store
        self.db = store.db
        self._clock = clock
        # Waiting is kept in memory: a restart (which takes longer) lifts it anyway.
        self._waits: dict[str, float] = {}

    # Classes ------------------------------------------------------------------------------
    def create_class(self, name: str) -> str:
        name = name.strip()
        if not name:
            raise NoticeError(Notice(N_("Give the class a name."), {}))
        if self.db["classes"].count_where("name = ?", [name]):
            raise NoticeError(Notice(N_("A class called “{name}” exists already."), {"name": name}))
        class_id = str(uuid.uuid4())
        with self.store.transaction() as db:
            db["classes"].insert({"id": class_id, "name": name, "created_at": _now()})
        return class_id

    def classes(self) -> list[dict]:
        return list(self.db.query("SELECT id, name FROM classes ORDER BY name"))

    # Learners -----------------------------------------------------------------------------
    def enrol(
        self,
        nickname: str,
        avatar: str,
        pictures: tuple[str, ...] | PasswordHash,
        class_id: str | None = None,
        *,
        learner_id: str | None = None,
    ) -> str:
        """A new learner; returns its id. `pictures` may come hashed (`hash_password`)."""
        nickname = nickname.strip()
        if not nickname:
            raise NoticeError(Notice(N_("Give the learner a nickname."), {}))
        if avatar not in AVATARS:
            raise NoticeError(Notice(N_("Choose a picture for the learner."), {}))
        secret = _hashed(pictures)
        learner_id = learner_id or str(uuid.uuid4())
        with self.store.transaction() as db:
            db["learners"].insert(
                {
                    "id": learner_id,
                    "nickname": nickname,
                    "avatar": avatar,
                    "class_id": class_id,
                    "password_hash": secret,
                    "guest": 0,
                    "created_at": _now(),
                }
            )
        return learner_id

    def get(self, learner_id: str) -> Learner | None:
        rows = list(self.db.query("SELECT * FROM learners WHERE id = ?", [learner_id]))
        return self._learner(rows[0]) if rows else None

    def all(self, class_id: str | None = None) -> list[Learner]:
        sql = "SELECT * FROM learners WHERE guest = 0"
        params: list = []
        if class_id:
            sql += " AND class_id = ?"
            params.append(class_id)
        return [self._learner(row) for row in self.db.query(sql + " ORDER BY nickname", params)]

    @staticmethod
    def _learner(row: dict) -> Learner:
        return Learner(
            row["id"], row["nickname"], row["avatar"], row["class_id"], bool(row["guest"])
        )

    def move(self, learner_id: str, class_id: str | None) -> None:
        """Put a learner in a class (or in none)."""
        with self.store.transaction() as db:
            db.execute("UPDATE learners SET class_id = ? WHERE id = ?", [class_id, learner_id])

    def sign_in(self, learner_id: str, pictures: tuple[str, ...]) -> SignInResult:
        """Check the picture password; after FREE_TRIES failures each try must wait."""
        check = self.start_sign_in(learner_id)
        if isinstance(check, SignInResult):
            return check
        return self.finish_sign_in(learner_id, check(pictures))

    def start_sign_in(self, learner_id: str) -> SignInResult | Callable[[tuple[str, ...]], bool]:
        """The database part before a check: a result if the learner cannot try now, else
        `check(pictures)` -> matched. The check (scrypt) touches no database, so it may run
        off the UI thread; its answer goes to `finish_sign_in` on this thread."""
        row = next(iter(self.db.query("SELECT * FROM learners WHERE id = ?", [learner_id])), None)
        if row is None or row["guest"]:
            return SignInResult(False)
        wait = self._waits.get(learner_id, 0.0) - self._clock()
        if wait > 0:
            return SignInResult(False, wait_seconds=wait, failures=row["failures"])
        stored = row["password_hash"]

        def check(pictures: tuple[str, ...]) -> bool:
            return len(pictures) == PASSWORD_LENGTH and pin_matches(",".join(pictures), stored)

        return check

    def finish_sign_in(self, learner_id: str, ok: bool) -> SignInResult:
        """Record what `check(pictures)` found: clear or count failures, start a wait."""
        row = next(iter(self.db.query("SELECT * FROM learners WHERE id = ?", [learner_id])), None)
        if row is None:
            return SignInResult(False)
        failures = 0 if ok else row["failures"] + 1
        with self.store.transaction() as db:
            db.execute("UPDATE learners SET failures = ? WHERE id = ?", [failures, learner_id])
        if ok:
            self._waits.pop(learner_id, None)
            return SignInResult(True)
        if failures >= FREE_TRIES:
            self._waits[learner_id] = self._clock() + WAIT_SECONDS
            return SignInResult(False, wait_seconds=WAIT_SECONDS, failures=failures)
        return SignInResult(False, failures=failures)

    def reset_password(self, learner_id: str, pictures: tuple[str, ...] | PasswordHash) -> None:
        """A trainer sets a new picture password (and lifts any wait)."""
        secret = _hashed(pictures)
        with self.store.transaction() as db:
            db.execute(
                "UPDATE learners SET password_hash = ?, failures = 0 WHERE id = ?",
                [secret, learner_id],
            )
        self._waits.pop(learner_id, None)

    # Guests -------------------------------------------------------------------------------
    def create_guest(self) -> str:
        """A guest learner: progress is kept until claimed or discarded."""
        guest_id = str(uuid.uuid4())
        with self.store.transaction() as db:
            db["learners"].insert(
                {
                    "id": guest_id,
                    "nickname": "guest",
                    "avatar": "star",
                    "guest": 1,
                    "created_at": _now(),
                }
            )
        return guest_id

    def claim(
        self,
        guest_id: str,
        nickname: str,
        avatar: str,
        pictures: tuple[str, ...] | PasswordHash,
    ) -> str:
        """Turn a guest's progress into a new profile, in one transaction; returns its id."""
        secret = _hashed(pictures)
        nickname = nickname.strip()
        if not nickname or avatar not in AVATARS:
            raise NoticeError(Notice(N_("Give a nickname and choose a picture."), {}))
        with self.store.transaction() as db:
            db.execute(
                "UPDATE learners SET nickname = ?, avatar = ?, password_hash = ?, guest = 0 "
                "WHERE id = ? AND guest = 1",
                [nickname, avatar, secret, guest_id],
            )
            if db.execute("SELECT changes()").fetchone()[0] != 1:
                raise NoticeError(Notice(N_("This guest session no longer exists."), {}))
        return guest_id

    def discard_guest(self, guest_id: str) -> None:
        """Forget a guest and everything they did."""
        with self.store.transaction() as db:
            for table in ("answers", "lesson_progress"):
                db.execute(f"DELETE FROM {table} WHERE learner_id = ?", [guest_id])
            db.execute("DELETE FROM learners WHERE id = ? AND guest = 1", [guest_id])
