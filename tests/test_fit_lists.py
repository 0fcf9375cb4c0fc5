"""FitLists on the real display: short lists shown whole, a centre-sized one never."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QListView

from kiosk.ui.widgets.fit_lists import LONG_ROWS, WHOLE_MAX_ROWS, FitLists


def listed(qtbot, rows: int) -> QListView:
    view = QListView()
    view.setModel(QStringListModel([f"Learner {n}" for n in range(rows)]))
    view.resize(600, 400)
    qtbot.addWidget(view)
    view.show()
    return view


def test_a_short_list_is_shown_whole_and_a_long_one_keeps_its_own_bar(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    short, long = listed(qtbot, 12), listed(qtbot, 10_000)
    fit = FitLists(kiosk.theme, [short, long])
    fit.set_whole(True)
    assert short.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert short.maximumHeight() >= 12 * short.sizeHintForRow(0)
    assert long.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    row = kiosk.theme.px(44)
    assert long.maximumHeight() <= (LONG_ROWS + 1) * row < 10_000 * row
    assert WHOLE_MAX_ROWS < 10_000
    fit.set_whole(False)
    assert long.maximumHeight() > (LONG_ROWS + 1) * row  # back to the room the page leaves
