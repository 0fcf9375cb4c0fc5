"""What every widget needs from the app: language, speech, theme, settings, the database, the
practice portal.
Built in kiosk.app."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.authored import Authored, is_authored
from kiosk.i18n import _, ngettext
from kiosk.services.config import Settings
from kiosk.services.database import Database
from kiosk.services.language import LanguageController
from kiosk.services.portal import PortalService
from kiosk.services.speech.base import Speaker
from kiosk.ui.theme import Theme


@dataclass
class UiContext:
    """Shared services handed to widgets in their constructor (no globals, no reaching around)."""

    language: LanguageController
    speaker: Speaker
    theme: Theme
    settings: Settings
    # The one way to the database: `ctx.database.store` is the open store (opened on first
    # use, else right after the first frame by kiosk.app) or a NoticeError saying why not.
    # A context built by hand (tests, benches) has one without a data folder: never open.
    database: Database = field(default_factory=Database)
    # The one practice portal of the kiosk (started on first use); kiosk.app makes it and
    # stops it at exit. A context built by hand (tests, benches) gets its own.
    portal: PortalService = field(default_factory=PortalService)

    def tr(self, msgid: str, **params: object) -> str:
        """Translate `msgid` into the current language and fill its named placeholders.

        The result is `Authored` (its speech may be cached) unless a parameter is text of
        another origin, such as what a page said or someone typed."""
        text = _(msgid)
        if not params:
            return Authored(text)
        filled = text.format(**params)
        return Authored(filled) if all(map(is_authored, params.values())) else filled

    def trn(self, forms: tuple[str, str], n: int, **params: object) -> str:
        """Like `tr` for an `Np_`-marked plural pair: the form that fits the number `n`."""
        text = ngettext(*forms, n)
        filled = text.format(**params)
        return Authored(filled) if all(map(is_authored, params.values())) else filled

    def say(self, text: str) -> None:
        """Speak `text` in the current language (cached on disk only if it is `Authored`)."""
        self.speaker.say(text, self.language.code)
