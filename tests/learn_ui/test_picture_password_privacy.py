"""A picture password is never said aloud: each tap says how many pictures are chosen, not which.

Found by the learner journey: every picture said its name as it was touched ("House", "Apple",
"Clock"), so anyone near the kiosk heard the learner's password (ACCESSIBILITY.md line 3).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk import i18n
from kiosk.i18n import localize_digits
from kiosk.services.learners import Learners
from kiosk.ui.learn.pictures import CHOSEN, PICTURE_NAMES
from tests.gui import spoken

PASSWORD = ("house", "apple", "clock")


@pytest.mark.parametrize("language", ["fa", "en"])
def test_entering_a_picture_password_never_speaks_the_pictures(make_kiosk, qtbot, language):
    kiosk = make_kiosk(language)
    home = kiosk.window.screens["home"]
    qtbot.mouseClick(home.tiles["learn"], Qt.MouseButton.LeftButton)
    learn = kiosk.window.screens["learn"]
    learner = Learners(kiosk.store).enrol("Maryam", "cat", PASSWORD)
    qtbot.mouseClick(learn.entry.tiles["sign_in"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(learn.who.tiles[learner], Qt.MouseButton.LeftButton)
    before = len(spoken(kiosk))
    for picture in PASSWORD:
        qtbot.mouseClick(learn.password.tiles[picture], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: learn.pages.currentWidget() is learn.map)  # checked off the UI thread
    said = spoken(kiosk)[before:]
    i18n.set_language(language)
    names = {i18n._(PICTURE_NAMES[p]) for p in PASSWORD}
    assert not any(name in text for text in said for name in names), said
    counts = [
        i18n.ngettext(*CHOSEN, 3).format(
            count=localize_digits(str(n), language), total=localize_digits("3", language)
        )
        for n in (1, 2, 3)
    ]
    assert [text for text in said if text in counts] == counts
