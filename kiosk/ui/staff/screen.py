"""The Staff screen: sign-in, then the pages of the signed-in role, created when first needed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.core.staff_rules import needs_sign_in, page_for
from kiosk.i18n import N_
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.staff.speech_controls import SpeechControls
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.paged_screen import PagedScreen

# A page another feature lends the staff area (its sessions report, the recorder, the flow check,
# learners and classes): `factory(ctx, access)` builds it, importing what it needs only then.
# The composition root (kiosk/app.py) registers them, so the staff screen imports no feature.
PageFactory = Callable[[UiContext, StaffAccess], Page]


# The staff area's first pages: Back from one of them leaves the staff area (signing out).
TOP_PAGES = frozenset({"first_run", "choose", "home"})
SPACING = 24  # between a page and the speech controls below it


def _page_class(name: str) -> type[Page]:
    # Imported on demand: the settings and accounts pages cost nothing until opened.
    if name == "first_run":
        from kiosk.ui.staff.signin import FirstRunPage as page
    elif name == "choose":
        from kiosk.ui.staff.signin import ChooseAccountPage as page
    elif name == "pin":
        from kiosk.ui.staff.signin import PinPage as page
    elif name == "home":
        from kiosk.ui.staff.home import StaffHomePage as page
    elif name == "settings":
        from kiosk.ui.staff.settings_page import SettingsPage as page
    elif name == "accounts":
        from kiosk.ui.staff.accounts import AccountsPage as page
    elif name == "updates":
        from kiosk.ui.staff.updates_page import UpdatesPage as page
    elif name == "verify_certificate":
        from kiosk.ui.staff.certificate_page import CertificatePage as page
    elif name == "record_voice":
        from kiosk.ui.staff.voice_page import VoicePage as page
    else:
        raise KeyError(name)
    return page


class StaffScreen(PagedScreen):
    """Hosts one staff page at a time, each made when first shown. Back returns to the page
    before (the PIN page to the accounts, a page of the home tiles to the home page); from a
    top page it leaves the staff area, signing out."""

    key = "staff"

    def __init__(
        self,
        ctx: UiContext,
        access: StaffAccess,
        pages: Mapping[str, PageFactory] | None = None,
    ) -> None:
        super().__init__(ctx, N_("Staff"))
        self.access = access
        self.factories: dict[str, PageFactory] = dict(pages or {})
        self.by_name: dict[str, Page] = {}
        self.layout_.setStretchFactor(self.pages, 0)  # the speech controls follow the page
        self.speech_controls = SpeechControls(ctx)
        self.layout_.addWidget(self.speech_controls)
        self.layout_.addStretch(1)
        access.signed_out.connect(self._on_signed_out)
        self.retranslate()

    def set_filled(self, filled: bool) -> None:
        super().set_filled(filled)
        # A page that fills the screen (its lists take the room) gets the height below it too;
        # another is followed by the speech controls, then the empty space.
        # (No room between the page and the empty space after it, when that is nothing.)
        self.layout_.setStretchFactor(self.pages, 1 if filled else 0)
        self.layout_.setStretch(self.layout_.count() - 1, 0 if filled else 1)
        self.layout_.setSpacing(0 if filled else SPACING)

    def entry_page(self) -> str:
        """Where the staff area starts: the home page if signed in, else sign-in."""
        if self.access.account is not None:
            return "home"
        try:
            has_admin = self.access.directory().has_admin()
        except Exception:
            return "choose"  # its message says what is wrong
        return "choose" if has_admin else "first_run"

    def show_page(self, name: str, *, speak: bool = True) -> Page:
        """Show page `name` (created on first use) and speak its introduction."""
        if self.access.account is None and needs_sign_in(name):
            name = self.entry_page()
        else:
            name = page_for(self.access.role, name, "home")
        page = self.by_name.get(name)
        if page is None:
            factory = self.factories.get(name) or _page_class(name)
            page = self.add_page(factory(self.ctx, self.access), f"staff_page_{name}")
            page.go.connect(self.show_page)
            self.by_name[name] = page
        self.speech_controls.setVisible(page.speech_controls)
        self.open(page, speak=speak, root=name in TOP_PAGES)
        return page

    def leave(self, key: str = "home") -> None:
        """Sign out and go to the screen `key` (the kiosk's home screen, or Get help)."""
        self.access.sign_out()
        super().leave(key)

    def _on_signed_out(self) -> None:
        page = self.page
        if page is not None and page.objectName() != "staff_page_choose":
            page.hide()
            self.history.clear()

    @guarded
    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The window speaks `intro()` right after this: choose the page without speaking.
        if self.page is None or self.access.account is None:
            self.show_page(self.entry_page(), speak=False)
