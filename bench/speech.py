"""Speech latency: request to first audio buffer ready (uncached, cached) and prerender speed.

Run: .venv/bin/python bench/speech.py — prints a table, then one line of JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from kiosk.authored import Authored
from kiosk.commands.tts import prerender
from kiosk.services.speech.cache import SpeechCache
from kiosk.services.speech.espeak import Pyttsx3Engine
from kiosk.services.speech.speaker import EngineSpeaker

# 15 words.
SENTENCE = "لطفاً شماره همراه خود را وارد کنید و سپس برای دریافت کد تأیید دکمه ادامه را بزنید"
RUNS = 20


def _time_to_first_audio(speaker: EngineSpeaker, text: str, cacheable: bool) -> float:
    """Milliseconds from `say` to the first clip ready to play (the `audio_started` signal).

    `cacheable`: say it as authored text (interface, lessons), which the speech cache keeps."""
    loop = QEventLoop()
    stamp: list[float] = []

    def started(_seconds: float) -> None:
        stamp.append(time.perf_counter())
        loop.quit()

    speaker.audio_started.connect(started)
    QTimer.singleShot(10_000, loop.quit)
    begin = time.perf_counter()
    speaker.say(Authored(text) if cacheable else text, "fa")
    if not stamp:
        loop.exec()
    speaker.audio_started.disconnect(started)
    speaker.stop()
    if not stamp:
        raise RuntimeError("no audio within 10 s")
    return (stamp[0] - begin) * 1000


def main() -> int:
    app = QCoreApplication.instance() or QCoreApplication([])
    engine = Pyttsx3Engine()
    engine.voices()  # load the engine before timing
    with tempfile.TemporaryDirectory() as tmp:
        cache = SpeechCache(Path(tmp) / "speech-cache")
        speaker = EngineSpeaker(engine, cache)
        _time_to_first_audio(speaker, "آماده", True)  # warm up
        # Uncached: each run a different text (a number changes) so nothing is reused.
        uncached = [
            _time_to_first_audio(speaker, f"{SENTENCE} {n}", cacheable=False) for n in range(RUNS)
        ]
        _time_to_first_audio(speaker, SENTENCE, cacheable=True)  # fills the cache
        cached = [_time_to_first_audio(speaker, SENTENCE, cacheable=True) for _ in range(RUNS)]
        texts = [("fa", f"{SENTENCE} شماره {n}") for n in range(100)]
        fresh = SpeechCache(Path(tmp) / "prerender")
        with open(os.devnull, "w") as quiet:
            begin = time.perf_counter()
            prerender(texts, engine, fresh, {}, 100, out=quiet)
            prerender_s = time.perf_counter() - begin
        speaker.shutdown()
    del app
    figures = {
        "speech_uncached_ms": round(statistics.median(uncached), 1),
        "speech_cached_ms": round(statistics.median(cached), 1),
        "prerender_per_100_s": round(prerender_s, 2),
    }
    print(f"{engine.describe()}")
    print(f"{'measure':<44}{'median':>10}{'min':>10}{'max':>10}{'target':>10}")
    rows = [
        ("request -> first audio, uncached (ms)", uncached, "<=150"),
        ("request -> first audio, cached (ms)", cached, "<=20"),
    ]
    for name, values, target in rows:
        print(
            f"{name:<44}{statistics.median(values):>10.1f}{min(values):>10.1f}"
            f"{max(values):>10.1f}{target:>10}"
        )
    print(f"{'prerender, 100 sentences (s)':<44}{prerender_s:>10.2f}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
