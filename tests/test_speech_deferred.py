"""The deferred speaker: usable before the engine loads, then forwards everything."""

from __future__ import annotations

from kiosk.services.speech.base import LoggingSpeaker
from kiosk.services.speech.deferred import DeferredSpeaker


def test_speech_asked_before_the_engine_arrives_is_spoken_when_it_does(qapp):
    deferred = DeferredSpeaker()
    deferred.say("first", "en")
    deferred.say("second", "en", cacheable=False)
    deferred.set_volume(30)
    deferred.set_rate(120)
    real = LoggingSpeaker()
    captions = []
    deferred.speaking.connect(captions.append)
    deferred.attach(real)
    assert [u.text for u in real.history] == ["second"]
    assert real.history[0].cacheable is False
    assert (real.volume, real.rate) == (30, 120)
    assert captions == ["second"]


def test_after_attach_everything_is_forwarded(qapp):
    deferred = DeferredSpeaker()
    real = LoggingSpeaker()
    deferred.attach(real)
    deferred.say("hello", "fa", say="سلام")
    deferred.repeat()
    deferred.set_volume(55)
    deferred.reset_volume()
    assert [u.say for u in real.history] == ["سلام", "سلام"]
    assert real.volume == 80


def test_stop_before_attach_drops_the_pending_utterance(qapp):
    deferred = DeferredSpeaker()
    deferred.say("never", "en")
    deferred.stop()
    real = LoggingSpeaker()
    deferred.attach(real)
    assert real.history == []
