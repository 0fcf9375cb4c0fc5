"""The kiosk's own speaker at work in the real window: a voice chosen in Settings is used at
once, and only authored text (interface, lessons) is cached on disk, never what is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.authored import Authored
from kiosk.i18n import N_
from kiosk.services.speech.deferred import DeferredSpeaker
from kiosk.services.speech.speaker import EngineSpeaker
from kiosk.ui.widgets.spoken_field import SpokenField
from tests.fake_engine import cached_texts
from tests.gui import engine, played, spoken, utterances
from tests.staff.test_staff_ui import open_settings
from tools.synthetic_pack import write_pack


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_kiosk_speaks_through_its_production_speakers(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    assert type(kiosk.speaker) is DeferredSpeaker
    assert type(kiosk.speaker.real) is EngineSpeaker
    click(qtbot, kiosk.window.top_bar.ask_button)
    said = spoken(kiosk)[-1]
    qtbot.waitUntil(lambda: kiosk.window.caption.text() == said)  # heard: played to its end
    assert engine(kiosk).said()[-1].startswith("Please raise your hand")


def test_interface_speech_is_authored_so_it_can_come_from_the_cache(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    home = kiosk.window.screens["home"]
    assert isinstance(home.intro(), Authored)  # the welcome, said at every return home
    click(qtbot, home.tiles["learn"])
    learn = kiosk.window.screens["learn"]
    tile_said, intro = utterances(kiosk)[-2:]
    assert (tile_said.text, intro.text) == (home.tiles["learn"].label, learn.intro())
    assert tile_said.cacheable and intro.cacheable


def test_a_voice_chosen_in_settings_is_used_at_once(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    _screen, page = open_settings(qtbot, kiosk)
    voices = engine(kiosk)
    qtbot.waitUntil(lambda: bool(voices.calls))
    assert {voice for _text, voice, _rate in voices.calls} == {"fake/fa"}
    page.by_key["voice_fa"].field.setText("fake/fa-2")
    before = len(voices.calls)
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: kiosk.settings["voice_fa"] == "fake/fa-2")  # saved off the UI thread
    # "Saved" is said in the new voice: no restart.
    assert spoken(kiosk)[-1] == page.message.text()
    qtbot.waitUntil(lambda: len(voices.calls) > before)
    assert voices.calls[-1][1] == "fake/fa-2"
    assert kiosk.speaker.voice("fa") == kiosk.speaker.real.voice("fa") == "fake/fa-2"
    # And back to the best voice when the field is emptied.
    page.by_key["voice_fa"].field.setText("")
    before = len(voices.calls)
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: len(voices.calls) > before)
    assert voices.calls[-1][1] == "fake/fa"


def test_lesson_text_is_cached_and_typed_text_never(
    make_kiosk, qtbot, tmp_path, monkeypatch
) -> None:
    write_pack(tmp_path / "packs" / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    kiosk = make_kiosk("en")
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    click(qtbot, learn.entry.tiles["guest"])
    click(qtbot, learn.map.tiles[("sample", "lesson-0000")])
    narration = utterances(kiosk)[-1]
    assert narration.text.startswith("Step 1 of") and narration.cacheable
    lesson_text = learn.player.run.step.text.get("en")
    assert isinstance(lesson_text, Authored) and lesson_text in narration.text
    qtbot.waitUntil(lambda: narration.text in played(kiosk))
    assert [t for t in cached_texts(kiosk.data_dir) if lesson_text in t]

    # A typed value is echoed letter by letter: heard, synthesized, never cached.
    field = SpokenField(kiosk.window.ctx, N_("Repeat"))
    qtbot.addWidget(field)
    field.show()
    voices = engine(kiosk)
    for letter in "QZX":
        qtbot.keyClick(field, letter)
        qtbot.waitUntil(lambda letter=letter: played(kiosk)[-1:] == [letter])  # past the cache
        assert voices.said()[-1].strip(" .").upper() == letter
    typed = [u for u in utterances(kiosk) if u.text in ("Q", "Z", "X")]
    assert [u.text for u in typed] == ["Q", "Z", "X"] and not any(u.cacheable for u in typed)
    assert not [t for t in cached_texts(kiosk.data_dir) if t.strip(" .").upper() in "QZX"]


def test_controls_that_say_their_new_state_say_it_as_authored_text(make_kiosk, qtbot):
    """Text size, volume and rate are said from the texts the kiosk made, not copied back from
    their labels (a label's copy is private by default, so it would never be cached)."""
    from tests.staff.test_staff_ui import sign_in, with_accounts

    kiosk = make_kiosk("en")
    click(qtbot, kiosk.window.top_bar.text_size_button)
    said = utterances(kiosk)[-1]
    assert said.text == kiosk.window.top_bar.text_size_button.text() and said.cacheable
    admin, _operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, admin, "135790")
    controls = screen.speech_controls
    for button in (controls.volume_down, controls.rate_up):
        click(qtbot, button)
        said = utterances(kiosk)[-1]
        assert said.cacheable and said.text in (
            controls.volume_label.text(),
            controls.rate_label.text(),
        )
