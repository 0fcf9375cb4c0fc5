"""Lessons that talk about a control of the kiosk show that control's real pictogram and label,
on the real window, in both languages.

Found trying the kiosk as a new user: the first lesson said Repeat was the round-arrow button
and the speaker icon was volume; the real Repeat shows a speaker, and citizens have no volume
button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from kiosk.core.lessons.controls import CONTROLS
from kiosk.core.lessons.run import LessonRun
from kiosk.ui.icons import icon, pixmap
from tests.gui import save_screenshot


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def image(qicon, side: int) -> QImage:
    return qicon.pixmap(QSize(side, side)).toImage()


def open_player(kiosk, qtbot):
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    click(qtbot, learn.entry.tiles["guest"])
    return learn


def open_screen(learn, lesson_id: str, wanted):
    """Open the shipped lesson `lesson_id` at the first screen for which `wanted(step, item)`."""
    pack, lesson = learn.session.find("basics", lesson_id)
    run = LessonRun(lesson)
    index = next(
        i
        for i, (s, n) in enumerate(run.screens)
        if wanted(lesson.steps[s], lesson.steps[s].items[n] if lesson.steps[s].items else None)
    )
    learn.open_lesson(pack.id, lesson.id, {"index": index})
    return learn.player


def settled(qtbot, player) -> None:
    """Wait for the new screen's layout, as a person would see it."""
    buttons = (player.back_button, player.map_button, player.next_button)
    tiles = list(getattr(player.view, "tiles", {}).values())
    qtbot.waitUntil(
        lambda: (
            all(b.width() >= b.sizeHint().width() for b in buttons)
            and all(t.icon_label.geometry().bottom() < t.text_label.geometry().top() for t in tiles)
        )
    )


def test_each_control_a_lesson_may_name_has_the_pictogram_the_interface_draws(make_kiosk, qtbot):
    kiosk = make_kiosk("en")  # left to right: the arrows are not mirrored
    learn = open_player(kiosk, qtbot)
    player = open_screen(learn, "first-screen", lambda step, item: True)
    bar = kiosk.window.top_bar
    real = {
        "repeat": bar.repeat_button,
        "ask": bar.ask_button,
        "text_size": bar.text_size_button,
        "language": bar.language_button,
        "back": player.back_button,
        "next": player.next_button,
        "lessons": player.map_button,
    }
    assert set(real) == set(CONTROLS)
    for control, button in real.items():
        side = button.iconSize().width()
        assert image(button.icon(), side) == image(icon(CONTROLS[control]), side), control


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_repeat_lesson_shows_the_real_repeat_button(make_kiosk, qtbot, artifacts, language):
    kiosk = make_kiosk(language, (1280, 800))
    learn = open_player(kiosk, qtbot)
    player = open_screen(learn, "first-screen", lambda step, item: step.control == "repeat")
    sample = player.control_sample
    assert sample is not None and sample.isVisible()
    settled(qtbot, player)
    assert sample.visibleRegion().boundingRect().size() == sample.size()
    save_screenshot(kiosk.window, artifacts, f"lesson-control-repeat-{language}")
    repeat = kiosk.window.top_bar.repeat_button
    assert sample.label.text() == repeat.text()
    side = sample.picture.pixmap().width()
    assert sample.picture.pixmap().toImage() == pixmap("repeat", side).toImage()
    # The quiz that follows shows the real pictograms on its choices too.
    player = open_screen(
        learn, "first-screen", lambda step, item: item is not None and item.id == "which-repeat"
    )
    quiz = player.view
    settled(qtbot, player)
    save_screenshot(kiosk.window, artifacts, f"lesson-control-quiz-{language}")
    for choice in quiz.item.choices:
        assert choice.control is not None
        shown = quiz.tiles[choice.id].icon_label.pixmap()
        wanted = pixmap(CONTROLS[choice.control], shown.width())
        assert shown.toImage() == wanted.toImage(), choice.id
