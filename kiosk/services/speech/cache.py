"""A size-bounded disk cache of synthesized WAVs, least recently used evicted first.

Only interface, lesson and flow texts go in it: the speaker never passes page text or typed
values here. Keys are sha256 of engine, voice, rate and normalised text, so file names say
nothing about the text. A file's mtime is its last use (atime is unreliable: noatime mounts).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
from pathlib import Path

from kiosk.services.speech.base import SpeechEngine, Voice
from kiosk.services.speech.wav import wav_info

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 1024 * 1024 * 1024  # the whole curriculum in fa and en is ~270 MB of WAV
SUFFIX = ".wav"


def cache_key(engine: str, voice: str, rate: int, text: str) -> str:
    """The key of one utterance: sha256 of engine, voice, rate and normalised text."""
    raw = "\x1f".join((engine, voice, str(int(rate)), text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class SpeechCache:
    """WAV files under `directory`, at most `max_bytes` in total. Safe to use from any thread."""

    def __init__(self, directory: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._size = sum(path.stat().st_size for path in self._entries())
        self.hits = 0
        self.misses = 0  # read by tests (a test seam)

    def _entries(self) -> list[Path]:
        return [p for p in self.directory.glob(f"*{SUFFIX}") if p.is_file()]

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}{SUFFIX}"

    @property
    def size(self) -> int:
        """Bytes of WAV data in the cache now."""
        return self._size

    def __contains__(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> bytes | None:
        """The cached WAV for `key`, or None. A corrupt file is deleted (and logged)."""
        path = self._path(key)
        with self._lock:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                self.misses += 1
                return None
            except OSError as error:
                log.warning("speech cache: cannot read %s: %s", path.name, error)
                self.misses += 1
                return None
            if wav_info(data) is None:
                log.warning("speech cache: corrupt WAV %s deleted; it will be resynthesized", path)
                self._remove(path)
                self.misses += 1
                return None
            with contextlib.suppress(OSError):
                os.utime(path)  # mark as just used, for LRU eviction
            self.hits += 1
            return data

    def put(self, key: str, data: bytes) -> None:
        """Store a WAV (atomically: a reader never sees half a file), then evict to the bound."""
        if wav_info(data) is None:
            log.warning("speech cache: refusing to store an invalid WAV")
            return
        if len(data) > self.max_bytes:
            return
        path = self._path(key)
        with self._lock:
            old = path.stat().st_size if path.exists() else 0
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            except OSError as error:
                Path(tmp).unlink(missing_ok=True)
                log.warning("speech cache: cannot write %s: %s", path.name, error)
                return
            self._size += len(data) - old
            self._evict()

    def _remove(self, path: Path) -> None:
        try:
            size = path.stat().st_size
            path.unlink()
            self._size -= size
        except OSError:
            pass

    def _evict(self) -> None:
        if self._size <= self.max_bytes:
            return
        entries = []
        for path in self._entries():
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime_ns, path))
        entries.sort()
        for _mtime, path in entries:
            if self._size <= self.max_bytes:
                break
            log.debug("speech cache: evicting %s", path.name)
            self._remove(path)

    def clear(self) -> None:
        """Delete every cached WAV."""
        with self._lock:
            for path in self._entries():
                self._remove(path)
            self._size = 0


def render(
    engine: SpeechEngine,
    voice: Voice,
    rate: int,
    text: str,
    cache: SpeechCache | None = None,
) -> tuple[bytes, bool]:
    """WAV bytes of normalised `text`, from `cache` when given and present; (wav, was_cached).

    Pass no cache for text that must never be written to disk.
    """
    key = cache_key(engine.name, voice.id, rate, text) if cache is not None else ""
    if cache is not None:
        data = cache.get(key)
        if data is not None:
            return data, True
    data = engine.synthesize(text, voice, rate)
    if cache is not None:
        cache.put(key, data)
    return data, False
