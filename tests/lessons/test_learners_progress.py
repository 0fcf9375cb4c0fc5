"""Learners, picture passwords, guests, and progress that survives a crash."""

from __future__ import annotations

import json
import uuid

import pytest

from kiosk.core.lessons.model import Mastery
from kiosk.core.notices import NoticeError
from kiosk.services.learners import FREE_TRIES, Learners
from kiosk.services.progress import Progress
from kiosk.services.store import open_store

PASSWORD = ("apple", "key", "cup")


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path)
    yield store
    store.close()


def test_enrol_sign_in_and_nothing_personal_stored(store):
    learners = Learners(store)
    class_id = learners.create_class("Tuesday class")
    learner = learners.enrol("Maryam", "cat", PASSWORD, class_id)
    assert learners.sign_in(learner, PASSWORD).ok
    assert not learners.sign_in(learner, ("key", "apple", "cup")).ok  # order matters
    row = store.db["learners"].get(learner)
    assert "apple" not in row["password_hash"] and row["password_hash"].startswith("scrypt$")
    assert set(row) == {
        "id", "nickname", "avatar", "class_id", "password_hash", "failures", "locked_until",
        "guest", "created_at",
    }  # fmt: skip
    assert [learner.nickname for learner in learners.all(class_id)] == ["Maryam"]


def test_after_three_wrong_tries_the_next_try_waits_and_a_trainer_can_reset(store):
    clock = Clock()
    learners = Learners(store, clock=clock)
    learner = learners.enrol("Ali", "bird", PASSWORD)
    wrong = ("ball", "lamp", "shoe")
    results = [learners.sign_in(learner, wrong) for _ in range(FREE_TRIES)]
    assert results[-1].wait_seconds > 0
    assert not learners.sign_in(learner, PASSWORD).ok  # even the right one must wait
    clock.now += 6
    assert learners.sign_in(learner, PASSWORD).ok
    for _ in range(FREE_TRIES):
        learners.sign_in(learner, wrong)
    learners.reset_password(learner, ("house", "car", "book"))
    assert learners.sign_in(learner, ("house", "car", "book")).ok


def test_bad_enrolment_is_refused_with_a_message(store):
    learners = Learners(store)
    with pytest.raises(NoticeError):
        learners.enrol(" ", "cat", PASSWORD)
    with pytest.raises(NoticeError):
        learners.enrol("Reza", "dragon", PASSWORD)
    with pytest.raises(NoticeError):
        learners.enrol("Reza", "cat", ("apple", "key"))
    with pytest.raises(NoticeError):
        learners.create_class("")


def test_guest_progress_is_claimed_into_a_new_profile(store):
    learners, progress = Learners(store), Progress(store)
    guest = learners.create_guest()
    progress.record_answer(guest, "basics", "l1", "q1", ("a",), True, 1, 900, 2, {"q1": ["a"]})
    progress.complete(guest, "basics", "l1", Mastery("all"), [True])
    learner = learners.claim(guest, "Zahra", "sun", PASSWORD)
    assert learners.sign_in(learner, PASSWORD).ok
    assert progress.stars(learner) == {("basics", "l1"): 3}
    assert store.db["answers"].count_where("learner_id = ?", [learner]) == 1


def test_discarded_guest_leaves_nothing(store):
    learners, progress = Learners(store), Progress(store)
    guest = learners.create_guest()
    progress.save_step(guest, "basics", "l1", 3, {})
    learners.discard_guest(guest)
    assert store.db["lesson_progress"].count == 0 and store.db["learners"].count == 0


def test_answer_resume_point_and_statement_are_written_together_and_survive_reopening(tmp_path):
    store = open_store(tmp_path)
    learners, progress = Learners(store), Progress(store)
    learner = learners.enrol("Hassan", "tree", PASSWORD)
    progress.save_step(learner, "basics", "l2", 1, {})
    progress.record_answer(learner, "basics", "l2", "q1", ("b",), False, 1, 1200, 3, {"q1": ["b"]})
    kiosk_id = progress.kiosk_id
    store.close()  # as after a crash: a new process opens the same file

    store = open_store(tmp_path)
    progress = Progress(store)
    point = progress.resume_point(learner)
    assert (point.lesson_id, point.step, point.state) == ("l2", 3, {"q1": ["b"]})
    row = next(iter(store.db["xapi_outbox"].rows))
    statement = json.loads(row["statement"])
    assert statement["actor"]["account"] == {
        "homePage": "https://kiosk.example.org",
        "name": learner,
    }
    # The statement's own id is written with it, in the JSON and in its indexed column.
    assert row["statement_id"] == statement["id"] and uuid.UUID(statement["id"]).version == 4
    assert statement["context"]["registration"] == progress.registration(learner, "basics", "l2")
    assert statement["context"]["extensions"]["https://kiosk.example.org/extensions/kiosk"] == (
        kiosk_id
    )
    assert statement["result"]["success"] is False
    assert progress.kiosk_id == kiosk_id
    store.close()


def test_a_failed_write_loses_nothing_half_way(store, monkeypatch):
    learners, progress = Learners(store), Progress(store)
    learner = learners.enrol("Sara", "moon", PASSWORD)
    progress.save_step(learner, "basics", "l3", 2, {})

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("kiosk.core.xapi.statement", broken)
    with pytest.raises(OSError):
        progress.record_answer(
            learner, "basics", "l3", "q1", ("a",), True, 1, 500, 4, {"q1": ["a"]}
        )
    assert store.db["answers"].count == 0
    assert progress.resume_point(learner).step == 2


def test_completed_lessons_keep_the_best_stars(store):
    learners, progress = Learners(store), Progress(store)
    learner = learners.enrol("Nasrin", "flower", PASSWORD)
    assert progress.complete(learner, "basics", "l1", Mastery("all"), [True, True]) == (3, True)
    assert progress.complete(learner, "basics", "l1", Mastery("all"), [False, True]) == (2, False)
    assert progress.stars(learner) == {("basics", "l1"): 3}
    assert progress.resume_point(learner) is None


def test_the_slow_parts_run_without_the_database_and_the_rest_records_them(store):
    """The split a view uses to hash and check off the UI thread: the worker's half (hash,
    check) never touches the store; the UI thread's half reads and writes it."""
    from concurrent.futures import ThreadPoolExecutor

    from kiosk.services.learners import hash_password

    learners = Learners(store)
    with ThreadPoolExecutor(1) as pool:
        hashed = pool.submit(hash_password, PASSWORD).result()
        learner = learners.enrol("Maryam", "cat", hashed)
        check = learners.start_sign_in(learner)
        assert not pool.submit(check, ("key", "apple", "cup")).result()
        assert learners.finish_sign_in(learner, False).failures == 1
        assert pool.submit(check, PASSWORD).result()
    assert learners.finish_sign_in(learner, True).ok
    assert store.db["learners"].get(learner)["failures"] == 0
    with pytest.raises(NoticeError):
        hash_password(("apple", "key"))
