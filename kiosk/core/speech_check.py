"""The ezafe detector of `kiosk tts check`: noun phrases that espeak-ng reads without the ezafe.

Candidates are the noun phrases the pronunciation layer knows (its lexicon phrases and its
head-noun and possessive rules, found in the text *before* the layer marks anything). A
candidate's first word comes out with the ezafe when espeak-ng's phonemes for it end in the
ezafe vowel: `…je` (ye after a vowel: mell'ij'e:, S,omAR'e:je), or `…e` where the bare word
has no such ending (k'od → k'ode). Else the phrase is flagged. The phonemes are given by the
caller (from the engine), so this module stays pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.core.speech_lexicon import Lexicon, Mark, analyse

_PHONEME_MARKS = str.maketrans("", "", "'ˈˌ,:_!#=%")


def plain_phonemes(phonemes: str) -> str:
    """A phoneme word without stress, length and pause marks: the sounds only."""
    return phonemes.translate(_PHONEME_MARKS)


def has_ezafe(spoken: str, bare: str) -> bool:
    """Whether phoneme word `spoken` ends in the ezafe, `bare` being the unmarked word's."""
    sounds, base = plain_phonemes(spoken), plain_phonemes(bare)
    return sounds.endswith("je") or (sounds.endswith("e") and sounds != base)


def phoneme_words(phonemes: str) -> list[str]:
    """The words of espeak-ng phoneme output (clauses joined by ' | ')."""
    return [w for w in phonemes.split() if w != "|"]


def text_words(text: str) -> list[str]:
    """The words of a text, split as the pronunciation layer splits them."""
    parts, _marks = analyse(text, Lexicon())
    return parts[1::2]


@dataclass(frozen=True)
class Flag:
    """A noun phrase spoken without its ezafe."""

    word: str
    following: str
    rule: str
    phonemes: str

    def __str__(self) -> str:
        return (
            f"no ezafe: «{self.word} {self.following}» ({self.rule}) is read {self.phonemes or '?'}"
        )


@dataclass(frozen=True)
class Candidate:
    """A word of the checked text that needs the ezafe, with what to ask the engine."""

    mark: Mark
    spoken: str
    following: str


def candidates(before: str, spoken: str, lexicon: Lexicon | None = None) -> list[Candidate]:
    """The words of `spoken` (the text as the engine gets it) where `before` (the same
    text without the layer) has a noun phrase the layer knows."""
    parts, marks = analyse(before, lexicon)
    words = text_words(spoken)
    base = parts[1::2]
    if len(words) != len(base):
        words = base  # cannot align: check the layer's own output for those words
    return [
        Candidate(m, words[m.index], words[m.index + 1] if m.index + 1 < len(words) else "")
        for m in marks
    ]


def find_flags(
    spoken: str,
    found: Sequence[Candidate],
    sentence_phonemes: str,
    word_phonemes: Callable[[str], str],
) -> list[Flag]:
    """The candidates of `spoken` whose phonemes lack the ezafe.

    A candidate's phonemes are taken from the sentence's where its words and phoneme words
    line up one to one, else from `word_phonemes(word)` (espeak-ng marks the ezafe on the
    word itself, so a word alone is read the same way).
    """
    words = text_words(spoken)
    heard = phoneme_words(sentence_phonemes)
    aligned = len(words) == len(heard)
    flags = []
    for candidate in found:
        index = candidate.mark.index
        if aligned and index < len(heard) and words[index] == candidate.spoken:
            said = heard[index]
        else:
            said = word_phonemes(candidate.spoken)
        if not has_ezafe(said, word_phonemes(candidate.mark.word)):
            flags.append(Flag(candidate.mark.word, candidate.following, candidate.mark.rule, said))
    return flags
