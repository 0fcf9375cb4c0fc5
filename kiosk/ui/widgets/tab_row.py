"""Tabs as a row of buttons over the page they show: the row wraps, the height is the shown page's.

Qt's QTabWidget does neither: its bar scrolls behind two small arrows when the tabs' words do
not fit (large text, a small screen, a long language), and its stack asks for the tallest page's
height, so a short page sits over empty space the screen must scroll past. Here the tabs are the
page's own large buttons (`TileGrid.button_rows`: as many side by side as their words allow, the
others below) and the pages a `PageStack` (hidden pages take no room).

The buttons are checkable and exclusive: one is down, the page it names is shown. Arrow keys move
between them (Qt's button group), Space or Enter chooses, as on any tab bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.tile_grid import TileGrid


class TabRow(QWidget):
    """Buttons naming pages, the chosen one's page below them. Mirrored in right-to-left."""

    currentChanged = Signal(int)

    def __init__(self, theme: Theme, spacing: int = 8) -> None:
        super().__init__()
        self._buttons: list[QAbstractButton] = []
        self._pages: list[QWidget] = []
        self._current = -1
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self._chosen)
        self.bar = TileGrid.button_rows(theme, self._buttons)
        self.stack = PageStack()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(spacing))
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)

    def add(self, button: QAbstractButton, page: QWidget) -> int:
        """A tab: `button` names `page` (its words are the caller's to set and translate)."""
        index = len(self._buttons)
        button.setCheckable(True)
        button.setProperty("tab", True)  # the theme marks the chosen one (QPushButton[tab])
        self._buttons.append(button)
        self._pages.append(page)
        self._group.addButton(button, index)
        self.stack.addWidget(page)
        self.bar.reflow()
        if self._current < 0:
            self.setCurrentIndex(index)
        return index

    def count(self) -> int:
        return len(self._buttons)

    def tab(self, index: int) -> QAbstractButton:
        return self._buttons[index]

    def widget(self, index: int) -> QWidget:
        return self._pages[index]

    def currentIndex(self) -> int:
        return self._current

    def setCurrentIndex(self, index: int) -> None:
        if not 0 <= index < len(self._pages) or self._buttons[index].isHidden():
            return
        self._buttons[index].setChecked(True)
        if index == self._current:
            return
        focused = self._buttons[index].hasFocus() or any(b.hasFocus() for b in self._buttons)
        self._current = index
        self.stack.setCurrentWidget(self._pages[index])
        if focused:  # the stack focuses its page; a person moving along the tabs stays there
            self._buttons[index].setFocus(Qt.FocusReason.TabFocusReason)
        self.currentChanged.emit(index)

    def isTabVisible(self, index: int) -> bool:
        return not self._buttons[index].isHidden()

    def setTabVisible(self, index: int, visible: bool) -> None:
        """Show or hide a tab (a report that does not apply); hiding the chosen one goes back to
        the first."""
        if self.isTabVisible(index) == visible:
            return
        self._buttons[index].setVisible(visible)
        self.bar.reflow()
        if not visible and index == self._current:
            self.setCurrentIndex(0)

    def _chosen(self, index: int) -> None:
        self.setCurrentIndex(index)
