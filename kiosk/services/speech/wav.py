"""Small WAV helpers: parse and validate a WAV and learn its format and duration."""

from __future__ import annotations

import io
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
