"""The Learn session model without widgets: each move through a lesson is saved by the model,
so the learner resumes at the exact screen, answers and attempts included."""

from __future__ import annotations

import pytest

from kiosk.core.notices import NoticeError
from kiosk.services.learners import hash_password
from kiosk.services.store import open_store
from kiosk.ui.learn.session import Enrolment, EnrolStep, LearnSession
from tools.synthetic_pack import write_pack


@pytest.fixture
def world(tmp_path, qtbot):
    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=2, per_module=2)
    store = open_store(tmp_path)
    yield store, root
    store.close()


def test_every_move_is_the_resume_point_and_survives_a_restart(world):
    store, root = world
    session = LearnSession(store, root)
    learner_id = session.learners.enrol("Maryam", "cat", ("apple", "key", "cup"))
    session.signed_in(learner_id)
    pack = session.packs[0]
    lesson = pack.lessons()[0]
    run = session.start_lesson(pack, lesson)
    point = session.resume_point()
    assert (point.pack_id, point.lesson_id, point.step) == (pack.id, lesson.id, 0)
    assert session.next_screen(pack, run) and session.next_screen(pack, run)
    assert session.resume_point().step == 2
    assert session.previous_screen(pack, run)
    assert session.resume_point().step == 1
    while run.item is None:
        assert session.next_screen(pack, run)
    quiz_screen = run.index
    assert not session.next_screen(pack, run)  # a question needs an answer first
    assert session.resume_point().step == quiz_screen
    answer = session.answer(pack, run, ("not-a-choice",), 1200)
    assert not answer.correct and answer.attempt == 1
    # The model of a new session on the same database (after a crash) has it all.
    again = LearnSession(store, root)
    again.signed_in(learner_id)
    point = again.resume_point()
    assert point.step == quiz_screen and point.state["attempts"] == {run.item.id: 1}
    resumed = again.start_lesson(pack, lesson, {**point.state, "index": point.step})
    assert resumed.index == quiz_screen and resumed.can_go_on()


def test_finishing_a_lesson_ends_its_resume_point(world):
    store, root = world
    session = LearnSession(store, root)
    session.start_guest()
    pack = session.packs[0]
    run = session.start_lesson(pack, pack.lessons()[0])
    while not run.at_end:
        if run.item is not None:
            session.answer(pack, run, ("not-a-choice",), 500)
        assert session.next_screen(pack, run)
    if run.item is not None:
        session.answer(pack, run, ("not-a-choice",), 500)
    stars, mastered = session.finish_lesson(pack, run)
    assert not mastered and stars >= 0
    assert session.resume_point() is None


PICTURES = ("apple", "key", "cup")


def test_enrolment_goes_picture_then_pictures_twice_and_back_step_by_step():
    enrolment = Enrolment()
    assert enrolment.step is EnrolStep.AVATAR
    with pytest.raises(ValueError):
        enrolment.choose_pictures(PICTURES)  # not before the picture
    enrolment.choose_avatar("cat")
    enrolment.choose_pictures(PICTURES)
    assert enrolment.step is EnrolStep.CONFIRM
    assert not enrolment.confirm(("key", "apple", "cup"))  # the order matters
    assert enrolment.step is EnrolStep.PICTURES and enrolment.pictures is None
    enrolment.choose_pictures(PICTURES)
    assert enrolment.back() is EnrolStep.PICTURES
    assert enrolment.back() is EnrolStep.AVATAR and enrolment.avatar == "cat"
    assert enrolment.back() is EnrolStep.LEFT
    again = Enrolment()
    again.choose_avatar("bird")
    again.choose_pictures(PICTURES)
    assert again.confirm(PICTURES) and again.step is EnrolStep.READY
    assert again.confirm(PICTURES)  # asked again after a refusal, it answers again
    assert again.back() is EnrolStep.PICTURES


def test_the_nickname_counts_learners_with_the_same_picture():
    enrolment = Enrolment()
    enrolment.choose_avatar("cat")
    assert enrolment.nickname(["cat", "bird", "cat"], "en") == "Cat 3"
    assert enrolment.nickname([], "fa") == "گربه ۱"


def confirmed(claim: bool, avatar: str = "cat") -> Enrolment:
    enrolment = Enrolment(claim)
    enrolment.choose_avatar(avatar)
    enrolment.choose_pictures(PICTURES)
    assert enrolment.confirm(PICTURES)
    return enrolment


def test_a_confirmed_enrolment_makes_a_signed_in_learner(world):
    store, root = world
    session = LearnSession(store, root)
    unconfirmed = Enrolment()
    unconfirmed.choose_avatar("cat")
    with pytest.raises(ValueError):
        session.make_profile(unconfirmed, "Cat 1", hash_password(PICTURES))
    session.make_profile(confirmed(False), "Cat 1", hash_password(PICTURES))
    assert session.learner is not None and session.learner.nickname == "Cat 1"
    assert session.learners.sign_in(session.learner.id, PICTURES).ok
    with pytest.raises(NoticeError):
        session.make_profile(confirmed(False), " ", hash_password(PICTURES))


def test_claiming_keeps_the_guests_progress(world):
    store, root = world
    session = LearnSession(store, root)
    session.start_guest()
    pack = session.packs[0]
    run = session.start_lesson(pack, pack.lessons()[0])
    session.next_screen(pack, run)
    session.make_profile(confirmed(True, "bird"), "Bird 1", hash_password(PICTURES))
    assert not session.is_guest and session.learner.avatar == "bird"
    assert session.resume_point().step == 1
