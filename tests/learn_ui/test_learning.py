"""A learner's whole path through the Learn screen, on the real window, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.services.learners import Learners
from tests.gui import save_screenshot, spoken
from tools.synthetic_pack import write_pack

PASSWORD = ("apple", "key", "cup")


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=3, per_module=2)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    return root


def shot(kiosk, qtbot, artifacts, name):
    save_screenshot(kiosk.window, artifacts, name)


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_learn(kiosk, qtbot):
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    return kiosk.window.screens["learn"]


def answer(qtbot, learn, choice_ids):
    quiz = learn.player.view
    for choice_id in choice_ids:
        click(qtbot, quiz.tiles[choice_id])
    click(qtbot, quiz.confirm)
    return quiz


def test_guest_lesson_right_and_wrong_answers_mastery_and_claim(
    make_kiosk, qtbot, pack_dir, artifacts
):
    kiosk = make_kiosk("fa")
    learn = open_learn(kiosk, qtbot)
    assert learn.pages.currentWidget() is learn.entry
    click(qtbot, learn.entry.tiles["guest"])
    assert learn.pages.currentWidget() is learn.map
    shot(kiosk, qtbot, artifacts, "learn-map-fa")
    click(qtbot, learn.map.tiles[("sample", "lesson-0000")])
    player = learn.player
    assert player.run.index == 0
    assert spoken(kiosk)[-1].startswith("گام ۱ از ۷")
    shot(kiosk, qtbot, artifacts, "learn-explain-fa")
    click(qtbot, player.next_button)  # explain 2
    click(qtbot, player.next_button)  # practice: shown, then skipped cleanly
    assert player.run.step.kind == "practice"
    click(qtbot, player.next_button)
    assert player.run.item.id == "q1"
    assert not player.next_button.isEnabled()  # a question needs an answer first
    quiz = answer(qtbot, learn, ["operator"])  # wrong
    assert "دوباره" in quiz.feedback.text() and "هیچ‌کس" in quiz.feedback.text()
    assert quiz.again.isVisible() and player.next_button.isEnabled()
    click(qtbot, quiz.again)
    answer(qtbot, learn, ["nobody"])
    click(qtbot, player.next_button)
    answer(qtbot, learn, ["a", "b"])
    shot(kiosk, qtbot, artifacts, "learn-quiz-fa")
    click(qtbot, player.next_button)
    answer(qtbot, learn, ["p1"])
    click(qtbot, player.next_button)
    answer(qtbot, learn, ["first", "second", "third"])
    click(qtbot, player.next_button)  # Finish
    assert learn.pages.currentWidget() is learn.done
    assert learn.done.stars.text() == "★★★"  # m_of_n 2 of the last 3: q2, q3, q4 right
    assert learn.done.tiles["keep"].isVisible()
    rows = kiosk.store.db.execute("SELECT item_id, correct, attempt FROM answers ORDER BY id")
    assert list(rows) == [("q1", 0, 1), ("q1", 1, 2), ("q2", 1, 1), ("q3", 1, 1), ("q4", 1, 1)]
    click(qtbot, learn.done.tiles["keep"])
    click(qtbot, learn.new_avatar.tiles["cat"])
    touch_pictures(qtbot, learn, learn.new_password, PASSWORD)
    touch_pictures(qtbot, learn, learn.confirm_password, PASSWORD)
    assert learn.pages.currentWidget() is learn.map
    assert not learn.session.is_guest
    assert learn.map.tiles[("sample", "lesson-0000")].label.endswith("★★★")


def touch_pictures(qtbot, learn, page, pictures):
    """Touch three pictures, then wait for them to be checked or hashed (in the background)."""
    for picture in pictures:
        click(qtbot, page.tiles[picture])
    qtbot.waitUntil(lambda: not learn.checking.busy, timeout=5000)


def test_sign_in_with_pictures_crash_and_resume_at_the_same_step(make_kiosk, qtbot, pack_dir):
    kiosk = make_kiosk("en")
    learn = open_learn(kiosk, qtbot)  # opens the session (and the store's tables)
    learner = Learners(kiosk.store).enrol("Maryam", "cat", PASSWORD)
    click(qtbot, learn.entry.tiles["sign_in"])
    click(qtbot, learn.who.tiles[learner])
    touch_pictures(qtbot, learn, learn.password, ("key", "apple", "cup"))
    assert "not right" in spoken(kiosk)[-1]
    touch_pictures(qtbot, learn, learn.password, PASSWORD)
    assert learn.pages.currentWidget() is learn.map
    click(qtbot, learn.map.tiles[("sample", "lesson-0001")])
    for _ in range(3):
        click(qtbot, learn.player.next_button)
    answer(qtbot, learn, ["operator"])  # a wrong answer, acknowledged and saved
    data_dir = kiosk.data_dir
    kiosk.window.close()
    kiosk.shutdown()  # as after a crash: everything comes back from the database

    again = make_kiosk("en")
    assert again.data_dir == data_dir
    learn = open_learn(again, qtbot)
    click(qtbot, learn.entry.tiles["sign_in"])
    click(qtbot, learn.who.tiles[learner])
    touch_pictures(qtbot, learn, learn.password, PASSWORD)
    assert learn.map.continue_tile.isVisible()
    click(qtbot, learn.map.continue_tile)
    run = learn.player.run
    assert (run.lesson.id, run.item.id, run.attempts) == ("lesson-0001", "q1", {"q1": 1})
    assert learn.player.next_button.isEnabled()


def test_screens_in_english_and_at_200_percent(make_kiosk, qtbot, pack_dir, artifacts):
    kiosk = make_kiosk("en")
    learn = open_learn(kiosk, qtbot)
    shot(kiosk, qtbot, artifacts, "learn-entry-en")
    click(qtbot, learn.entry.tiles["guest"])
    shot(kiosk, qtbot, artifacts, "learn-map-en")
    click(qtbot, learn.map.tiles[("sample", "lesson-0000")])
    shot(kiosk, qtbot, artifacts, "learn-explain-en")
    for _ in range(3):
        click(qtbot, learn.player.next_button)
    shot(kiosk, qtbot, artifacts, "learn-quiz-en")
    kiosk.settings.set("text_scale", 200)
    shot(kiosk, qtbot, artifacts, "learn-quiz-en-200")
    for button in [learn.player.view.confirm, *learn.player.view.tiles.values()]:
        assert button.width() >= 64 and button.height() >= 64


def test_idle_reset_signs_the_learner_out(make_kiosk, qtbot, pack_dir):
    kiosk = make_kiosk("en")
    learn = open_learn(kiosk, qtbot)
    click(qtbot, learn.entry.tiles["guest"])
    kiosk.window.end_session()
    assert learn.session.learner_id is None
    assert kiosk.window.current_screen().key == "home"


def test_a_practice_step_runs_its_guide_on_the_practice_portal(
    make_kiosk, qtbot, pack_dir, artifacts
):
    kiosk = make_kiosk("fa")
    learn = open_learn(kiosk, qtbot)
    click(qtbot, learn.entry.tiles["guest"])
    click(qtbot, learn.map.tiles[("sample", "lesson-0000")])
    click(qtbot, learn.player.next_button)
    click(qtbot, learn.player.next_button)  # the practice step: practice.signin
    practice = learn.player.practice
    assert practice is not None
    qtbot.waitUntil(lambda: practice.session.current is not None, timeout=30_000)
    qtbot.waitUntil(lambda: "127.0.0.1" in practice.view.url().toString(), timeout=30_000)
    first = practice.session.current.step.id
    assert spoken(kiosk)[-1]  # the guide spoke its first instruction
    qtbot.wait(500)
    shot(kiosk, qtbot, artifacts, "learn-practice-fa")
    assert learn.player.next_button.isEnabled()  # a learner may always move on
    click(qtbot, learn.player.next_button)
    assert learn.player.practice is None  # the page and its profile are gone
    assert first
