"""`EngineSpeaker`: normalise, synthesize in a worker thread, cache, and play in sequence.

`say` normalises the text and queues a job; one worker thread (a plain Python thread that
never touches Qt objects) picks the voice, renders each sentence (through the disk cache for
cacheable texts only) and posts each WAV back with a queued signal. The UI thread plays them
in order. Every utterance has a sequence number: results of an interrupted or stopped
utterance are dropped.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.languages import LANGUAGES
from kiosk.core.speech_text import normalise, split_sentences
from kiosk.i18n import _
from kiosk.services.speech.base import Speaker, SpeechEngine, Utterance, Voice, choose_voice
from kiosk.services.speech.cache import SpeechCache, render
from kiosk.services.speech.player import AudioPlayer
from kiosk.services.speech.wav import wav_info

log = logging.getLogger(__name__)

MAX_CHARS = 300  # one synthesis call: a sentence or a few short ones
_STOP = object()


@dataclass
class _Job:
    seq: int
    lang: str
    chunks: list[str]
    rate: int
    cacheable: bool
    audio: str | None = None


@dataclass
class _Result:
    kind: str  # "audio", "no-voice", "error"
    data: bytes | None = None
    path: str | None = None
    duration: float = 0.0
    last: bool = True
    extra: dict = field(default_factory=dict)


def reading_seconds(text: str) -> float:
    """How long to show a text that cannot be heard before reporting it finished."""
    return max(1.0, min(15.0, 0.4 * len(text.split())))


class EngineSpeaker(Speaker):
    """A `Speaker` over a `SpeechEngine`, an optional `SpeechCache`, and configured voices."""

    # Audio of an utterance starts playing (or would, with no device); its first clip's seconds.
    audio_started = Signal(float)
    _ready = Signal(int, object)  # (sequence number, _Result), from the worker thread

    def __init__(
        self,
        engine: SpeechEngine,
        cache: SpeechCache | None = None,
        voices: dict[str, str | None] | None = None,
        *,
        max_chars: int = MAX_CHARS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.cache = cache
        for lang, voice_id in (voices or {}).items():
            self.set_voice(lang, voice_id)
        self.max_chars = max_chars
        self.player = AudioPlayer(self)
        self.player.done.connect(self._on_clip_done)
        self._ready.connect(self._on_ready, Qt.ConnectionType.QueuedConnection)
        self._reading = QTimer(self)
        self._reading.setSingleShot(True)
        self._reading.timeout.connect(self._finish)
        self._seq = 0
        self._active = False
        self._text = ""
        self._clips: list[_Result] = []
        self._playing = False
        self._got_last = False
        self._started = False
        self._voices: list[Voice] | None = None
        self._jobs: queue.Queue[object] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="speech-worker", daemon=True)
        self._worker.start()
        engine.warm_up()

    # UI thread ---------------------------------------------------------------------------
    def _speak(self, utterance: Utterance) -> None:
        self._interrupt()
        spoken = normalise(utterance.say or utterance.text, utterance.lang)
        if not spoken and not utterance.audio:
            log.info("speech: nothing speakable in the text; skipped")
            return
        self._seq += 1
        self._active = True
        self._text = utterance.text
        self._clips, self._playing, self._got_last, self._started = [], False, False, False
        # One sentence per chunk: each is cached alone, so "step 3 of 7" and a lesson sentence
        # prerendered separately both hit the cache when spoken together.
        chunks = split_sentences(spoken, self.max_chars, join=False) if spoken else []
        self._jobs.put(
            _Job(
                self._seq,
                utterance.lang,
                chunks,
                self.rate,
                utterance.cacheable,  # authored text only: see kiosk.authored
                audio=utterance.audio,
            )
        )

    def _interrupt(self) -> None:
        """End the current utterance now (it reports `finished`); drop its pending results."""
        if not self._active:
            return
        self._seq += 1
        self._reading.stop()
        self.player.stop()
        self._clips, self._playing = [], False
        self._finish()

    def _stop(self) -> None:
        self._interrupt()

    def _apply_volume(self) -> None:
        self.player.set_volume(self.volume)

    def _finish(self) -> None:
        if self._active:
            self._active = False
            self.finished.emit()

    def _on_ready(self, seq: int, result: _Result) -> None:
        if seq != self._seq or not self._active:
            return  # an interrupted or stopped utterance
        if result.kind == "audio":
            self._clips.append(result)
            self._got_last = result.last
            if not self._playing:
                self._play_next()
            return
        if result.kind == "no-voice":
            lang = result.extra.get("lang", "")
            info = LANGUAGES.get(lang)
            self.notice.emit(
                _("No voice is installed for {language}. The text is shown on the screen.").format(
                    language=info.native_name if info else lang
                ),
            )
        else:
            self.notice.emit(_("Speech is not working. The text is shown on the screen."))
        self.speaking.emit(self._text)
        self._reading.start(int(reading_seconds(self._text) * 1000))

    def _play_next(self) -> None:
        if not self._clips:
            self._playing = False
            if self._got_last:
                self._finish()
            return
        clip = self._clips.pop(0)
        self._playing = True
        if not self._started:
            self._started = True
            self.speaking.emit(self._text)
            self.audio_started.emit(clip.duration)
        self.player.set_volume(self.volume)
        self.player.play(clip.duration, data=clip.data, path=clip.path)

    def _on_clip_done(self) -> None:
        if self._active:
            self._play_next()

    def shutdown(self) -> None:
        """Stop speaking, end the worker thread and release the engine."""
        self._stop()
        self._jobs.put(_STOP)
        self._worker.join(timeout=5)
        self.engine.close()

    # Worker thread: no Qt objects here except emitting the queued `_ready` signal ----------
    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            assert isinstance(job, _Job)
            try:
                self._run(job)
            except Exception:
                log.exception("speech: synthesis failed")
                self._ready.emit(job.seq, _Result("error"))

    def _voice(self, lang: str) -> Voice | None:
        if self._voices is None:
            self._voices = self.engine.voices()
        return choose_voice(self._voices, lang, self.voice(lang))

    def _run(self, job: _Job) -> None:
        if job.seq != self._seq:
            return
        if job.audio:
            if self._recorded(job):
                return
            if not job.chunks:
                self._ready.emit(job.seq, _Result("error"))
                return
        voice = self._voice(job.lang)
        if voice is None:
            log.warning("speech: no voice for language %r", job.lang)
            self._ready.emit(job.seq, _Result("no-voice", extra={"lang": job.lang}))
            return
        # Never cache page text or typed values: they are synthesized in memory only.
        cache = self.cache if job.cacheable else None
        for index, chunk in enumerate(job.chunks):
            if job.seq != self._seq:
                return  # interrupted: stop synthesizing
            data, _cached = render(self.engine, voice, job.rate, chunk, cache)
            info = wav_info(data)
            if info is None:
                raise RuntimeError(f"engine {self.engine.name} returned no audio")
            last = index == len(job.chunks) - 1
            self._ready.emit(
                job.seq, _Result("audio", data=data, duration=info.duration, last=last)
            )

    def _recorded(self, job: _Job) -> bool:
        """Post the recorded audio file of `job`; False if it is missing (then synthesize)."""
        path = Path(job.audio or "")
        if not path.is_file():
            log.warning("speech: recorded audio %s missing; synthesizing instead", path)
            return False
        data = path.read_bytes()
        info = wav_info(data)
        if info is not None:
            self._ready.emit(job.seq, _Result("audio", data=data, duration=info.duration))
        else:  # mp3, ogg…: let the media player decode the file; guess its length
            seconds = reading_seconds(" ".join(job.chunks) or "x")
            self._ready.emit(job.seq, _Result("audio", path=str(path), duration=seconds))
        return True
