"""The languages the kiosk speaks: code, native name, direction and font, declared in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageInfo:
    """What the interface needs to know about one language."""

    code: str
    native_name: str
    rtl: bool


LANGUAGES: dict[str, LanguageInfo] = {
    "fa": LanguageInfo("fa", "فارسی", rtl=True),
    "en": LanguageInfo("en", "English", rtl=False),
}

DEFAULT_LANGUAGE = "fa"


def language_info(code: str) -> LanguageInfo:
    """The info for `code`, falling back to the default language for an unknown code."""
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])
