"""Idle warning (spoken, extendable), reset to the attract screen, and the attract carousel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.i18n import translate
from kiosk.ui.shell.attract import SLIDES
from kiosk.ui.shell.idle import SPOKEN
from tests.gui import save_screenshot, spoken

FAST_MS = 5  # one "second" of the shell's clocks, in tests


def fast(kiosk):
    kiosk.shell.idle.second_ms = FAST_MS
    kiosk.shell.attract.second_ms = FAST_MS
    kiosk.shell.idle.restart()
    return kiosk.shell.idle


def test_idle_warning_is_spoken_extended_ten_times_then_resets_to_attract(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    window = kiosk.window
    idle = fast(kiosk)
    window.show_screen("learn")
    kiosk.speaker.set_volume(30)
    kiosk.language.set_language("en")
    kiosk.settings.set("text_scale", 150)
    ended: list[str] = []
    window.session_ended.connect(ended.append)
    for extension in range(1, 11):
        with qtbot.waitSignal(idle.warning_shown, timeout=5000):
            pass
        assert idle.warning.isVisible() and idle.warning.seconds >= 20
        assert idle.warning.button.minimumHeight() >= 64 or idle.warning.button.height() >= 64
        assert spoken(kiosk)[-1] == kiosk.window.ctx.tr(SPOKEN)
        qtbot.mouseClick(idle.warning.button, Qt.MouseButton.LeftButton)
        assert not idle.warning.isVisible() and idle.extensions == extension
        assert window.current_screen().key == "learn"
    with qtbot.waitSignal(idle.reset_done, timeout=10000):
        pass
    assert ended == ["idle"]
    assert window.current_screen().key == "attract"
    # The next person starts from the defaults: Persian, volume 80 %, text 100 %.
    assert kiosk.speaker.volume == 80 and kiosk.language.code == "fa"
    assert kiosk.theme.scale == 100
    assert not idle.warning.isVisible()


def test_no_warning_while_the_attract_screen_waits(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    idle = fast(kiosk)
    kiosk.window.show_screen("attract")
    qtbot.wait(200 * FAST_MS)
    assert not idle.warning.isVisible()


def test_attract_screen_shows_both_languages_invites_gently_and_starts_on_touch(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    attract = kiosk.shell.attract
    attract.second_ms = FAST_MS
    kiosk.window.show_screen("attract")
    texts = [line.text() for line in attract.lines]
    assert texts == [translate(SLIDES[0][2], "fa"), translate(SLIDES[0][2], "en")]
    assert attract.lines[0].layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert attract.lines[1].layoutDirection() == Qt.LayoutDirection.LeftToRight
    first = attract.lines[1].text()
    qtbot.waitUntil(lambda: attract.lines[1].text() != first, timeout=5000)  # the carousel moves
    invite = kiosk.window.ctx.tr("Touch the screen to start")
    before = spoken(kiosk).count(invite)
    qtbot.waitUntil(lambda: spoken(kiosk).count(invite) >= before + 2, timeout=5000)
    kiosk.settings.set("attract_speech", False)  # can be silent
    quiet = len(spoken(kiosk))
    qtbot.wait(100 * FAST_MS)
    assert len(spoken(kiosk)) == quiet
    qtbot.mouseClick(attract.picture, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen().key == "home"


def test_screenshots_of_idle_warning_and_attract(make_kiosk, qtbot, artifacts):
    folder = artifacts / "staff"
    folder.mkdir(exist_ok=True)
    for language in ("fa", "en"):
        kiosk = make_kiosk(language)
        idle = fast(kiosk)
        kiosk.window.show_screen("learn")
        with qtbot.waitSignal(idle.warning_shown, timeout=5000):
            pass
        idle._tick.stop()  # hold the countdown still for the picture
        save_screenshot(kiosk.window, folder, f"idle-warning-{language}")
        kiosk.settings.set("language", language)  # the reset returns to the default language
        idle.reset()
        kiosk.shell.attract._slides.stop()
        qtbot.wait(20)
        save_screenshot(kiosk.window, folder, f"attract-{language}")
