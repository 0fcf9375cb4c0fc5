"""A speaker that widgets can use from the first instant, backed later by the real one.

Loading the speech engine (pyttsx3, espeak-ng and its voice data) costs more start-up time
than painting the whole home screen, so the app hands widgets a `DeferredSpeaker` and
attaches the real speaker right after the first frame. Whatever was asked before that is
spoken as soon as the real speaker arrives (only the latest request: a new utterance
interrupts the old one anyway). Volume, rate and voices set before then are handed over on
`attach`, and every change after it is forwarded at once: the kiosk runs on this speaker, so
it honours the whole `Speaker` contract.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.services.speech.base import Speaker, Utterance


class DeferredSpeaker(Speaker):
    """Forwards to the `attach()`ed speaker; keeps volume, rate, voices and the pending utterance
    until then."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.real: Speaker | None = None
        self._pending: Utterance | None = None

    def attach(self, real: Speaker) -> None:
        """Start using `real` and speak what was waiting."""
        self.real = real
        real.speaking.connect(self.speaking)
        real.finished.connect(self.finished)
        real.notice.connect(self.notice)
        real.set_volume(self.volume)
        real.set_rate(self.rate)
        for lang, voice_id in self.configured_voices().items():
            real.set_voice(lang, voice_id)
        pending, self._pending = self._pending, None
        if pending is not None:
            self._speak(pending)

    def _speak(self, utterance: Utterance) -> None:
        if self.real is None:
            self._pending = utterance
            return
        # The texts themselves, not copies: their type says whether they may be cached.
        self.real.say(utterance.text, utterance.lang, say=utterance.say, audio=utterance.audio)

    def _stop(self) -> None:
        self._pending = None
        if self.real is not None:
            self.real.stop()

    def _apply_volume(self) -> None:
        if self.real is not None:
            self.real.set_volume(self.volume)

    def _apply_voice(self, lang: str) -> None:
        if self.real is not None:
            self.real.set_voice(lang, self.voice(lang))

    def set_rate(self, rate: int) -> None:
        super().set_rate(rate)
        if self.real is not None:
            self.real.set_rate(self.rate)

    def shutdown(self) -> None:
        self._pending = None
        if self.real is not None:
            self.real.shutdown()
