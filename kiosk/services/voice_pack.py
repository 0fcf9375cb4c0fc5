"""Voice packs (a trainer's recordings of lesson sentences and flow instructions), the
narration lookup the speaker prefers over synthesis, and the microphone recorder.

A voice pack is a folder `<root>/<pack id>/<voice>/` (the voice: a language code such as
`fa`, or a dialect such as `fa-kurdish`) holding `voice.json`:
`{"pack": id, "language": "fa", "voice": "fa", "recordings": {key: {"file", "text"}}}` and one
16-bit mono WAV per sentence. It is content: copied to another kiosk (beside its lesson packs,
`<lessons>/<pack>/voices/<voice>/`, or into its data dir's `voices/`) it is used there too.
Recordings are written whole (temporary file, fsync, rename; the WAV before the manifest that
names it), so nothing is ever half-saved.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import wave
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from kiosk.core import voice as rules
from kiosk.core.limits import LimitError
from kiosk.core.notices import Notice, NoticeError
from kiosk.core.voice import Sentence
from kiosk.i18n import N_
from kiosk.services.files import read_json, write_atomic

log = logging.getLogger(__name__)

MANIFEST = "voice.json"
RATE = 16000  # Hz, mono, 16-bit: plenty for speech, small files
FLOWS_PACK = "flows"  # the voice pack id of flow instructions


@dataclass(frozen=True)
class Take:
    """One recording not yet kept: 16-bit mono PCM at `rate`."""

    pcm: bytes
    rate: int = RATE

    def wav(self) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as writer:
            writer.setnchannels(1)
            writer.setsampwidth(2)
            writer.setframerate(self.rate)
            writer.writeframes(self.pcm)
        return buffer.getvalue()

    def level(self) -> rules.Level:
        samples = array("h")
        samples.frombytes(self.pcm[: len(self.pcm) // 2 * 2])
        return rules.measure(samples, self.rate)


class VoicePack:
    """One voice's recordings for one lesson pack (or the flows)."""

    def __init__(self, folder: Path, pack_id: str, voice: str, language: str) -> None:
        self.folder = Path(folder)
        self.pack_id, self.voice, self.language = pack_id, voice, language
        self.recordings: dict[str, dict[str, str]] = {}

    @classmethod
    def open(cls, root: Path, pack_id: str, voice: str, language: str) -> VoicePack:
        """The voice pack under `root` (an empty one if none is there yet)."""
        pack = cls(Path(root) / pack_id / voice, pack_id, voice, language)
        found = cls.read(pack.folder)
        if found is not None:
            pack.recordings = found.recordings
        return pack

    @classmethod
    def read(cls, folder: Path) -> VoicePack | None:
        """The voice pack in `folder`, or None if it has no readable manifest (logged)."""
        try:
            data = read_json(folder / MANIFEST, folder)
        except LimitError:
            return None
        try:
            pack = cls(folder, str(data["pack"]), str(data["voice"]), str(data["language"]))
            for key, entry in dict(data["recordings"]).items():
                if isinstance(entry, dict) and isinstance(entry.get("file"), str):
                    pack.recordings[str(key)] = {
                        "file": entry["file"],
                        "text": str(entry.get("text", "")),
                    }
        except (KeyError, TypeError, ValueError, AttributeError):
            log.warning("voice pack %s: manifest damaged; not used", folder.name)
            return None
        return pack

    def recording(self, sentence: Sentence) -> Path | None:
        """The WAV of `sentence`, if it was recorded for exactly this text and is there."""
        entry = self.recordings.get(sentence.key)
        if entry is None or entry["text"] != sentence.text:
            return None
        path = self.folder / entry["file"]
        return path if path.is_file() else None

    def missing(self, sentences: Iterable[Sentence]) -> list[Sentence]:
        """The sentences without a current recording (never recorded, or their text changed)."""
        return [s for s in sentences if self.recording(s) is None]

    def keep(self, sentence: Sentence, take: Take) -> Path:
        """Store `take` as the recording of `sentence` (replacing any before), all or nothing.
        NoticeError if it cannot be written; the pack is then as it was."""
        name = hashlib.sha256(sentence.key.encode()).hexdigest()[:20] + ".wav"
        path = self.folder / name
        recordings = {**self.recordings, sentence.key: {"file": name, "text": sentence.text}}
        manifest = {
            "pack": self.pack_id,
            "voice": self.voice,
            "language": self.language,
            "recordings": recordings,
        }
        old = path.read_bytes() if path.is_file() else None
        try:
            write_atomic(path, take.wav(), 0o600)
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            write_atomic(self.folder / MANIFEST, data, 0o600)
        except OSError as error:
            try:  # the manifest still names the old recording: put it back
                if old is not None:
                    write_atomic(path, old, 0o600)
                elif sentence.key not in self.recordings:
                    path.unlink(missing_ok=True)
            except OSError:
                pass
            raise NoticeError(
                Notice(
                    N_(
                        "The recording could not be saved in {folder} ({reason}); nothing was "
                        "changed. To fix: free some disk space or check that folder, then record "
                        "again."
                    ),
                    {"folder": str(self.folder), "reason": error.strerror or type(error).__name__},
                )
            ) from None
        self.recordings = recordings
        return path


