"""Narration in the trainer's voice: a generated WAV stands in for the microphone (this machine
has none). Good takes are kept whole; silent, clipped, too long or interrupted ones are refused
with a message and leave the voice pack as it was; the speaker prefers a recording."""

from __future__ import annotations

import io
import json
import math
import struct
import wave
from pathlib import Path

import pytest

from kiosk.core.voice import MAX_SECONDS, Sentence, lesson_sentences
from kiosk.services.lessons import load_packs
from kiosk.services.voice_pack import (
    MANIFEST,
    Narration,
    Recorder,
    VoicePack,
    WavInput,
    recordings_root,
)

SENTENCE = Sentence("first-screen/s1/text", "این صفحه‌ی اول است.")


def _wav(seconds: float, amplitude: int, rate: int = 16000) -> bytes:
    frames = int(seconds * rate)
    step = 2 * math.pi * 220 / rate
    samples = [max(-32768, min(32767, int(amplitude * math.sin(i * step)))) for i in range(frames)]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(struct.pack(f"<{frames}h", *samples))
    return buffer.getvalue()


def _record(qtbot, wav: bytes, **kwargs) -> tuple[Recorder, list, list]:
    source = WavInput(wav, **kwargs)
    recorder = Recorder(lambda: source)
    takes, refusals = [], []
    recorder.recorded.connect(takes.append)
    recorder.refused.connect(refusals.append)
    assert recorder.start()
    qtbot.waitUntil(
        lambda: bool(source.exhausted or refusals or not recorder.recording), timeout=20000
    )
    recorder.stop()
    return recorder, takes, refusals


def test_a_good_take_is_kept_whole_and_found_again(qtbot, isolated: Path) -> None:
    _recorder, takes, refusals = _record(qtbot, _wav(1.5, 12000))
    assert not refusals and len(takes) == 1
    pack = VoicePack.open(recordings_root(isolated), "basics", "fa", "fa")
    assert pack.missing([SENTENCE]) == [SENTENCE]
    path = pack.keep(SENTENCE, takes[0])
    with wave.open(str(path), "rb") as reader:
        assert reader.getnframes() == 24000 and reader.getframerate() == 16000
    again = VoicePack.open(recordings_root(isolated), "basics", "fa", "fa")
    assert again.recording(SENTENCE) == path and again.missing([SENTENCE]) == []
    manifest = json.loads((path.parent / MANIFEST).read_text())
    assert manifest["recordings"][SENTENCE.key]["text"] == SENTENCE.text
    # The sentence's text changed in the lesson: the old recording is stale, not played.
    changed = Sentence(SENTENCE.key, "متن تازه")
    assert again.missing([changed]) == [changed]


@pytest.mark.parametrize(
    ("wav", "says"),
    [
        (_wav(1.5, 40), "Nothing was heard"),
        (_wav(0.1, 12000), "Nothing was heard"),
        (_wav(1.5, 60000), "too loud"),
    ],
    ids=["silent", "too-short", "clipped"],
)
def test_a_bad_take_is_refused_and_nothing_is_saved(qtbot, isolated: Path, wav, says) -> None:
    recorder, takes, refusals = _record(qtbot, wav)
    assert not takes and recorder.take is None
    assert len(refusals) == 1 and says in refusals[0].english()
    assert not recordings_root(isolated).exists()


def test_a_ten_minute_recording_stops_itself_and_is_not_kept(qtbot, isolated: Path) -> None:
    source = WavInput(_wav(600, 12000, rate=16000))
    recorder = Recorder(lambda: source)
    refusals = []
    recorder.refused.connect(refusals.append)
    recorder.start()
    qtbot.waitUntil(lambda: bool(refusals), timeout=60000)
    assert not recorder.recording and not source.exhausted  # stopped at the limit, not at 10 min
    assert f"longer than {MAX_SECONDS} seconds" in refusals[0].english()
    assert recorder.take is None


def test_a_microphone_that_disappears_keeps_nothing(qtbot, isolated: Path) -> None:
    pack = VoicePack.open(recordings_root(isolated), "basics", "fa", "fa")
    recorder, takes, _ = _record(qtbot, _wav(1.5, 12000))
    pack.keep(SENTENCE, takes[0])
    before = (pack.folder / MANIFEST).read_bytes()
    recorder, takes, refusals = _record(qtbot, _wav(3, 9000), lose_after=1.0)
    assert not takes and recorder.take is None
    assert "disconnected" in refusals[0].english()
    assert (pack.folder / MANIFEST).read_bytes() == before  # the earlier recording stands


def test_no_microphone_is_a_clear_message(qtbot) -> None:
    class Absent(WavInput):
        def start(self) -> bool:
            return False

    recorder = Recorder(lambda: Absent(_wav(1, 12000)))
    refusals = []
    recorder.refused.connect(refusals.append)
    assert not recorder.start() and not recorder.recording
    assert "No microphone was found" in refusals[0].english()


def test_a_failed_save_leaves_the_pack_as_it_was(qtbot, isolated: Path) -> None:
    from kiosk.core.notices import NoticeError

    _r, takes, _ = _record(qtbot, _wav(1.5, 12000))
    pack = VoicePack.open(recordings_root(isolated), "basics", "fa", "fa")
    pack.folder.parent.mkdir(parents=True)
    pack.folder.write_text("a file where the folder should be")
    with pytest.raises(NoticeError) as error:
        pack.keep(SENTENCE, takes[0])
    assert "nothing was changed" in error.value.notice.english()
    assert pack.recordings == {}


def test_every_sentence_of_a_lesson_has_a_key_and_lacks_a_recording_at_first() -> None:
    packs, _broken = load_packs()
    lesson = packs[0].lesson("first-screen")
    sentences = lesson_sentences(lesson, "fa")
    keys = [s.key for s in sentences]
    assert len(keys) == len(set(keys)) and len(keys) > 5
    assert sentences[0].text == lesson.title.text["fa"]


def test_the_speaker_plays_the_trainers_recording_instead_of_synthesis(
    qtbot, isolated: Path
) -> None:
    from kiosk.services.speech.deferred import DeferredSpeaker

    _r, takes, _ = _record(qtbot, _wav(1.5, 12000))
    path = VoicePack.open(recordings_root(isolated), "basics", "fa", "fa").keep(SENTENCE, takes[0])
    speaker = DeferredSpeaker()
    speaker.narration = Narration([recordings_root(isolated)])
    asked = []
    speaker.requested.connect(asked.append)
    speaker.say(SENTENCE.text, "fa")
    speaker.say("جمله‌ای که ضبط نشده", "fa")
    speaker.say(SENTENCE.text, "en")  # the recording is of the Persian sentence only
    assert [u.audio for u in asked] == [str(path), None, None]
