"""Tests of the speech text normaliser: one real example per rule, in Persian and English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.number_words import number_to_words, ordinal_words, year_words
from kiosk.core.speech_lexicon import disabled as pronunciation_disabled
from kiosk.core.speech_text import normalise, split_sentences


@pytest.fixture(autouse=True)
def _without_pronunciation_layer():
    """These examples test the normaliser's own rules; the ezafe layer has its own tests
    (tests/test_speech_lexicon.py)."""
    with pronunciation_disabled():
        yield


@pytest.mark.parametrize(
    ("n", "fa", "en"),
    [
        (0, "صفر", "zero"),
        (9, "نُه", "nine"),
        (19, "نوزده", "nineteen"),
        (29, "بیستُ نُه", "twenty-nine"),
        (105, "صدُ پنج", "one hundred five"),
        (1000, "هزار", "one thousand"),
        (12345, "دوازده هزارُ سیصدُ چهلُ پنج", "twelve thousand three hundred forty-five"),
        (1_500_000, "یک میلیونُ پانصد هزار", "one million five hundred thousand"),
        (2_000_000_000, "دو میلیارد", "two billion"),
    ],
)
def test_number_words(n: int, fa: str, en: str) -> None:
    assert number_to_words(n, "fa") == fa
    assert number_to_words(n, "en") == en


def test_ordinals_and_years() -> None:
    assert ordinal_words(1, "fa") == "یکم"
    assert ordinal_words(3, "fa") == "سوم"
    assert ordinal_words(23, "fa") == "بیستُ سوم"
    assert ordinal_words(30, "fa") == "سی\u200cام"
    assert ordinal_words(12, "en") == "twelfth"
    assert ordinal_words(21, "en") == "twenty-first"
    assert ordinal_words(30, "en") == "thirtieth"
    assert year_words(1403, "en") == "fourteen oh three"
    assert year_words(2024, "en") == "twenty twenty-four"
    assert year_words(2005, "en") == "two thousand five"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        # Amounts with the currency word, Persian thousands separators.
        ("مبلغ ۱٬۵۰۰٬۰۰۰ ریال پرداخت شد.", "مبلغ یک میلیونُ پانصد هزار ریال پرداخت شد."),
        ("۲۵۰,۰۰۰ تومان", "دویستُ پنجاه هزار تومان"),
        ("مبلغ 120000000 ریال", "مبلغ صدُ بیست میلیون ریال"),
        # Latin and Persian digits alike.
        ("۱۲۳۴۵", "دوازده هزارُ سیصدُ چهلُ پنج"),
        ("12345", "دوازده هزارُ سیصدُ چهلُ پنج"),
        ("٣ نفر", "سه نفر"),  # Arabic-Indic digits
        # National ID (10 digits: 3-3-4), phone (11: 4-3-4), card (4×4), tracking code.
        ("کد ملی: ۰۰۱۲۳۴۵۶۷۸", "کد ملی: صفر صفر یک، دو سه چهار، پنج شش هفت هشت"),
        (
            "شماره همراه ۰۹۱۲۳۴۵۶۷۸۹ را وارد کنید",
            "شماره همراه صفر نُه یک دو، سه چهار پنج، شش هفت هشت نُه، را وارد کنید",
        ),
        (
            "کارت 6037-9912-3456-7890",
            "کارت شش صفر سه هفت، نُه نُه یک دو، سه چهار پنج شش، هفت هشت نُه صفر",
        ),
        ("کد رهگیری ۴۵۶۷۸", "کد رهگیری چهار پنج شش، هفت هشت"),
        # Dates with `/` (Jalali and Gregorian) and times.
        ("تاریخ ۱۴۰۳/۰۵/۱۲", "تاریخ دوازدهم مرداد هزارُ چهارصدُ سه"),
        ("۲۰۲۴/۰۱/۰۳", "سوم ژانویه دو هزارُ بیستُ چهار"),
        ("ساعت ۱۰:۳۰", "ساعت دهُ سی دقیقه"),
        ("ساعت ۸:۰۰", "ساعت هشت"),
        # Decimals, percent, ranges.
        ("۲٫۵ کیلو", "دو ممیز پنج کیلو"),
        ("۵۰٪ تخفیف", "پنجاه درصد تخفیف"),
        ("بین ۱۰-۲۰ روز", "بین ده تا بیست روز"),
        # Latin abbreviations inside Persian.
        ("کد OTP را وارد کنید", "کد اُه تی پیی را وارد کنید"),
        ("پیامک SMS", "پیامک اِس\u200cاِم\u200cاِس"),
        ("فایل PDF", "فایل پیی دیی اِف"),
        # ZWNJ: kept inside words, repeats and stray ones removed; Arabic letters to Persian.
        ("می\u200c\u200cخواهم \u200c بروم", "می\u200cخواهم بروم"),
        ("كيوسك", "کیوسک"),
        # Punctuation pauses.
        ("سلام (مهم) — لطفاً صبر کنید…", "سلام، مهم، لطفاً صبر کنید"),
        ("چرا؟؟؟", "چرا؟"),
        ("خط اول\nخط دوم", "خط اول. خط دوم"),
        ("«ثبت‌نام» را بزنید", "ثبت\u200cنام را بزنید"),
    ],
)
def test_persian(text: str, spoken: str) -> None:
    assert normalise(text, "fa") == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Pay 1,500,000 rials.", "Pay one million five hundred thousand rials."),
        ("Fee: 2,500 IRR", "Fee: two thousand five hundred rials"),
        ("Your tracking code is 1234567890123", None),
        (
            "National ID 0012345678",
            "National I D zero zero one, two three four, five six seven eight",
        ),
        ("Call ۰۹۱۲۳۴۵۶۷۸۹", "Call zero nine one two, three four five, six seven eight nine"),
        ("Due 1403/05/12", "Due the twelfth of Mordad, fourteen oh three"),
        ("Due 12/05/2024", "Due the twelfth of May, twenty twenty-four"),
        ("at 10:05", "at ten oh five"),
        ("at 9:00", "at nine o'clock"),
        ("Enter the OTP from the SMS", "Enter the O T P from the S M S"),
        ("Your PIN", "Your PIN"),
        ("3.5 kg", "three point five kg"),
        ("Wait... please!!", "Wait, please!"),
    ],
)
def test_english(text: str, spoken: str | None) -> None:
    result = normalise(text, "en")
    if spoken is None:
        assert "one two three four, five six seven eight" in result
        assert not any(ch.isdigit() for ch in result)
    else:
        assert result == spoken


@pytest.mark.parametrize("text", ["", "   ", "…!؟،.", "🙂👍🏽❤️", "\u200c\u200f", "* * *", "—"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_nothing_speakable_is_empty(text: str, lang: str) -> None:
    assert normalise(text, lang) == ""


def test_emoji_inside_text_is_dropped() -> None:
    assert normalise("آفرین 👏 درست بود 🎉", "fa") == "آفرین درست بود"


def test_regional_language_tags() -> None:
    assert normalise("۳", "fa-IR") == "سه"
    assert normalise("3", "en-GB") == "three"


def test_five_thousand_chars_become_sentences() -> None:
    sentence = "برای دریافت کد رهگیری، شماره همراه خود را وارد کنید و دکمه ادامه را بزنید. "
    text = sentence * (5000 // len(sentence) + 1)
    assert len(text) >= 5000
    spoken = normalise(text, "fa")
    chunks = split_sentences(spoken, 300)
    assert len(chunks) >= 5000 // 300
    assert all(0 < len(chunk) <= 300 for chunk in chunks)
    assert " ".join(chunks).split() == spoken.split()


def test_one_long_sentence_is_cut_at_commas_then_spaces() -> None:
    text = "، ".join(["یک دو سه چهار پنج"] * 40)
    chunks = split_sentences(text, 100)
    assert all(len(c) <= 100 for c in chunks)
    assert " ".join(chunks).split() == text.split()
    no_spaces = "ا" * 250
    assert [len(c) for c in split_sentences(no_spaces, 100)] == [100, 100, 50]


@given(st.text(max_size=300), st.sampled_from(["fa", "en"]))
def test_never_crashes_and_never_leaves_digits(text: str, lang: str) -> None:
    result = normalise(text, lang)
    assert not any(ch in "0123456789۰۱۲۳۴۵۶۷۸۹" for ch in result)
    for chunk in split_sentences(result, 120):
        assert 0 < len(chunk) <= 120


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_every_number_has_words(n: int) -> None:
    assert number_to_words(n, "fa")
    assert number_to_words(n, "en")


# Issue 14: the normaliser on hostile input (speed is measured by bench/speech_text.py).


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("text", [" " * 100_000, "\n" * 100_000, " \n\t" * 33_000])
def test_100k_of_white_space_completes_and_says_nothing(text, lang):
    assert normalise(text, lang) == ""


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_number_past_4300_digits_is_read_digit_by_digit_not_raised(lang):
    spoken = normalise("1" * 5000, lang)
    assert spoken.split()[0].strip(",،") == ("یک" if lang == "fa" else "one")


def test_text_past_the_spoken_limit_is_cut_at_a_space():
    from kiosk.core.limits import MAX_SPOKEN_CHARS

    spoken = normalise("word " * MAX_SPOKEN_CHARS, "en")
    assert 0 < len(spoken) <= MAX_SPOKEN_CHARS
    assert spoken.endswith("word")


def test_number_words_accept_any_number():
    from kiosk.core.number_words import digits_to_words, month_name, number_to_words

    assert number_to_words(10**5000, "en").startswith("one zero zero")
    assert number_to_words(10**5000, "en").count("zero") == 5000
    assert digits_to_words("2²", "en") == "two"
    assert digits_to_words("۱٢", "fa") == "یک دو"
    assert month_name(13, "en", jalali=True) == "thirteen"
    assert month_name(0, "fa", jalali=False) == "صفر"