def recordings_root(data_dir: Path) -> Path:
    """Where this kiosk's trainers' recordings are kept: `<data dir>/voices`."""
    return Path(data_dir) / "voices"


def voice_roots(data_dir: Path) -> list[Path]:
    """Every folder voice packs are looked for in: the recordings, then the lesson packs'."""
    from kiosk.services.lessons import lessons_root

    return [recordings_root(data_dir), lessons_root()]


def installed_voices(data_dir: Path) -> Callable[[], list[Path]]:
    """The voice packs installed through content updates (`<data dir>/content/voices/<id>/
    current`), looked up afresh at each `Narration.reload`, so an install or a rollback is heard
    at the next reload without a restart."""
    from kiosk.services.content import installed_folders

    return lambda: installed_folders("voices", data_dir)


class Narration:
    """The recordings the speaker prefers over synthesis: text in a language → WAV file.

    Built from every voice pack under `roots` (each `<root>/<pack>/<voice>/voice.json`), then
    from the voice packs installed through content updates (`installed`: a function listing
    their folders, each one voice with its `voice.json`; see `installed_voices`). A voice named
    like the language wins over a dialect's; on the same text and voice rank, an installed pack
    wins over the folders of `roots` (an update replaces what came before it).
    `reload()` after a recording is kept or a voice pack installed or rolled back: it builds
    the new index and swaps it in one assignment, so a worker thread may call it."""

    def __init__(
        self, roots: Iterable[Path], installed: Callable[[], Iterable[Path]] | None = None
    ) -> None:
        self.roots = [Path(root) for root in roots]
        self.installed = installed
        self._index: dict[tuple[str, str], str] = {}
        self.reload()

    def packs(self) -> list[VoicePack]:
        found = []
        for root in self.roots:
            # <root>/<pack>/<voice>/ (recorded here) or <lessons>/<pack>/voices/<voice>/
            manifests = [*root.glob(f"*/*/{MANIFEST}"), *root.glob(f"*/voices/*/{MANIFEST}")]
            for manifest in sorted(set(manifests)):
                pack = VoicePack.read(manifest.parent)
                if pack is not None:
                    found.append(pack)
        for folder in self.installed() if self.installed is not None else ():
            pack = VoicePack.read(Path(folder))
            if pack is not None:
                found.append(pack)
        return found

    def reload(self) -> None:
        index: dict[tuple[str, str], str] = {}
        # Dialects first, then the language's own voice, so the latter wins on the same text.
        for pack in sorted(self.packs(), key=lambda p: p.voice == p.language):
            for entry in pack.recordings.values():
                path = pack.folder / entry["file"]
                if entry["text"] and path.is_file():
                    index[(pack.language, entry["text"])] = str(path)
        self._index = index
        log.info("narration: %d recorded sentences", len(index))

    def recording(self, lang: str, text: str) -> str | None:
        """The recorded WAV of exactly `text` in `lang`, or None (then it is synthesized)."""
        return self._index.get((lang, str(text)))


# The microphone -----------------------------------------------------------------------------


