"""Tests of EngineSpeaker with a FakeEngine: interrupt, stop, repeat, volume, rate, privacy."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk.authored import Authored, compose
from kiosk.core.speech_text import normalise
from kiosk.services.speech.base import DEFAULT_VOLUME, LoggingSpeaker, Voice
from kiosk.services.speech.cache import cache_key
from kiosk.services.speech.factory import create_speaker
from tests.fake_engine import FakeEngine
from tests.speech_fixtures import GatedEngine, make_speaker_fixture  # noqa: F401 - fixture
from tests.wav_tools import make_wav

WAIT = 5000  # ms: generous; nothing here should take more than a fraction of it


def test_say_speaks_normalised_text_and_finishes(make_speaker, qtbot) -> None:
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("کد ملی ۰۰۱۲۳۴۵۶۷۸ را وارد کنید", "fa")
    assert probe.speaking == ["کد ملی ۰۰۱۲۳۴۵۶۷۸ را وارد کنید"]
    assert engine.calls == [(normalise("کد ملی ۰۰۱۲۳۴۵۶۷۸ را وارد کنید", "fa"), "fake/fa", 100)]
    assert probe.finished == 1


def test_say_returns_before_synthesis(make_speaker, qtbot) -> None:
    gated = GatedEngine(FakeEngine())
    speaker, probe = make_speaker(gated)
    speaker.say("Hello", "en")  # would hang here if say() waited for the engine
    assert probe.speaking == []
    gated.gate.set()
    qtbot.waitUntil(lambda: probe.finished == 1, timeout=WAIT)
    assert probe.speaking == ["Hello"]


def test_new_utterance_interrupts_old(make_speaker, qtbot) -> None:
    engine = FakeEngine(delay=0.2)
    speaker, probe = make_speaker(engine)
    speaker.say("first sentence", "en")
    speaker.say("second sentence", "en")
    qtbot.waitUntil(lambda: probe.speaking == ["second sentence"], timeout=WAIT)
    qtbot.waitUntil(lambda: probe.finished == 2, timeout=WAIT)  # first interrupted, second done
    qtbot.wait(300)  # the first job's late result must be dropped, not played
    assert probe.speaking == ["second sentence"]
    assert probe.finished == 2


def test_stop_during_synthesis(make_speaker, qtbot) -> None:
    engine = FakeEngine(delay=0.3)
    speaker, probe = make_speaker(engine)
    speaker.say("a long instruction", "en")
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.stop()
    qtbot.wait(500)
    assert probe.speaking == []
    assert probe.finished == 1
    speaker.stop()  # stopping when silent is harmless
    assert probe.finished == 1


def test_stop_during_playback(make_speaker, qtbot) -> None:
    speaker, probe = make_speaker(FakeEngine(seconds_per_char=0.05))
    with qtbot.waitSignal(speaker.speaking, timeout=WAIT):
        speaker.say("a sentence that plays for a while", "en")
    speaker.stop()
    assert probe.finished == 1
    qtbot.wait(300)
    assert probe.finished == 1


def test_repeat_uses_cache(make_speaker, qtbot) -> None:
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say(Authored("Press Next"), "en")
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.repeat()
    assert probe.speaking == ["Press Next", "Press Next"]
    assert len(engine.calls) == 1  # the repeat came from the cache
    assert speaker.cache is not None and speaker.cache.hits == 1


def test_repeat_with_nothing_said_does_nothing(make_speaker, qtbot) -> None:
    speaker, probe = make_speaker()
    speaker.repeat()
    qtbot.wait(100)
    assert probe.speaking == [] and probe.finished == 0


def test_volume_is_clamped_and_reset(make_speaker) -> None:
    speaker, _probe = make_speaker()
    speaker.set_volume(150)
    assert speaker.volume == 100
    speaker.set_volume(-5)
    assert speaker.volume == 0
    speaker.reset_volume()
    assert speaker.volume == DEFAULT_VOLUME


def test_rate_is_clamped_and_used_for_the_next_utterance(make_speaker, qtbot) -> None:
    engine = FakeEngine()
    speaker, _probe = make_speaker(engine)
    speaker.set_rate(300)
    assert speaker.rate == 200
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("fast", "en")
    speaker.set_rate(10)
    assert speaker.rate == 50
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("fast", "en")
    assert [call[2] for call in engine.calls] == [200, 50]  # rate is part of the cache key


def test_configured_voice_wins(make_speaker, qtbot) -> None:
    voices = [Voice("a/fa", "A", ("fa",), quality=5), Voice("b/fa", "B", ("fa",))]
    engine = FakeEngine(voices)
    speaker, _probe = make_speaker(engine, voices={"fa": "b/fa"})
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("سلام", "fa")
    assert engine.calls[0][1] == "b/fa"


def test_a_voice_change_is_used_from_the_next_utterance(make_speaker, qtbot) -> None:
    voices = [Voice("a/fa", "A", ("fa",), quality=5), Voice("b/fa", "B", ("fa",))]
    engine = FakeEngine(voices)
    speaker, _probe = make_speaker(engine)
    for voice_id in (None, "b/fa", "", "no-such-voice"):
        speaker.set_voice("fa", voice_id)
        with qtbot.waitSignal(speaker.finished, timeout=WAIT):
            speaker.say("سلام", "fa")  # not authored: synthesized every time
    # The best voice, the chosen one, the best again; an unknown id falls back to the best.
    assert [call[1] for call in engine.calls] == ["a/fa", "b/fa", "a/fa", "a/fa"]
    assert speaker.voice("fa") == "no-such-voice"


def test_no_voice_gives_notice_and_still_shows_text(make_speaker, qtbot) -> None:
    engine = FakeEngine([Voice("fake/fa", "Fake Persian", ("fa",))])
    speaker, probe = make_speaker(engine)
    with qtbot.waitSignal(speaker.finished, timeout=20000):
        speaker.say("Welcome", "en")
    assert probe.speaking == ["Welcome"]
    assert len(probe.notices) == 1 and "English" in probe.notices[0]
    assert engine.calls == []


def test_engine_failure_gives_notice_and_shows_text(make_speaker, qtbot, caplog) -> None:
    speaker, probe = make_speaker(FakeEngine(fail=True))
    with qtbot.waitSignal(speaker.finished, timeout=20000):
        speaker.say("Welcome", "en")
    assert probe.speaking == ["Welcome"]
    assert probe.notices and "synthesis failed" in caplog.text


def test_text_of_unknown_origin_never_reaches_disk(make_speaker, qtbot, tmp_path: Path) -> None:
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    secret = "کد ملی شما ۰۰۱۲۳۴۵۶۷۸ است"  # a plain str: page text, typed, or unknown
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say(secret, "fa")
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.repeat()
    assert probe.speaking == [secret, secret]
    assert len(engine.calls) == 2  # synthesized again: nothing was kept
    spoken = normalise(secret, "fa")
    key = cache_key(engine.name, "fake/fa", 100, spoken)
    needles = [
        secret.encode(),
        spoken.encode(),
        "۰۰۱۲۳۴۵۶۷۸".encode(),
        b"0012345678",
        key.encode(),
        hashlib.sha256(spoken.encode()).hexdigest().encode(),
    ]
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix == ".wav"]
    for path in files:
        data = path.read_bytes()
        assert not any(needle in data or needle in path.name.encode() for needle in needles)


def test_authored_text_is_cached(make_speaker, qtbot, tmp_path: Path) -> None:
    engine = FakeEngine()
    speaker, _probe = make_speaker(engine)
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say(Authored("Choose a service"), "en")
    assert len(list((tmp_path / "speech-cache").glob("*.wav"))) == 1
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say(Authored("Choose a service"), "en")
    assert len(engine.calls) == 1  # the second time from the cache


def test_authored_text_mixed_with_other_text_is_not_cached(
    make_speaker, qtbot, tmp_path: Path
) -> None:
    engine = FakeEngine()
    speaker, _probe = make_speaker(engine)
    message = "Your code is 48213."  # what a page said
    for text in (
        f"{Authored('The page says:')} {message}",
        Authored("The page says: {message}").format(message=message),
        Authored("The page says: ") + message,
        compose(Authored("The page says:"), message),
    ):
        with qtbot.waitSignal(speaker.finished, timeout=WAIT):
            speaker.say(text, "en")
    # The override is what is synthesized: authored text said as page text is private too.
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say(Authored("The page says"), "en", say=message)
    assert len(engine.calls) == 5  # each synthesized: nothing came from a cache
    assert list((tmp_path / "speech-cache").glob("*.wav")) == []


def test_recorded_audio_is_played_instead_of_synthesis(make_speaker, qtbot, tmp_path) -> None:
    recording = tmp_path / "step1.wav"
    recording.write_bytes(make_wav(0.2))
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("Welcome", "en", audio=str(recording))
    assert probe.speaking == ["Welcome"]
    assert engine.calls == []


def test_missing_recorded_audio_is_logged_and_synthesized(
    make_speaker, qtbot, tmp_path, caplog
) -> None:
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    with caplog.at_level(logging.WARNING), qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("Welcome", "en", audio=str(tmp_path / "missing.wav"))
    assert "missing" in caplog.text
    assert probe.speaking == ["Welcome"]
    assert engine.calls == [("Welcome", "fake/en", 100)]


def test_say_override_is_synthesized_but_text_is_shown(make_speaker, qtbot) -> None:
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    with qtbot.waitSignal(speaker.finished, timeout=WAIT):
        speaker.say("خانه ما", "fa", say="خانه‌ی ما")
    assert probe.speaking == ["خانه ما"]
    assert engine.calls[0][0] == "خانه\u200cی ما"


def test_empty_and_emoji_text_are_skipped(make_speaker, qtbot, caplog) -> None:
    engine = FakeEngine()
    speaker, probe = make_speaker(engine)
    with caplog.at_level(logging.INFO):
        for text in ["", "   ", "🙂👍", "!!!؟"]:
            speaker.say(text, "fa")
    qtbot.wait(200)
    assert probe.speaking == [] and probe.finished == 0 and engine.calls == []
    assert "nothing" in caplog.text


def test_long_text_plays_as_sentences_in_order(make_speaker, qtbot) -> None:
    engine = FakeEngine(seconds_per_char=0.0002)
    speaker, probe = make_speaker(engine)
    sentence = "گام {n}: برای ادامه، شماره همراه خود را وارد کنید و دکمه بعدی را بزنید. "
    text = "".join(sentence.format(n=n) for n in range(1, 80))
    assert len(text) >= 5000
    with qtbot.waitSignal(speaker.finished, timeout=20000):
        speaker.say(text, "fa")
    assert probe.speaking == [text]
    assert probe.finished == 1
    assert len(engine.calls) >= 5000 // 300
    assert all(len(call[0]) <= 300 for call in engine.calls)


def test_event_loop_keeps_running_while_fake_engine_synthesizes(make_speaker, qtbot) -> None:
    engine = FakeEngine(delay=0.5)
    speaker, probe = make_speaker(engine)
    ticks_during_synthesis = 0

    def tick() -> None:
        nonlocal ticks_during_synthesis
        if not probe.speaking:  # audio not ready yet: still synthesizing
            ticks_during_synthesis += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    speaker.say("a sentence that takes half a second to synthesize", "en")
    qtbot.waitUntil(lambda: probe.finished == 1, timeout=WAIT)
    timer.stop()
    assert ticks_during_synthesis > 1


def test_factory_builds_an_engine_speaker_or_falls_back(qapp, tmp_path, monkeypatch, caplog):
    speaker = create_speaker(tmp_path, {"fa": None, "en": None}, rate=120, volume=60)
    try:
        assert speaker.rate == 120 and speaker.volume == 60
        assert (tmp_path / "speech-cache").is_dir()
    finally:
        speaker.shutdown()

    def broken() -> None:
        raise RuntimeError("no libespeak-ng")

    monkeypatch.setattr("kiosk.services.speech.factory.create_engine", broken)
    with caplog.at_level(logging.WARNING):
        fallback = create_speaker(tmp_path, {}, rate=100, volume=80)
    assert isinstance(fallback, LoggingSpeaker)
    assert "no speech engine" in caplog.text
