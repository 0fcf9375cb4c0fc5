"""Builds the app's `Speaker` (the real engine, or a logging stand-in) and the doctor report."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.services.speech.base import LoggingSpeaker, Speaker, SpeechEngine, choose_voice
from kiosk.services.speech.cache import DEFAULT_MAX_BYTES, SpeechCache

log = logging.getLogger(__name__)

CACHE_DIR_NAME = "speech-cache"


def create_engine() -> SpeechEngine:
    """The pyttsx3 engine (espeak-ng or SAPI5). Raises if no speech library can be loaded."""
    from kiosk.services.speech.espeak import Pyttsx3Engine

    return Pyttsx3Engine()


def create_speaker(
    data_dir: Path,
    voices: dict[str, str | None],
    rate: int,
    volume: int,
    *,
    cache_bytes: int = DEFAULT_MAX_BYTES,
    engine: SpeechEngine | None = None,
) -> Speaker:
    """An `EngineSpeaker` caching under `<data_dir>/speech-cache`; a `LoggingSpeaker` if no engine.

    `engine` replaces the platform's engine (tests, benchmarks). Fast: the engine itself is
    loaded in its own thread, not here.
    """
    try:
        engine = engine if engine is not None else create_engine()
    except Exception as error:
        log.warning(
            "speech: no speech engine (%s); the kiosk will show text without speaking", error
        )
        speaker: Speaker = LoggingSpeaker()
    else:
        from kiosk.services.speech.speaker import EngineSpeaker

        try:
            cache: SpeechCache | None = SpeechCache(Path(data_dir) / CACHE_DIR_NAME, cache_bytes)
        except OSError as error:
            log.warning("speech: cache unavailable (%s); synthesizing every time", error)
            cache = None
        speaker = EngineSpeaker(engine, cache, voices)
    speaker.set_rate(rate)
    speaker.set_volume(volume)
    return speaker


def speech_report(voices: dict[str, str | None] | None = None) -> list[str]:
    """Lines for `kiosk doctor`: the speech library in use and the voice for each language."""
    from kiosk.core.languages import LANGUAGES

    try:
        engine = create_engine()
    except Exception as error:
        return [f"speech: NO ENGINE ({error}); text is shown without speech"]
    lines = [f"speech: {engine.describe()}"]
    try:
        available = engine.voices()
        for lang in LANGUAGES:
            voice = choose_voice(available, lang, (voices or {}).get(lang))
            found = f"{voice.id} ({voice.name})" if voice else "NONE (text shown, not spoken)"
            lines.append(f"speech voice {lang}: {found}")
    except Exception as error:
        lines.append(f"speech: engine failed to start ({error})")
    finally:
        engine.close()
    return lines
