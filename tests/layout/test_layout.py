"""The layout check on every screen of the real kiosk window: both languages, text at 100, 150
and 200 %, windows of 1280 x 800 and 1920 x 1080 (ACCESSIBILITY.md items 8, 9, 11).

One kiosk per language and size; the text size changes in it as a person's setting would.
Every violation names its screen, state, size and widget. Screenshots go to
tests/artifacts/layout/.
"""

from __future__ import annotations

import pytest

from kiosk.ui.theme import SCALES
from tests.layout.tour import Tour

SIZES = [(1280, 800), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_screen_fits(make_kiosk, qtbot, portal, language, size):
    kiosk = make_kiosk(language, size)
    tour = Tour(kiosk, qtbot)
    for scale in SCALES:
        kiosk.theme.set_scale(scale)
        tour.home()
        tour.notice()
        tour.idle_warning()
        tour.learn()
        tour.help_pages()
        tour.help_session(portal)
        tour.staff()
    assert not tour.violations, "\n".join(str(v) for v in tour.violations)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_staff_page_fits(make_kiosk, qtbot, portal, language, size):
    """The staff pages are used at a desk, but on the kiosk's own screen and text size."""
    kiosk = make_kiosk(language, size)
    tour = Tour(kiosk, qtbot)
    for scale in SCALES:
        kiosk.theme.set_scale(scale)
        tour.staff_pages(portal)
    assert not tour.violations, "\n".join(str(v) for v in tour.violations)
