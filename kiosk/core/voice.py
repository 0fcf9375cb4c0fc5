"""Narration in the trainer's own voice, pure: which sentences a lesson or flow has (each with a
stable key), and whether a recording of one is fit to keep (not silent, not clipped, not
too long).

A voice pack is one language or dialect's recordings for one lesson pack (or for the flows):
a manifest `voice.json` mapping sentence keys to WAV files and to the exact text recorded, so a
recording of a sentence whose text has since changed is known as stale, never played.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from kiosk.core.flows.model import Flow
from kiosk.core.lessons.model import Lesson, Text
from kiosk.core.notices import Notice
from kiosk.i18n import N_

MAX_SECONDS = 60  # a sentence, not a lecture: the recorder stops here by itself
MIN_SECONDS = 0.4
FULL_SCALE = 32767
SILENT_PEAK = 0.03  # of full scale: below this everywhere, nobody spoke
CLIPPED_LEVEL = 32000  # a sample this loud was cut off by the microphone's range
CLIPPED_SHARE = 0.002  # of the samples: more than this clipped is audibly distorted


@dataclass(frozen=True)
class Sentence:
    """One sentence a trainer can record: its key in the voice pack and its text there."""

    key: str
    text: str


def _add(out: list[Sentence], key: str, text: Text | None, lang: str) -> None:
    if text is None:
        return
    value = text.text.get(lang)
    if value and value.strip():
        out.append(Sentence(key, str(value)))


def lesson_sentences(lesson: Lesson, lang: str) -> list[Sentence]:
    """Every sentence of `lesson` that is spoken in `lang`, in the order a learner hears it."""
    out: list[Sentence] = []
    _add(out, f"{lesson.id}/title", lesson.title, lang)
    for step in lesson.steps:
        base = f"{lesson.id}/{step.id}"
        _add(out, f"{base}/title", step.title, lang)
        _add(out, f"{base}/text", step.text, lang)
        for item in step.items:
            _add(out, f"{base}/{item.id}/prompt", item.prompt, lang)
            for choice in item.choices:
                _add(out, f"{base}/{item.id}/{choice.id}", choice.text, lang)
                _add(out, f"{base}/{item.id}/{choice.id}/feedback", choice.feedback, lang)
            _add(out, f"{base}/{item.id}/explanation", item.explanation, lang)
    return out


def flow_sentences(flow: Flow, lang: str) -> list[Sentence]:
    """Every instruction of `flow` (its steps and help steps) spoken in `lang`."""
    out: list[Sentence] = []
    for step in (*flow.steps, *flow.help):
        for part, texts in (("text", step.text), ("retry", step.retry or {})):
            value = texts.get(lang)
            if value and value.strip():
                out.append(Sentence(f"{flow.id}/{step.id}/{part}", value))
    return out


@dataclass(frozen=True)
class Level:
    """What a recording's samples say about it."""

    seconds: float
    peak: int
    clipped: int
    samples: int


def measure(samples: array, rate: int) -> Level:
    """The length, peak and number of clipped samples of 16-bit mono PCM."""
    if not samples:
        return Level(0.0, 0, 0, 0)
    peak = max(max(samples), -min(samples))
    clipped = sum(1 for s in samples if s >= CLIPPED_LEVEL or s <= -CLIPPED_LEVEL)
    return Level(len(samples) / rate, peak, clipped, len(samples))


def recording_problem(level: Level) -> Notice | None:
    """Why a recording cannot be kept (what, and how to record it better), or None."""
    if level.seconds > MAX_SECONDS:
        return Notice(
            N_(
                "The recording is longer than {limit} seconds, so it was not kept. A recording "
                "is one sentence: record it again, reading only that sentence."
            ),
            {"limit": MAX_SECONDS},
        )
    if level.seconds < MIN_SECONDS or level.peak < SILENT_PEAK * FULL_SCALE:
        return Notice(
            N_(
                "Nothing was heard in this recording, so it was not kept. Check that the "
                "microphone is plugged in and not muted, hold it near your mouth, and record "
                "again."
            )
        )
    if level.clipped > CLIPPED_SHARE * level.samples:
        return Notice(
            N_(
                "The recording is too loud and sounds broken, so it was not kept. Hold the "
                "microphone a little further away or speak more softly, and record again."
            )
        )
    return None
