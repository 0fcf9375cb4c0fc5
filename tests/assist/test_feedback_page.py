"""The feedback page at the end of Get help, on the real window at 1280 x 800.

Found trying it as a new user: "Was your problem solved? Yes / No / Done" put Done, with the
same tick as Yes, in the answer row; the three faces were small line drawings on identical
tiles; خوب بود / خوب نبود differed by one letter."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from tests.assist.web import Helper


def open_feedback(kiosk, qtbot, portal):
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.choose("practice.signin")
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    page = screen.session_page
    helper.wait(lambda: page.panel.op_stop.isVisible())
    helper.click(page.panel.op_stop)
    helper.wait(lambda: page.end_tile.isVisible())
    helper.click(page.end_tile)
    assert screen.current_page() is screen.feedback
    return helper, screen.feedback


def fill_colour(tile) -> QColor:
    """The tile's background, read off the screen inside its border, beside its picture."""
    image = tile.grab().toImage()
    return image.pixelColor(tile.width() // 8, tile.height() // 2)


def fully_shown(widget) -> bool:
    return widget.visibleRegion().boundingRect().size() == widget.size()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_faces_are_big_coloured_and_named_apart_and_done_stands_alone(
    make_kiosk, qtbot, portal, lang
):
    kiosk = make_kiosk(lang, (1280, 800))
    helper, feedback = open_feedback(kiosk, qtbot, portal)
    everything = (*feedback.faces.values(), *feedback.answers.values(), feedback.finish)
    helper.wait(lambda: all(fully_shown(w) for w in everything))  # no scrolling needed
    helper.shot(f"{lang}-feedback")
    faces = list(feedback.faces.values())
    # Told apart without reading: big pictures, each tile its own colour.
    assert all(face.icon_label.width() >= 96 for face in faces)
    assert len({fill_colour(face).name() for face in faces}) == 3
    # And by reading: no word shared between the three names.
    words = [set(face.label.split()) for face in faces]
    assert not (words[0] & words[1] or words[1] & words[2] or words[0] & words[2]), words
    # Done is not an answer: below the yes/no row, apart from the page, with its own picture.
    yes, no = feedback.answers[True], feedback.answers[False]
    window = kiosk.window
    done_top = feedback.finish.mapTo(window, feedback.finish.rect().topLeft()).y()
    answers_bottom = max(b.mapTo(window, b.rect().bottomLeft()).y() for b in (yes, no))
    assert done_top > answers_bottom
    assert not feedback.isAncestorOf(feedback.finish)
    assert feedback.finish._pictogram not in (yes._pictogram, no._pictogram)
    for button in (*faces, yes, no, feedback.finish):
        assert button.width() >= 64 and button.height() >= 64

    helper.click(feedback.faces[1])
    helper.click(feedback.answers[False])
    assert (feedback.satisfaction, feedback.solved) == (1, False)
    helper.shot(f"{lang}-feedback-chosen")
    helper.click(feedback.finish)
    assert kiosk.window.current_screen().key == "home"
