"""The trainers' page at a desk: classes found by typing, learners in a list, a class's progress
grid, hardest questions and time spent, saved as CSV and PDF; mirrored in Persian, every target
at least 44 px, usable with the keyboard; an empty class and an unwritable folder told."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from kiosk.core.lessons.model import Mastery
from kiosk.core.staff_rules import Role
from kiosk.services.learners import Learners, hash_password
from kiosk.services.progress import Progress
from kiosk.ui.learn import class_report
from kiosk.ui.learn.class_report import DIFFICULT, GRID, TIME
from tests.gui import save_screenshot

PIN = "246813"


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view, text: str):
    """Click the row of `view` showing `text`, where a person would."""
    model = view.model()
    [index] = [
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == text
    ]
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def centre(kiosk):
    """Three classes (one empty), learners with progress and answers, one outside any class."""
    learners, progress = Learners(kiosk.store), Progress(kiosk.store)
    secret = hash_password(("apple", "key", "cup"))
    tuesday = learners.create_class("کلاس سه‌شنبه")
    learners.create_class("Empty class")
    other = learners.create_class("Wednesday")
    maryam = learners.enrol("مریم", "cat", secret, tuesday)
    reza = learners.enrol("Reza", "sheep", secret, tuesday)
    learners.enrol("Ali", "bird", secret, other)
    learners.enrol("Nobody's", "fish", secret)
    for learner in (maryam, reza):
        progress.record_answer(learner, "basics", "ask-operator", "stuck", ("leave",), False, 1,
                               90_000, 1, {})  # fmt: skip
    progress.complete(maryam, "basics", "first-screen", Mastery("all"), [True])
    progress.save_step(reza, "basics", "first-screen", 2, {})
    return tuesday


def open_page(qtbot, kiosk):
    admin = kiosk.staff.directory().create("setup", "Sara", Role.ADMIN, "135790")
    trainer = kiosk.staff.directory().create(admin, "Mina", Role.TRAINER, PIN)
    kiosk.window.show_screen("staff")
    screen = kiosk.window.current_screen()
    click(qtbot, screen.page.account_buttons[trainer.id])
    for digit in PIN:
        click(qtbot, screen.page.keypad.digits[digit])
    click(qtbot, screen.page.keypad.ok_button)
    qtbot.waitUntil(lambda: screen.page.objectName() == "staff_page_home", timeout=5000)
    click(qtbot, screen.page.tiles["learners"])
    page = screen.page
    qtbot.waitUntil(lambda: page.course is not None and not page.reading.busy, timeout=10000)
    return page


def shown_report(qtbot, page):
    qtbot.waitUntil(lambda: not page.reading.busy and not page.reports.reading.busy)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_trainer_finds_a_class_and_reads_its_reports(make_kiosk, qtbot, artifacts, language):
    kiosk = make_kiosk(language, (1280, 800))
    tuesday = centre(kiosk)
    page = open_page(qtbot, kiosk)
    tr = kiosk.window.ctx.tr
    # Every learner first (four: no guest), each class with its number of learners.
    assert page.learners.rowCount() == 4 and page.class_proxy.rowCount() == 4
    assert page.report_status.text() == tr(class_report.CHOOSE_CLASS)
    # Typing narrows the classes; "All learners" stays.
    page.class_search.setFocus()
    page.class_search.insert("سه")  # as an input method types it (QTest types only Latin)
    assert page.class_proxy.rowCount() == 2
    shown = page.class_proxy.index(1, 0).data()
    assert shown.startswith("\u2068کلاس سه‌شنبه\u2069") and ("2" in shown or "۲" in shown)
    click_row(qtbot, page.class_view, shown)
    shown_report(qtbot, page)
    assert page.class_id == tuesday
    assert [r.nickname for r in page.learners.rows] == ["Reza", "مریم"]
    assert page.report_status.text() == tr(
        class_report.REPORT_TITLE, name="\u2068کلاس سه‌شنبه\u2069"
    )
    grid = page.reports.models[GRID]
    reza, maryam = grid.rows
    # The grid's lesson columns follow the name and the count, in course order (the baseline
    # first, then module 0's lessons).
    column = {key: 2 + n for key, n in page.course.index().items()}
    first, touch = column[("basics", "first-screen")], column[("basics", "touch-and-scroll")]
    assert maryam[0] == "مریم" and maryam[first] == "✓" and reza[first] == "◐"
    assert reza[touch] == "–" and maryam[column[("basics", "baseline")]] == "–"
    first_screen = page.course.lessons[first - 2].lesson
    assert first_screen.id == "first-screen"
    assert grid.tips[first].endswith(first_screen.title.get(language))
    [hardest] = page.reports.models[DIFFICULT].rows
    assert hardest[0] == page.course.items[("basics", "ask-operator", "stuck")].prompt.get(language)
    leave = next(c for c in page.course.items[("basics", "ask-operator", "stuck")].choices
                 if c.id == "leave")  # fmt: skip
    assert leave.text.get(language) in hardest[4]
    times = page.reports.models[TIME].rows
    assert times[0][1] == ("۱٫۵" if language == "fa" else "1.5")  # 90 s, in minutes
    # Mirrored in Persian: the class list on the leading side.
    side = page.class_view.mapTo(page, page.class_view.rect().center()).x()
    tabs = page.tabs.mapTo(page, page.tabs.rect().center()).x()
    assert (side > tabs) == (language == "fa")
    save_screenshot(kiosk.window, artifacts, f"staff-class-learners-{language}")
    for index, name in ((1, "grid"), (2, "difficult"), (3, "time")):
        page.tabs.setCurrentIndex(index)
        save_screenshot(kiosk.window, artifacts, f"staff-class-{name}-{language}")
    # A desk page, still touchable: every button, field, tab and list row at least 44 px.
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QLineEdit):
        if widget.isVisible():
            assert widget.height() >= 44, widget.objectName()
    shown_tabs = [i for i in range(page.tabs.count()) if page.tabs.isTabVisible(i)]
    # Learners, grid, hardest questions, time, and gain: the bundled course has a baseline.
    assert len(shown_tabs) == 5 and all(page.tabs.tab(i).height() >= 44 for i in shown_tabs)
    assert page.class_view.visualRect(page.class_proxy.index(0, 0)).height() >= 44
    assert page.learner_view.visualRect(page.learner_proxy.index(0, 0)).height() >= 44


def test_the_keyboard_moves_through_classes_and_learners(make_kiosk, qtbot):
    kiosk = make_kiosk("en", (1280, 800))
    centre(kiosk)
    page = open_page(qtbot, kiosk)
    page.class_view.setFocus()
    qtbot.keyClick(page.class_view, Qt.Key.Key_Down)  # "All learners" → the first class
    shown_report(qtbot, page)
    assert page.class_view.currentIndex().data().startswith("\u2068Empty class")
    assert page.learners.rows == [] and page.no_learners.isVisible()
    assert "has no learners yet" in page.report_status.text()
    # Two presses faster than the database: the latest choice is the one shown.
    qtbot.keyClick(page.class_view, Qt.Key.Key_Down)
    qtbot.keyClick(page.class_view, Qt.Key.Key_Down)
    shown_report(qtbot, page)
    assert [r.nickname for r in page.learners.rows] == ["Reza", "مریم"]
    assert len(page.reports.models[GRID].rows) == 2
    qtbot.keyClick(page.class_view, Qt.Key.Key_Up)
    shown_report(qtbot, page)
    assert [r.nickname for r in page.learners.rows] == ["Ali"]
    page.learner_view.setFocus()
    qtbot.keyClick(page.learner_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: len(page.progress_rows()) == len(page.course.lessons))
    assert page.detail.text() == "Ali" and page.reset_button.isVisible()


def test_a_learner_chosen_in_one_class_moves_to_another(make_kiosk, qtbot):
    kiosk = make_kiosk("en", (1280, 800))
    tuesday = centre(kiosk)
    page = open_page(qtbot, kiosk)
    click_row(qtbot, page.learner_view, "Nobody's")
    click_row(qtbot, page.class_view, page.classes.index(page.classes.row_of(tuesday)).data())
    shown_report(qtbot, page)
    assert page.move_button.isEnabled()
    click(qtbot, page.move_button)
    shown_report(qtbot, page)
    assert "Nobody's" in [r.nickname for r in page.learners.rows]
    assert len(page.reports.models[GRID].rows) == 3


def test_reports_are_saved_as_csv_and_pdf_and_a_bad_place_is_told(
    make_kiosk, qtbot, artifacts, tmp_path, monkeypatch
):
    kiosk = make_kiosk("fa", (1280, 800))
    tuesday = centre(kiosk)
    page = open_page(qtbot, kiosk)
    page.choose_class(tuesday)
    shown_report(qtbot, page)
    place = {"path": str(tmp_path / "grid.csv")}
    monkeypatch.setattr(
        class_report.ReportDialogs, "save_path", classmethod(lambda cls, *a: place["path"])
    )
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.csv_button)
    qtbot.waitUntil(lambda: not page.reports.saving.busy, timeout=10000)
    data = (tmp_path / "grid.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("آموزنده,") or "," in lines[0]
    assert any(line.startswith("مریم,") and ",✓," in line for line in lines)
    assert "grid.csv" in page.message.text()
    place["path"] = str(tmp_path / "report.pdf")
    click(qtbot, page.pdf_button)
    qtbot.waitUntil(lambda: not page.reports.saving.busy, timeout=20000)
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    render_pdf(pdf, artifacts / "class-report-fa.png")
    place["path"] = str(tmp_path / "no-such-stick" / "grid.csv")
    click(qtbot, page.csv_button)
    qtbot.waitUntil(lambda: not page.reports.saving.busy, timeout=10000)
    assert "no-such-stick" in page.message.text()
    assert not (tmp_path / "no-such-stick").exists()


def render_pdf(path, png) -> None:
    """The PDF's first page as an image, for people to look at (and proof it has pages)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    assert document.pageCount() >= 1
    image = document.render(0, document.pagePointSize(0).toSize() * 2)
    assert not image.isNull()
    canvas = QImage(image.size(), QImage.Format.Format_RGB32)
    canvas.fill(Qt.GlobalColor.white)
    painter = QPainter(canvas)
    painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
    painter.end()
    assert canvas.save(str(png))


