"""Tests of the ezafe detector and `kiosk tts check`, on espeak-ng's real phonemes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.commands.tts import check_texts, iter_json_texts, shipped_persian_texts
from kiosk.core.speech_check import candidates, find_flags, has_ezafe
from kiosk.core.speech_lexicon import disabled, parse_lexicon, pronounce
from kiosk.core.speech_text import normalise
from kiosk.services.speech.phonemes import phonemes

ROOT = Path(__file__).resolve().parents[1]
ISSUE_SENTENCE = "کد ملی خود را بنویسید"


@pytest.mark.parametrize(
    ("spoken", "bare", "expected"),
    [
        ("k'ode", "k'od", True),  # کدِ
        ("mell'ij'e:", "mell'i", True),  # ملی‌ی
        ("S,omAR'e:je", "Som'ARe:", True),  # شمارهٔ
        ("R'uje", "R'uje", True),  # روی: the ye is written
        ("k'od", "k'od", False),
        ("Som'ARe:", "Som'ARe:", False),  # a final -e that is the word's own
        ("s'afhe:", "s'afhe:", False),
    ],
)
def test_ezafe_in_phonemes(spoken: str, bare: str, expected: bool) -> None:
    assert has_ezafe(spoken, bare) is expected


def _flags(text: str, with_layer: bool, lexicon=None) -> list:
    with disabled():
        plain = normalise(text, "fa")
    spoken = pronounce(plain, lexicon) if with_layer else plain
    found = candidates(plain, spoken, lexicon)
    words = sorted({w for c in found for w in (c.spoken, c.mark.word)})
    answers = phonemes([spoken, *words])
    said = dict(zip(words, answers[1:], strict=True))
    return find_flags(spoken, found, answers[0], lambda w: said[w])


def test_the_detector_flags_the_issue_sentence_without_the_layer() -> None:
    flags = _flags(ISSUE_SENTENCE, with_layer=False)
    assert [(f.word, f.following, f.rule) for f in flags] == [
        ("کد", "ملی", "lexicon"),
        ("ملی", "خود", "possessive"),
    ]
    assert flags[0].phonemes == "k'od"  # espeak-ng's own reading: kod melli xod
    assert "«کد ملی»" in str(flags[0])


def test_the_layer_gives_the_issue_sentence_its_ezafe() -> None:
    assert _flags(ISSUE_SENTENCE, with_layer=True) == []
    spoken = normalise(ISSUE_SENTENCE, "fa")
    assert phonemes([spoken])[0].startswith("k'ode mell'ij'e: xod")


def test_a_mark_espeak_does_not_read_as_ezafe_is_flagged() -> None:
    # A sukun is a mark, but espeak-ng reads no vowel for it: the phonemes decide, not marks.
    lexicon = parse_lexicon("کد ملی = کدْ ملی\n")
    flags = _flags("کد ملی", with_layer=True, lexicon=lexicon)
    assert [(f.word, f.rule) for f in flags] == [("کد", "lexicon")]


def test_check_lists_sentences_with_phonemes_and_flags() -> None:
    texts = [("test", ISSUE_SENTENCE + ". به دفتر خدمات خوش آمدید.")]
    out = io.StringIO()
    assert check_texts(texts, with_layer=False, out=out) == 3
    listing = out.getvalue()
    assert "test: کد ملی خود را بنویسید.\n    k'od mell'i xod" in listing
    assert "FLAG no ezafe: «دفتر خدمات» (lexicon) is read d'aftaR" in listing
    out = io.StringIO()
    assert check_texts(texts, with_layer=True, out=out) == 0
    assert "daft'aRe xad'amAt" in out.getvalue()
    assert "FLAG" not in out.getvalue()


def test_flow_texts_are_what_the_guide_speaks() -> None:
    step = {
        "text": {"fa": "نوشته", "en": "written"},
        "say": {"fa": "گفته"},
        "retry": {"fa": "دوباره"},
        "target": [{"label": {"fa": "برچسب"}}],
    }
    assert list(iter_json_texts({"steps": [step]})) == ["گفته", "دوباره"]


def test_shipped_texts_cover_catalog_lessons_flows_and_services() -> None:
    sources = {source for source, _text in shipped_persian_texts()}
    assert {"locales/fa", "lessons", "lessons/assist/services.json"} <= sources
    assert "lessons/practice_portal/flows/signin.json" in sources


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "tts", "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )


def test_shipped_persian_texts_have_no_flags() -> None:
    done = _kiosk()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "FLAG" not in done.stdout
    assert " Persian texts checked: 0 noun phrases without the ezafe" in done.stderr
    # Every sentence is listed with its phonemes: the welcome line, the sign-in guide.
    assert "به دفترِ خدمات خوش آمدید\n    be: daft'aRe xad'amAt" in done.stdout
    assert "کدِ ملی‌ی خود را بنویسید." in done.stdout


def test_without_the_layer_the_shipped_texts_are_flagged() -> None:
    done = _kiosk("--without-layer", "--flags-only")
    assert done.returncode == 1
    assert "FLAG no ezafe: «کد ملی» (lexicon) is read k'od" in done.stdout
