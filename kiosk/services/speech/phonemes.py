"""Phonemes of text as espeak-ng reads it (its `-x` output), from the library the kiosk speaks with.

The same libespeak-ng that pyttsx3 drives (the system one, else the `espeakng-loader` wheel's)
is asked through `espeak_TextToPhonemes`. espeak-ng initialises once per process and pyttsx3
owns it in the kiosk, so the phonemes come from a child process of their own
(`python -m kiosk.services.speech.phonemes`): a JSON list of texts on stdin, a JSON list of
phoneme strings on stdout (clauses joined by " | "; words by spaces, as `espeak-ng -x`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import subprocess
import sys
from collections.abc import Sequence

CHILD_TIMEOUT = 300.0  # seconds for a whole batch; a sentence takes well under a millisecond
_CHARS_UTF8 = 1
_AUDIO_OUTPUT_SYNCHRONOUS = 2
CLAUSE_SEPARATOR = " | "


class PhonemesUnavailable(RuntimeError):
    """No libespeak-ng (or no voice for the language) to ask for phonemes."""


def _library() -> tuple[str, bytes | None]:
    """The path of the libespeak-ng the kiosk uses, and its data path (None: its default)."""
    if sys.platform == "win32":
        raise PhonemesUnavailable("phonemes need libespeak-ng; Windows speaks through SAPI5")
    system = ctypes.util.find_library("espeak-ng")
    if system:
        return system, None
    try:
        import espeakng_loader
    except ImportError as error:
        raise PhonemesUnavailable("no libespeak-ng and no espeakng-loader") from error
    return espeakng_loader.get_library_path(), espeakng_loader.get_data_path().encode()


class _Espeak:
    """libespeak-ng in this process, for phonemes only (never used where pyttsx3 runs)."""

    def __init__(self, voice: str) -> None:
        path, data = _library()
        try:
            self.lib = ctypes.CDLL(path)
        except OSError as error:
            raise PhonemesUnavailable(f"{path}: {error}") from error
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p]
        self.lib.espeak_Initialize.argtypes += [ctypes.c_int]
        if self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0) < 0:
            raise PhonemesUnavailable(f"{path}: espeak_Initialize failed")
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise PhonemesUnavailable(f"espeak-ng has no voice {voice!r}")
        self.lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self.lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]

    def phonemes(self, text: str) -> str:
        buffer = ctypes.create_string_buffer(text.encode("utf-8"))
        pointer = ctypes.c_void_p(ctypes.addressof(buffer))
        clauses: list[str] = []
        while pointer.value:
            result = self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, 0)
            if result is None:
                break
            clause = result.decode("utf-8", "replace").strip()
            if clause:
                clauses.append(clause)
        return CLAUSE_SEPARATOR.join(clauses)


def phonemes(texts: Sequence[str], voice: str = "fa") -> list[str]:
    """espeak-ng's phonemes for each text, computed in a child process."""
    if not texts:
        return []
    command = [sys.executable, "-m", "kiosk.services.speech.phonemes", voice]
    try:
        done = subprocess.run(
            command,
            input=json.dumps(list(texts)),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=CHILD_TIMEOUT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PhonemesUnavailable(f"the phoneme process failed: {error}") from error
    if done.returncode != 0:
        raise PhonemesUnavailable(done.stderr.strip().splitlines()[-1] if done.stderr else "?")
    result = json.loads(done.stdout)
    if len(result) != len(texts):
        raise PhonemesUnavailable("the phoneme process answered a different number of texts")
    return [str(r) for r in result]


def _main() -> int:
    voice = sys.argv[1] if len(sys.argv) > 1 else "fa"
    try:
        texts = json.load(sys.stdin)
        espeak = _Espeak(voice)
    except (PhonemesUnavailable, ValueError) as error:
        print(f"phonemes unavailable: {error}", file=sys.stderr)
        return 1
    json.dump([espeak.phonemes(str(t)) for t in texts], sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
