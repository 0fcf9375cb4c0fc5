"""A screen of pages (Learn, Get help, Staff): one page shown at a time, Back through the pages
visited, and out to the home screen from the first."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLayout, QWidget

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
        # A page's lists fill the room, or show all their rows where the screen must scroll:
        # decided again whenever the room or the page's size may have changed.
        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self.fit_lists)
        self._fitting = False
        self.scroll.verticalScrollBar().rangeChanged.connect(self._range_changed)
        self._range = 0
        ctx.theme.changed.connect(self._refit)
        ctx.language.language_changed.connect(self._refit)

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
        self._refit()

    def _range_changed(self, _low: int, high: int) -> None:
        # Lists that scroll by themselves while the screen now scrolls too: show them whole.
        # Whole lists while the screen scrolls less: perhaps they fit again. (Not when it
        # scrolls more: the lists stay whole, and re-measuring each time would never settle.)
        page, before, self._range = self.page, self._range, high
        lists = page.lists if page is not None else None
        if lists is not None and (high > 0 if not lists.whole else high < before):
            self._refit()

    def _refit(self, *_args) -> None:
        if not self._fitting:
            self._fit.start()

    def fit_lists(self) -> None:
        """The page's lists fill the room the rest of the page leaves, if the page fits the
        screen so (nothing but those lists scrolls); else they show all their rows and the
        screen scrolls (kiosk/ui/widgets/fit_lists.py)."""
        page = self.page
        lists = page.lists if page is not None else None
        if lists is None or self._fitting:
            return
        self._fitting = True
        try:
            lists.set_whole(False)
            lists.set_whole(self._least_height(lists.views) > self.scroll.viewport().height())
            # Measure once more, as the lists now are: Qt's layouts keep each widget's least
            # size until told it changed, and sized by those of the lists at their least, the
            # screen's range changed, asked to fit again and flipped for ever between the two.
            self._least_height(lists.views)
        finally:
            self._fitting = False

    def _least_height(self, views) -> int:
        """The height the screen's content needs now, at the least (the lists' sizes just
        changed: what Qt would recompute on its next layout pass, recomputed now)."""
        content = self.content
        for view in views:
            widget: QWidget | None = view
            while widget is not None and widget is not content:
                widget.updateGeometry()
                widget = widget.parentWidget()
        for layout in content.findChildren(QLayout):
            layout.invalidate()
        layout = content.layout()
        layout.invalidate()
        need = content.minimumSizeHint().height()
        if layout.hasHeightForWidth():  # as QScrollArea sizes its widget
            # at the viewport's width with no scroll bar: the lists' room when nothing scrolls
            width = self.scroll.maximumViewportSize().width()
            need = max(need, content.heightForWidth(width))
        return need

    def _fit_margins(self, page: Page) -> None:
        """A page that fills the screen gets the room the margins above and below took."""
        if page is self.history.current or page is self.pages.currentWidget():
            self.set_filled(page.fills_screen)

    def shutdown(self) -> None:
        """The kiosk quits: every page stops what it started (`Page.shutdown`)."""
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if isinstance(page, Page):
                page.shutdown()

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
