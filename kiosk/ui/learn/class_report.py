"""A class's reports on the trainers' page: the progress grid (learner × lesson), the questions
the class finds hardest with the wrong choices picked, and time spent per learner and lesson;
each saved as a spreadsheet (CSV) or all together as a printable PDF.

The SQL runs on a worker (`class_report`); the tables are built from what it read, again on a
language switch, and the same strings go to the files. Files are written on a worker too.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHeaderView, QTableView, QWidget

from kiosk.core.notices import Notice
from kiosk.core.pictures import display_name
from kiosk.i18n import N_, Np_, format_list, format_number, format_percent, localize_digits
from kiosk.services.background import Background
from kiosk.services.class_reports import (
    IN_PROGRESS,
    MASTERED,
    ClassReport,
    Course,
    CourseLesson,
    Gain,
    class_gain,
    class_report,
)
from kiosk.services.report_files import Table, report_html, write_csv, write_pdf
from kiosk.ui.context import UiContext
from kiosk.ui.learn.class_models import TableModel

GRID = N_("Progress grid")
DIFFICULT = N_("Hardest questions")
TIME = N_("Time spent")
GAIN = N_("Gain")
REPORTS = (GRID, DIFFICULT, TIME, GAIN)  # the report tabs, in order
GAIN_NOTE = N_(
    "Right at the first try: in the baseline before the first lesson, in the same questions "
    "after the capstone, and the gain."
)
BEFORE = N_("Before")
AFTER = N_("After")
WHOLE_CLASS = Np_(
    "Whole class ({count} learner took both)", "Whole class ({count} learners took both)"
)
LEGEND = N_("✓ mastered, ◐ in progress, – not started")
LEARNER = N_("Learner")
MASTERED_COLUMN = N_("Mastered")
OF = N_("{count} of {total}")
TOTAL = N_("Total")
MINUTES = N_("Minutes spent answering questions, per lesson.")
QUESTION = N_("Question")
LESSON = N_("Lesson")
WRONG = N_("Wrong answers")
LEARNERS_WRONG = N_("Learners who got it wrong")
PICKED = N_("Wrong choices picked")
PICKED_ONE = N_("“{choice}” ({count} times)")
NO_WRONG = N_("No question of this class has been answered wrongly yet.")
CHOOSE_CLASS = N_("Choose a class to see its reports.")
EMPTY_CLASS = N_("The class “{name}” has no learners yet. Enrol learners in it to see reports.")
REPORT_TITLE = N_("Class report: {name}")
LESSONS = N_("Lessons")
CODE = N_("Number")
SAVE_WHERE = N_("Where should the report be saved?")
SAVED = N_("The report is saved as {path}.")
SYMBOLS = {MASTERED: "✓", IN_PROGRESS: "◐"}  # not a sentence: the legend's marks
COLOURS = {MASTERED: "#CDEBD9", IN_PROGRESS: "#FFF1C2"}


class ReportDialogs:
    """Where a report goes (a file dialog; tests patch `save_path`)."""

    @classmethod
    def save_path(cls, parent: QWidget | None, title: str, suggested: str, kind: str) -> str | None:
        pattern = "CSV (*.csv)" if kind == "csv" else "PDF (*.pdf)"  # not a sentence: a filter
        start = str(Path.home() / suggested)
        path, _filter = QFileDialog.getSaveFileName(parent, title, start, pattern)
        return path or None


@lru_cache(maxsize=4096)
def _minutes(ms: int, code: str) -> str:
    return format_number(round(ms / 60000, 1), code) if ms else ""


def _percent(share: float | None, code: str, signed: bool = False) -> str:
    if share is None:
        return "–"
    text = format_percent(round(share * 100), code)
    if signed and share > 0:
        text = f"+{text}"  # not a sentence: a signed number
    return "\u2066" + text + "\u2069"  # left to right, sign first, in a Persian table too


def _score_cells(before, after, gain, code: str) -> list[str]:
    return [_percent(before, code), _percent(after, code), _percent(gain, code, signed=True)]


def _gain_cells(gain: Gain, code: str) -> list[str]:
    return _score_cells(gain.before, gain.after, gain.gain, code)


def isolate(text: str) -> str:
    """A name or path inside a sentence of the other direction keeps its own order."""
    return "\u2068" + text + "\u2069"  # not a sentence: bidi isolation marks


def lesson_label(lesson: CourseLesson, code: str) -> str:
    """A lesson as listed: its number in the course, then its title."""
    number = localize_digits(lesson.code, code)
    return f"{number} {lesson.lesson.title.get(code)}"  # not a sentence: a number and a title


class ClassReports(QObject):
    """The three report tables of the chosen class and their files."""

    shown = Signal()  # a class's report is on screen (tests and bench wait on it)

    def __init__(self, ctx: UiContext, owner: QWidget, tell) -> None:
        super().__init__(owner)
        self.ctx = ctx
        self.owner = owner
        self.tell = tell
        self.models = {key: TableModel() for key in REPORTS}
        self.views = {key: self._view(model) for key, model in self.models.items()}
        self.reading = Background(self, "reading a class report", notify=tell)
        self.saving = Background(self, "saving a class report", notify=tell)
        self.report: ClassReport | None = None
        self.course: Course | None = None
        self.class_name = ""
        self._wanted: tuple | None = None

    def _view(self, model: TableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setAlternatingRowColors(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(self.ctx.theme.px(44))
        view.horizontalHeader().setMinimumHeight(self.ctx.theme.px(44))
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setDefaultSectionSize(self.ctx.theme.px(64))
        return view

    # Reading -------------------------------------------------------------------------------
    def show_class(self, store, class_id: str | None, name: str, course: Course | None) -> None:
        """Read and show the class's report (None: no class chosen); the latest ask wins."""
        self.class_name, self.course = name, course
        self._wanted = (store, class_id)
        if class_id is None or course is None:
            self.report = None
            self.retranslate()
            return
        self._read()

    def _read(self) -> None:
        if self.reading.busy or self._wanted is None:
            return  # when the run under way ends, the latest wish is read
        store, class_id = self._wanted
        course = self.course

        def op() -> ClassReport:
            with store.reader() as view:
                return class_report(view.db, class_id, course)

        self.reading.run(op, self._arrived)

    def _arrived(self, report: ClassReport) -> None:
        wanted = self._wanted[1] if self._wanted else None
        if report.class_id != wanted:
            self._read()
            return
        self.report = report
        self.retranslate()
        self.shown.emit()

    def status(self) -> str:
        """What the line above the tables says (which class, or why there is nothing)."""
        if self.report is None:
            return self.ctx.tr(CHOOSE_CLASS)
        if not self.report.learners:
            return self.ctx.tr(EMPTY_CLASS, name=isolate(self.class_name))
        return self.ctx.tr(REPORT_TITLE, name=isolate(self.class_name))

    # Tables --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        report, course = self.report, self.course
        if report is None or course is None:
            for model in self.models.values():
                model.set_table([], [])
            return
        tr, code = self.ctx.tr, self.ctx.language.code
        codes = [localize_digits(c.code, code) for c in course.lessons]
        titles = [lesson_label(c, code) for c in course.lessons]
        total = format_number(len(course.lessons))
        high_contrast = self.ctx.theme.palette.window == "#000000"
        rows, colours = [], []
        for learner, states in zip(report.learners, report.states, strict=True):
            done = format_number(sum(1 for s in states if s == MASTERED))
            rows.append(
                [
                    _name(learner, code),
                    tr(OF, count=done, total=total),
                ]
                + [SYMBOLS.get(s, "–") for s in states]
            )
            colours.append(
                [None, None] + [None if high_contrast else COLOURS.get(s) for s in states]
            )
        self.models[GRID].set_table(
            [tr(LEARNER), tr(MASTERED_COLUMN), *codes],
            rows,
            tips=[tr(LEARNER), tr(MASTERED_COLUMN), *titles],
            colours=colours,
        )
        times = [
            [_name(learner, code), _minutes(sum(ms), code)] + [_minutes(m, code) for m in ms]
            for learner, ms in zip(report.learners, report.ms, strict=True)
        ]
        self.models[TIME].set_table(
            [tr(LEARNER), tr(TOTAL), *codes], times, tips=[tr(LEARNER), tr(TOTAL), *titles]
        )
        self.models[DIFFICULT].set_table(
            [tr(QUESTION), tr(LESSON), tr(WRONG), tr(LEARNERS_WRONG), tr(PICKED)],
            [self._difficult_row(d, course) for d in report.difficult],
        )
        for key in (GRID, TIME):
            self.views[key].setColumnWidth(0, self.ctx.theme.px(200))
            self.views[key].setColumnWidth(1, self.ctx.theme.px(110))
        self.views[DIFFICULT].resizeColumnsToContents()
        self._gains(report, course)

    def _gains(self, report: ClassReport, course: Course) -> None:
        tr, code = self.ctx.tr, self.ctx.language.code
        headers, tips = [tr(LEARNER)], [tr(LEARNER)]
        for assessment in course.assessments:
            names = {c.lesson.id: c.lesson.title.get(code) for c in course.lessons
                     if c.pack_id == assessment.pack_id}  # fmt: skip
            headers += [tr(BEFORE), tr(AFTER), tr(GAIN)]
            tips += [names.get(assessment.before, ""), names.get(assessment.after, ""), tr(GAIN)]
        rows = [
            [
                _name(learner, code),
                *[cell for gain in gains for cell in _gain_cells(gain, code)],
            ]
            for learner, gains in zip(report.learners, report.gains, strict=True)
        ]
        if course.assessments and report.learners:
            whole = [class_gain([gains[n] for gains in report.gains])
                     for n in range(len(course.assessments))]  # fmt: skip
            counted = min(n for *_scores, n in whole)
            cells = [cell for *scores, _n in whole for cell in _score_cells(*scores, code)]
            whole_class = self.ctx.trn(WHOLE_CLASS, counted, count=format_number(counted))
            rows.append([whole_class, *cells])
        self.models[GAIN].set_table(headers, rows, tips=tips)
        self.views[GAIN].resizeColumnsToContents()
        self.views[GAIN].setColumnWidth(0, self.ctx.theme.px(260))

    def _difficult_row(self, difficult, course: Course) -> list[str]:
        tr, code = self.ctx.tr, self.ctx.language.code
        item = course.items[difficult.key]
        lesson = next(c for c in course.lessons if c.key == difficult.key[:2])
        choices = {choice.id: choice.text.get(code) for choice in item.choices}
        picked = [
            tr(
                PICKED_ONE,
                choice=format_list([choices.get(c, c) for c in chosen], code),
                count=format_number(count),
            )
            for chosen, count in difficult.picked
        ]
        return [
            item.prompt.get(code),
            lesson_label(lesson, code),
            tr(OF, count=format_number(difficult.wrong), total=format_number(difficult.answers)),
            tr(
                OF,
                count=format_number(difficult.learners_wrong),
                total=format_number(difficult.learners),
            ),
            "; ".join(picked),  # not a sentence: one cell listing picks, each its own message
        ]

    def table(self, key: str) -> Table:
        """A report table as shown, with the lessons' full titles as its headers."""
        model = self.models[key]
        return Table(self.ctx.tr(key), list(model.tips), [list(row) for row in model.rows])

    # Files ---------------------------------------------------------------------------------
    def save_csv(self, key: str) -> None:
        if not self._ready():
            return
        table = self.table(key)
        name = f"{self.class_name}-{table.heading}.csv"  # not a sentence: a file name
        path = ReportDialogs.save_path(self.owner, self.ctx.tr(SAVE_WHERE), name, "csv")
        if path:
            self.saving.run(lambda: write_csv(Path(path), table), self._saved)

    def save_pdf(self) -> None:
        if not self._ready():
            return
        assert self.course is not None
        tr, code = self.ctx.tr, self.ctx.language.code
        # The grid and times with lesson numbers as headers: the lessons are listed below.
        grid = replace(self.table(GRID), headers=list(self.models[GRID].headers))
        times = replace(self.table(TIME), headers=list(self.models[TIME].headers))
        lessons = Table(
            tr(LESSONS),
            [tr(CODE), tr(LESSON)],
            [
                [localize_digits(c.code, code), c.lesson.title.get(code)]
                for c in self.course.lessons
            ],
        )
        difficult = self.table(DIFFICULT)
        if not difficult.rows:
            difficult = replace(difficult, rows=[[tr(NO_WRONG), "", "", "", ""]])
        rtl = self.owner.layoutDirection() == Qt.LayoutDirection.RightToLeft
        tables = [grid, difficult, times]
        if self.course.assessments:
            tables.append(self.table(GAIN))
        document = report_html(
            tr(REPORT_TITLE, name=isolate(self.class_name)),
            [tr(LEGEND), tr(MINUTES)] + ([tr(GAIN_NOTE)] if self.course.assessments else []),
            [*tables, lessons],
            rtl=rtl,
        )
        name = f"{self.class_name}.pdf"  # not a sentence: a file name
        path = ReportDialogs.save_path(self.owner, tr(SAVE_WHERE), name, "pdf")
        if path:
            self.saving.run(lambda: write_pdf(Path(path), document, rtl), self._saved)

    def _ready(self) -> bool:
        if self.report is None or not self.report.learners:
            self.tell(Notice(CHOOSE_CLASS if self.report is None else EMPTY_CLASS,
                             {"name": isolate(self.class_name)}))  # fmt: skip
            return False
        return True

    def _saved(self, path: Path) -> None:
        self.tell(Notice(SAVED, {"path": isolate(str(path))}), problem=False)


__all__ = ["DIFFICULT", "GAIN", "GRID", "REPORTS", "TIME", "ClassReports", "ReportDialogs"]


def _name(learner, code: str) -> str:
    """A learner as staff read them: a default name in the interface language."""
    return display_name(learner.nickname, learner.avatar, code)
