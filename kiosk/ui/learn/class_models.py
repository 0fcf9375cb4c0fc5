"""Qt models over the trainers' data: the class list, the learner list and report tables.

Views ask only for the rows they paint (model/view, virtualised), so a list of 10,000
learners costs 10,000 small tuples, never 10,000 widgets. The rows come from a worker
(`kiosk.services.class_reports`) and are handed over whole with `set_rows`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from kiosk.core.pictures import display_name
from kiosk.i18n import current_language
from kiosk.services.class_reports import ClassRow, LearnerRow
from kiosk.ui.guard import guarded

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class ClassListModel(QAbstractListModel):
    """ "All learners", then every class by name, each with its number of learners."""

    def __init__(self, describe) -> None:
        super().__init__()
        self._describe = describe  # (name, count) -> the row's text in the current language
        self._all_name = ""
        self._total = 0
        self.rows: list[ClassRow] = []

    def set_rows(self, rows: list[ClassRow], total: int, all_name: str) -> None:
        self.beginResetModel()
        self.rows, self._total, self._all_name = rows, total, all_name
        self.endResetModel()

    def retranslate(self, all_name: str) -> None:
        self._all_name = all_name
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    @guarded(fallback=0)
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows) + 1

    @guarded(fallback=None)
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        name, count, class_id = (
            (self._all_name, self._total, None)
            if row == 0
            else (self.rows[row - 1].name, self.rows[row - 1].learners, self.rows[row - 1].id)
        )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(name, count)
        if role == ID_ROLE:
            return class_id
        if role == SEARCH_ROLE:
            return None if row == 0 else name  # "All learners" always stays in the list
        return None

    def row_of(self, class_id: str | None) -> int:
        if class_id is None:
            return 0
        return next((n + 1 for n, row in enumerate(self.rows) if row.id == class_id), -1)


class LearnerListModel(QAbstractListModel):
    """Learners by nickname, each with their avatar's picture."""

    def __init__(self, decorate) -> None:
        super().__init__()
        self.rows: list[LearnerRow] = []
        self._decorate = decorate  # avatar -> QIcon (the view's own, cached there)

    def set_rows(self, rows: list[LearnerRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    @guarded(fallback=0)
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    @guarded(fallback=None)
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        learner = self.rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            SEARCH_ROLE,
        ):
            return display_name(learner.nickname, learner.avatar, current_language())
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decorate(learner.avatar)
        if role == ID_ROLE:
            return learner.id
        return None

    def row_of(self, learner_id: str | None) -> int:
        return next((n for n, row in enumerate(self.rows) if row.id == learner_id), -1)


class TableModel(QAbstractTableModel):
    """A report table as shown (headers and rows of text), with cell colours and header tips.
    The same strings go to CSV and PDF, so a file says what the screen said."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.tips: list[str] = []
        self.rows: list[list[str]] = []
        self.colours: list[list[str | None]] = []

    def set_table(self, headers, rows, *, tips=None, colours=None) -> None:
        self.beginResetModel()
        self.headers, self.rows = list(headers), rows
        self.tips = list(tips) if tips else list(self.headers)
        self.colours = colours or []
        self.endResetModel()

    @guarded(fallback=0)
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    @guarded(fallback=0)
    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    @guarded(fallback=None)
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.rows[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.tips[column]}: {self.rows[row][column]}"  # not a sentence: a cell
        if role == Qt.ItemDataRole.BackgroundRole and self.colours:
            colour = self.colours[row][column]
            return QBrush(QColor(colour)) if colour else None
        return None

    @guarded(fallback=None)
    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section >= len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[section]
        return None


class SearchProxy(QSortFilterProxyModel):
    """Keeps the rows whose text contains what is typed (any case); a row with no search text
    ("All learners") always stays."""

    def __init__(self, model) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def search(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    @guarded(fallback=True)
    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE) is None:
            return True
        return super().filterAcceptsRow(row, parent)
