"""Fixtures for the speech tests: a speaker over a FakeEngine with a cache in tmp_path.

Import explicitly: `from tests.speech_fixtures import make_speaker_fixture  # noqa: F401`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.services.speech.base import DEFAULT_RATE, SpeechEngine, Voice
from kiosk.services.speech.cache import SpeechCache
from kiosk.services.speech.speaker import EngineSpeaker
from tests.fake_engine import FakeEngine

ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "speech"


class SpeakerProbe:
    """Records everything a speaker emits."""

    def __init__(self, speaker: EngineSpeaker) -> None:
        self.speaking: list[str] = []
        self.notices: list[str] = []
        self.finished = 0
        speaker.speaking.connect(self.speaking.append)
        speaker.notice.connect(self.notices.append)
        speaker.finished.connect(self._on_finished)

    def _on_finished(self) -> None:
        self.finished += 1


class GatedEngine(SpeechEngine):
    """Wraps an engine: `synthesize` waits for `gate` and flags `busy` while it runs."""

    def __init__(self, inner: SpeechEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self.gate = threading.Event()
        self.busy = threading.Event()

    def voices(self) -> list[Voice]:
        return self.inner.voices()

    def synthesize(self, text: str, voice: Voice, rate: int = DEFAULT_RATE) -> bytes:
        self.busy.set()
        try:
            self.gate.wait(10)
            return self.inner.synthesize(text, voice, rate)
        finally:
            self.busy.clear()


@pytest.fixture(name="make_speaker")
def make_speaker_fixture(
    qapp: object, tmp_path: Path
) -> Iterator[Callable[..., tuple[EngineSpeaker, SpeakerProbe]]]:
    """Factory: `make_speaker(engine=None, cache=True, voices=None)` -> (speaker, probe)."""
    made: list[EngineSpeaker] = []

    def make(
        engine: SpeechEngine | None = None,
        *,
        cache: bool = True,
        voices: dict[str, str | None] | None = None,
        max_bytes: int = 50 * 1024 * 1024,
    ) -> tuple[EngineSpeaker, SpeakerProbe]:
        store = SpeechCache(tmp_path / "speech-cache", max_bytes) if cache else None
        speaker = EngineSpeaker(engine or FakeEngine(), store, voices)
        made.append(speaker)
        return speaker, SpeakerProbe(speaker)

    yield make
    for speaker in made:
        speaker.shutdown()
