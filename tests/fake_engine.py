"""A deterministic `SpeechEngine` for tests: no library, instant, and it remembers what it said;
and the kiosk's production speaker over it, with every utterance recorded.

The WAV it returns carries the synthesized text in a chunk of its own after the audio, as
UTF-8: a test that greps the data dir for a citizen's value would find it in the speech cache
had it been cached.
"""

from __future__ import annotations

import struct
import threading
import time
from pathlib import Path

from kiosk.services.speech.base import (
    DEFAULT_RATE,
    DEFAULT_VOLUME,
    Speaker,
    SpeechEngine,
    Utterance,
    Voice,
)
from kiosk.services.speech.deferred import DeferredSpeaker
from kiosk.services.speech.factory import create_speaker
from tests.wav_tools import make_wav

DEFAULT_VOICES = (
    Voice("fake/fa", "Fake Persian", ("fa",)),
    Voice("fake/en", "Fake English", ("en",)),
)


def with_text(wav: bytes, text: str) -> bytes:
    """`wav` with a "note" chunk holding `text` appended (WAV readers skip unknown chunks)."""
    note = text.encode("utf-8")
    chunk = b"note" + struct.pack("<I", len(note)) + note + (b"\0" if len(note) % 2 else b"")
    data = wav + chunk
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def note_of(wav: bytes) -> str | None:
    """The text `with_text` put in `wav`, or None."""
    at = wav.find(b"note", 12)
    if at < 0:
        return None
    (size,) = struct.unpack("<I", wav[at + 4 : at + 8])
    return wav[at + 8 : at + 8 + size].decode("utf-8")


def cached_texts(data_dir: Path) -> list[str]:
    """The texts whose speech the fake engine made and the speech cache under `data_dir` keeps."""
    folder = Path(data_dir) / "speech-cache"
    return [note_of(path.read_bytes()) or "" for path in sorted(folder.glob("*.wav"))]


class FakeEngine(SpeechEngine):
    """Synthesizes a tone of `seconds_per_char` × len(text) (at 100 % rate, at least
    `min_seconds`), after `delay` s.

    Records every call in `calls` as (text, voice id, rate); `fail` makes synthesis raise.
    """

    name = "fake"

    def __init__(
        self,
        voices: list[Voice] | tuple[Voice, ...] = DEFAULT_VOICES,
        *,
        delay: float = 0.0,
        seconds_per_char: float = 0.01,
        min_seconds: float = 0.05,
        fail: bool = False,
    ) -> None:
        self._voices = list(voices)
        self.delay = delay
        self.seconds_per_char = seconds_per_char
        self.min_seconds = min_seconds
        self.fail = fail
        self.calls: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesize(self, text: str, voice: Voice, rate: int = DEFAULT_RATE) -> bytes:
        with self._lock:
            self.calls.append((text, voice.id, rate))
        if self.delay:
            time.sleep(self.delay)
        if self.fail:
            raise RuntimeError("fake engine failure")
        seconds = max(self.min_seconds, len(text) * self.seconds_per_char * 100 / rate)
        return with_text(make_wav(seconds, rate=8000), text)

    def said(self) -> list[str]:
        """Every text synthesized so far, in order (safe from any thread)."""
        with self._lock:
            return [text for text, _voice, _rate in self.calls]

    def describe(self) -> str:
        return "fake engine (tests)"


# ---- the kiosk's own speaker over the fake engine -----------------------------------------

_histories: dict[int, list[Utterance]] = {}
_heard: dict[int, list[str]] = {}
_made: list[DeferredSpeaker] = []


def record(speaker: Speaker) -> list[Utterance]:
    """Keep every utterance `speaker` accepts from now on (its `requested` signal), in order,
    and every text it started to play (`speaking`: synthesized, and cached if it may be)."""
    history = _histories.setdefault(id(speaker), [])
    speaker.requested.connect(history.append)
    speaker.speaking.connect(_heard.setdefault(id(speaker), []).append)
    return history


def history(speaker: Speaker) -> list[Utterance]:
    """What `speaker` was asked to say since `record(speaker)`: the texts as given, in order."""
    assert id(speaker) in _histories, "this speaker's utterances are not being recorded"
    return _histories[id(speaker)]


def heard(speaker: Speaker) -> list[str]:
    """The texts `speaker` started to play since `record(speaker)`, in order."""
    return _heard[id(speaker)]


# A second voice for each language, below the first: chosen only when configured.
SECOND_VOICES = (
    Voice("fake/fa-2", "Fake Persian 2", ("fa",), quality=-1),
    Voice("fake/en-2", "Fake English 2", ("en",), quality=-1),
)


def quick_engine() -> FakeEngine:
    """The engine GUI tests speak with: a 50 ms tone per sentence, synthesized at once; two
    voices per language (`fake/fa` is chosen unless `fake/fa-2` is configured)."""
    return FakeEngine(DEFAULT_VOICES + SECOND_VOICES, seconds_per_char=0)


def production_speaker(data_dir: Path, engine: FakeEngine | None = None) -> DeferredSpeaker:
    """The kiosk's speaker as it runs (a `DeferredSpeaker` attached to an `EngineSpeaker` with
    its speech cache in `data_dir`) over a fake engine; recorded; shut down after the test."""
    speaker = DeferredSpeaker()
    record(speaker)
    speaker.attach(
        create_speaker(data_dir, {}, DEFAULT_RATE, DEFAULT_VOLUME, engine=engine or quick_engine())
    )
    _made.append(speaker)
    return speaker


def shut_down_speakers() -> None:
    """End every speaker `production_speaker` made (their worker threads) and forget them all."""
    for speaker in _made:
        speaker.shutdown()
    _made.clear()
    _histories.clear()
    _heard.clear()
