"""The lesson player's Back, Lessons and Next stay in one place, in view, on every screen.

Found by the learner journey at 1280 x 800: inside the scrolled page the buttons followed the
length of each screen's text, so Next moved between screens (a tap aimed at it landed on
nothing) and a two-line text pushed it under the fold.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.lessons.run import LessonRun
from kiosk.services.lessons import load_packs


def _lesson_with_short_and_long_texts():
    packs, _broken = load_packs()
    for pack in packs:
        for module in pack.modules:
            for lesson in module.lessons:
                lengths = [len(s.text.get("en")) for s in lesson.steps if s.kind == "explain"]
                if len(lengths) >= 3 and max(lengths) > 2 * min(lengths):
                    return pack, lesson
    raise AssertionError("no lesson in the bundled packs has short and long explain texts")


def _on_screen(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("language", ["fa", "en"])
def test_next_stays_in_place_and_in_view_on_every_explain_screen(make_kiosk, qtbot, language):
    kiosk = make_kiosk(language, (1280, 800))
    window = kiosk.window
    qtbot.mouseClick(window.screens["home"].tiles["learn"], Qt.MouseButton.LeftButton)
    learn = window.screens["learn"]
    qtbot.mouseClick(learn.entry.tiles["guest"], Qt.MouseButton.LeftButton)
    pack, lesson = _lesson_with_short_and_long_texts()
    learn.open_lesson(pack.id, lesson.id)
    player = learn.player
    places = set()
    while player.run.item is None and player.run.step.kind == "explain":
        qtbot.waitUntil(lambda: player.next_button.isVisible())
        for _ in range(3):  # the new screen's layout requests, handled as a person would see it
            QApplication.processEvents()
        rect = _on_screen(player.next_button)
        # Wholly inside the window, and not covered by the scrolled content's viewport edge.
        assert window.rect().contains(rect), (rect, player.run.index)
        assert player.next_button.visibleRegion().boundingRect().size() == rect.size()
        places.add((rect.x(), rect.y()))
        index = player.run.index
        qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda index=index: player.run.index == index + 1)
    assert player.run.index >= 3  # the lesson's explain screens were all seen
    assert len(places) == 1, places
    # Leaving the player: its bar goes, the screen's own Back comes back.
    qtbot.mouseClick(player.map_button, Qt.MouseButton.LeftButton)
    assert not player.nav_bar.isVisible() and learn.back.isVisible()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_practice_fits_the_small_screen_with_the_guides_buttons_in_view(
    make_kiosk, qtbot, language, artifacts
):
    from kiosk.ui.learn.practice import MIN_PAGE_PX
    from tests.gui import save_screenshot

    kiosk = make_kiosk(language, (1280, 800))
    window = kiosk.window
    qtbot.mouseClick(window.screens["home"].tiles["learn"], Qt.MouseButton.LeftButton)
    learn = window.screens["learn"]
    qtbot.mouseClick(learn.entry.tiles["guest"], Qt.MouseButton.LeftButton)
    pack, lesson = next(
        (pack, lesson)
        for pack in learn.session.packs
        for lesson in pack.lessons()
        if any(step.kind == "practice" for step in lesson.steps)
    )
    run = LessonRun(lesson)
    index = next(i for i, (s, _) in enumerate(run.screens) if lesson.steps[s].kind == "practice")
    learn.open_lesson(pack.id, lesson.id, {"index": index})
    practice = learn.player.practice
    assert practice is not None
    qtbot.waitUntil(lambda: practice.session.current is not None, timeout=30_000)
    for _ in range(3):
        QApplication.processEvents()
    save_screenshot(window, artifacts, f"learn-practice-1280-{language}")
    # Nothing to scroll: the page and the guide's Repeat button are in view.
    assert learn.scroll.verticalScrollBar().maximum() == 0
    assert practice.view.height() >= MIN_PAGE_PX
    page = practice.view.focusProxy()  # the child that draws the page
    assert page.size() == practice.view.size()
    for widget in (page, practice.panel.repeat):
        rect = widget.visibleRegion().boundingRect()
        assert rect.size() == widget.size(), (widget.objectName(), rect, widget.size())
    # The guide's words scroll in its short panel: the instruction is what shows.
    instruction = practice.panel.instruction
    qtbot.waitUntil(lambda: not instruction.visibleRegion().isEmpty())
    assert instruction.visibleRegion().boundingRect().top() == 0
    assert learn.player.next_button.visibleRegion().boundingRect().size() == (
        learn.player.next_button.size()
    )


@pytest.mark.parametrize("language", ["fa", "en"])
def test_quiz_feedback_and_try_again_come_into_view_at_1280x800(make_kiosk, qtbot, language):
    kiosk = make_kiosk(language, (1280, 800))
    window = kiosk.window
    qtbot.mouseClick(window.screens["home"].tiles["learn"], Qt.MouseButton.LeftButton)
    learn = window.screens["learn"]
    qtbot.mouseClick(learn.entry.tiles["guest"], Qt.MouseButton.LeftButton)
    pack, lesson, index, item = next(
        (pack, lesson, i, lesson.steps[s].items[n])
        for pack in learn.session.packs
        for lesson in pack.lessons()
        for i, (s, n) in enumerate(LessonRun(lesson).screens)
        if lesson.steps[s].kind == "quiz" and len(lesson.steps[s].items[n].choices) >= 3
    )
    learn.open_lesson(pack.id, lesson.id, {"index": index})
    quiz = learn.player.view
    wrong = next(c for c in item.choices if not c.correct)
    qtbot.mouseClick(quiz.tiles[wrong.id], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(quiz.confirm, Qt.MouseButton.LeftButton)
    for widget in (quiz.feedback, quiz.again):
        qtbot.waitUntil(
            lambda widget=widget: widget.visibleRegion().boundingRect().size() == widget.size()
        )