def test_the_gain_tab_shows_each_learner_and_the_class_where_a_pack_has_a_baseline(
    make_kiosk, qtbot, artifacts, tmp_path, monkeypatch
):
    from tests.staff.test_class_reports import assessed_pack

    assessed_pack(tmp_path / "packs")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    kiosk = make_kiosk("fa", (1280, 800))
    learners, progress = Learners(kiosk.store), Progress(kiosk.store)
    group = learners.create_class("گروه")
    maryam = learners.enrol("مریم", "cat", hash_password(("apple", "key", "cup")), group)
    for lesson, right in (("lesson-0000", ("q1",)), ("lesson-0002", ("q1", "q2", "q3"))):
        for item in ("q1", "q2", "q3", "q4"):
            progress.record_answer(maryam, "sample", lesson, item, ("a",), item in right, 1,
                                   1000, 1, {})  # fmt: skip
    page = open_page(qtbot, kiosk)
    gain_tab = 1 + class_report.REPORTS.index(class_report.GAIN)
    assert page.tabs.isTabVisible(gain_tab)
    page.choose_class(group)
    shown_report(qtbot, page)
    rows = page.reports.models[class_report.GAIN].rows
    ltr = "\u2066{}\u2069".format  # numbers and their sign kept in order in Persian
    assert rows[0] == ["مریم", ltr("۲۵٪"), ltr("۷۵٪"), ltr("+۵۰٪")]
    assert rows[1][0] == kiosk.window.ctx.trn(class_report.WHOLE_CLASS, 1, count="۱")
    assert rows[1][1:] == [ltr("۲۵٪"), ltr("۷۵٪"), ltr("+۵۰٪")]
    page.tabs.setCurrentIndex(gain_tab)
    save_screenshot(kiosk.window, artifacts, "staff-class-gain-fa")


