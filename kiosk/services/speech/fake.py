"""A deterministic `SpeechEngine` for tests: a tone whose length follows the text, no library."""

from __future__ import annotations

import threading
import time

from kiosk.services.speech.base import DEFAULT_RATE, SpeechEngine, Voice
from kiosk.services.speech.wav import make_wav

DEFAULT_VOICES = (
    Voice("fake/fa", "Fake Persian", ("fa",)),
    Voice("fake/en", "Fake English", ("en",)),
)


class FakeEngine(SpeechEngine):
    """Synthesizes a tone of `seconds_per_char` × len(text) (at 100 % rate), after `delay` s.

    Records every call in `calls` as (text, voice id, rate); `fail` makes synthesis raise.
    """

    name = "fake"

    def __init__(
        self,
        voices: list[Voice] | tuple[Voice, ...] = DEFAULT_VOICES,
        *,
        delay: float = 0.0,
        seconds_per_char: float = 0.01,
        fail: bool = False,
    ) -> None:
        self._voices = list(voices)
        self.delay = delay
        self.seconds_per_char = seconds_per_char
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
        seconds = max(0.05, len(text) * self.seconds_per_char * 100 / rate)
        return make_wav(seconds, rate=8000)

    def describe(self) -> str:
        return "fake engine (tests)"