class AudioInput(QObject):
    """Where a recording's sound comes from: the microphone, or a WAV file in tests.
    `data(bytes)`: 16-bit mono PCM at RATE as it arrives; `lost()`: the device went away."""

    data = Signal(bytes)
    lost = Signal()

    def start(self) -> bool:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class MicrophoneInput(AudioInput):
    """The system's default microphone through QtMultimedia's QAudioSource."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = None
        self._io = None
        self._device_id: bytes | None = None
        self._devices = None

    def start(self) -> bool:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            return False
        audio_format = QAudioFormat()
        audio_format.setSampleRate(RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(audio_format):
            return False
        self._device_id = bytes(device.id().data())
        self._devices = QMediaDevices(self)
        self._devices.audioInputsChanged.connect(self._inputs_changed)
        self._source = QAudioSource(device, audio_format, self)
        self._io = self._source.start()
        if self._io is None:
            return False
        self._io.readyRead.connect(self._read)
        return True

    def _read(self) -> None:
        if self._io is not None:
            chunk = bytes(self._io.readAll().data())
            if chunk:
                self.data.emit(chunk)

    def _inputs_changed(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        ids = {bytes(d.id().data()) for d in QMediaDevices.audioInputs()}
        if self._device_id not in ids:
            self.lost.emit()

    def stop(self) -> None:
        if self._source is not None:
            self._read()
            self._source.stop()
            self._source.deleteLater()
        self._source = self._io = None
        if self._devices is not None:
            self._devices.deleteLater()
            self._devices = None


class WavInput(AudioInput):
    """A WAV file played as if into the microphone, in 100 ms pieces (tests; no audio device
    needed). `lose_after` seconds: the microphone 'disappears' then."""

    def __init__(self, wav: bytes, *, lose_after: float | None = None, parent=None) -> None:
        super().__init__(parent)
        with wave.open(io.BytesIO(wav), "rb") as reader:
            if (reader.getnchannels(), reader.getsampwidth()) != (1, 2):
                raise ValueError("a test microphone is 16-bit mono")
            self.rate = reader.getframerate()
            self._pcm = reader.readframes(reader.getnframes())
        self._at = 0
        self._lose_at = None if lose_after is None else int(lose_after * self.rate) * 2
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self) -> bool:
        self._timer.start()
        return True

    def _tick(self) -> None:
        piece = self.rate // 10 * 2
        if self._lose_at is not None and self._at >= self._lose_at:
            self._timer.stop()
            self.lost.emit()
            return
        chunk = self._pcm[self._at : self._at + piece]
        self._at += len(chunk)
        if chunk:
            self.data.emit(chunk)
        else:
            self._timer.stop()  # the 'speaker' went quiet; the trainer presses Stop

    @property
    def exhausted(self) -> bool:
        return self._at >= len(self._pcm)

    def stop(self) -> None:
        self._timer.stop()


class Recorder(QObject):
    """Records one take from an `AudioInput`: start, stop, then keep it or record again.

    `recorded(Take)` when a good take is ready; `refused(Notice)` when a take is silent,
    clipped, too long (recording stops by itself at the limit) or the microphone went away:
    nothing of that take is kept anywhere."""

    recorded = Signal(object)
    refused = Signal(object)
    state_changed = Signal(str)  # idle, recording

    def __init__(self, make_input: Callable[[], AudioInput] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._make_input = make_input or MicrophoneInput
        self._input: AudioInput | None = None
        self._pcm = bytearray()
        self.take: Take | None = None

    @property
    def recording(self) -> bool:
        return self._input is not None

    def start(self) -> bool:
        """Start recording a new take (the previous unkept take is dropped)."""
        if self._input is not None:
            return False
        self.take = None
        self._pcm = bytearray()
        source = self._make_input()
        source.data.connect(self._data)
        source.lost.connect(self._lost)
        self._input = source
        if not source.start():
            self._end()
            self.refused.emit(
                Notice(
                    N_(
                        "No microphone was found, so nothing can be recorded. To fix: plug a "
                        "microphone in (or switch it on) and press Record again."
                    )
                )
            )
            return False
        self.state_changed.emit("recording")
        return True

    def _data(self, chunk: bytes) -> None:
        self._pcm += chunk
        if len(self._pcm) > rules.MAX_SECONDS * RATE * 2:
            self.stop()  # too long: the take is measured and refused, never kept

    def _lost(self) -> None:
        self._end()
        self.refused.emit(
            Notice(
                N_(
                    "The microphone was disconnected during the recording, so nothing was kept. "
                    "Plug it in again and record the sentence again."
                )
            )
        )

    def _end(self) -> None:
        source, self._input = self._input, None
        if source is not None:
            source.data.disconnect(self._data)
            source.lost.disconnect(self._lost)
            source.stop()
            source.deleteLater()
        self._pcm = bytearray()
        self.state_changed.emit("idle")

    def stop(self) -> None:
        """Stop recording; the take is checked and offered (`recorded`) or refused."""
        if self._input is None:
            return
        self._input.stop()
        take = Take(bytes(self._pcm))
        self._end()
        problem = rules.recording_problem(take.level())
        if problem is not None:
            self.refused.emit(problem)
            return
        self.take = take
        self.recorded.emit(take)

    def discard(self) -> None:
        """Record again: the unkept take is gone."""
        self.take = None

    def cancel(self) -> None:
        """The trainer left: stop without a verdict; nothing of this take is kept."""
        if self._input is not None:
            self._end()
        self.take = None


class Playback(QObject):
    """Plays a WAV file (a take or a kept recording) on the default audio output."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = None
        self._output = None

    def play(self, path: Path) -> bool:
        """Start playing `path`; False if this machine has no audio output to play it on."""
        from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            return False
        if self._player is None:
            self._output = QAudioOutput(device, self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()
        return True

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
