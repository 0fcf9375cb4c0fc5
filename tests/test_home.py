"""The home screen as a newcomer sees it: tiles speak and open, Back returns, language switches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui.widgets import screen as screen_module
from kiosk.ui.widgets.tile import Tile
from tests.gui import laid_out, save_screenshot, spoken, visible_buttons

TILE_LABELS = {
    "fa": {"learn": "آموزش", "help": "کمک برای یک خدمت دولتی", "staff": "کارکنان"},
    "en": {"learn": "Learn", "help": "Get help with a government service", "staff": "Staff"},
}


@pytest.mark.parametrize("key", ["learn", "help", "staff"])
def test_tile_speaks_its_label_and_opens_its_screen_then_back_returns(make_kiosk, qtbot, key):
    kiosk = make_kiosk("fa")
    window = kiosk.window
    home = window.screens["home"]
    qtbot.mouseClick(home.tiles[key], Qt.MouseButton.LeftButton)
    assert TILE_LABELS["fa"][key] in spoken(kiosk)
    assert window.current_screen().key == key
    back = window.current_screen().back
    assert back.isVisible()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.current_screen().key == "home"
    assert spoken(kiosk)[-2] == "بازگشت"


def test_persian_is_default_and_mirrored_learn_tile_on_the_right(make_kiosk, qtbot):
    kiosk = make_kiosk(language=None)
    assert kiosk.language.code == "fa"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    tiles = kiosk.window.screens["home"].tiles

    def centre_x():
        return {k: t.mapTo(kiosk.window, t.rect().center()).x() for k, t in tiles.items()}

    qtbot.waitUntil(lambda: centre_x()["learn"] > centre_x()["help"] > centre_x()["staff"])
    assert tiles["learn"].label == "آموزش"


def test_language_button_switches_live_without_restart(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    window = kiosk.window
    button = window.top_bar.language_button
    assert button.text() == "English"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert kiosk.language.code == "en"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    tiles = window.screens["home"].tiles
    qtbot.waitUntil(lambda: tiles["learn"].x() < tiles["staff"].x(), timeout=2000)
    for key, tile in tiles.items():
        assert tile.label == TILE_LABELS["en"][key]
    assert window.screens["learn"].title.text() == "Learn"
    assert button.text() == "فارسی"
    assert window.top_bar.repeat_button.text() == "Repeat"
    assert spoken(kiosk)[-1] == "English"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert tiles["learn"].label == "آموزش"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_persian_digits_in_persian_interface(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    size = kiosk.window.top_bar.text_size_button
    assert "۱۰۰" in size.text() and "100" not in size.text()
    qtbot.mouseClick(size, Qt.MouseButton.LeftButton)
    assert "۱۵۰" in size.text()
    kiosk.language.set_language("en")
    assert "150" in size.text()


def test_repeat_speaks_the_last_sentence_again(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    qtbot.mouseClick(kiosk.window.screens["home"].tiles["learn"], Qt.MouseButton.LeftButton)
    before = spoken(kiosk)
    qtbot.mouseClick(kiosk.window.top_bar.repeat_button, Qt.MouseButton.LeftButton)
    assert spoken(kiosk) == [*before, before[-1]]


def test_keyboard_focus_speaks_the_tile_label(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    tiles = kiosk.window.screens["home"].tiles
    # The offscreen platform never activates a window: deliver the Tab to the window's input
    # and announce the focus change it causes, as Qt would.
    tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    kiosk.window.events.feed(tab)
    QApplication.instance().focusChanged.emit(None, tiles["learn"])
    assert spoken(kiosk)[-1] == "Learn"
    qtbot.keyClick(tiles["learn"], Qt.Key.Key_Space)
    assert kiosk.window.current_screen().key == "learn"


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize("scale", [100, 150, 200])
def test_every_visible_button_is_at_least_64px_and_nothing_is_clipped(
    make_kiosk, qtbot, language, scale, artifacts
):
    kiosk = make_kiosk(language)
    kiosk.settings.set("text_scale", scale)
    for key in ("home", "learn"):
        kiosk.window.show_screen(key)
        laid_out(kiosk.window)
        buttons = visible_buttons(kiosk.window)
        assert len(buttons) >= 4
        for button in buttons:
            assert button.width() >= 64 and button.height() >= 64, button.objectName()
            assert button.sizeHint().width() <= button.width() + 1, button.objectName()
        screen = kiosk.window.current_screen()
        # (An arrow-only tile such as "More below" has no label to overlap.)
        for tile in [t for t in screen.findChildren(Tile) if t.text_label.isVisible()]:
            icon, text = tile.icon_label.geometry(), tile.text_label.geometry()
            assert not icon.intersects(text), f"pictogram overlaps label of {tile.label}"
            assert tile.rect().contains(text), f"label outside its tile: {tile.label}"
        for label in [lb for lb in screen.findChildren(type(screen.title)) if lb.isVisible()]:
            if label.wordWrap():
                assert label.heightForWidth(label.width()) <= label.height() + 1, label.text()
            assert label.geometry().right() <= label.parentWidget().width()
    if language == "fa" or scale in (100, 200):
        kiosk.window.show_screen("home")
        laid_out(kiosk.window)
        save_screenshot(kiosk.window, artifacts, f"home-{language}-{scale}")


def test_body_text_is_at_least_24px_at_every_scale(make_kiosk):
    kiosk = make_kiosk("fa")
    learn = kiosk.window.screens["learn"]
    kiosk.window.show_screen("learn")
    for scale in (100, 150, 200):
        kiosk.settings.set("text_scale", scale)
        assert QApplication.font().pixelSize() >= 24 * scale // 100
        for label in (
            kiosk.window.caption,
            learn.entry.title,
            learn.entry.tiles["guest"].text_label,
        ):
            assert label.font().pixelSize() >= 24 * scale // 100, label.objectName()


def test_a_page_that_must_scroll_offers_a_large_spoken_way_down(make_kiosk, qtbot):
    """At 200 % on a small screen the home screen scrolls: a "More below" tile shows beside
    the bar, says its name when touched, goes down, and leaves when nothing is left below."""
    kiosk = make_kiosk("fa", (1280, 800))
    kiosk.settings.set("text_scale", 200)
    home = kiosk.window.screens["home"]
    bar = home.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    more = home.more
    qtbot.waitUntil(more.isVisible)
    assert more.width() >= 64 and more.height() >= 64
    assert more.accessibleName() == kiosk.window.ctx.tr(screen_module.MORE_BELOW)
    while more.isVisible():
        before = bar.value()
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
        assert spoken(kiosk)[-1] == more.accessibleName()
        assert bar.value() > before
    assert bar.value() == bar.maximum()
    kiosk.settings.set("text_scale", 100)
    qtbot.waitUntil(lambda: bar.maximum() == 0)
    # Gone once the screen has settled at the new size (the range may reach 0 in the middle
    # of the relayout, before the last update of the tile).
    qtbot.waitUntil(lambda: not more.isVisible() and bar.maximum() == 0)
