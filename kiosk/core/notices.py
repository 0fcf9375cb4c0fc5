"""Notices: operator messages that stay translatable until shown (what, where, how to fix)."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from kiosk.authored import Authored, is_authored
from kiosk.i18n import _, ngettext


@dataclass(frozen=True)
class Notice:
    """A message kept as its msgid and parameters, so it follows a live language switch."""

    message: str  # an N_()-marked msgid with {named} placeholders (the singular of a plural)
    params: dict[str, object] = field(default_factory=dict)
    severity: str = "warning"  # "warning": the app goes on with defaults; "error": a feature is off
    plural: str | None = None  # the plural msgid of an Np_()-marked pair; see `counted`
    n: int = 1  # the number that picks the plural form

    @classmethod
    def counted(
        cls,
        forms: tuple[str, str],
        n: int,
        params: dict[str, object] | None = None,
        severity: str = "warning",
    ) -> Notice:
        """A notice whose wording depends on the number `n`; `forms` comes from `Np_(...)`."""
        singular, plural = forms
        return cls(singular, params or {}, severity, plural, n)

    def text(self) -> str:
        """The message in the current language."""
        params = {
            key: value.text() if isinstance(value, Notice) else value
            for key, value in self.params.items()
        }
        if self.plural is None:
            text = _(self.message).format(**params)
        else:
            text = ngettext(self.message, self.plural, self.n).format(**params)
        # The kiosk's own words, filled only with its own words and numbers: speech may be
        # cached. A file name, a typed or a page's text as a parameter keeps it private.
        return Authored(text) if all(map(is_authored, params.values())) else text

    def english(self) -> str:
        """The message in the source language (for exception texts and developers' logs)."""
        if self.plural is None:
            template = self.message
        else:
            template = gettext.NullTranslations().ngettext(self.message, self.plural, self.n)
        params = {
            key: value.english() if isinstance(value, Notice) else value
            for key, value in self.params.items()
        }
        return template.format(**params)

    def __str__(self) -> str:
        return self.text()


class NoticeError(Exception):
    """An error carrying a `Notice` for the operator instead of a traceback."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.english())
        self.notice = notice