def test_no_gain_tab_without_a_baseline(make_kiosk, qtbot, tmp_path, monkeypatch):
    from tools.synthetic_pack import write_pack

    write_pack(tmp_path / "packs" / "sample", lessons=2, per_module=2)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    kiosk = make_kiosk("en", (1280, 800))
    page = open_page(qtbot, kiosk)
    assert page.course.assessments == ()
    assert not page.tabs.isTabVisible(1 + class_report.REPORTS.index(class_report.GAIN))


def test_rows_and_tabs_stay_large_targets_after_a_text_size_change(make_kiosk, qtbot):
    """The page's own style (44 px rows and tabs) is set again with each text size."""
    kiosk = make_kiosk("en", (1280, 800))
    centre(kiosk)
    page = open_page(qtbot, kiosk)
    for scale in (150, 100):
        kiosk.theme.set_scale(scale)
        qtbot.waitUntil(lambda: not page.reading.busy)
        least = kiosk.theme.px(44)
        view = page.learner_view
        assert view.visualRect(view.model().index(0, 0)).height() >= least, scale
        assert page.tabs.tab(0).height() >= least, scale


def test_a_report_tab_holds_still_and_asks_only_its_own_height(make_kiosk, qtbot):
    """Each report tab as tall as what it shows (not the tallest report's height over empty
    space), and the screen still once laid out: its lists are measured at their least and then
    shown whole, and Qt's layouts must not keep the least sizes (that flipped the screen's
    height between two values on every turn of the event loop, for ever)."""
    from tests.layout.checker import settle

    kiosk = make_kiosk("en", (1280, 800))
    centre(kiosk)
    page = open_page(qtbot, kiosk)
    shown_report(qtbot, page)
    click(qtbot, page.tabs.tab(1 + class_report.REPORTS.index(GRID)))
    grid = page.reports.views[GRID]
    heights = []
    for _turn in range(8):
        settle()
        heights.append(
            (page.height(), page.csv_button.mapTo(page, page.csv_button.rect().topLeft()).y())
        )
    assert len(set(heights)) == 1, heights
    box = page.tabs.stack.currentWidget()
    assert grid.isVisible() and box.height() <= grid.height() + page.legend.height() + 60
