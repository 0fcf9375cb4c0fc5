"""The kiosk's own controls a lesson may show (a step's or a choice's `"control"`), each with
the pictogram the interface draws on it, so a lesson shows the very picture the learner will
touch. tests/learn_ui/test_lesson_controls.py holds each name to the real button's icon."""

from __future__ import annotations

# name in lesson files -> pictogram in assets/pictograms (what kiosk.ui.icons loads)
CONTROLS = {
    "repeat": "repeat",  # top bar: say the last sentence again
    "ask": "ask",  # top bar: Ask the operator
    "text_size": "text_size",  # top bar: bigger writing
    "language": "language",  # top bar: the other language
    "back": "back",  # lesson player: the screen before
    "next": "next",  # lesson player: the next screen
    "lessons": "learn",  # lesson player: back to the lessons
}
# Arrows, mirrored in right-to-left languages as on the buttons themselves.
MIRRORED = frozenset({"back", "next"})
