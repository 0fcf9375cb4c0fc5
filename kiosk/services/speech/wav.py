"""Small WAV helpers: parse and validate a WAV, its duration and loudness, make a test tone."""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import dataclass


@dataclass(frozen=True)
class WavInfo:
    """The format and length of one WAV."""

    channels: int
    sample_width: int
    rate: int
    frames: int

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.rate if self.rate else 0.0


def wav_info(data: bytes) -> WavInfo | None:
    """The WAV's format, or None if `data` is not a WAV with at least one frame."""
    try:
        with wave.open(io.BytesIO(data), "rb") as reader:
            info = WavInfo(
                reader.getnchannels(),
                reader.getsampwidth(),
                reader.getframerate(),
                reader.getnframes(),
            )
            # The header can claim more frames than the file holds (truncated file).
            available = len(reader.readframes(info.frames)) // (info.channels * info.sample_width)
    except (wave.Error, EOFError, struct.error, ValueError):
        return None
    if available <= 0 or info.rate <= 0:
        return None
    if available < info.frames:
        return None
    return info


def wav_duration(data: bytes) -> float:
    """Length of a WAV in seconds; 0.0 if it is not a valid WAV."""
    info = wav_info(data)
    return info.duration if info else 0.0


def wav_rms(data: bytes) -> float:
    """Root mean square of a 16-bit WAV's samples, 0–32767 (0.0 for anything else)."""
    with wave.open(io.BytesIO(data), "rb") as reader:
        if reader.getsampwidth() != 2:
            return 0.0
        frames = reader.readframes(reader.getnframes())
    count = len(frames) // 2
    if not count:
        return 0.0
    samples = struct.unpack(f"<{count}h", frames[: count * 2])
    return math.sqrt(sum(s * s for s in samples) / count)


def make_wav(seconds: float, rate: int = 16000, frequency: float = 440.0) -> bytes:
    """A mono 16-bit WAV of a quiet sine tone, `seconds` long (for fakes and tests)."""
    frames = max(1, int(seconds * rate))
    step = 2 * math.pi * frequency / rate
    samples = struct.pack(f"<{frames}h", *(int(3000 * math.sin(i * step)) for i in range(frames)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples)
    return buffer.getvalue()
