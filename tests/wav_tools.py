"""WAV helpers for tests and the fake engine: a test tone and the loudness of a recording."""

from __future__ import annotations

import io
import math
import struct
import wave


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
    """A mono 16-bit WAV of a quiet sine tone, `seconds` long."""
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
