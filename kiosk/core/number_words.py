"""Numbers, digits, ordinals, years and month names as words in Persian and English, for speech.

Persian numbers are joined with a damma on the previous word ("بیستُ یک", read "bist-o yek")
rather than a separate "و", which espeak-ng reads as the formal "va". Nine is written "نُه":
plain "نه" is read "na" ("no").
"""

from __future__ import annotations

import unicodedata

FA_AND = "ُ "  # damma + space: the spoken "-o-" between parts of a number
FA_ONES = ("صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نُه")
FA_TEENS = (
    "ده", "یازده", "دوازده", "سیزده", "چهارده",
    "پانزده", "شانزده", "هفده", "هجده", "نوزده",
)  # fmt: skip
FA_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
FA_HUNDREDS = (
    "", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد",
)  # fmt: skip
FA_SCALES = ("", "هزار", "میلیون", "میلیارد", "تریلیون")

EN_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
EN_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
EN_SCALES = ("", "thousand", "million", "billion", "trillion")
EN_ORDINAL_EXCEPTIONS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip

JALALI_MONTHS = {
    "fa": (
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ),
    "en": (
        "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
        "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
    ),
}  # fmt: skip
GREGORIAN_MONTHS = {
    "fa": (
        "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
        "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

# The largest number read as a number; anything bigger is read digit by digit.
MAX_NUMBER = 10**15 - 1


def _fa_below_thousand(n: int) -> list[str]:
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(FA_HUNDREDS[hundreds])
    if 10 <= rest < 20:
        parts.append(FA_TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append(FA_TENS[tens])
        if ones:
            parts.append(FA_ONES[ones])
    return parts


def _en_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{EN_ONES[hundreds]} hundred"] if hundreds else []
    if 10 <= rest < 20:
        words.append(EN_TEENS[rest - 10])
    elif rest:
        tens, ones = divmod(rest, 10)
        if tens and ones:
            words.append(f"{EN_TENS[tens]}-{EN_ONES[ones]}")
        else:
            words.append(EN_TENS[tens] if tens else EN_ONES[ones])
    return " ".join(words)


def number_to_words(n: int, lang: str) -> str:
    """A whole number as words: 12345 -> 'دوازده هزارُ سیصدُ چهلُ پنج' / 'twelve thousand …'."""
    if n < 0:
        return ("منفی " if lang == "fa" else "minus ") + number_to_words(-n, lang)
    if n > MAX_NUMBER:
        return digits_to_words(_decimal(n), lang)
    if n == 0:
        return FA_ONES[0] if lang == "fa" else EN_ONES[0]
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    if lang == "fa":
        parts: list[str] = []
        for scale in range(len(groups) - 1, -1, -1):
            group = groups[scale]
            if not group:
                continue
            if scale == 1 and group == 1:
                parts.append(FA_SCALES[1])  # "هزار", never "یک هزار"
                continue
            words = _fa_below_thousand(group)
            if scale:
                words[-1] = f"{words[-1]} {FA_SCALES[scale]}"
            parts.extend(words)
        return FA_AND.join(parts)
    chunks = [
        f"{_en_below_thousand(group)} {EN_SCALES[scale]}".strip()
        for scale, group in reversed(list(enumerate(groups)))
        if group
    ]
    return " ".join(chunks)


def ordinal_words(n: int, lang: str) -> str:
    """An ordinal: 12 -> 'دوازدهم' / 'twelfth'; 3 -> 'سوم'; 30 -> 'سی‌ام'."""
    words = number_to_words(n, lang)
    if lang == "fa":
        if words.endswith("سه"):
            return words[:-2] + "سوم"
        if words.endswith("سی"):
            return words + "\u200cام"
        return words + "م"
    head, sep, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
    if last in EN_ORDINAL_EXCEPTIONS:
        last = EN_ORDINAL_EXCEPTIONS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def digits_to_words(digits: str, lang: str) -> str:
    """Each digit as a word: '0912' -> 'صفر نُه یک دو' / 'zero nine one two'.

    Any decimal digit counts (Persian and Arabic-Indic ones too); other characters, such as
    superscripts (²), are left out."""
    names = FA_ONES if lang == "fa" else EN_ONES
    values = (unicodedata.decimal(d, None) for d in digits)
    return " ".join(names[v] for v in values if v is not None)


_CHUNK = 10**1000


def _decimal(n: int) -> str:
    """`n` (not negative) in decimal digits, however long: `str` refuses past 4,300 digits."""
    if n < _CHUNK:
        return str(n)
    parts = []
    while n:
        n, part = divmod(n, _CHUNK)
        parts.append(part)
    return str(parts[-1]) + "".join(str(p).zfill(1000) for p in reversed(parts[:-1]))


def year_words(year: int, lang: str) -> str:
    """A year as it is said: Persian as a number; English in pairs (1403 -> 'fourteen oh three')."""
    if lang == "fa" or year < 1000 or year > 9999 or 2000 <= year < 2010:
        return number_to_words(year, lang)
    high, low = divmod(year, 100)
    if low == 0:
        return f"{number_to_words(high, lang)} hundred"
    low_words = number_to_words(low, lang)
    if low < 10:
        low_words = f"oh {low_words}"
    return f"{number_to_words(high, lang)} {low_words}"


def month_name(month: int, lang: str, *, jalali: bool) -> str:
    """The name of month 1–12 in the Jalali or Gregorian calendar; another number as words."""
    if not 1 <= month <= 12:
        return number_to_words(month, lang)
    table = JALALI_MONTHS if jalali else GREGORIAN_MONTHS
    return table["fa" if lang == "fa" else "en"][month - 1]
