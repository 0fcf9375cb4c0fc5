"""Translations and locale formatting: `_`, `N_`, `ngettext`, `Np_`, locale digits.

Import these names from here; they are never put into builtins. The current language is
process-wide and changes live: `_` looks it up at each call.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from kiosk.authored import Authored
from kiosk.core.languages import DEFAULT_LANGUAGE, LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "kiosk"

# CLDR numbering systems the kiosk's languages use; Babel names the system, not its digits.
_DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}

_current = DEFAULT_LANGUAGE
_translations: dict[str, gettext.NullTranslations] = {}


def _catalog(code: str) -> gettext.NullTranslations:
    if code not in _translations:
        _translations[code] = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True
        )
    return _translations[code]


def set_language(code: str) -> None:
    """Make `code` the language of every later `_` call."""
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    _current = code


def current_language() -> str:
    """The code of the language messages are translated into now."""
    return _current


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _catalog(_current).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for extraction; translate later with `_`."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on `n`."""
    return _catalog(_current).ngettext(singular, plural, n)


def Np_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction; translate later with `ngettext` (see `Notice.counted`)."""
    return singular, plural


def translate(message: str, code: str) -> str:
    """Translate `message` into `code` regardless of the current language."""
    return _catalog(code).gettext(message)


def localize_digits(text: str, code: str | None = None) -> str:
    """Write the ASCII digits of `text` in the language's own digits (Persian: ۰–۹)."""
    from babel import Locale  # imported on first use: Babel costs ~40 ms at start-up

    system = Locale.parse(code or _current).default_numbering_system
    digits = _DIGITS.get(system, _DIGITS["latn"])
    table = str.maketrans(_DIGITS["latn"], digits)
    if system != "latn":
        table[ord("%")] = "٪"  # the Arabic percent sign goes with Arabic-script digits
    return text.translate(table)


def format_number(value: float | int, code: str | None = None) -> str:
    """Format a number with the locale's separators and digits, e.g. 1234 -> '۱٬۲۳۴' in Persian."""
    from babel.numbers import format_decimal

    code = code or _current
    text = format_decimal(value, locale=code, numbering_system="default")
    # A number the kiosk counted (steps, stars, sessions): its digits may be spoken from the
    # cache. Only numbers come in here, never what a page or a person wrote.
    return Authored(localize_digits(text, code))


def format_percent(value: int, code: str | None = None) -> str:
    """A whole percentage such as 150 as '۱۵۰٪' in Persian or '150%' in English."""
    from babel.numbers import format_percent as babel_percent

    code = code or _current
    text = babel_percent(value / 100, locale=code, numbering_system="default")
    return Authored(localize_digits(text, code))  # a number the kiosk made: like format_number


def format_list(items: list[str] | tuple[str, ...], code: str | None = None) -> str:
    """`items` joined as the language joins a list ("a, b, and c"; Persian «الف، ب و ج»), never
    with a comma of another script. Authored when every item is (see `kiosk.authored`)."""
    from babel.lists import format_list as babel_list

    kept = [item for item in items if item]
    if not kept:
        return Authored("")
    text = babel_list(kept, style="standard", locale=code or _current)
    return Authored(text) if all(isinstance(item, Authored) for item in kept) else text
