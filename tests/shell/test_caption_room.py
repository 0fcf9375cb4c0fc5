"""The caption strip keeps its room: speech starting, ending or running long moves no button,
and long words show as subtitles do, in pages, never below body-text size.

Found by the learner journey on a real display: the strip appeared with each sentence, grew with
its lines and went 4 s after the speech, so the lesson's Next button moved as a person reached
for it and taps landed beside it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from kiosk.ui.shell import caption as caption_module

SENTENCE = "A long sentence that the kiosk says about the lesson on the screen."


def lines(strip, text: str, size: int) -> int:
    """How many lines `text` takes in the strip's width at `size` pixels."""
    font = QFont(strip.font())
    font.setPixelSize(size)
    metrics = QFontMetrics(font)
    flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
    box = QRect(0, 0, strip.contentsRect().width(), 100_000)
    return round(metrics.boundingRect(box, flags, text).height() / metrics.lineSpacing())


def longer_than(strip, count: int, size: int) -> str:
    """The sentence repeated until it takes more than `count` lines at `size` pixels."""
    text = SENTENCE
    while lines(strip, text, size) <= count:
        text += " " + SENTENCE
    return text


def settle() -> None:
    for _ in range(3):  # the layout requests the change posted
        QApplication.processEvents()


@pytest.mark.parametrize(("language", "scale"), [("fa", 100), ("en", 200)])
def test_speech_moves_nothing_and_long_sentences_show_whole(make_kiosk, qtbot, language, scale):
    kiosk = make_kiosk(language, (1280, 800))
    kiosk.theme.set_scale(scale)
    window, strip = kiosk.window, kiosk.window.caption
    tile = window.screens["home"].tiles["learn"]
    settle()

    def place():
        return tile.mapTo(window, QPoint(0, 0)), strip.height()

    silent = place()
    assert strip.isVisible() and strip.text() == ""
    body = kiosk.theme.px(24)
    long = longer_than(strip, 2, body)  # three lines in the theme's size
    very_long = longer_than(strip, 4, round(body * 0.6))  # > 2 lines even in small letters

    def shows_whole() -> bool:
        inside = strip.contentsRect()
        need = strip._needs(strip.font(), strip._size_px, inside.width(), strip.text())
        return need <= inside.height() and strip._size_px >= caption_module.MIN_PX

    for text in ("Short.", long, "Short again."):
        kiosk.speaker.speaking.emit(text)  # what the speaker signals as the sound starts
        settle()
        assert place() == silent, text
        assert shows_whole(), text
        assert " ".join(strip.pages) == text
        if scale == 200 or text != long:  # smaller letters, all of it on one page
            assert strip.text() == text
            assert (strip._size_px < body) == (text == long), (text, strip._size_px)
        else:  # body text is the least size at 100 %: the words go in pages instead
            assert len(strip.pages) > 1 and strip.text() == strip.pages[0]
    # Silence again after the linger: the strip empties and keeps its room.
    kiosk.speaker.finished.emit()
    qtbot.waitUntil(lambda: strip.text() == "", timeout=caption_module.LINGER_MS + 2000)
    settle()
    assert place() == silent and strip.isVisible()
    # A sentence too long even at the least size: in pages of two lines at that size, never in
    # letters a person cannot read, and the strip keeps its height (growing moved the lesson's
    # buttons: tests/layout found it).
    kiosk.speaker.speaking.emit(very_long)
    settle()
    assert shows_whole() and place() == silent
    assert len(strip.pages) > 1 and strip._size_px == caption_module.MIN_PX
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.current_screen().key == "learn"
