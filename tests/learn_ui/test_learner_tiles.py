"""Learner and picture tiles stand out from the page before anything is chosen, and each
choice on the first Learn page has its own picture.

Found trying the kiosk as a new user: the learner tiles were white on cream, invisible until
selected, and "Start learning now" (guest) and "Make my profile" shared one icon."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.staff_rules import Role
from kiosk.services.learners import Learners
from kiosk.ui.theme import contrast_ratio
from tests.gui import save_screenshot

PASSWORD = ("apple", "key", "cup")


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def laid_out(tile) -> bool:
    """The tile's picture sits above its words, not over them."""
    return tile.icon_label.geometry().bottom() < tile.text_label.geometry().top()


def shows(tile, part) -> float:
    """How far the clearest pixel of `part` (the tile's picture or words) stands out from the
    tile's own fill, on the screen as a person sees it (WCAG contrast ratio)."""
    window = tile.window()
    image = window.grab().toImage()
    corner = tile.mapTo(window, tile.rect().topLeft())
    fill = image.pixelColor(corner.x() + 10, corner.y() + tile.height() // 2).name()
    area = part.rect().translated(part.mapTo(window, part.rect().topLeft()))
    return max(
        contrast_ratio(image.pixelColor(x, y).name(), fill)
        for x in range(area.left(), area.right(), 2)
        for y in range(area.top(), area.bottom(), 2)
    )


def assert_visible(tiles) -> None:
    for tile in tiles:
        assert shows(tile, tile.icon_label) >= 3, tile.label
        assert shows(tile, tile.text_label) >= 4.5, tile.label


@pytest.mark.parametrize("language", ["fa", "en"])
def test_learner_and_picture_tiles_stand_out_before_a_choice(
    make_kiosk, qtbot, artifacts, language
):
    kiosk = make_kiosk(language, (1280, 800))
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    entry = learn.entry
    qtbot.waitUntil(lambda: all(laid_out(tile) for tile in entry.tiles.values()))
    save_screenshot(kiosk.window, artifacts, f"learn-entry-tiles-{language}")
    pictures = [tile._pictogram for tile in entry.tiles.values()]
    assert len(set(pictures)) == len(pictures), pictures  # guest and profile differ
    Learners(kiosk.store).enrol("Maryam", "cat", PASSWORD)
    Learners(kiosk.store).enrol("Reza", "sheep", PASSWORD)
    click(qtbot, entry.tiles["sign_in"])
    qtbot.waitUntil(lambda: len(learn.who.tiles) == 2)
    save_screenshot(kiosk.window, artifacts, f"learn-who-tiles-{language}")
    assert_visible(learn.who.tiles.values())


@pytest.mark.parametrize("language", ["fa", "en"])
def test_learner_pictures_on_the_trainers_page_stand_out_before_a_choice(
    make_kiosk, qtbot, artifacts, language
):
    """The trainers' page lists learners (a virtualised list, not tiles): each avatar's white
    drawing sits on a dark disc that stands out from the list, at the row's leading edge."""
    kiosk = make_kiosk(language, (1280, 800))
    staff = kiosk.staff.directory()
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    trainer = staff.create(admin, "Mina", Role.TRAINER, "246813")
    Learners(kiosk.store).enrol("Maryam", "cat", PASSWORD)
    Learners(kiosk.store).enrol("Reza", "sheep", PASSWORD)
    kiosk.window.show_screen("staff")
    screen = kiosk.window.current_screen()
    click(qtbot, screen.page.account_buttons[trainer.id])
    keypad = screen.page.keypad
    for digit in "246813":
        click(qtbot, keypad.digits[digit])
    click(qtbot, keypad.ok_button)
    qtbot.waitUntil(lambda: screen.page.objectName() == "staff_page_home", timeout=5000)
    click(qtbot, screen.page.tiles["learners"])
    page = screen.page
    qtbot.waitUntil(lambda: page.learner_proxy.rowCount() == 2, timeout=10000)
    view = page.learner_view
    save_screenshot(kiosk.window, artifacts, f"staff-learner-list-{language}")
    image = view.viewport().grab().toImage()
    ratio = view.viewport().devicePixelRatio()
    base = view.viewport().palette().base().color().name()
    size = view.iconSize().width()
    for row in range(2):
        rect = view.visualRect(page.learner_proxy.index(row, 0))
        left = rect.right() - size if language == "fa" else rect.left()
        pixels = [  # the picture's place only: the nickname's dark letters are beside it
            image.pixelColor(round(x * ratio), round(y * ratio)).name()
            for x in range(left, left + size)
            for y in range(rect.top(), rect.bottom())
        ]
        disc = max(pixels, key=lambda colour: contrast_ratio(colour, base))
        assert contrast_ratio(disc, base) >= 3, (row, disc)  # the disc on the list
        assert max(contrast_ratio(p, disc) for p in pixels) >= 3, row  # the drawing on the disc
