"""Trainers' page: find a class and its learners, enrol, reset a picture password, move a
learner, see the certificates a learner was issued and issue one again, and read the class's
reports (progress grid, hardest questions, time spent).

Issuing again: the kiosk keeps no name and no PDF, only each certificate's serial, course and
date. So a trainer touches "Issue the certificate again" on a learner who has mastered a course;
the learner's certificate page opens here, at the desk, and the learner types the name to print
again (it may differ from last time); saving or printing records a new serial for them. The old
certificate's code stays valid.

Built for a centre of any size: the classes and learners are searchable lists over Qt models
(only the rows on screen are painted), every query runs on a worker with its own read-only
connection, the latest choice wins when a person moves faster than the database, and the
lesson packs are read once, the first time the page opens.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.certificate import gregorian_text, jalali_text
from kiosk.core.notices import Notice, NoticeError
from kiosk.core.pictures import AVATAR_NAMES, display_name
from kiosk.i18n import N_, Np_, format_number
from kiosk.services.background import Background
from kiosk.services.class_reports import (
    MASTERED,
    NOT_STARTED,
    Course,
    class_rows,
    learner_progress,
    learner_rows,
    read_course,
)
from kiosk.services.learners import Learners, hash_password
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import icon
from kiosk.ui.learn.class_models import (
    ID_ROLE,
    ClassListModel,
    LearnerListModel,
    SearchProxy,
    TableModel,
)
from kiosk.ui.learn.class_report import (
    DIFFICULT,
    GAIN,
    GAIN_NOTE,
    GRID,
    LEGEND,
    MINUTES,
    REPORTS,
    TIME,
    ClassReports,
    isolate,
    lesson_label,
)
from kiosk.ui.learn.lesson_map import star_text
from kiosk.ui.learn.pictures import AvatarPage, PasswordPage
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.scrolling import bring_into_view
from kiosk.ui.widgets.spoken_field import SpokenField
from kiosk.ui.widgets.tab_row import TabRow
from kiosk.ui.widgets.tile_grid import TileGrid

ALL_LEARNERS = N_("All learners")
CLASS_ROW = Np_("{name} ({count} learner)", "{name} ({count} learners)")
LEARNERS_TAB = N_("Learners")
STATES = {NOT_STARTED: N_("not started"), 1: N_("in progress"), MASTERED: N_("mastered")}
STARS = N_("Stars")
STATE = N_("Progress")
LESSON = N_("Lesson")
NO_LEARNERS = N_("No learners here yet. Enrol a learner, or choose another class.")
SAVE_CSV = N_("Save as a spreadsheet (CSV)")
SAVE_PDF = N_("Save the class report as PDF")
CERTIFICATES = N_("Certificates issued")
NO_CERTIFICATES = N_("No certificate issued yet.")
ISSUED = N_("{date}: “{course}”, {mastered} of {lessons} lessons, {how} (serial {serial})")
HOW = {"saved": N_("saved"), "printed": N_("printed")}
REISSUE = N_("Issue the certificate again")
SIDE_PX = 340  # the most the classes take beside the rest, at 100 % text
SLACK = 48  # px at 100 %: the frames, margins and spaces between the page's parts
LEFT_TO_RIGHT = QBoxLayout.Direction.LeftToRight  # mirrored by Qt in right-to-left
TOP_TO_BOTTOM = QBoxLayout.Direction.TopToBottom
UNLIMITED = 16_777_215  # QWIDGETSIZE_MAX
REPORT_NAMES = {GRID: "grid", DIFFICULT: "hardest", TIME: "time", GAIN: "gain"}  # tab names


def _chosen_by_the_row() -> None:
    """A tab's own action: none; the tab row shows its page."""


@dataclass(frozen=True)
class ForLearner:
    """The learner a certificate is issued again to, as the certificate page asks for them."""

    learner_id: str
    store: object


