"""Speech in the interface: focus speaks labels, masked entry says "digit entered", captions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.i18n import N_
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.spoken_field import SpokenField
from tests.gui import engine, spoken, utterances


def focus_by_keyboard(window, widget):
    # The offscreen platform never activates a window, so deliver the Tab key to the window's
    # input and announce the focus change it causes, as Qt would.
    tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    window.events.feed(tab)
    QApplication.instance().focusChanged.emit(None, widget)


def context(kiosk) -> UiContext:
    return kiosk.window.ctx


def test_keyboard_focus_speaks_any_control_once(make_kiosk):
    kiosk = make_kiosk("en")
    top = kiosk.window.top_bar
    focus_by_keyboard(kiosk.window, top.repeat_button)
    focus_by_keyboard(kiosk.window, kiosk.window.screens["home"].tiles["staff"])
    assert spoken(kiosk) == ["Repeat", "Staff"]


def test_focus_without_a_tab_key_is_silent(make_kiosk):
    """Qt reports a window's first focus as Tab focus; that must not speak."""
    kiosk = make_kiosk("en")
    button = kiosk.window.top_bar.language_button
    QApplication.instance().focusChanged.emit(None, button)
    assert spoken(kiosk) == []


def test_mouse_focus_does_not_speak_twice(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    tile = kiosk.window.screens["home"].tiles["learn"]
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    kiosk.window.events.feed(press)  # a press clears any pending Tab
    QApplication.instance().focusChanged.emit(None, tile)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert spoken(kiosk).count("Learn") == 1


def test_masked_field_never_speaks_what_is_typed(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    field = SpokenField(context(kiosk), N_("Repeat"), masked=True)
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "4821")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    said = spoken(kiosk)
    assert said == ["رقم وارد شد"] * 4 + ["پاک شد"]
    assert not any(digit in text for text in said for digit in "4821۴۸۲۱")
    assert field.echoMode() == field.EchoMode.Password


def test_plain_field_echoes_characters_without_caching_them(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    field = SpokenField(context(kiosk), N_("Repeat"))
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "ab")
    history = utterances(kiosk)
    assert [u.text for u in history] == ["a", "b"]
    assert not any(u.cacheable for u in history)
    # The last one reaches the engine (the first was interrupted), and not the speech cache.
    qtbot.waitUntil(lambda: "b" in engine(kiosk).said())
    assert list((kiosk.data_dir / "speech-cache").glob("*.wav")) == []


def test_caption_shows_what_is_spoken(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    qtbot.mouseClick(kiosk.window.screens["home"].tiles["help"], Qt.MouseButton.LeftButton)
    caption = kiosk.window.caption
    # Shown when the speech starts: after synthesis, in the engine's worker thread.
    # The strip keeps its room (always visible): wait for the words themselves.
    qtbot.waitUntil(lambda: caption.text().startswith("Get help with a government service"))


def test_end_of_session_resets_volume_and_returns_home(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    kiosk.speaker.set_volume(20)
    kiosk.window.show_screen("learn")
    kiosk.window.end_session()
    assert kiosk.speaker.volume == 80
    assert kiosk.window.current_screen().key == "home"


def test_operator_volume_and_rate_controls(make_kiosk, qtbot, artifacts):
    from tests.gui import save_screenshot

    kiosk = make_kiosk("fa")
    kiosk.window.show_screen("staff")
    controls = kiosk.window.current_screen().speech_controls
    qtbot.mouseClick(controls.volume_up, Qt.MouseButton.LeftButton)
    assert kiosk.speaker.volume == 90
    assert (
        "۹۰" in controls.volume_label.text() and spoken(kiosk)[-1] == controls.volume_label.text()
    )
    for _ in range(3):
        qtbot.mouseClick(controls.volume_up, Qt.MouseButton.LeftButton)
    assert kiosk.speaker.volume == 100
    qtbot.mouseClick(controls.rate_down, Qt.MouseButton.LeftButton)
    assert kiosk.speaker.rate == 90
    save_screenshot(kiosk.window, artifacts, "staff-speech-controls-fa")
    kiosk.window.end_session()
    assert kiosk.speaker.volume == 80


def test_ask_the_operator_is_always_in_the_top_bar_and_speaks(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    for key in ("home", "learn", "staff"):
        kiosk.window.show_screen(key)
        assert kiosk.window.top_bar.ask_button.isVisible()
    qtbot.mouseClick(kiosk.window.top_bar.ask_button, Qt.MouseButton.LeftButton)
    assert "اپراتور" in spoken(kiosk)[-1]
    qtbot.waitUntil(lambda: kiosk.window.caption.text() == spoken(kiosk)[-1])


def test_a_long_caption_is_shown_in_pages_never_in_small_letters(make_kiosk, qtbot, monkeypatch):
    """Words that do not fit the strip's two lines at body-text size (ACCESSIBILITY.md item 6)
    are shown as subtitles: page after page, each at least 24 px, all the words in order."""
    from kiosk.ui.shell import caption as caption_module

    monkeypatch.setattr(caption_module, "PAGE_LEAST_MS", 50)
    monkeypatch.setattr(caption_module, "READ_MS_PER_CHAR", 1)
    kiosk = make_kiosk("en", (1280, 800))
    caption = kiosk.window.caption
    words = " ".join(f"Sentence {n} of what the kiosk says, long enough to wrap." for n in range(9))
    height = caption.height()
    caption.show_text(words)
    pages = caption.pages
    assert len(pages) > 1 and " ".join(pages) == words
    seen = []

    def read() -> bool:
        if not seen or seen[-1] != caption.text():
            seen.append(caption.text())
            assert caption.font().pixelSize() >= caption_module.MIN_PX == 24
            assert caption.height() == height  # the strip never grows
        return caption.text() == pages[-1]

    qtbot.waitUntil(read, timeout=10000)
    assert seen == pages
    caption._linger_then_hide()  # the speech ends: the last page lingers, then the strip empties
    qtbot.waitUntil(lambda: caption.text() == "", timeout=10000)
