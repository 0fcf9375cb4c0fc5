"""Plays one WAV (bytes) or audio file with QtMultimedia, or just waits its length with no device.

QtMultimedia is imported on the first `play`, not at start-up. With no audio output (no
device, headless, or QtMultimedia itself missing a system library such as libpulse) the
player waits for the audio's duration with a QTimer and then reports `done`, so the caller
behaves the same with and without sound.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QObject, QTimer, QUrl, Signal

log = logging.getLogger(__name__)


class AudioPlayer(QObject):
    """One audio clip at a time; `done` when it has played (never after `stop`)."""

    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend: Any = None  # (QMediaPlayer, QAudioOutput) once loaded
        self._loaded = False
        self._buffer: QBuffer | None = None
        self._volume = 0.8
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._finish)
        self._playing = False
        self._fallback_ms = 0

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
        except ImportError as error:
            log.warning("speech: QtMultimedia unavailable (%s); text is shown, not heard", error)
            return
        if not QMediaDevices.audioOutputs():
            log.warning("speech: no audio output device; text is shown, not heard")
            return
        output = QAudioOutput(self)
        player = QMediaPlayer(self)
        player.setAudioOutput(output)
        player.mediaStatusChanged.connect(self._on_status)
        player.errorOccurred.connect(self._on_error)
        self._backend = (player, output)
        self._apply_volume()

    def play(self, duration: float, *, data: bytes | None = None, path: str | None = None) -> None:
        """Play WAV `data` (or the file at `path`) of `duration` seconds; `done` at its end."""
        self.stop()
        self._load()
        self._playing = True
        self._fallback_ms = max(1, int(duration * 1000))
        if self._backend is None:
            self._timer.start(self._fallback_ms)
            return
        player, _output = self._backend
        if data is not None:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(data))
            self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
            player.setSourceDevice(self._buffer, QUrl("speech.wav"))
        else:
            player.setSource(QUrl.fromLocalFile(path or ""))
        player.play()

    def stop(self) -> None:
        """Stop at once; no `done` follows."""
        self._playing = False
        self._timer.stop()
        if self._backend is not None:
            player, _output = self._backend
            player.stop()
            player.setSourceDevice(None)
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def set_volume(self, percent: int) -> None:
        """Volume 0–100 %, perceptual (logarithmic) scale, effective at once."""
        self._volume = max(0, min(100, percent)) / 100
        self._apply_volume()

    def _apply_volume(self) -> None:
        if self._backend is None:
            return
        from PySide6.QtMultimedia import QtAudio

        _player, output = self._backend
        scale = QtAudio.VolumeScale
        output.setVolume(
            QtAudio.convertVolume(
                self._volume, scale.LogarithmicVolumeScale, scale.LinearVolumeScale
            )
        )

    def _finish(self) -> None:
        if self._playing:
            self._playing = False
            self.done.emit()

    def _on_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._finish()

    def _on_error(self, _error: Any, message: str) -> None:
        if not self._playing:
            return
        log.warning("speech: playback failed (%s); waiting the audio's length instead", message)
        self._timer.start(self._fallback_ms)
