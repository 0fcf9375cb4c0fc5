"""FitColumn (the guide panel's words): as large as fits the room it is given, optional lines
giving up their room first, and a least height that holds the words at their smallest."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.fit_column import MIN_PERCENT, MIN_TEXT_PX, FitColumn

LONG = " ".join(["Type your national ID, the ten digits on the front of your card."] * 3)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _column(qtbot, *labels: tuple[QLabel, int, bool]) -> FitColumn:
    column = FitColumn(Theme(scale=100))
    for label, px, optional in labels:
        column.fit(label, px, optional=optional)
        column.column.addWidget(label)
    column.column.addStretch(1)
    qtbot.addWidget(column)
    return column


def _shows_whole(label: QLabel) -> bool:
    return label.heightForWidth(label.width()) <= label.height()


def test_short_words_keep_their_size_and_long_ones_shrink_until_they_fit(qtbot):
    text = _label("Type your national ID.")
    column = _column(qtbot, (text, 32, False))
    column.resize(400, 300)
    column.show()
    qtbot.waitExposed(column)
    assert column.percent == 100 and text.font().pixelSize() == 32
    text.setText(LONG)
    column.refit()
    qtbot.waitUntil(lambda: _shows_whole(text))
    assert MIN_PERCENT < column.percent < 100
    assert text.font().pixelSize() < 32


def test_an_optional_line_gives_its_room_first_and_the_least_height_holds_the_words(qtbot):
    about = _label(LONG)
    text = _label("Type your national ID. It has ten digits.")
    column = _column(qtbot, (about, 24, True), (text, 32, False))
    column.resize(400, 120)
    column.show()
    qtbot.waitExposed(column)
    qtbot.waitUntil(lambda: about.isHidden())
    assert column.percent > MIN_PERCENT  # the instruction kept a size a person can read
    qtbot.waitUntil(lambda: _shows_whole(text))
    # Wanted again in a large room: the optional line is back.
    column.resize(400, 600)
    qtbot.waitUntil(lambda: not about.isHidden() and _shows_whole(about))
    # The column never asks less than the words need at their smallest.
    text.setText(LONG * 3)
    column.refit()
    assert column.minimumHeight() > 120


def test_words_never_shrink_below_body_text_they_ask_for_room_instead(qtbot):
    """ACCESSIBILITY.md line 6: body text at least ~24 px. Where that does not fit, the column
    asks for the room (the screen around it scrolls), never draws smaller."""
    note = _label(LONG)
    text = _label(LONG * 2)
    column = _column(qtbot, (text, 32, False), (note, 24, False))
    column.resize(300, 150)
    column.show()
    qtbot.waitExposed(column)
    column.refit()
    assert min(text.font().pixelSize(), note.font().pixelSize()) >= MIN_TEXT_PX == 24
    assert column.minimumHeight() > 150  # what the words need at that size, asked of the page
