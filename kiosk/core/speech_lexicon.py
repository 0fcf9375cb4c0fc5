"""Persian pronunciation layer: ezafe and misread words, marked before espeak-ng reads the text.

espeak-ng `fa` says the ezafe (the linking -e / -ye of «کدِ ملی», *kod-e melli*) only where
the text marks it: a kasra (ِ U+0650) after a consonant, ۀ after a silent h, ‌ی after a
vowel. Hardly any text marks it, so «کد ملی خود را بنویسید» comes out *kod melli xod…*.
This layer marks it, from two sources:

- the lexicon, a plain-text file a trainer can extend (`assets/speech/fa_lexicon.txt`, its
  format is written at its top): phrases with their spoken form, head nouns that take the
  ezafe before a content word, words that never link, and the possessives (خود، شما…) that
  make the noun before them link;
- two rules over those lists: a head noun followed by a content word links to it
  («شماره همراه» → «شمارهٔ همراه»), and any content word before a possessive links to it
  («ملی خود» → «ملی‌ی خود»).

A word the text already marks is never changed. Matching is by words, one pass, with the
phrases in a trie (no backtracking regex): linear in the text's length. `pronounce` never
raises; a lexicon line it cannot parse is reported with its line number and skipped.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).resolve().parents[2] / "assets" / "speech" / "fa_lexicon.txt"

ZWNJ = "\u200c"
KASRA = "\u0650"
HAMZA_ABOVE = "\u0654"
HEH_HAMZA = "\u06c0"  # ۀ, what NFC makes of ه + hamza above
# Harakat, tanwin, shadda, sukun, superscript alef, hamza above/below: vowel marks.
_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670")
_VOWEL_ENDS = frozenset("اوآ")

_enabled: ContextVar[bool] = ContextVar("speech_lexicon_enabled", default=True)


@dataclass(frozen=True)
class LexiconError:
    """One line of a lexicon that could not be used."""

    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}: {self.text!r}"


@dataclass
class Lexicon:
    """Phrases (bare words → spoken words), head nouns, stop and plain words, possessives."""

    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    heads: set[str] = field(default_factory=set)
    stops: set[str] = field(default_factory=set)
    plains: set[str] = field(default_factory=set)
    verbs: set[str] = field(default_factory=set)
    possessives: set[str] = field(default_factory=set)
    errors: list[LexiconError] = field(default_factory=list)
    _trie: dict = field(default_factory=dict, repr=False)

    def add_phrase(self, words: tuple[str, ...], spoken: tuple[str, ...]) -> None:
        self.phrases[words] = spoken
        node = self._trie
        for word in words:
            node = node.setdefault(word, {})
        node[None] = words

    def longest_phrase(self, keys: list[str], start: int, joined: list[bool]) -> int:
        """How many words of the longest phrase starting at `start` (0 if none).

        `joined[i]` says word i and i+1 are separated by spaces only (a phrase never spans
        punctuation). The walk stops at the trie's depth: at most the longest phrase.
        """
        node, best, i = self._trie, 0, start
        while i < len(keys) and keys[i] in node:
            node = node[keys[i]]
            if None in node:
                best = i - start + 1
            if i + 1 < len(keys) and not joined[i]:
                break
            i += 1
        return best


_DIRECTIVES = {
    "ezafe": "heads",
    "stop": "stops",
    "plain": "plains",
    "possessive": "possessives",
    "verb": "verbs",
}


def bare(word: str) -> str:
    """A word without vowel marks, ۀ as ه, and no ZWNJ at its ends: the lexicon's key."""
    word = unicodedata.normalize("NFC", word).replace(HEH_HAMZA, "ه")
    return "".join(ch for ch in word if ch not in _MARKS).strip(ZWNJ)


def _is_word_char(ch: str) -> bool:
    return ch == ZWNJ or ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


