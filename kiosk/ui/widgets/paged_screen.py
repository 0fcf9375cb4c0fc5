"""A screen of pages (Learn, Get help, Staff): one page shown at a time, Back through the pages
visited, and out to the home screen from the first."""

from __future__ import annotations

from kiosk.ui.context import UiContext
from kiosk.ui.widgets.back_stack import BackStack
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.screen import Screen


class PagedScreen(Screen):
    """Shows its pages with `open(page)`; the Back tile asks the page shown (`Page.on_back`),
    then returns to the page before it; with none left the screen is left (`leave`)."""

    def __init__(self, ctx: UiContext, title_msgid: str) -> None:
        super().__init__(ctx, title_msgid)
        self.title.hide()  # each page shows its own title
        self.pages = PageStack()
        self.layout_.addWidget(self.pages, 1)
        self.history: BackStack[Page] = BackStack()
        self.back = self.make_back_tile()
        self.footer.addWidget(self.back)
        self.footer.addStretch(1)

    @property
    def page(self) -> Page | None:
        """The page shown now (None before the first)."""
        return self.history.current

    def add_page(self, page: Page, name: str) -> Page:
        """Make `page` one of this screen's pages; `name` says which it is (probe, tools)."""
        page.setObjectName(name)
        page.navigate.connect(self.leave)
        page.fills_changed.connect(lambda _fills, page=page: self._fit_margins(page))
        self.pages.addWidget(page)
        return page

    def open(
        self, page: Page, *, speak: bool = True, root: bool = False, replace: bool = False
    ) -> None:
        """Show `page` (see `BackStack.open` for `root` and `replace`), refreshed, and say its
        introduction."""
        self.history.open(page, root=root, replace=replace)
        self.select(page)
        page.refresh()
        if speak:
            self.ctx.say(page.intro())

    def select(self, page: Page) -> None:
        """Make `page` the one shown, from its top (override to adjust the footer)."""
        self.pages.setCurrentWidget(page)
        self._fit_margins(page)
        self.scroll.verticalScrollBar().setValue(0)

    def _fit_margins(self, page: Page) -> None:
        """A page that fills the screen gets the room the margins above and below took."""
        if page is self.history.current or page is self.pages.currentWidget():
            self.set_filled(page.fills_screen)

    def go_back(self) -> None:
        page = self.history.current
        if page is not None and page.on_back():
            return
        previous = self.history.back()
        if previous is None:
            self.leave()
        else:
            self.open(previous)

    def leave(self, key: str = "home") -> None:
        """Leave this screen for the screen `key` (the one way to another screen)."""
        self.navigate.emit(key)

    def intro(self) -> str:
        page = self.page
        return page.intro() if page is not None else super().intro()
