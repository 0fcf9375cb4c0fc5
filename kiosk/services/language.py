"""The interface language, switchable live: widgets connect `retranslate` to `language_changed`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk import i18n
from kiosk.core.languages import LANGUAGES, LanguageInfo, language_info


class LanguageController(QObject):
    """Owns the current language; every long-lived widget listens to `language_changed`."""

    language_changed = Signal(str)

    def __init__(self, code: str, offered: tuple[str, ...] = tuple(LANGUAGES)) -> None:
        super().__init__()
        self.offered = tuple(lang for lang in offered if lang in LANGUAGES) or tuple(LANGUAGES)
        self._code = code if code in self.offered else self.offered[0]
        i18n.set_language(self._code)

    @property
    def code(self) -> str:
        return self._code

    @property
    def info(self) -> LanguageInfo:
        return language_info(self._code)

    def set_language(self, code: str) -> None:
        """Switch the whole interface to `code` now."""
        if code == self._code or code not in self.offered:
            return
        self._code = code
        i18n.set_language(code)
        self.language_changed.emit(code)

    def next_language(self) -> str:
        """The language the language button switches to."""
        index = self.offered.index(self._code)
        return self.offered[(index + 1) % len(self.offered)]

    def toggle(self) -> None:
        """Switch to the next offered language (Persian ⇄ English)."""
        self.set_language(self.next_language())
