"""The Staff screen: sign-in, then the pages of the signed-in role, created when first needed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.core.staff_rules import needs_sign_in, page_for
from kiosk.i18n import N_
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.staff.speech_controls import SpeechControls
from kiosk.ui.widgets.screen import Screen
from kiosk.ui.widgets.staff_page import Page
from kiosk.ui.widgets.tile import Tile

# A page another feature lends the staff area (its sessions report, the recorder, the flow check,
# learners and classes): `factory(ctx, access)` builds it, importing what it needs only then.
# The composition root (kiosk/app.py) registers them, so the staff screen imports no feature.
PageFactory = Callable[[UiContext, StaffAccess], Page]


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
    else:
        raise KeyError(name)
    return page


class StaffScreen(Screen):
    """Hosts one staff page at a time; Back goes up a page, or out (signing out)."""

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
        self.pages: dict[str, Page] = {}
        self.page: Page | None = None
        self.host = QWidget()
        self._host_layout = QVBoxLayout(self.host)
        self._host_layout.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.host)
        self.speech_controls = SpeechControls(ctx)
        self.layout_.addWidget(self.speech_controls)
        self.layout_.addStretch(1)
        self.back = Tile(
            ctx,
            "back",
            N_("Back"),
            name="tile_back",
            icon_px=64,
            horizontal=True,
            mirror_in_rtl=True,
        )
        self.back.activated.connect(self.go_back)
        self.footer.addWidget(self.back)
        self.footer.addStretch(1)
        access.signed_out.connect(self._on_signed_out)
        self.retranslate()

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
        page = self.pages.get(name)
        if page is None:
            factory = self.factories.get(name) or _page_class(name)
            page = factory(self.ctx, self.access)
            page.setObjectName(f"staff_page_{name}")
            page.go.connect(self._on_go)
            self.pages[name] = page
        if self.page is not None and self.page is not page:
            self._host_layout.removeWidget(self.page)
            self.page.hide()
        self.page = page
        self._host_layout.addWidget(page)
        page.show()
        page.refresh()
        self._title_msgid = page.title_msgid
        self.title.setText(page.title_text())
        self.speech_controls.setVisible(page.speech_controls)
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.verticalScrollBar().setValue(0)  # each page starts at its top
        if speak:
            self.ctx.say(page.intro())
        return page

    def _on_go(self, name: str) -> None:
        if name.startswith("@"):  # another screen of the kiosk
            self.access.sign_out()
            self.navigate.emit(name[1:])
        elif name:
            self.show_page(name)
        else:
            self.leave()

    def go_back(self) -> None:
        """Up one page; from a top page, out of the staff area (signing out)."""
        parent = self.page.parent_page if self.page is not None else ""
        if parent:
            self.show_page(parent)
        else:
            self.leave()

    def leave(self) -> None:
        """Sign out and return to the kiosk's home screen."""
        self.access.sign_out()
        self.navigate.emit("home")

    def _on_signed_out(self) -> None:
        if self.page is not None and self.page.objectName() != "staff_page_choose":
            self.page.hide()
            self._host_layout.removeWidget(self.page)
            self.page = None

    def intro(self) -> str:
        return self.page.intro() if self.page is not None else self.title.text()

    @guarded
    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The window speaks `intro()` right after this: choose the page without speaking.
        if self.page is None or self.access.account is None:
            self.show_page(self.entry_page(), speak=False)

    def retranslate(self) -> None:
        super().retranslate()
        if self.page is not None:
            self.title.setText(self.page.title_text())
