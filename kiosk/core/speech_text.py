"""Display text to speakable text for Persian and English: numbers, dates, codes, abbreviations.

espeak-ng `fa` reads `/` in dates as "slash", the Persian thousands separator "٬" as
"comma", long digit strings as one huge number, "نه" (nine) as "na" and Latin capitals as
an English word. `normalise` writes all of these as words so any engine reads them right.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from kiosk.core import speech_lexicon
from kiosk.core.limits import MAX_SPOKEN_CHARS
from kiosk.core.number_words import (
    FA_AND,
    MAX_NUMBER,
    digits_to_words,
    month_name,
    number_to_words,
    ordinal_words,
    year_words,
)

log = logging.getLogger(__name__)

ZWNJ = "\u200c"
_DIGIT_MAP = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Arabic code points often typed in Persian text, and their Persian forms.
_LETTER_MAP = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ـ": None})
# Bidi controls, zero-width joiner/space, BOM, variation selectors: never spoken.
_INVISIBLE = re.compile("[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufe00-\ufe0f]")

# Persian letter names tuned against espeak-ng's `fa` voice ("پی" alone is read "pey").
FA_LETTERS = {
    "A": "اِی", "B": "بی", "C": "سی", "D": "دیی", "E": "ای", "F": "اِف", "G": "جی",
    "H": "اِیچ", "I": "آی", "J": "جِی", "K": "کِی", "L": "اِل", "M": "اِم", "N": "اِن",
    "O": "اُه", "P": "پیی", "Q": "کیو", "R": "آر", "S": "اِس", "T": "تی", "U": "یو",
    "V": "ویی", "W": "دابلیو", "X": "اِکس", "Y": "وای", "Z": "زِد",
}  # fmt: skip
# Latin words inside Persian text that Persian speakers say as words, not letters.
FA_WORDS = {
    "sms": "اِس‌اِم‌اِس", "pin": "پین", "email": "ایمیل", "e-mail": "ایمیل",
    "wifi": "وای‌فای", "wi-fi": "وای‌فای", "ok": "اوکی", "online": "آنلاین",
    "internet": "اینترنت", "app": "اَپ", "captcha": "کَپچا",
}  # fmt: skip
# English capitals said as words, not spelled.
EN_WORDS = {"PIN", "NASA", "OK", "SIM", "WIFI", "COVID", "NATO"}
EN_LETTERS_MAX = 6

CURRENCY_FA = ("ریال", "تومان", "تومن")
CURRENCY_EN = {"rial": "rials", "rials": "rials", "irr": "rials", "toman": "tomans"}
# Words after which a digit string is an identifier (read digit by digit), not a quantity.
_ID_WORDS = (
    "کد", "شماره", "شناسه", "رهگیری", "پیگیری", "کدملی", "تلفن", "موبایل", "همراه", "کارت",
    "code", "number", "no", "id", "pin", "phone", "mobile", "card", "tracking", "reference",
)  # fmt: skip

_SEP = r"[,٬،]"
_DATE_YMD = re.compile(r"(?<![\d/])(\d{4})\s?[/\-.]\s?(\d{1,2})\s?[/\-.]\s?(\d{1,2})(?![\d/])")
_DATE_DMY = re.compile(r"(?<![\d/])(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?![\d/])")
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
_GROUPED_DIGITS = re.compile(r"(?<![\d])\d{2,}(?:[ \-]\d{2,}){1,5}(?![\d])")
_AMOUNT = re.compile(rf"(?<![\d])\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.٫]\d+)?(?![\d])")
_DECIMAL = re.compile(r"(?<![\d])(\d+)[.٫](\d+)(?![\d])")
_DIGITS = re.compile(r"\d+")
_PERCENT = re.compile(r"(\d)\s*[%٪]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
_WORD = re.compile(r"\w", re.UNICODE)
# Runs of white space, collapsed first so no later pattern scans one run from every position
# (that made 20,000 spaces take 8 s): one space, or one newline where the run held any.
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n\s*")


def _lang(lang: str) -> str:
    return "fa" if lang.split("-")[0].lower() == "fa" else "en"


def _strip_invisible(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    if lang != "fa":
        return text.replace(ZWNJ, "")
    text = text.translate(_LETTER_MAP)
    # A ZWNJ only means something between two letters: drop repeats and ones at word edges.
    text = re.sub(f"{ZWNJ}+", ZWNJ, text)
    return re.sub(rf"{ZWNJ}(?=\W|$)|(?<=\W){ZWNJ}|^{ZWNJ}", "", text)


def _drop_symbols(text: str) -> str:
    """Emoji, pictographs and other symbols are not spoken."""
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in {"So", "Sk", "Cs", "Co", "Cn", "Cf"} or ch == ZWNJ
    )


def _is_id(text: str, start: int) -> bool:
    before = text[max(0, start - 24) : start].lower()
    words = re.findall(r"\w+", before)
    return bool(words) and any(w in _ID_WORDS for w in words[-2:])


def _has_currency(text: str, end: int) -> bool:
    after = text[end : end + 12].strip().lower()
    return after.startswith(CURRENCY_FA) or after.split(" ")[0].strip(".,") in CURRENCY_EN


def _spell_groups(digits: str, lang: str) -> str:
    """A long digit string in groups with pauses: phone 4-3-4, national ID 3-3-4, card 4×4."""
    n = len(digits)
    sizes = {10: (3, 3, 4), 11: (4, 3, 4), 16: (4, 4, 4, 4)}.get(n)
    if sizes is None:
        sizes = tuple([4] * (n // 4)) + ((n % 4,) if n % 4 else ()) if n > 4 else (n,)
        if len(sizes) > 1 and sizes[-1] == 1:
            sizes = (*sizes[:-2], sizes[-2] - 1, 2)
    groups, pos = [], 0
    for size in sizes:
        groups.append(digits_to_words(digits[pos : pos + size], lang))
        pos += size
    comma = "، " if lang == "fa" else ", "
    return comma.join(groups) + comma.rstrip()


def _date(year: int, month: int, day: int, lang: str) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    jalali = year < 1700
    name = month_name(month, lang, jalali=jalali)
    if lang == "fa":
        return f" {ordinal_words(day, lang)} {name} {year_words(year, lang)} "
    return f" the {ordinal_words(day, lang)} of {name}, {year_words(year, lang)} "


def _time(match: re.Match[str], lang: str) -> str:
    hours, minutes = int(match[1]), int(match[2])
    if hours > 24 or minutes > 59:
        return f"{number_to_words(hours, lang)} {number_to_words(minutes, lang)}"
    if lang == "fa":
        if minutes == 0:
            return f" {number_to_words(hours, lang)} "
        return f" {number_to_words(hours, lang)}{FA_AND}{number_to_words(minutes, lang)} دقیقه "
    if minutes == 0:
        return f" {number_to_words(hours, lang)} o'clock "
    tail = number_to_words(minutes, lang)
    return f" {number_to_words(hours, lang)} {'oh ' if minutes < 10 else ''}{tail} "


def _numbers(text: str, lang: str) -> str:
    point = " ممیز " if lang == "fa" else " point "

    def date_ymd(m: re.Match[str]) -> str:
        return _date(int(m[1]), int(m[2]), int(m[3]), lang) or m[0].replace("/", " ")

    def date_dmy(m: re.Match[str]) -> str:
        return _date(int(m[3]), int(m[2]), int(m[1]), lang) or m[0].replace("/", " ")

    def grouped(m: re.Match[str]) -> str:
        parts = re.split(r"[ \-]", m[0])
        code = _is_id(text, m.start()) or any(p.startswith("0") for p in parts)
        if not code and "-" in m[0] and len(parts) == 2:
            return f"{parts[0]} {'تا' if lang == 'fa' else 'to'} {parts[1]}"  # a range
        if not code and "-" not in m[0] and (len(parts) < 3 or {len(p) for p in parts} != {4}):
            return m[0]  # separate numbers that merely sit side by side
        comma = "، " if lang == "fa" else ", "
        return " " + comma.join(digits_to_words(p, lang) for p in parts) + comma.rstrip() + " "

    def amount(m: re.Match[str]) -> str:
        whole, _, frac = re.sub(_SEP, "", m[0]).replace("٫", ".").partition(".")
        words = number_to_words(int(whole), lang)
        return f" {words}{point}{digits_to_words(frac, lang)} " if frac else f" {words} "

    def decimal(m: re.Match[str]) -> str:
        return f" {number_to_words(int(m[1]), lang)}{point}{digits_to_words(m[2], lang)} "

    def plain(m: re.Match[str]) -> str:
        digits = m[0]
        as_id = (
            (len(digits) > 1 and digits.startswith("0"))
            or (len(digits) >= 8 and not _has_currency(text, m.end()))
            or (len(digits) >= 4 and _is_id(text, m.start()))
            or len(digits) > len(str(MAX_NUMBER))
            or int(digits) > MAX_NUMBER
        )
        if as_id:
            return f" {_spell_groups(digits, lang)} "
        return f" {number_to_words(int(digits), lang)} "

    text = _DATE_YMD.sub(date_ymd, text)
    text = _DATE_DMY.sub(date_dmy, text)
    text = _TIME.sub(lambda m: _time(m, lang), text)
    text = _PERCENT.sub(r"\1 " + ("درصد" if lang == "fa" else "percent"), text)
    text = _GROUPED_DIGITS.sub(grouped, text)
    text = _AMOUNT.sub(amount, text)
    text = _DECIMAL.sub(decimal, text)
    return _DIGITS.sub(plain, text)


def _latin_in_persian(text: str) -> str:
    def word(m: re.Match[str]) -> str:
        token = m[0]
        if token.lower() in FA_WORDS:
            return FA_WORDS[token.lower()]
        if token.isupper() and len(token.replace("-", "")) <= EN_LETTERS_MAX:
            return " ".join(FA_LETTERS[ch] for ch in token.upper() if ch in FA_LETTERS)
        return token  # a real Latin word: espeak-ng switches to English for it

    return _LATIN.sub(word, text)


def _latin_in_english(text: str) -> str:
    def word(m: re.Match[str]) -> str:
        token = m[0]
        if token.lower() in CURRENCY_EN and token.isupper():
            return CURRENCY_EN[token.lower()]
        plain = token.replace("-", "")
        if token.isupper() and 2 <= len(plain) <= EN_LETTERS_MAX and plain not in EN_WORDS:
            return " ".join(plain)
        return token

    return _LATIN.sub(word, text)


def _punctuation(text: str, lang: str) -> str:
    comma = "،" if lang == "fa" else ","
    text = text.replace("&", " و " if lang == "fa" else " and ")
    text = re.sub(r"[«»\"“”„*#_`~^|<>\[\]{}\\]", " ", text)
    text = re.sub(r"\s*[()]\s*", f"{comma} ", text)
    text = re.sub(r"\s+[-–—]+\s+|…|\.{3,}|؛|;", f"{comma} ", text)
    text = re.sub(r"\s*/\s*", " ", text)
    text = re.sub(r"([!?؟.])[!?؟.]+", r"\1", text)
    text = re.sub(r"\s*([,،:])(?:\s*[,،:])+", r"\1", text)  # no stacked pauses
    text = re.sub(r"\s+([,،.!?؟:])", r"\1", text)
    # A line that ends without punctuation still ends a sentence.
    text = re.sub(r"(?<![.!?؟،,:])[ \t]*\n+", ". ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" ,،:")


def normalise(text: str, lang: str) -> str:
    """Speakable text for `lang` ('fa' or 'en'); empty if nothing in `text` can be spoken.

    Linear time on any input, and never raises: past `MAX_SPOKEN_CHARS` (a quarter of an hour
    of speech) the text is cut at a space; an unexpected failure gives the text as it is."""
    if not text:
        return ""
    if len(text) > MAX_SPOKEN_CHARS:
        head = text[:MAX_SPOKEN_CHARS]
        space = head.rfind(" ")
        text = head[:space] if space > MAX_SPOKEN_CHARS // 2 else head
    try:
        return _normalise(text, lang)
    except Exception:  # a bug here must never silence the kiosk or take a screen down
        log.exception("speech text could not be normalised")
        return " ".join(text.split())


def _normalise(text: str, lang: str) -> str:
    lang = _lang(lang)
    text = _strip_invisible(text, lang)
    text = _drop_symbols(text)
    text = _NEWLINES.sub("\n", _SPACES.sub(" ", text))
    text = text.translate(_DIGIT_MAP)
    text = _numbers(text, lang)
    text = _latin_in_persian(text) if lang == "fa" else _latin_in_english(text)
    text = _punctuation(text, lang)
    if lang == "fa":
        text = speech_lexicon.pronounce(text)  # ezafe and misread words, from the lexicon
    if not _WORD.search(text.replace("_", "")):
        return ""
    return text


def split_sentences(text: str, max_chars: int = 300, join: bool = True) -> list[str]:
    """Split speakable text into sentences of at most `max_chars`, for one utterance each.

    Short sentences are joined up to `max_chars` unless `join` is false (one sentence per
    piece, so each is cached on its own and reused in any utterance); a longer sentence is
    cut at a comma, else at a space, else hard.
    """
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip()
        while len(sentence) > max_chars:
            window = sentence[:max_chars]
            cut = max(window.rfind("،"), window.rfind(","))
            if cut < max_chars // 3:
                cut = window.rfind(" ")
            if cut < max_chars // 3:
                cut = max_chars - 1
            pieces.append(sentence[: cut + 1].strip())
            sentence = sentence[cut + 1 :].strip()
        if sentence:
            pieces.append(sentence)
    chunks: list[str] = []
    for piece in pieces:
        if join and chunks and len(chunks[-1]) + 1 + len(piece) <= max_chars:
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return [c for c in chunks if _WORD.search(c)]
