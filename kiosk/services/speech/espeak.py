"""The real speech engine: pyttsx3 driving espeak-ng (Linux) or SAPI5 (Windows), WAV in memory.

On Linux the system libespeak-ng is used when there is one; else the library and data
shipped in the `espeakng-loader` wheel are loaded (RTLD_GLOBAL, SONAME libespeak-ng.so.1)
before pyttsx3 is imported, so pyttsx3's own `LoadLibrary("libespeak-ng.so.1")` reuses it.
pyttsx3 engines are not thread-safe: one dedicated thread per process owns the engine and runs
every call on it; the engine lives as long as the process (espeak-ng cannot be re-initialised).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import gc
import io
import logging
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

from kiosk.services.speech.base import DEFAULT_RATE, SpeechEngine, Voice
from kiosk.services.speech.wav import wav_info

log = logging.getLogger(__name__)

# Words per minute at 100 % rate: espeak-ng's default speed, and pyttsx3's SAPI5 default.
ESPEAK_WPM = 175
SAPI5_WPM = 200
SYNTHESIS_TIMEOUT = 30.0  # seconds; one sentence takes milliseconds

_lock = threading.Lock()
_library: str | None = None


class EngineUnavailable(RuntimeError):
    """No speech library could be loaded on this machine."""


def words_per_minute(rate: int, base: int = ESPEAK_WPM) -> int:
    """The engine speed for a rate in percent of normal (50–200 %)."""
    return round(base * max(50, min(200, rate)) / 100)


def load_library() -> str:
    """Make espeak-ng loadable for pyttsx3 and say which library it is (idempotent).

    Raises EngineUnavailable when neither a system library nor espeakng-loader is present.
    """
    global _library
    with _lock:
        if _library is not None:
            return _library
        if sys.platform == "win32":
            _library = "SAPI5 (Windows)"
            return _library
        system = ctypes.util.find_library("espeak-ng")
        if system:
            _library = f"system libespeak-ng ({system})"
            return _library
        try:
            import espeakng_loader
        except ImportError as error:
            raise EngineUnavailable("no libespeak-ng and no espeakng-loader") from error
        path = espeakng_loader.get_library_path()
        try:
            ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
            os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as error:
            raise EngineUnavailable(f"espeakng-loader library unusable: {error}") from error
        try:
            version = metadata.version("espeakng-loader")
        except metadata.PackageNotFoundError:
            version = "?"
        _library = f"espeakng-loader {version} bundled ({path})"
        return _library


def _voice_from(raw: Any) -> Voice:
    """A pyttsx3 voice as our Voice; the base voice of a language ranks above its variants."""
    languages = tuple(
        (lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)).lower()
        for lang in (raw.languages or [])
        if lang
    )
    name = str(raw.name or raw.id)
    if not languages:  # SAPI5 often leaves languages empty: guess from the name
        lowered = name.lower()
        languages = tuple(
            code for word, code in (("english", "en"), ("persian", "fa"), ("farsi", "fa"))
            if word in lowered
        )  # fmt: skip
    last = str(raw.id).rsplit("/", 1)[-1].lower()
    quality = 1 if languages and last == languages[0].split("-")[0] else 0
    if any("latn" in code for code in languages):
        quality = -1  # Persian in Latin letters ("Pinglish"): never for Persian script
    gender = str(raw.gender).lower() if getattr(raw, "gender", None) else None
    return Voice(id=str(raw.id), name=name, languages=languages, gender=gender, quality=quality)


class _Host:
    """The one pyttsx3 engine of the process (espeak-ng initialises once) and its one thread."""

    def __init__(self, driver: str) -> None:
        self.driver = driver
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech-engine")
        self.engine: Any = None
        self.voice_id: str | None = None
        self.wpm: int | None = None
        self.voices: list[Voice] | None = None
        self.tmp: Path | None = None
        self.done = threading.Event()
        # espeak_Synchronize: waits until espeak-ng's command queue is empty (no-op elsewhere).
        self.synchronize: Any = lambda: None
        # Drop the engine while modules still exist: pyttsx3's __del__ fails at interpreter exit.
        atexit.register(self.release)

    def release(self) -> None:
        """Stop the engine thread and let the pyttsx3 engine go (at exit)."""
        self.thread.shutdown(wait=True, cancel_futures=True)
        self.engine = None
        gc.collect()

    def call(self, fn: Any, *args: Any) -> Any:
        """Run `fn(*args)` on the engine thread and return its result."""
        return self.thread.submit(fn, *args).result()

    # Everything below runs on the engine thread only.
    def ensure(self) -> Any:
        if self.engine is None:
            import pyttsx3

            if self.driver == "espeak":
                import pyttsx3.drivers.espeak as espeak_driver
                from pyttsx3.drivers import _espeak

                self.synchronize = _espeak.Synchronize
                # The driver prints "Audio saved to …" for every file: send that to the log.
                espeak_driver.print = lambda *args, **kwargs: log.debug("pyttsx3: %s", args)
            self.engine = pyttsx3.init(self.driver)
            self.engine.setProperty("volume", 1.0)
            self.engine.connect("finished-utterance", self._on_finished)
        return self.engine

    def _on_finished(self, name: object = None, completed: object = True) -> None:
        self.done.set()  # called on espeak-ng's own thread

    def _run_and_wait(self, engine: Any) -> None:
        """`runAndWait`, then wait until the utterance is written and espeak-ng is idle.

        espeak-ng (retrieval mode) runs synthesis *and* parameter changes on its own thread,
        while pyttsx3's `runAndWait` returns after a fixed 10 ms and cancels whatever espeak
        is still doing when the next one starts. Without these waits a rate change is
        sometimes lost and an utterance comes back empty.
        """
        self.synchronize()  # the voice and rate changes are applied before synthesis starts
        self.done.clear()
        engine.runAndWait()
        if not self.done.wait(SYNTHESIS_TIMEOUT):
            raise TimeoutError(f"speech synthesis took over {SYNTHESIS_TIMEOUT} s")
        self.synchronize()
        # The espeak thread marks the driver idle just after reporting the end; a command
        # pushed before that would be queued and run on the espeak thread, out of order.
        deadline = time.monotonic() + 1.0
        while engine.isBusy() and time.monotonic() < deadline:
            time.sleep(0.0002)

    def list_voices(self) -> list[Voice]:
        if self.voices is None:
            self.voices = [_voice_from(v) for v in self.ensure().getProperty("voices")]
        return self.voices

    def synthesize(self, text: str, voice_id: str, rate: int) -> bytes:
        engine = self.ensure()
        if voice_id != self.voice_id:
            engine.setProperty("voice", voice_id)
            self.voice_id = voice_id
        wpm = words_per_minute(rate, SAPI5_WPM if self.driver == "sapi5" else ESPEAK_WPM)
        if wpm != self.wpm:
            engine.setProperty("rate", wpm)
            self.wpm = wpm
        if self.driver == "espeak":
            # The espeak driver writes with the `wave` module, which takes a file object:
            # the WAV never touches the disk.
            buffer = io.BytesIO()
            engine.save_to_file(text, buffer)
            self._run_and_wait(engine)
            return buffer.getvalue()
        return self._synthesize_via_file(engine, text)

    def _synthesize_via_file(self, engine: Any, text: str) -> bytes:
        """SAPI5 can only write a file: a private dir (mode 0700), unlinked as soon as read."""
        if self.tmp is None:
            self.tmp = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        path = self.tmp / "utterance.wav"
        try:
            engine.save_to_file(text, str(path))
            self._run_and_wait(engine)
            return path.read_bytes()
        finally:
            path.unlink(missing_ok=True)


_hosts: dict[str, _Host] = {}


def _host(driver: str) -> _Host:
    with _lock:
        if driver not in _hosts:
            _hosts[driver] = _Host(driver)
        return _hosts[driver]


class Pyttsx3Engine(SpeechEngine):
    """espeak-ng or SAPI5 through pyttsx3. Safe from any thread: calls run on the engine thread."""

    name = "pyttsx3"

    def __init__(self) -> None:
        self._library = load_library()
        driver = "sapi5" if sys.platform == "win32" else "espeak"
        self.name = f"pyttsx3-{driver}"
        self._host = _host(driver)

    def voices(self) -> list[Voice]:
        return list(self._host.call(self._host.list_voices))

    def synthesize(self, text: str, voice: Voice, rate: int = DEFAULT_RATE) -> bytes:
        # espeak-ng synthesizes on a thread of its own, and now and then pyttsx3 hands back a
        # WAV with no samples (seen once in a full test run). Try up to three times; an empty
        # result after that goes to the caller's "no audio" path.
        for _attempt in range(3):
            data = self._host.call(self._host.synthesize, text, voice.id, rate)
            info = wav_info(data)
            if info is not None and info.frames > 0:
                return data
            log.info("speech: the engine returned no audio; synthesizing again")
        return data

    def warm_up(self) -> None:
        """Load the engine and its voice list now, on the engine thread, without waiting."""
        self._host.thread.submit(self._host.list_voices)

    def describe(self) -> str:
        return f"{self.name}: {self._library}"
