"""What every widget needs from the app: language, speech, theme, settings, the practice portal.
Built in kiosk.app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.i18n import _
from kiosk.services.config import Settings
from kiosk.services.language import LanguageController
from kiosk.services.portal import PortalService
from kiosk.services.speech.base import Speaker
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.services.store import Store


@dataclass
class UiContext:
    """Shared services handed to widgets in their constructor (no globals, no reaching around)."""

    language: LanguageController
    speaker: Speaker
    theme: Theme
    settings: Settings
    # Opened right after the first frame (kiosk.app); None until then or if it cannot open.
    store: Store | None = None
    # The one practice portal of the kiosk (started on first use); kiosk.app makes it and
    # stops it at exit. A context built by hand (tests, benches) gets its own.
    portal: PortalService = field(default_factory=PortalService)

    def tr(self, msgid: str, **params: object) -> str:
        """Translate `msgid` into the current language and fill its named placeholders."""
        text = _(msgid)
        return text.format(**params) if params else text

    def say(self, text: str) -> None:
        """Speak `text` in the current language."""
        self.speaker.say(text, self.language.code)
