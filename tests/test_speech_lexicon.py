"""Tests of the Persian pronunciation layer: the lexicon file, its rules, and its place in the
speech normaliser (every Persian sentence the kiosk speaks goes through `normalise`)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.speech_lexicon import (
    LEXICON_PATH,
    analyse,
    default_lexicon,
    disabled,
    load_lexicon,
    parse_lexicon,
    pronounce,
    with_ezafe,
)
from kiosk.core.speech_text import normalise

ZWNJ = "\u200c"


def test_the_bundled_lexicon_parses_without_errors() -> None:
    lexicon = load_lexicon(LEXICON_PATH)
    assert lexicon.errors == []
    assert ("کد", "ملی") in lexicon.phrases
    assert {"شماره", "دکمه", "کد"} <= lexicon.heads
    assert {"خود", "شما"} <= lexicon.possessives


@pytest.mark.parametrize(
    ("word", "spoken"),
    [
        ("کد", "کدِ"),  # consonant: kasra
        ("شماره", "شمارهٔ"),  # silent h: hamza above (ۀ)
        ("راه", "راهِ"),  # h after a vowel is a consonant
        ("ملی", f"ملی{ZWNJ}ی"),  # -i: ‌ی (melli-ye)
        ("آقا", "آقای"),  # vowel: ی
        ("دانشجو", "دانشجوی"),
        ("صدای", "صدای"),  # the ye is already written
        ("کدِ", "کدِ"),  # already marked
    ],
)
def test_ezafe_is_written_as_espeak_reads_it(word: str, spoken: str) -> None:
    assert with_ezafe(word) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        # The examples.
        ("کد ملی خود را بنویسید", f"کدِ ملی{ZWNJ}ی خود را بنویسید"),
        ("به دفتر خدمات خوش آمدید", "به دفترِ خدمات خوش آمدید"),
        # شمارهٔ … and a possessive.
        ("شماره همراه خود را بنویسید", "شمارهٔ همراهِ خود را بنویسید"),
        ("کارت خود را بیاورید", "کارتِ خود را بیاورید"),
        ("صفحه شما", "صفحهٔ شما"),
        # A head noun links to a content word, a demonstrative, and not to a stop word or a verb.
        ("روی دکمه ادامه بزنید", "روی دکمهٔ ادامه بزنید"),
        ("کنار این دستگاه", "کنارِ این دستگاه"),
        ("کد را بنویسید", "کد را بنویسید"),
        ("به شما کمک می‌کند", "به شما کمک می‌کند"),
        # A compound verb: the word after the noun belongs to the verb.
        ("یک تصویر انتخاب کنید", "یک تصویر انتخاب کنید"),
        ("وقتی سامانه کار نمی‌کند", "وقتی سامانه کار نمی‌کند"),
        # Phrases never span punctuation; a chain of phrases links through.
        ("کد، ملی", "کد، ملی"),
        ("در دفتر پیشخوان دولت", "در دفترِ پیشخوانِ دولت"),
        # A misread word is respelled.
        ("کد یکبارمصرف", f"کدِ یک{ZWNJ}بار{ZWNJ}مصرف"),
        # What the author vocalised is kept.
        ("کدِ ملیِ خود", "کدِ ملیِ خود"),
    ],
)
def test_pronounce(text: str, spoken: str) -> None:
    assert pronounce(text) == spoken


def test_the_normaliser_applies_the_layer_to_persian_only() -> None:
    assert normalise("کد ملی خود را بنویسید.", "fa") == f"کدِ ملی{ZWNJ}ی خود را بنویسید."
    assert normalise("شماره همراه ۰۹۱۲۳۴۵۶۷۸۹", "fa").startswith("شمارهٔ همراه صفر نُه")
    with disabled():
        assert normalise("کد ملی خود را بنویسید.", "fa") == "کد ملی خود را بنویسید."
    assert normalise("Type the national code.", "en") == "Type the national code."


def test_marks_say_which_rule_decided() -> None:
    _parts, marks = analyse("کد ملی خود را در صفحه ورود بنویسید", default_lexicon())
    assert [(m.index, m.word, m.rule) for m in marks] == [
        (0, "کد", "lexicon"),
        (1, "ملی", "possessive"),
        (5, "صفحه", "head noun"),
    ]


BROKEN = """\
# a comment, then a good phrase
کد ملی = کدِ ملی
شماره همراه = شمارهٔ
دفتر خدمات دفترِ خدمات
colour: قرمز
کارت = کارتِ = کارت
ezafe: دکمه   # a comment after an entry
possessive: <خود>
possessive: شما
"""


def test_a_bad_line_is_reported_with_its_number_and_the_rest_applies() -> None:
    lexicon = parse_lexicon(BROKEN)
    assert [e.line for e in lexicon.errors] == [3, 4, 5, 6, 8]
    reasons = [e.reason for e in lexicon.errors]
    assert "the spoken form has 1 words, the phrase 2" in reasons[0]
    assert "neither 'phrase = spoken form' nor a list" in reasons[1]
    assert "unknown list 'colour'" in reasons[2]
    assert "more than one '='" in reasons[3]
    assert "needs one or more words" in reasons[4]
    assert str(lexicon.errors[0]).startswith("line 3: ")
    # The good lines still apply.
    assert pronounce("کد ملی", lexicon) == "کدِ ملی"
    assert pronounce("دکمه سبز", lexicon) == "دکمهٔ سبز"
    assert pronounce("کار شما", lexicon) == "کارِ شما"
    assert pronounce("شماره همراه", lexicon) == "شماره همراه"  # its line was skipped


def test_load_logs_each_bad_line(tmp_path: Path, caplog) -> None:
    path = tmp_path / "fa_lexicon.txt"
    path.write_text(BROKEN, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.core.speech_lexicon"):
        lexicon = load_lexicon(path)
    assert len(lexicon.errors) == 5
    logged = [r.getMessage() for r in caplog.records]
    assert any("line 4: " in m and str(path) in m and "skipped" in m for m in logged)
    assert load_lexicon(tmp_path / "missing.txt").phrases == {}


@given(st.text(alphabet=st.sampled_from(list("کد ملی شماره خود،.ِٔ‌ی aZ1")), max_size=200))
def test_pronounce_never_raises_and_keeps_the_separators(text: str) -> None:
    spoken = pronounce(text)
    # Only marks are added: removing every added character gives the text back.
    assert [c for c in spoken if c in " ،."] == [c for c in text if c in " ،."]


@given(st.text(max_size=300))
def test_pronounce_takes_any_text(text: str) -> None:
    assert isinstance(pronounce(text), str)
