"""The trainer's recording page on the real window: choose a lesson, see what lacks a recording,
record (a generated WAV stands in for the microphone), hear it back (the player is asked to play
the right file: this machine has no audio device), keep or redo; bad takes and a vanished
microphone are told and keep nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core.staff_rules import Role
from kiosk.i18n import format_number
from kiosk.services.voice_pack import MANIFEST, WavInput, recordings_root
from kiosk.ui.staff import voice_page
from kiosk.ui.staff.voice_page import VoicePage
from tests.gui import save_screenshot
from tests.staff.test_staff_ui import sign_in
from tests.trainer.test_voice_pack import _wav
from tools.synthetic_pack import write_pack


class FakePlayback:
    """Stands in for the speaker: remembers what it was asked to play."""

    speaker = True

    def __init__(self) -> None:
        self.played: list[tuple[str, bytes]] = []

    def play(self, path) -> bool:
        if not self.speaker:
            return False
        self.played.append((str(path), Path(path).read_bytes()))
        return True

    def stop(self) -> None:
        pass


@pytest.fixture
def microphone(monkeypatch, tmp_path):
    """`microphone.wav = bytes` (and `lose_after`) sets what the next recording hears."""
    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))

    class Microphone:
        wav = _wav(1.5, 12000)
        lose_after = None
        last: WavInput | None = None

        @classmethod
        def make(cls):
            cls.last = WavInput(cls.wav, lose_after=cls.lose_after)
            return cls.last

    monkeypatch.setattr(VoicePage, "make_input", staticmethod(Microphone.make))
    monkeypatch.setattr(VoicePage, "make_playback", staticmethod(FakePlayback))
    return Microphone


def click(qtbot, widget):
    assert widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def record(qtbot, page, microphone):
    click(qtbot, page.record_button)
    assert page.recorder.recording or page.message.property("problem")
    qtbot.waitUntil(lambda: microphone.last.exhausted or not page.recorder.recording, timeout=20000)
    if page.recorder.recording:
        click(qtbot, page.stop_button)


def open_page(make_kiosk, qtbot, language="fa"):
    kiosk = make_kiosk(language)
    staff = kiosk.staff.directory()
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    trainer = staff.create(admin, "Mina", Role.TRAINER, "246813")
    screen = sign_in(qtbot, kiosk, trainer, "246813")
    qtbot.mouseClick(screen.page.tiles["record_voice"], Qt.MouseButton.LeftButton)
    page = screen.page
    assert page.objectName() == "staff_page_record_voice"
    qtbot.waitUntil(lambda: bool(page.items) and not page.reading.busy, timeout=10000)
    return kiosk, screen, page


def summary(tr, missing: int, total: int) -> str:
    return tr(voice_page.SUMMARY, missing=format_number(missing), total=format_number(total))


def test_a_trainer_records_hears_and_keeps_a_sentence(make_kiosk, qtbot, microphone, artifacts):
    kiosk, screen, page = open_page(make_kiosk, qtbot)
    tr = kiosk.window.ctx.tr
    lesson = next(i for i, item in enumerate(page.items) if item.pack_id == "sample")
    page.chooser.setCurrentIndex(lesson)
    total = len(page.sentences)
    assert total > 5 and page.list.count() == total
    assert page.list.currentRow() == 0 and page.list.item(0).text().startswith("○")
    assert page.summary.text() == summary(tr, total, total)
    assert not page.keep_button.isEnabled() and not page.listen_button.isEnabled()
    first = page.sentence

    record(qtbot, page, microphone)
    assert page.recorder.take is not None
    assert page.message.text() == tr(voice_page.TAKE_READY)
    click(qtbot, page.listen_button)
    qtbot.waitUntil(lambda: bool(page.playback.played), timeout=5000)
    path, data = page.playback.played[-1]
    assert data == page.recorder.take.wav()  # the take itself, from a private session folder
    assert path.startswith(str(kiosk.data_dir / "sessions"))
    save_screenshot(screen, artifacts, "voice_page_fa")

    click(qtbot, page.keep_button)
    qtbot.waitUntil(lambda: not page.work.busy and page.recorder.take is None, timeout=5000)
    assert page.message.text() == tr(voice_page.KEPT)
    kept = page.pack.recording(first)
    assert kept is not None and kept.is_relative_to(recordings_root(kiosk.data_dir))
    assert page.list.item(0).text().startswith("✓") and page.list.currentRow() == 1
    assert page.summary.text() == summary(tr, total - 1, total)
    assert kiosk.speaker.narration.recording("fa", first.text) == str(kept)

    page.list.setCurrentRow(0)  # hear the kept one again
    click(qtbot, page.listen_button)
    assert page.playback.played[-1][0] == str(kept)

    record(qtbot, page, microphone)  # redo: the take goes, the kept one stays
    click(qtbot, page.redo_button)
    assert page.recorder.take is None and not page.keep_button.isEnabled()
    assert page.pack.recording(first) == kept

    page.playback.speaker = False  # no audio device: told, not silent
    click(qtbot, page.listen_button)
    assert page.message.text() == tr(voice_page.NO_SPEAKER)

    click(qtbot, screen.back)  # leaving removes the takes' folder
    qtbot.waitUntil(
        lambda: (
            not (kiosk.data_dir / "sessions").exists()
            or not any((kiosk.data_dir / "sessions").iterdir())
        ),
        timeout=5000,
    )


@pytest.mark.parametrize(
    ("wav", "lose_after", "said"),
    [
        (_wav(1.5, 200), None, "Nothing was heard"),
        (_wav(1.5, 32767), None, "too loud"),
        (_wav(61, 12000), None, "longer than 60 seconds"),
        (_wav(3, 12000), 0.5, "disconnected"),
    ],
    ids=["silent", "clipped", "ten-minutes-long", "microphone-vanished"],
)
def test_a_bad_take_is_told_and_nothing_is_kept(
    make_kiosk, qtbot, microphone, wav, lose_after, said
):
    microphone.wav, microphone.lose_after = wav, lose_after
    kiosk, _screen, page = open_page(make_kiosk, qtbot, "en")
    record(qtbot, page, microphone)
    assert said in page.message.text() and page.message.property("problem") is True
    assert page.recorder.take is None and not page.keep_button.isEnabled()
    assert page.record_button.isEnabled()  # ready to record again
    assert not recordings_root(kiosk.data_dir).exists() or not list(
        recordings_root(kiosk.data_dir).rglob("*.wav")
    )


def test_a_failed_save_is_told_and_the_pack_stays_as_it_was(
    make_kiosk, qtbot, microphone, monkeypatch
):
    from kiosk.services import voice_pack

    _kiosk, _screen, page = open_page(make_kiosk, qtbot, "en")
    record(qtbot, page, microphone)
    click(qtbot, page.keep_button)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=5000)
    manifest = page.pack.folder / MANIFEST
    before = json.loads(manifest.read_text())

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(voice_pack, "write_atomic", full)
    page.list.setCurrentRow(1)
    record(qtbot, page, microphone)
    click(qtbot, page.keep_button)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=5000)
    assert "could not be saved" in page.message.text()
    assert json.loads(manifest.read_text()) == before
    assert page.recorder.take is not None  # the take is still there to keep once fixed
