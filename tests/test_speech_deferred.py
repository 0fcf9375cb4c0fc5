"""The deferred speaker: usable before the engine loads, then forwards the whole contract."""

from __future__ import annotations

from pathlib import Path

from kiosk.authored import Authored
from kiosk.services.speech.base import DEFAULT_VOLUME, LoggingSpeaker, Voice
from kiosk.services.speech.deferred import DeferredSpeaker
from tests.fake_engine import FakeEngine
from tests.speech_fixtures import make_speaker_fixture  # noqa: F401 - fixture

WAIT = 5000  # ms


def test_speech_asked_before_the_engine_arrives_is_spoken_when_it_does(qapp):
    deferred = DeferredSpeaker()
    deferred.say(Authored("first"), "en")
    deferred.say("second", "en")
    deferred.set_volume(30)
    deferred.set_rate(120)
    deferred.set_voice("fa", "b/fa")
    real = LoggingSpeaker()
    captions = []
    deferred.speaking.connect(captions.append)
    deferred.attach(real)
    assert [u.text for u in real.history] == ["second"]
    assert real.history[0].cacheable is False
    assert (real.volume, real.rate, real.voice("fa")) == (30, 120, "b/fa")
    assert captions == ["second"]


def test_after_attach_everything_is_forwarded(qapp):
    deferred = DeferredSpeaker()
    real = LoggingSpeaker()
    deferred.attach(real)
    deferred.say(Authored("hello"), "fa", say=Authored("سلام"))
    deferred.repeat()
    assert [u.say for u in real.history] == ["سلام", "سلام"]
    assert all(u.cacheable for u in real.history)  # the texts' origin came through
    deferred.set_volume(55)
    assert real.volume == 55
    deferred.reset_volume()
    assert real.volume == DEFAULT_VOLUME
    deferred.set_rate(140)
    assert real.rate == 140
    deferred.set_voice("en", "some/voice")
    assert real.voice("en") == "some/voice"
    deferred.set_voice("en", "")
    assert real.voice("en") is None


def test_stop_before_attach_drops_the_pending_utterance(qapp):
    deferred = DeferredSpeaker()
    deferred.say("never", "en")
    deferred.stop()
    real = LoggingSpeaker()
    deferred.attach(real)
    assert real.history == []


def test_over_the_engine_a_voice_change_applies_to_the_next_utterance(make_speaker, qtbot):
    voices = [Voice("a/fa", "A", ("fa",), quality=5), Voice("b/fa", "B", ("fa",))]
    engine = FakeEngine(voices)
    real, _probe = make_speaker(engine)
    deferred = DeferredSpeaker()
    deferred.set_voice("fa", "b/fa")  # from the settings, before the engine loaded
    deferred.attach(real)
    with qtbot.waitSignal(deferred.finished, timeout=WAIT):
        deferred.say("سلام", "fa")
    deferred.set_voice("fa", "a/fa")  # changed in Settings while the kiosk runs
    with qtbot.waitSignal(deferred.finished, timeout=WAIT):
        deferred.say("سلام", "fa")
    assert [call[1] for call in engine.calls] == ["b/fa", "a/fa"]


def test_over_the_engine_only_authored_text_is_cached(make_speaker, qtbot, tmp_path: Path):
    engine = FakeEngine()
    real, _probe = make_speaker(engine)
    deferred = DeferredSpeaker()
    deferred.attach(real)
    for text in (Authored("Choose a service."), "Your code is 48213."):
        with qtbot.waitSignal(deferred.finished, timeout=WAIT):
            deferred.say(text, "en")
    cached = [p.read_bytes() for p in (tmp_path / "speech-cache").glob("*.wav")]
    assert len(cached) == 1 and b"Choose a service" in cached[0]  # the fake engine's note
    assert len(engine.said()) == 2 and engine.said()[0] == "Choose a service."


def test_shutdown_ends_the_engine_speaker(make_speaker, qtbot):
    real, _probe = make_speaker(FakeEngine())
    deferred = DeferredSpeaker()
    deferred.attach(real)
    deferred.shutdown()
    assert not real._worker.is_alive()
