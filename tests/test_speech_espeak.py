"""Real speech: espeak-ng through pyttsx3 speaks Persian and English, without blocking the UI.

The WAVs are written to tests/artifacts/speech/ (git-ignored) so a person can listen to them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from kiosk.core.speech_text import normalise
from kiosk.services.speech.base import choose_voice
from kiosk.services.speech.espeak import Pyttsx3Engine, words_per_minute
from kiosk.services.speech.factory import speech_report
from kiosk.services.speech.wav import wav_info
from tests.speech_fixtures import ARTIFACTS, GatedEngine, make_speaker_fixture  # noqa: F401
from tests.wav_tools import wav_rms

pytestmark = pytest.mark.slow

SENTENCES = {
    "fa": "لطفاً کد ملی ۰۰۱۲۳۴۵۶۷۸ را وارد کنید و روی دکمه ادامه بزنید.",
    "en": "Please enter your national ID and press the Continue button now.",
}


@pytest.fixture(scope="module")
def engine() -> Pyttsx3Engine:
    return Pyttsx3Engine()


def _save(name: str, data: bytes) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(data)
    return path


def test_library_and_voices(engine: Pyttsx3Engine) -> None:
    assert "espeak" in engine.describe()
    voices = engine.voices()
    assert choose_voice(voices, "fa").id == "ira/fa"  # not fa-latn ("Pinglish")
    assert choose_voice(voices, "en").id == "gmw/en"
    assert choose_voice(voices, "xx") is None


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_real_sentence_is_audible_and_plausibly_long(engine: Pyttsx3Engine, lang: str) -> None:
    voice = choose_voice(engine.voices(), lang)
    assert voice is not None
    data = engine.synthesize(normalise(SENTENCES[lang], lang), voice, 100)
    _save(f"sentence-{lang}.wav", data)
    info = wav_info(data)
    assert info is not None
    assert 0.5 <= info.duration <= 20.0
    assert wav_rms(data) > 300  # silence is ~0; espeak speech is in the thousands


def test_rate_changes_length(engine: Pyttsx3Engine) -> None:
    voice = choose_voice(engine.voices(), "fa")
    text = normalise(SENTENCES["fa"], "fa")
    slow = wav_info(engine.synthesize(text, voice, 50))
    fast = wav_info(engine.synthesize(text, voice, 200))
    assert slow and fast and slow.duration > fast.duration * 1.5
    assert words_per_minute(50) < words_per_minute(100) < words_per_minute(200)


def test_synthesis_leaves_no_files(engine: Pyttsx3Engine, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    voice = choose_voice(engine.voices(), "fa")
    engine.synthesize("شماره کارت شما", voice, 100)
    assert not list(tmp_path.iterdir())


def test_doctor_report_names_library_and_voices() -> None:
    lines = speech_report()
    assert any("espeakng-loader" in line or "system libespeak-ng" in line for line in lines)
    assert any(line.startswith("speech voice fa: ira/fa") for line in lines)
    assert any(line.startswith("speech voice en: gmw/en") for line in lines)


def test_speaking_a_long_sentence_does_not_block_the_event_loop(
    engine: Pyttsx3Engine, make_speaker, qtbot
) -> None:
    gated = GatedEngine(engine)
    speaker, probe = make_speaker(gated)
    ticks_while_synthesizing = 0

    def tick() -> None:
        nonlocal ticks_while_synthesizing
        if gated.busy.is_set():
            ticks_while_synthesizing += 1
            if ticks_while_synthesizing >= 5:
                gated.gate.set()  # let the real synthesis run only after the loop proved alive

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    long_sentence = " ".join([SENTENCES["fa"]] * 4).replace(".", "،")
    with qtbot.waitSignal(speaker.audio_started, timeout=20000) as started:
        speaker.say(long_sentence, "fa")  # a plain str: not cached
    timer.stop()
    assert ticks_while_synthesizing >= 5
    assert started.args[0] > 2.0  # seconds of Persian speech
    assert probe.speaking == [long_sentence]
    speaker.stop()


def test_alternating_rates_and_voices_never_lose_a_setting(engine: Pyttsx3Engine) -> None:
    """espeak-ng runs parameter changes on its own thread: pyttsx3 alone loses some of them."""
    voices = {lang: choose_voice(engine.voices(), lang) for lang in ("fa", "en")}
    texts = {"fa": "یک دو سه چهار پنج شش", "en": "one two three four five six"}
    lengths: dict[tuple[str, int], set[int]] = {}
    for _ in range(15):
        for rate in (50, 200, 100):
            for lang, voice in voices.items():
                info = wav_info(engine.synthesize(texts[lang], voice, rate))
                assert info is not None
                lengths.setdefault((lang, rate), set()).add(info.frames // 2205)  # 0.1 s
    for lang in voices:
        assert all(len(lengths[(lang, rate)]) <= 2 for rate in (50, 100, 200))  # stable
        assert max(lengths[(lang, 200)]) < min(lengths[(lang, 100)]) < max(lengths[(lang, 50)])
