"""TabRow on the real display: one page shown at a time, as tall as itself; the keys of a tab
bar; a hidden tab skipped, and hiding the chosen one goes back to the first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.ui.widgets.tab_row import TabRow


def _row(kiosk, qtbot) -> tuple[TabRow, list[QWidget]]:
    row = TabRow(kiosk.theme)
    pages = []
    for number, height in enumerate((80, 900, 120)):
        page = QLabel(f"page {number}")
        page.setFixedHeight(height)
        pages.append(page)
        row.add(QPushButton(f"Tab {number}"), page)
    qtbot.addWidget(row)
    row.resize(900, 300)
    row.show()
    qtbot.waitExposed(row)
    return row, pages


def test_one_page_at_a_time_and_only_its_height(make_kiosk, qtbot):
    row, pages = _row(make_kiosk("en"), qtbot)
    changes = []
    row.currentChanged.connect(changes.append)
    assert row.currentIndex() == 0 and pages[0].isVisible() and not pages[1].isVisible()
    assert row.stack.minimumSizeHint().height() < 900  # the tallest page asks nothing here
    qtbot.mouseClick(row.tab(2), Qt.MouseButton.LeftButton)
    assert row.currentIndex() == 2 and pages[2].isVisible() and not pages[0].isVisible()
    assert [row.tab(i).isChecked() for i in range(3)] == [False, False, True]
    assert changes == [2]
    qtbot.mouseClick(row.tab(2), Qt.MouseButton.LeftButton)  # the chosen tab again: no change
    assert changes == [2] and row.tab(2).isChecked()


def test_arrow_keys_move_along_the_tabs_and_choose(make_kiosk, qtbot):
    row, pages = _row(make_kiosk("en"), qtbot)
    row.activateWindow()
    qtbot.waitActive(row)
    row.tab(0).setFocus()
    qtbot.waitUntil(row.tab(0).hasFocus)
    qtbot.keyClick(row.tab(0), Qt.Key.Key_Right)
    assert row.currentIndex() == 1 and pages[1].isVisible()
    assert row.tab(1).hasFocus()  # the person stays on the tabs, not thrown into the page
    row.tab(2).setFocus()
    qtbot.keyClick(row.tab(2), Qt.Key.Key_Space)
    assert row.currentIndex() == 2 and pages[2].isVisible() and row.tab(2).hasFocus()


def test_a_hidden_tab_is_skipped_and_hiding_the_chosen_one_goes_back(make_kiosk, qtbot):
    row, pages = _row(make_kiosk("en"), qtbot)
    row.setCurrentIndex(1)
    row.setTabVisible(1, False)
    assert not row.isTabVisible(1) and not row.tab(1).isVisible()
    assert row.currentIndex() == 0 and pages[0].isVisible() and not pages[1].isVisible()
    row.setCurrentIndex(1)  # a hidden tab cannot be chosen
    assert row.currentIndex() == 0
    row.setTabVisible(1, True)
    assert row.tab(1).isVisible()
