"""The speech interfaces: a synthesis `SpeechEngine` and the `Speaker` every screen talks to.

A `SpeechEngine` turns one utterance into WAV bytes (blocking; called from a worker thread).
A `Speaker` is what widgets use: `say()` returns at once, a new utterance interrupts the old
one, and `stop`, `repeat`, volume, rate and the voice of each language work at any moment.

Whether an utterance's speech may be cached on disk follows from where its text came from
(`kiosk.authored`): authored text (interface, lessons, flows) may; any other text (page
text, typed values, text of unknown origin) never is.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from kiosk.authored import Authored

log = logging.getLogger(__name__)

DEFAULT_VOLUME = 80  # percent
DEFAULT_RATE = 100  # percent of the engine's normal speed


@dataclass(frozen=True)
class Voice:
    """One voice an engine offers."""

    id: str
    name: str
    languages: tuple[str, ...]
    gender: str | None = None
    # Higher is better when several voices speak a language (a human-quality voice beats espeak).
    quality: int = 0

    def speaks(self, lang: str) -> bool:
        """Whether this voice speaks `lang` (a primary tag such as 'fa' matches 'fa-IR')."""
        return any(code == lang or code.split("-")[0] == lang for code in self.languages)


def choose_voice(voices: list[Voice], lang: str, configured: str | None = None) -> Voice | None:
    """The configured voice if it exists and speaks `lang`, else the best for `lang`, else None."""
    candidates = [voice for voice in voices if voice.speaks(lang)]
    for voice in candidates:
        if configured and voice.id == configured:
            return voice
    # An exact language match beats a regional variant; then quality.
    candidates.sort(key=lambda v: (lang in v.languages, v.quality), reverse=True)
    return candidates[0] if candidates else None


class SpeechEngine(ABC):
    """Synthesizes speech to WAV bytes. Blocking: never call it on the UI thread."""

    name: str = "engine"

    @abstractmethod
    def voices(self) -> list[Voice]:
        """Every voice this engine can use."""

    @abstractmethod
    def synthesize(self, text: str, voice: Voice, rate: int = DEFAULT_RATE) -> bytes:
        """One utterance of already-normalised text as a complete WAV file."""

    def describe(self) -> str:
        """One line for `kiosk doctor`: which engine and library are in use."""
        return self.name

    def warm_up(self) -> None:  # noqa: B027 - optional hook
        """Load the engine ahead of the first utterance, without blocking (optional)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the engine's thread and files (optional)."""


@dataclass
class Utterance:
    """One request to speak."""

    text: str
    lang: str
    # What to synthesize instead of `text` (pronunciation override from a pack or flow).
    say: str | None = None
    # A recorded audio file to play instead of synthesis, if it exists.
    audio: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def cacheable(self) -> bool:
        """Whether its speech may be cached on disk: only if what is spoken is `Authored`.

        Page text and typed values are plain `str`, so they are never cached."""
        return isinstance(self.text, Authored) and (
            self.say is None or isinstance(self.say, Authored)
        )


class Speaker(QObject):
    """What the interface talks to. `say` returns immediately; speech never blocks the screen."""

    # The text now being spoken (the screen may show it prominently, e.g. with no audio device).
    speaking = Signal(str)
    # Speech of the current utterance ended (finished or stopped).
    finished = Signal()
    # Something the user must know about speech itself, already translated (e.g. no voice).
    notice = Signal(str)
    # Every utterance accepted by `say` (an `Utterance`), in order: for `kiosk --debug-dir`.
    requested = Signal(object)

    # Recorded sentences (a `Narration`: lang, text → WAV path), preferred over synthesis.
    narration = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._volume = DEFAULT_VOLUME
        self._rate = DEFAULT_RATE
        self._voice_ids: dict[str, str | None] = {}
        self._last: Utterance | None = None

    def say(
        self,
        text: str,
        lang: str,
        *,
        say: str | None = None,
        audio: str | None = None,
    ) -> None:
        """Speak `text` in `lang`, interrupting whatever is being spoken.

        Its speech is cached on disk only if `text` (and `say`) are `Authored`. A sentence a
        trainer recorded (`narration`, kiosk.services.voice_pack) is played instead of synthesis."""
        if audio is None and self.narration is not None:
            audio = self.narration.recording(lang, text)
        utterance = Utterance(text, lang, say=say, audio=audio)
        if not (say or text).strip():
            log.info("speech: nothing to say")
            return
        self._last = utterance
        self.requested.emit(utterance)
        self._speak(utterance)

    def repeat(self) -> None:
        """Speak the last utterance again."""
        if self._last is not None:
            self.requested.emit(self._last)
            self._speak(self._last)

    def stop(self) -> None:
        """Stop speaking now."""
        self._stop()

    @property
    def volume(self) -> int:
        return self._volume

    def set_volume(self, volume: int) -> None:
        """Set the volume, 0–100 %, effective at once."""
        self._volume = max(0, min(100, int(volume)))
        self._apply_volume()

    def reset_volume(self) -> None:
        """Back to the default volume (at the end of every session)."""
        self.set_volume(DEFAULT_VOLUME)

    @property
    def rate(self) -> int:
        return self._rate

    def set_rate(self, rate: int) -> None:
        """Set the speaking rate, 50–200 % of normal, used from the next utterance."""
        self._rate = max(50, min(200, int(rate)))

    def voice(self, lang: str) -> str | None:
        """The voice id configured for `lang`; None: the engine's best voice for it."""
        return self._voice_ids.get(lang)

    def configured_voices(self) -> dict[str, str | None]:
        """The configured voice id of every language that has one set."""
        return dict(self._voice_ids)

    def set_voice(self, lang: str, voice_id: str | None) -> None:
        """Use voice `voice_id` for `lang` (None or "": the best one), from the next utterance."""
        self._voice_ids[lang] = voice_id or None
        self._apply_voice(lang)

    # Implementations override these.
    def _speak(self, utterance: Utterance) -> None:
        raise NotImplementedError

    def _stop(self) -> None:
        raise NotImplementedError

    def _apply_volume(self) -> None:
        """Apply `self.volume` to the playing audio, if any."""

    def _apply_voice(self, lang: str) -> None:
        """Use `self.voice(lang)` from the next utterance in `lang` (engines override)."""

    def shutdown(self) -> None:
        """Release workers and audio before the application quits."""
        self._stop()


class LoggingSpeaker(Speaker):
    """A stand-in that logs what it would say and keeps a history (tests, no-speech machines)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[Utterance] = []

    def _speak(self, utterance: Utterance) -> None:
        log.info("say [%s]: %s", utterance.lang, utterance.text if utterance.cacheable else "…")
        self.history.append(utterance)
        self.speaking.emit(utterance.text)
        self.finished.emit()

    def _stop(self) -> None:
        log.debug("speech stopped")
