"""`FitLists`: the lists and tables of a page that fills its screen, so only one thing scrolls.

Staff pages hold virtualised lists (Qt model/view: only the rows in view are painted, for a
centre of 10,000 learners), and such a list scrolls itself. Inside the screen's own scroll area
that is a scroll inside a scroll, which ACCESSIBILITY.md forbids: a person cannot tell which one
moves, and a finger on the list no longer moves the page. So a page with lists fills its screen
(`Page.fit_lists`): its lists take the room its other controls leave, each at least `ROWS` rows
tall, and the screen does not scroll. Where even that does not fit (200 % text on a small
screen, or a tall step of the page shown below its lists), the screen scrolls and every list
shows all its rows instead, scrolling no more by itself (`whole`). The screen decides
(`PagedScreen`), measuring the page with its lists at their least: the same page, at the same
size, always gets the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QListView, QSizePolicy, QTableView

from kiosk.ui.guard import guarded
from kiosk.ui.theme import Theme

ROWS = 3  # the fewest rows a list shows while it scrolls by itself
ROW_PX = 44  # a row's height at 100 % (the lists' rows are at least this tall)
UNLIMITED = 16_777_215  # QWIDGETSIZE_MAX


class FitLists(QObject):
    """The item views of one page: at least `ROWS` rows each and the rest of the page's room
    (the default), or each as tall as all its rows with no scroll of its own (`whole`)."""

    def __init__(self, theme: Theme, views: Iterable[QAbstractItemView]) -> None:
        super().__init__()
        self.theme = theme
        self.views = list(views)
        self.whole = False
        self._resize = QTimer(self)  # whole lists follow their rows and width, once per turn
        self._resize.setSingleShot(True)
        self._resize.setInterval(0)
        self._resize.timeout.connect(self._size_all)
        for view in self.views:
            view.installEventFilter(self)
            # A table that grows wider than its view scrolls sideways: its bar takes height.
            view.horizontalScrollBar().rangeChanged.connect(self._rows_changed)
            model = view.model()
            for signal in (
                model.rowsInserted,
                model.rowsRemoved,
                model.modelReset,
                model.layoutChanged,
                model.dataChanged,
            ):
                signal.connect(self._rows_changed)
        theme.changed.connect(self._size_all)
        self._size_all()

    def set_whole(self, whole: bool) -> None:
        """Every list as tall as its rows (the screen scrolls), or at least `ROWS` rows each,
        scrolling itself (the screen does not)."""
        if whole != self.whole:
            self.whole = whole
            self._size_all()

    def least(self, view: QAbstractItemView) -> int:
        """The height of `view` showing `ROWS` rows (and its header)."""
        return self._frame(view) + ROWS * self.theme.px(ROW_PX)

    def rows_height(self, view: QAbstractItemView) -> int:
        """The height of `view` showing all its rows (at its present width)."""
        if isinstance(view, QTableView):
            rows = view.verticalHeader().length()
        elif isinstance(view, QListView):
            view.doItemsLayout()  # the rows' heights at the present width, wrapped
            rows = view.contentsSize().height()
        else:
            rows = sum(view.sizeHintForRow(r) for r in range(view.model().rowCount()))
        return self._frame(view) + max(rows, self.theme.px(ROW_PX))

    def _frame(self, view: QAbstractItemView) -> int:
        extra = 2 * view.frameWidth()
        if isinstance(view, QTableView) and not view.horizontalHeader().isHidden():
            header = view.horizontalHeader()
            extra += max(header.sizeHint().height(), header.minimumHeight())
        bar = view.horizontalScrollBar()
        if bar.maximum() > 0:  # a wide table scrolls sideways under its rows
            extra += bar.sizeHint().height()
        return extra

    def _size_all(self) -> None:
        for view in self.views:
            if self.whole:
                view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                view.verticalScrollBar().setValue(0)
                height = self.rows_height(view)
                view.setMinimumHeight(height)
                view.setMaximumHeight(height)
                policy = QSizePolicy.Policy.Fixed
            else:
                view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
                view.setMaximumHeight(UNLIMITED)
                view.setMinimumHeight(self.least(view))
                # Whatever room is left, never the height a list would like (a screenful): a
                # page asking for that would make its screen scroll (QScrollArea gives its
                # content the height its words want at its width).
                policy = QSizePolicy.Policy.Ignored
            view.setSizePolicy(QSizePolicy.Policy.Expanding, policy)

    def _rows_changed(self, *_args) -> None:
        if self.whole:
            self._resize.start()

    @guarded(fallback=False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A whole list's rows wrap again at another width.
        if self.whole and event.type() == QEvent.Type.Resize:
            self._resize.start()
        return False