def _split_words(text: str) -> list[str]:
    """Alternating separators and words: ['', w1, ' ', w2, '، ', w3, '.'] (odd indexes words)."""
    parts: list[str] = []
    current: list[str] = []
    in_word = False
    for ch in text:
        word_char = _is_word_char(ch)
        if word_char != in_word:
            parts.append("".join(current))
            current, in_word = [], word_char
        current.append(ch)
    parts.append("".join(current))
    if in_word:
        parts.append("")
    return parts


def parse_lexicon(source: str) -> Lexicon:
    """A Lexicon from the text of a lexicon file; bad lines go to `errors` and are skipped."""
    lexicon = Lexicon()
    for number, raw in enumerate(source.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        error = _parse_line(line, lexicon)
        if error:
            lexicon.errors.append(LexiconError(number, raw.strip(), error))
    return lexicon


def _words(text: str) -> list[str] | None:
    """The words of one side of a line, or None if it holds anything but words and spaces."""
    words = text.split()
    if not all(all(_is_word_char(ch) for ch in w) for w in words):
        return None
    return [unicodedata.normalize("NFC", w) for w in words]


def _parse_line(line: str, lexicon: Lexicon) -> str | None:
    """Add one line to `lexicon`; the reason it cannot be used, else None."""
    if "=" in line:
        left, _, right = line.partition("=")
        if "=" in right:
            return "more than one '=' (write: phrase = spoken form)"
        words, spoken = _words(left), _words(right)
        if not words or not spoken:
            return "each side of '=' needs one or more words (letters, marks, ZWNJ)"
        if len(words) != len(spoken):
            return (
                f"the spoken form has {len(spoken)} words, the phrase {len(words)}: "
                "join parts of one word with ZWNJ"
            )
        lexicon.add_phrase(tuple(bare(w) for w in words), tuple(spoken))
        return None
    name, colon, rest = line.partition(":")
    if not colon:
        return (
            "neither 'phrase = spoken form' nor a list (ezafe:, stop:, plain:, verb:, possessive:)"
        )
    target = _DIRECTIVES.get(name.strip().lower())
    if target is None:
        return f"unknown list {name.strip()!r} (use ezafe:, stop:, plain:, verb: or possessive:)"
    words = _words(rest)
    if not words:
        return "the list needs one or more words after ':'"
    getattr(lexicon, target).update(bare(w) for w in words)
    return None


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon at `path` (empty if it cannot be read); its bad lines are logged."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("Persian lexicon %s cannot be read: %s", path, error)
        return Lexicon()
    lexicon = parse_lexicon(source)
    for error in lexicon.errors:
        log.warning("Persian lexicon %s, %s (line skipped)", path, error)
    return lexicon


_default: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once."""
    global _default
    if _default is None:
        _default = load_lexicon()
    return _default


def has_ezafe_mark(word: str) -> bool:
    """Whether the written word already carries an ezafe (or any final vowel mark)."""
    word = unicodedata.normalize("NFC", word)
    if not word:
        return False
    if word[-1] in _MARKS or word[-1] == HEH_HAMZA:
        return True
    # ‌ی after a vowel-ending stem (خانه‌ی، گوشی‌ی), ای / وی (صدای، روی): the ye is written.
    return word.endswith(ZWNJ + "ی") or (len(word) > 2 and word[-1] == "ی" and word[-2] in "او")


def with_ezafe(word: str) -> str:
    """The word with its ezafe written the way espeak-ng `fa` reads it."""
    if has_ezafe_mark(word):
        return word
    last = word[-1]
    if last == "ه" and len(word) > 1 and word[-2] not in _VOWEL_ENDS:
        return word + HAMZA_ABOVE  # silent h: شماره → شمارهٔ (-e-ye)
    if last in _VOWEL_ENDS:
        return word + "ی"  # آقا → آقای, دانشجو → دانشجوی
    if last == "ی":
        return word + ZWNJ + "ی"  # ملی → ملی‌ی (melli-ye)
    return word + KASRA  # کد → کدِ


def _is_persian(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def _looks_like_verb(key: str, lexicon: Lexicon) -> bool:
    """Verbs end a noun phrase: the lexicon's, and forms like بنویسید، می‌زنید، نزنید."""
    if key in lexicon.verbs or key.startswith(("می" + ZWNJ, "نمی" + ZWNJ)):
        return True
    return key.endswith(("ید", "یم", "ند")) and key[:1] in "بن" and len(key) > 3


def _compound_verb(key: str, lexicon: Lexicon) -> bool:
    """A verb that makes a compound verb with the word before it: کار نمی‌کند، انتخاب کنید."""
    return key in lexicon.verbs or key.startswith(("می" + ZWNJ, "نمی" + ZWNJ))


@dataclass(frozen=True)
class Mark:
    """One decision of the layer: word `index` (among the text's words) needs the ezafe."""

    index: int
    word: str
    rule: str


def analyse(text: str, lexicon: Lexicon | None = None) -> tuple[list[str], list[Mark]]:
    """The text split into separators and words (words at odd indexes) with the lexicon's
    phrases applied, and each word the layer gives the ezafe (indexes count words only)."""
    lexicon = lexicon if lexicon is not None else default_lexicon()
    parts = _split_words(text)
    words = parts[1::2]
    keys = [bare(w) for w in words]
    joined = [not parts[2 * i + 2].strip() for i in range(len(words))]
    decided = [False] * len(words)  # inside a phrase (not its last word): the lexicon decides
    marks: list[Mark] = []
    i = 0
    while i < len(words):
        length = lexicon.longest_phrase(keys, i, joined)
        if not length:
            i += 1
            continue
        spoken = lexicon.phrases[tuple(keys[i : i + length])]
        for k in range(length):
            if not has_ezafe_mark(words[i + k]) and words[i + k] == keys[i + k]:
                if k < length - 1:
                    decided[i + k] = True
                if spoken[k] != words[i + k]:
                    words[i + k] = spoken[k]
                    if has_ezafe_mark(spoken[k]):
                        marks.append(Mark(i + k, keys[i + k], "lexicon"))
        # Phrases chain: the last word of one may start the next («دفتر پیشخوان دولت»).
        i += max(1, length - 1)
    for i in range(len(words) - 1):
        word, key, following = words[i], keys[i], keys[i + 1]
        if decided[i] or not joined[i] or has_ezafe_mark(word) or not _is_persian(word):
            continue
        if key in lexicon.stops or key in lexicon.plains or _looks_like_verb(key, lexicon):
            continue
        if following in lexicon.possessives:
            rule = "possessive"
        elif key in lexicon.heads and following not in lexicon.stops:
            if _looks_like_verb(following, lexicon) or not _is_persian(following):
                continue
            # «تصویر انتخاب کنید»: the next word and a verb make a compound verb.
            # Imperatives do not count: «دکمه ادامه بزنید» links.
            if joined[i + 1] and i + 2 < len(keys) and _compound_verb(keys[i + 2], lexicon):
                continue
            rule = "head noun"
        else:
            continue
        words[i] = with_ezafe(word)
        marks.append(Mark(i, key, rule))
    parts[1::2] = words
    marks.sort(key=lambda m: m.index)
    return parts, marks


def pronounce(text: str, lexicon: Lexicon | None = None) -> str:
    """Persian speakable text with the ezafe and the lexicon's spoken forms written in."""
    if not text or not _enabled.get():
        return text
    try:
        parts, _marks = analyse(text, lexicon)
    except Exception:  # a pronunciation aid must never silence the kiosk
        log.exception("Persian pronunciation layer failed; text spoken as written")
        return text
    return "".join(parts)


@contextmanager
def disabled() -> Iterator[None]:
    """Within this block `pronounce` returns its text unchanged (before/after comparisons)."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)
