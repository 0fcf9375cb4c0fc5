"""A stack of pages where only the page shown takes space (QStackedWidget sizes to the largest)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget


class PageStack(QWidget):
    """One visible page at a time; hidden pages add nothing to the height, so nothing scrolls
    for a page that fits."""

    def __init__(self) -> None:
        super().__init__()
        self._pages: list[QWidget] = []
        self._current: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> None:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        page.setVisible(self._current is None)
        if self._current is None:
            self._current = page

    def setCurrentWidget(self, page: QWidget) -> None:
        for other in self._pages:
            if other is not page:
                other.hide()
        page.show()
        self._current = page
        # Focus the page itself, so focus does not fall on a button far down and scroll to it.
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def removeWidget(self, page: QWidget) -> None:
        """Take `page` out of the stack (it is not deleted)."""
        self._pages.remove(page)
        self._layout.removeWidget(page)
        page.hide()
        if self._current is page:
            self._current = None

    def currentWidget(self) -> QWidget | None:
        return self._current

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]
