"""Tests of the WAV disk cache: hit, miss, LRU eviction, corrupt files, and the render helper."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kiosk.services.speech.cache import SpeechCache, cache_key, render
from kiosk.services.speech.wav import wav_info
from tests.fake_engine import FakeEngine
from tests.wav_tools import make_wav


def test_key_depends_on_engine_voice_rate_and_text() -> None:
    base = cache_key("pyttsx3-espeak", "ira/fa", 100, "سلام")
    assert len(base) == 64
    assert base == cache_key("pyttsx3-espeak", "ira/fa", 100, "سلام")
    others = {
        cache_key("fake", "ira/fa", 100, "سلام"),
        cache_key("pyttsx3-espeak", "gmw/en", 100, "سلام"),
        cache_key("pyttsx3-espeak", "ira/fa", 120, "سلام"),
        cache_key("pyttsx3-espeak", "ira/fa", 100, "سلام!"),
    }
    assert base not in others and len(others) == 4


def test_miss_then_hit(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    wav = make_wav(0.1)
    assert cache.get("k" * 64) is None
    cache.put("k" * 64, wav)
    assert cache.get("k" * 64) == wav
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.size == len(wav)
    assert SpeechCache(tmp_path).size == len(wav)  # size survives a restart


def test_lru_eviction_keeps_the_recently_used(tmp_path: Path) -> None:
    wav = make_wav(0.1)
    cache = SpeechCache(tmp_path, max_bytes=len(wav) * 3)
    for n, key in enumerate("abc"):
        cache.put(key, wav)
        os.utime(tmp_path / f"{key}.wav", (1000 + n, 1000 + n))  # a older than b older than c
    assert cache.get("a") == wav  # "a" is now the most recently used
    cache.put("d", wav)
    assert sorted(p.stem for p in tmp_path.glob("*.wav")) == ["a", "c", "d"]
    assert cache.size <= cache.max_bytes


def test_corrupt_file_is_deleted_and_resynthesized(tmp_path: Path, caplog) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path)
    voice = engine.voices()[0]
    data, cached = render(engine, voice, 100, "سلام", cache)
    assert not cached and wav_info(data) is not None
    path = next(tmp_path.glob("*.wav"))
    path.write_bytes(data[:60])  # truncated: the header promises more frames than there are
    with caplog.at_level(logging.WARNING):
        again, cached = render(engine, voice, 100, "سلام", cache)
    assert not cached and wav_info(again) is not None
    assert "corrupt" in caplog.text
    assert len(engine.calls) == 2
    path.write_bytes(b"not a wav at all")
    assert cache.get(path.stem) is None and not path.exists()
    _again, cached = render(engine, voice, 100, "سلام", cache)
    _again, cached = render(engine, voice, 100, "سلام", cache)
    assert cached


def test_zero_frame_wav_is_invalid(tmp_path: Path) -> None:
    empty = make_wav(0.1)[:44]  # header only
    assert wav_info(empty) is None
    cache = SpeechCache(tmp_path)
    cache.put("e", empty)
    assert not list(tmp_path.glob("*"))


def test_render_without_cache_writes_nothing(tmp_path: Path) -> None:
    engine = FakeEngine()
    data, cached = render(engine, engine.voices()[0], 100, "0012345678")
    info = wav_info(data)
    assert not cached and info is not None and info.duration > 0
    assert not list(tmp_path.iterdir())


def test_clear(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    cache.put("a", make_wav(0.1))
    cache.clear()
    assert cache.size == 0 and not list(tmp_path.glob("*.wav"))
