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
from kiosk.ui.widgets.tile import Tile
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
    qtbot.wait(100)
    save_screenshot(kiosk.window, artifacts, f"learn-who-tiles-{language}")
    assert_visible(learn.who.tiles.values())


def test_learner_tiles_on_the_trainers_page_stand_out_before_a_choice(make_kiosk, qtbot, artifacts):
    kiosk = make_kiosk("fa", (1280, 800))
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
    qtbot.waitUntil(lambda: len(page.learner_box.findChildren(Tile)) == 2)
    tiles = page.learner_box.findChildren(Tile)
    qtbot.wait(100)
    save_screenshot(kiosk.window, artifacts, "staff-learner-tiles-fa")
    assert_visible(tiles)
