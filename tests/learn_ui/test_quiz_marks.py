"""A judged answer marks the chosen wrong choice ✗ and the right one ✓, never ✓ on a wrong one;
Try again leaves nothing of the last verdict behind; the keyboard focus stays with the question.

Found trying the kiosk as a new user: a wrong choice kept its selection tick after Confirm, a
red sliver (the empty mark's box) stayed after Try again, and the focus jumped to the language
button in the top bar after Confirm."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.lessons.run import LessonRun
from kiosk.ui.learn.quiz import CHOSEN_MARK, RIGHT_MARK, WRONG_MARK
from tests.gui import save_screenshot


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_first_choice_question(kiosk, qtbot):
    window = kiosk.window
    click(qtbot, window.screens["home"].tiles["learn"])
    learn = window.screens["learn"]
    click(qtbot, learn.entry.tiles["guest"])
    pack, lesson, index, item = next(
        (pack, lesson, i, lesson.steps[s].items[n])
        for pack in learn.session.packs
        for lesson in pack.lessons()
        for i, (s, n) in enumerate(LessonRun(lesson).screens)
        if lesson.steps[s].kind == "quiz" and lesson.steps[s].items[n].type == "picture"
    )
    learn.open_lesson(pack.id, lesson.id, {"index": index})
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return learn, item


def settled(qtbot, quiz):
    """Wait for the feedback to be laid out and brought into view, as a person would see it."""
    qtbot.waitUntil(
        lambda: quiz.feedback.visibleRegion().boundingRect().size() == quiz.feedback.size()
    )


def marks(quiz) -> dict[str, str]:
    """Each choice's mark, read off its tile's label ('' for none)."""
    found = {}
    for choice_id, tile in quiz.tiles.items():
        text = tile.label
        found[choice_id] = next(
            (m for m in (CHOSEN_MARK, RIGHT_MARK, WRONG_MARK) if text.startswith(m)), ""
        )
    return found


@pytest.mark.parametrize("language", ["fa", "en"])
def test_wrong_is_crossed_right_is_ticked_and_try_again_leaves_nothing_behind(
    make_kiosk, qtbot, artifacts, language
):
    kiosk = make_kiosk(language, (1280, 800))
    learn, item = open_first_choice_question(kiosk, qtbot)
    player = learn.player
    quiz = player.view
    right = next(c.id for c in item.choices if c.correct)
    wrong = next(c.id for c in item.choices if not c.correct)
    others = [c.id for c in item.choices if c.id not in (right, wrong)]
    assert not quiz.mark.isVisible()  # nothing judged yet: no mark and no coloured box

    click(qtbot, quiz.tiles[wrong])
    assert marks(quiz)[wrong] == CHOSEN_MARK  # chosen, not yet judged: not a tick
    click(qtbot, quiz.confirm)
    qtbot.waitUntil(lambda: quiz.again.isVisible())
    settled(qtbot, quiz)
    save_screenshot(kiosk.window, artifacts, f"quiz-wrong-{language}")
    assert marks(quiz) == {right: RIGHT_MARK, wrong: WRONG_MARK, **dict.fromkeys(others, "")}
    assert quiz.tiles[wrong].property("verdict") == "wrong"
    assert quiz.tiles[right].property("verdict") == "right"
    assert quiz.mark.isVisible() and quiz.mark.objectName() == "mark_wrong"
    # The focus stays on the next move, not in the top bar.
    assert kiosk.window.focusWidget() is quiz.again

    click(qtbot, quiz.again)
    qtbot.waitUntil(lambda: not quiz.again.isVisible())
    save_screenshot(kiosk.window, artifacts, f"quiz-try-again-{language}")
    assert set(marks(quiz).values()) == {""}
    assert not quiz.mark.isVisible() and quiz.mark.visibleRegion().isEmpty()  # no red sliver
    assert all(tile.property("verdict") == "" for tile in quiz.tiles.values())
    assert kiosk.window.focusWidget() in quiz.tiles.values()

    click(qtbot, quiz.tiles[right])
    click(qtbot, quiz.confirm)
    qtbot.waitUntil(lambda: quiz.mark.objectName() == "mark_right")
    settled(qtbot, quiz)
    save_screenshot(kiosk.window, artifacts, f"quiz-right-{language}")
    assert marks(quiz) == {right: RIGHT_MARK, wrong: "", **dict.fromkeys(others, "")}
    assert kiosk.window.focusWidget() is player.next_button


def test_a_new_choice_after_a_wrong_answer_clears_the_verdict(make_kiosk, qtbot):
    kiosk = make_kiosk("en", (1280, 800))
    learn, item = open_first_choice_question(kiosk, qtbot)
    quiz = learn.player.view
    wrong = [c.id for c in item.choices if not c.correct]
    click(qtbot, quiz.tiles[wrong[0]])
    click(qtbot, quiz.confirm)
    click(qtbot, quiz.tiles[wrong[1]])  # tries again without touching Try again
    assert marks(quiz)[wrong[1]] == CHOSEN_MARK
    assert RIGHT_MARK not in marks(quiz).values() and not quiz.mark.isVisible()
    assert quiz.confirm.isEnabled()
