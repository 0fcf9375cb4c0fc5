"""A speaker that widgets can use from the first instant, backed later by the real one.

Loading the speech engine (pyttsx3, espeak-ng and its voice data) costs more start-up time
than painting the whole home screen, so the app hands widgets a `DeferredSpeaker` and
attaches the real speaker right after the first frame. Whatever was asked before that is
spoken as soon as the real speaker arrives (only the latest request: a new utterance
interrupts the old one anyway).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.services.speech.base import Speaker, Utterance


class DeferredSpeaker(Speaker):
    """Forwards to `attach()`ed speaker; keeps volume, rate and the pending utterance until then."""

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
        pending, self._pending = self._pending, None
        if pending is not None:
            self._speak(pending)

    def _speak(self, utterance: Utterance) -> None:
        if self.real is None:
            self._pending = utterance
            return
        self.real.say(
            utterance.text,
            utterance.lang,
            say=utterance.say,
            audio=utterance.audio,
            cacheable=utterance.cacheable,
        )

    def _stop(self) -> None:
        self._pending = None
        if self.real is not None:
            self.real.stop()

    def _apply_volume(self) -> None:
        if self.real is not None:
            self.real.set_volume(self.volume)

    def set_rate(self, rate: int) -> None:
        super().set_rate(rate)
        if self.real is not None:
            self.real.set_rate(self.rate)

    def shutdown(self) -> None:
        self._pending = None
        if self.real is not None:
            self.real.shutdown()