class LearnersPage(Page):
    """A view over the learner records: pick a class, a learner, and act; read reports."""

    title_msgid = N_("Learners and classes")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.class_id: str | None = None
        self.learner_id: str | None = None
        self.course: Course | None = None  # the lesson packs, read once
        self._pending: dict = {}
        self._avatars: dict[str, QIcon] = {}
        ctx.theme.changed.connect(self._avatars.clear)  # the disc follows the theme
        px = ctx.theme.px
        # Classes: a search field over a list (never a row of buttons) ----------------------
        self.classes = ClassListModel(self._describe_class)
        self.class_proxy = SearchProxy(self.classes)
        self.class_search = SpokenField(ctx, N_("Find a class"))
        self.class_search.textChanged.connect(self.class_proxy.search)
        self.class_view = self._list(self.class_proxy)
        self.class_view.selectionModel().currentChanged.connect(self._class_current)
        self.class_name = SpokenField(ctx, N_("Name of a new class"))
        self.class_name.setMaxLength(40)
        self.add_class = self.button(N_("Add the class"), "class_add", self._add_class)
        side = QVBoxLayout()
        for widget in (self.class_search, self.class_view, self.class_name, self.add_class):
            side.addWidget(widget, 1 if widget is self.class_view else 0)
        side.addStretch(0)  # where the lists show all their rows, the rest goes below
        side_box = QWidget()
        side_box.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        self.side_box = side_box
        side_box.setMaximumWidth(px(SIDE_PX))  # see `_arrange`
        ctx.theme.changed.connect(self._arrange)
        # Learners ---------------------------------------------------------------------------
        self.learners = LearnerListModel(self._avatar_icon)
        self.learner_proxy = SearchProxy(self.learners)
        self.learner_search = SpokenField(ctx, N_("Find a learner"))
        self.learner_search.textChanged.connect(self.learner_proxy.search)
        self.learner_view = self._list(self.learner_proxy)
        self.learner_view.setIconSize(QSize(px(40), px(40)))
        self.learner_view.selectionModel().currentChanged.connect(self._learner_current)
        self.no_learners = label("body")
        self.no_learners.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.enrol_button = self.button(N_("Enrol a learner"), "enrol", self._start_enrol)
        self.nickname = SpokenField(ctx, N_("Nickname of the learner"))
        self.nickname.setMaxLength(40)
        self.steps = PageStack()
        self.avatar = AvatarPage(ctx, N_("Choose the learner's picture."))
        self.avatar.chosen.connect(self._avatar_chosen)
        self.first = PasswordPage(ctx, N_("The learner chooses three pictures, in order."))
        self.first.entered.connect(self._first_password)
        self.again = PasswordPage(ctx, N_("The learner touches the same three pictures again."))
        self.again.entered.connect(self._second_password)
        self.blank = QWidget()
        for page in (self.blank, self.avatar, self.first, self.again):
            self.steps.addWidget(page)
        self.detail = label("row_title")
        self.reset_button = self.button(
            N_("New picture password"), "reset_password", self._start_reset
        )
        self.move_button = self.button(N_("Move to the chosen class"), "move", self._move)
        self.certificates = label("body")
        self.certificates.setObjectName("learner_certificates")
        self.certificates.setWordWrap(True)
        self.reissue_button = self.button(REISSUE, "reissue_certificate", self._reissue)
        self.certificate_page = None  # made the first time a certificate is issued again
        self.lessons = TableModel()
        self.lesson_view = QTableView()
        self.lesson_view.setModel(self.lessons)
        self.lesson_view.verticalHeader().hide()
        self.lesson_view.verticalHeader().setDefaultSectionSize(px(44))
        self.lesson_view.horizontalHeader().setMinimumHeight(px(44))
        header = self.lesson_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.lesson_view.setCornerButtonEnabled(False)
        learners_tab = QWidget()
        tab = QVBoxLayout(learners_tab)
        tab.setContentsMargins(0, px(8), 0, 0)  # the lists need the height more than a frame
        listing = QVBoxLayout()
        for widget in (self.learner_search, self.learner_view, self.no_learners):
            listing.addWidget(widget, 0 if widget is self.learner_search else 1)
        listing.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignLeading)
        # Where the lists show all their rows, what is left goes below, not into the words.
        listing.addStretch(0)
        # The learner's actions: as many side by side as their words allow, the others on the
        # rows below (the chosen learner's side is narrow, the words long at large text).
        self.actions = TileGrid.button_rows(
            ctx.theme, [self.reset_button, self.move_button, self.reissue_button]
        )
        chosen = QVBoxLayout()
        chosen.addWidget(self.detail)
        chosen.addWidget(self.actions)
        chosen.addWidget(self.certificates)
        chosen.addWidget(self.lesson_view, 1)
        chosen.addStretch(0)
        self.split = split = QHBoxLayout()
        split.addLayout(listing, 2)
        split.addLayout(chosen, 3)
        tab.addLayout(split, 1)
        for widget in (self.nickname, self.steps):
            tab.addWidget(widget)
        # Reports ----------------------------------------------------------------------------
        self.reports = ClassReports(ctx, self, self.tell)
        self.reports.shown.connect(self._report_shown)
        self.legend = label("body")
        self.minutes = label("body")
        # Tabs as a wrapping row of buttons over the page shown (kiosk/ui/widgets/tab_row.py):
        # a tab bar would hide tabs behind small arrows at large text, and its stack would ask
        # for the tallest report's height under every report.
        self.tabs = TabRow(ctx.theme)
        self.tabs.setObjectName("learner_tabs")
        self.tabs.add(self.button(LEARNERS_TAB, "tab_learners", _chosen_by_the_row), learners_tab)
        self.gain_note = label("body")
        notes = {GRID: self.legend, TIME: self.minutes, GAIN: self.gain_note}
        for key in REPORTS:
            note = notes.get(key)
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, px(8), 0, 0)
            if note is not None:
                layout.addWidget(note)
            layout.addWidget(self.reports.views[key], 1)
            tab = self.button(key, f"tab_{REPORT_NAMES[key]}", _chosen_by_the_row)
            self.tabs.add(tab, box)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.report_status = label("row_title")
        self.csv_button = self.button(SAVE_CSV, "save_csv", self._save_csv)
        self.pdf_button = self.button(SAVE_PDF, "save_pdf", self.reports.save_pdf)
        self.reports.saving.busy_changed.connect(self.csv_button.setDisabled)
        self.reports.saving.busy_changed.connect(self.pdf_button.setDisabled)
        self.files = TileGrid.button_rows(ctx.theme, [self.csv_button, self.pdf_button])
        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(self.report_status)
        main.addWidget(self.tabs, 1)
        main.addWidget(self.files)
        self.body = body = QHBoxLayout()
        body.addWidget(side_box, 1)
        body.addLayout(main, 3)
        self.column.addWidget(self.message)
        self.column.addLayout(body, 1)
        # Work off the UI thread: lists, one learner's lessons, enrolment's scrypt.
        self.reading = Background(self, "reading the learners", notify=self.tell)
        self.details = Background(self, "reading a learner's progress", notify=self.tell)
        self.hashing = Background(self, "hashing a picture password", notify=self.tell)
        self.hashing.busy_changed.connect(self.again.setDisabled)
        self._wanted_lists: str | None = None
        self.learner = None  # the chosen learner's row (LearnerRow), kept across classes
        self._progress: list | None = None  # their lessons, as read
        self._issued: list[dict] = []  # their certificates, newest first
        self._mastered_packs: list = []  # the packs whose course they have mastered
        # The lists and tables scroll by themselves in the room the page leaves them, never
        # inside a scrolling screen (kiosk/ui/widgets/fit_lists.py).
        self.fit_lists(
            self.class_view, self.learner_view, self.lesson_view, *self.reports.views.values()
        )
        self._show_learner()
        self.retranslate()

    def _form_style(self) -> None:
        # Each text size sets the page's style again: the lists' rows with it.
        super()._form_style()
        px = self.ctx.theme.px
        self.setStyleSheet(self.styleSheet() + f"QListView::item {{ min-height: {px(44)}px; }}")

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The classes, the learners and the chosen learner side by side where each part's
        buttons have the room their words need; else one above the other (large text on a
        small screen), so no word is cut. Decided from the page's width and the words alone:
        the same width gives the same answer, whatever was shown before."""
        px = self.ctx.theme.px
        width = self.width() - px(SLACK)
        if width <= 0:
            return

        def widest(*buttons: QPushButton) -> int:
            return max(button.sizeHint().width() for button in buttons)

        side = widest(self.add_class)
        listing = widest(self.enrol_button)
        chosen = widest(self.reset_button, self.move_button, self.reissue_button)
        room = min(width // 4, px(SIDE_PX))  # the side takes a quarter, at most SIDE_PX
        main = width - room
        beside = room >= side and main * 2 // 5 >= listing
        if not beside:
            main = width
        self.body.setDirection(LEFT_TO_RIGHT if beside else TOP_TO_BOTTOM)
        # Above the rest, the classes take the height they ask for, the rest what is left: a
        # share by stretch would give them less (their button below its words at 200 %).
        self.body.setStretch(0, 1 if beside else 0)
        # At most a quarter of the page beside the rest, so the tables keep room when text is
        # enlarged; all the width above it.
        self.side_box.setMaximumWidth(px(SIDE_PX) if beside else UNLIMITED)
        fits = main * 2 // 5 >= listing and main * 3 // 5 >= chosen
        self.split.setDirection(LEFT_TO_RIGHT if fits else TOP_TO_BOTTOM)

    def _list(self, proxy) -> QListView:
        view = QListView()
        view.setModel(proxy)
        view.setUniformItemSizes(True)  # virtualised: no row is measured that is not shown
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return view

    def _describe_class(self, name: str, count: int) -> str:
        return self.ctx.trn(CLASS_ROW, count, name=isolate(name), count=format_number(count))

    def _avatar_icon(self, avatar: str) -> QIcon:
        """The avatar's white drawing on the learner tiles' dark disc, so it shows on a list."""
        if avatar not in self._avatars:
            size = 96
            image = QPixmap(size, size)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.ctx.theme.palette.bar))
            painter.drawEllipse(QRectF(0, 0, size, size))
            icon(f"avatar_{avatar}").paint(painter, 8, 8, size - 16, size - 16)
            painter.end()
            self._avatars[avatar] = QIcon(image)
        return self._avatars[avatar]

    # Reading ------------------------------------------------------------------------------
    def _store(self):
        return self.access.database.store

    def refresh(self) -> None:
        super().refresh()
        self._pending = {}
        self._progress = None  # lessons may have been played since: read them again
        self._show_steps(None)
        self._read_lists()

    def _read_lists(self) -> None:
        """Classes and the chosen class's learners (and the packs, the first time)."""
        try:
            store = self._store()
        except NoticeError as error:
            self.tell(error.notice)
            return
        self._wanted_lists = self.class_id
        if self.reading.busy:
            return  # the run under way reads again for the latest choice when it ends
        class_id, course = self.class_id, self.course

        def op():
            found = course or read_course()
            with store.reader() as view:
                classes, total = class_rows(view.db)
                return found, class_id, classes, total, learner_rows(view.db, class_id)

        self.reading.run(op, self._lists_read)

    def _lists_read(self, result) -> None:
        self.course, class_id, classes, total, learners = result
        # The gain tab only where a pack has a baseline assessment.
        self.tabs.setTabVisible(1 + REPORTS.index(GAIN), bool(self.course.assessments))
        if class_id != self._wanted_lists:
            self._read_lists()
            return
        self.classes.set_rows(classes, total, self.ctx.tr(ALL_LEARNERS))
        if class_id is not None and self.classes.row_of(class_id) < 0:
            self.class_id = None  # the class is gone
            self._read_lists()
            return
        self._select(self.class_view, self.class_proxy, self.classes.row_of(class_id))
        self.learners.set_rows(learners)
        row = self.learners.row_of(self.learner_id)
        if row >= 0:  # a learner just enrolled or moved: their row as it is now
            self.learner = learners[row]
        self._select(self.learner_view, self.learner_proxy, row)
        # An empty list gives its place to the words saying why it is empty.
        self.no_learners.setVisible(not learners)
        self.learner_view.setVisible(bool(learners))
        self._show_learner()
        name = next((c.name for c in classes if c.id == class_id), "")
        self.reports.show_class(self._store(), class_id, name, self.course)
        self._show_report_status()

    def _select(self, view: QListView, proxy, source_row: int) -> None:
        """Mark a row as chosen without it counting as a new choice."""
        view.selectionModel().blockSignals(True)
        if source_row < 0:
            view.selectionModel().clearSelection()
            view.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        else:
            index = proxy.mapFromSource(proxy.sourceModel().index(source_row, 0))
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            view.scrollTo(index)
        view.selectionModel().blockSignals(False)

    def _class_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.choose_class(current.data(ID_ROLE))

    def _learner_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.choose_learner(current.data(ID_ROLE))

    def choose_class(self, class_id: str | None) -> None:
        """Show a class (None: every learner): its learners and its reports. The learner
        chosen before stays chosen, so they can be moved to this class."""
        if class_id == self.class_id and self.classes.rows:
            return
        self.class_id = class_id
        self._show_learner()
        self._read_lists()

    def choose_learner(self, learner_id: str) -> None:
        """Show one learner: their name, actions and every lesson's progress."""
        row = self.learners.row_of(learner_id)
        if row < 0:
            return
        if learner_id != self.learner_id and self.steps.currentWidget() is self.certificate_page:
            self._show_steps(None)  # issuing again was for the learner chosen before
        self.learner_id, self.learner = learner_id, self.learners.rows[row]
        self._progress, self._issued, self._mastered_packs = None, [], []
        self._show_learner()
        self._read_details()

    def _show_learner(self) -> None:
        learner = self.learner if self.learner_id else None
        for widget in (self.detail, self.reset_button, self.move_button, self.lesson_view):
            widget.setVisible(learner is not None)
        # The learners (or the words saying there are none) have the width until one is chosen.
        self.split.setStretch(1, 3 if learner is not None else 0)
        self.certificates.setVisible(learner is not None and self._progress is not None)
        self.reissue_button.setVisible(learner is not None and bool(self._mastered_packs))
        self.actions.reflow()
        if learner is None:
            self.lessons.set_table([], [])
            return
        self.detail.setText(display_name(learner.nickname, learner.avatar, self.ctx.language.code))
        self.move_button.setEnabled(self.class_id not in (None, learner.class_id))
        if self._progress is None:
            self._read_details()

    def _read_details(self) -> None:
        if self.details.busy or self.course is None or self.learner_id is None:
            return
        store, course, learner_id = self._store(), self.course, self.learner_id

        def op():
            from kiosk.services.certificates import course_mastered, issued_to, mastered_lessons

            with store.reader() as view:
                rows = learner_progress(view.db, learner_id, course)
                issued = issued_to(view.db, learner_id)
                packs = [
                    (pack, mastered_lessons(view.db, learner_id, pack))
                    for pack in course.packs
                    if course_mastered(view.db, learner_id, pack)
                ]
            return learner_id, rows, issued, packs

        self.details.run(op, self._details_read)

    def _details_read(self, result) -> None:
        learner_id, rows, issued, packs = result
        if learner_id != self.learner_id:
            self._read_details()  # another learner was chosen meanwhile
            return
        self._progress, self._issued, self._mastered_packs = rows, issued, packs
        self._fill_lessons()
        self._show_learner()

    def _fill_lessons(self) -> None:
        if self.course is None or self.learner_id is None or self._progress is None:
            self.lessons.set_table([], [])
            return
        tr, code = self.ctx.tr, self.ctx.language.code
        rows = []
        for lesson, (state, stars, _mastered) in zip(
            self.course.lessons, self._progress, strict=True
        ):
            rows.append([lesson_label(lesson, code), star_text(stars), tr(STATES[state])])
        self.lessons.set_table([tr(LESSON), tr(STARS), tr(STATE)], rows)
        self.certificates.setText(self.issued_text())

    def issued_text(self) -> str:
        """The chosen learner's certificates, newest first, in the page's language."""
        from kiosk.services.certificates import course_title

        tr, code = self.ctx.tr, self.ctx.language.code
        titles = (
            {pack.id: pack.title.get(code) for pack in self.course.packs} if self.course else {}
        )
        lines = [tr(CERTIFICATES)]
        if not self._issued:
            lines.append(tr(NO_CERTIFICATES))
        for row in self._issued:
            day = _dt.date.fromisoformat(row["issued_on"])
            lines.append(
                tr(
                    ISSUED,
                    date=f"{jalali_text(day, code)} ({gregorian_text(day, code)})",
                    # A course no longer installed: its pack.json, or its id.
                    course=isolate(
                        titles.get(row["pack_id"]) or course_title(row["pack_id"], code)
                    ),
                    mastered=format_number(row["mastered"]),
                    lessons=format_number(row["lessons"]),
                    how=tr(HOW.get(row["delivered"], row["delivered"])),
                    serial=isolate(row["serial"]),
                )
            )
        return "\n".join(lines)

    def progress_rows(self) -> list[tuple[str, str, bool]]:
        """The chosen learner's lessons as shown: (title, stars, mastered)."""
        mastered = self.ctx.tr(STATES[MASTERED])
        return [(row[0], row[1], row[2] == mastered) for row in self.lessons.rows]

    # Reports -------------------------------------------------------------------------------
    def _tab_changed(self, _index: int) -> None:
        reporting = self.tabs.currentIndex() > 0
        self.csv_button.setVisible(reporting)
        self.pdf_button.setVisible(reporting)
        self.files.reflow()

    def _report_shown(self) -> None:
        self._show_report_status()

    def _show_report_status(self) -> None:
        self.report_status.setText(self.reports.status())

    def _save_csv(self) -> None:
        key = REPORTS[max(0, self.tabs.currentIndex() - 1)]
        self.reports.save_csv(key)

    def retranslate(self) -> None:
        self.retranslate_buttons()
        self._arrange()
        tr = self.ctx.tr
        self.gain_note.setText(tr(GAIN_NOTE))
        self.legend.setText(tr(LEGEND))
        self.minutes.setText(tr(MINUTES))
        self.no_learners.setText(tr(NO_LEARNERS))
        self.classes.retranslate(tr(ALL_LEARNERS))
        self.reports.retranslate()
        self._show_report_status()
        self._fill_lessons()
        self._tab_changed(self.tabs.currentIndex())

    # Actions ------------------------------------------------------------------------------
    def _learners(self) -> Learners:
        return Learners(self._store())

    def _add_class(self) -> None:
        try:
            class_id = self._learners().create_class(self.class_name.text())
        except NoticeError as error:
            self.tell(error.notice)
            return
        self.access.audit("learners.add_class", {"class": class_id})
        self.class_name.clear()
        self.class_search.clear()
        self.class_id, self.learner_id = class_id, None
        self._read_lists()
        self.tell(Notice(N_("The class is added."), {}), problem=False)

    def _show_steps(self, page) -> None:
        if self.certificate_page is not None and page is not self.certificate_page:
            self.certificate_page.wipe()  # the name typed for it goes
        self.steps.setCurrentWidget(page or self.blank)
        self.steps.setVisible(page is not None)
        self.nickname.setVisible(self._pending.get("kind") == "enrol")
        if page is not None and hasattr(page, "clear"):
            page.clear()
        if page is not None:
            self.tabs.setCurrentIndex(0)
            bring_into_view(self.steps)
            self.ctx.say(page.intro())

    def _start_enrol(self) -> None:
        self._pending = {"kind": "enrol"}
        self.avatar.show_avatars()
        self._show_steps(self.avatar)

    def _start_reset(self) -> None:
        self._pending = {"kind": "reset", "learner": self.learner_id}
        self._show_steps(self.first)

    def _avatar_chosen(self, avatar: str) -> None:
        self._pending["avatar"] = avatar
        if not self.nickname.text().strip():
            self.nickname.setText(self.ctx.tr(AVATAR_NAMES[avatar]))
        self._show_steps(self.first)

    def _first_password(self, pictures: tuple) -> None:
        self._pending["pictures"] = pictures
        self._show_steps(self.again)

    def _second_password(self, pictures: tuple) -> None:
        if pictures != self._pending.get("pictures"):
            self._show_steps(self.first)
            self.tell(Notice(N_("The pictures were not the same. Choose them again."), {}))
            return
        # scrypt is slow on purpose: on a worker; the write comes back to this thread.
        self.hashing.run(lambda: hash_password(pictures), self._save_password)

    def _save_password(self, hashed) -> None:
        learners = self._learners()
        try:
            if self._pending.get("kind") == "enrol":
                learner_id = learners.enrol(
                    self.nickname.text(), self._pending["avatar"], hashed, self.class_id
                )
                self.access.audit("learners.enrol", {"learner": learner_id})
                self.learner_id, self._progress = learner_id, None
                done = N_("The learner is enrolled.")
            else:
                learner_id = self._pending["learner"]
                learners.reset_password(learner_id, hashed)
                self.access.audit("learners.reset_password", {"learner": learner_id})
                done = N_("The picture password is changed.")
        except NoticeError as error:
            self.tell(error.notice)
            return
        self._pending = {}
        self.nickname.clear()
        self._show_steps(None)
        self._read_lists()
        self.tell(Notice(done, {}), problem=False)

    def _reissue(self) -> None:
        """The learner's certificate page, here: the learner types the name to print again."""
        if self.learner_id is None or not self._mastered_packs:
            return
        from kiosk.ui.learn.certificate import CertificatePage

        if self.certificate_page is None:
            self.certificate_page = CertificatePage(
                self.ctx, ForLearner("", self._store()), self.access.data_dir
            )
            self.certificate_page.handed_over.connect(self._certificate_handed_over)
            self.steps.addWidget(self.certificate_page)
        self._pending = {}
        self.certificate_page.session = ForLearner(self.learner_id, self._store())
        self.certificate_page.start(*self._mastered_packs[0])
        self.access.audit("learners.reissue_certificate", {"learner": self.learner_id})
        self._show_steps(self.certificate_page)
        self.certificate_page.name.setFocus()

    def _certificate_handed_over(self) -> None:
        self._progress = None  # its new serial is listed
        self._read_details()

    def _move(self) -> None:
        if self.learner_id is None or self.class_id is None:
            return
        self._learners().move(self.learner_id, self.class_id)
        self._progress = None
        self.access.audit("learners.move", {"learner": self.learner_id, "class": self.class_id})
        self._read_lists()
        self.tell(Notice(N_("The learner is in the chosen class now."), {}), problem=False)
