"""Trainers' page: classes, enrolling a learner, resetting a picture password, progress grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.learn.lesson_map import star_text
from kiosk.ui.learn.pictures import AVATAR_NAMES, AvatarPage, PasswordPage
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.spoken_field import SpokenField
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid


class LearnersPage(Page):
    """A view over the learner records: pick a class, a learner, and act."""

    title_msgid = N_("Learners and classes")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.class_id: str | None = None
        self.learner_id: str | None = None
        self._pending: dict = {}
        self.class_row = QHBoxLayout()
        self.class_buttons: dict[str | None, QPushButton] = {}
        self.class_name = SpokenField(ctx, N_("Name of a new class"))
        self.class_name.setMaxLength(40)
        self.add_class = self.button(N_("Add the class"), "class_add", self._add_class)
        new_class = QHBoxLayout()
        new_class.addWidget(self.class_name, 1)
        new_class.addWidget(self.add_class)
        self.learner_box = QWidget()
        self.learner_layout = QHBoxLayout(self.learner_box)
        self.learner_layout.setContentsMargins(0, 0, 0, 0)
        self.enrol_button = self.button(N_("Enrol a learner"), "enrol", self._start_enrol)
        self.detail = QLabel()
        self.detail.setObjectName("row_title")
        self.progress_box = QWidget()
        self.progress = QGridLayout(self.progress_box)
        self.reset_button = self.button(
            N_("New picture password"), "reset_password", self._start_reset
        )
        self.move_button = self.button(N_("Move to the chosen class"), "move", self._move)
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
        self.column.addWidget(self.message)
        self.column.addLayout(self.class_row)
        self.column.addLayout(new_class)
        self.column.addWidget(self.learner_box)
        self.column.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.column.addWidget(self.nickname)
        self.column.addWidget(self.steps)
        self.column.addWidget(self.detail)
        actions = QHBoxLayout()
        actions.addWidget(self.reset_button)
        actions.addWidget(self.move_button)
        actions.addStretch(1)
        self.column.addLayout(actions)
        self.column.addWidget(self.progress_box)
        self.retranslate()

    # Model --------------------------------------------------------------------------------
    def _learners(self):
        from kiosk.services.learners import Learners

        return Learners(self.access.database.store)

    def refresh(self) -> None:
        super().refresh()
        self._show_steps(None)
        self._fill()

    def retranslate(self) -> None:
        self.retranslate_buttons()
        if self.isVisible():
            self._fill()

    def _fill(self) -> None:
        learners = self._learners()
        while self.class_row.count():
            item = self.class_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.class_buttons = {}
        for class_id, name in [(None, self.ctx.tr(N_("All learners")))] + [
            (row["id"], row["name"]) for row in learners.classes()
        ]:
            button = QPushButton(name)
            button.setObjectName("choice")
            button.setCheckable(True)
            button.setChecked(class_id == self.class_id)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _c=False, class_id=class_id: self._choose_class(class_id))
            self.class_buttons[class_id] = button
            self.class_row.addWidget(button)
        self.class_row.addStretch(1)
        while self.learner_layout.count():
            item = self.learner_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        tiles = []
        for learner in learners.all(self.class_id):
            tile = Tile(
                self.ctx,
                f"avatar_{learner.avatar}",
                "",
                name="choice",
                icon_px=64,
                text_for=lambda lang, name=learner.nickname: name,
            )
            tile.setCheckable(True)
            tile.setChecked(learner.id == self.learner_id)
            tile.activated.connect(lambda learner_id=learner.id: self._choose_learner(learner_id))
            tiles.append(tile)
        if tiles:
            grid = TileGrid(self.ctx.theme, tiles, min_tile_width=200, wrap=True)
            self.learner_layout.addWidget(grid)
        self._show_learner()

    def _choose_class(self, class_id: str | None) -> None:
        self.class_id = class_id
        self._fill()

    def _choose_learner(self, learner_id: str) -> None:
        self.learner_id = learner_id
        self._fill()

    def _show_learner(self) -> None:
        learner = self._learners().get(self.learner_id) if self.learner_id else None
        for widget in (self.detail, self.reset_button, self.move_button, self.progress_box):
            widget.setVisible(learner is not None)
        while self.progress.count():
            item = self.progress.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if learner is None:
            return
        self.detail.setText(learner.nickname)
        self.move_button.setEnabled(self.class_id is not None)
        self.progress_grid(learner.id)

    def progress_grid(self, learner_id: str) -> list[tuple[str, str, bool]]:
        """Each lesson with the learner's stars and whether it is mastered; shown as a grid."""
        from kiosk.services.lessons import load_packs
        from kiosk.services.progress import Progress

        progress = Progress(self.access.database.store)
        lang = self.ctx.language.code
        rows = []
        packs, _broken = load_packs()
        for pack in packs:
            for lesson in pack.lessons():
                row = progress.lesson_row(learner_id, pack.id, lesson.id) or {}
                rows.append(
                    (
                        lesson.title.get(lang),
                        star_text(row.get("stars") or 0),
                        bool(row.get("mastered")),
                    )
                )
        mastered = self.ctx.tr(N_("mastered"))
        for index, (title, stars, done) in enumerate(rows):
            for column, text in enumerate((title, stars, f"✓ {mastered}" if done else "")):
                label = QLabel(text)
                label.setTextFormat(Qt.TextFormat.PlainText)
                self.progress.addWidget(label, index, column)
        return rows

    # Actions ------------------------------------------------------------------------------
    def _add_class(self) -> None:
        try:
            class_id = self._learners().create_class(self.class_name.text())
        except NoticeError as error:
            self.tell(error.notice)
            return
        self.access.audit("learners.add_class", {"class": class_id})
        self.class_name.clear()
        self.class_id = class_id
        self._fill()
        self.tell(Notice(N_("The class is added."), {}), problem=False)

    def _show_steps(self, page) -> None:
        self.steps.setCurrentWidget(page or self.blank)
        self.nickname.setVisible(self._pending.get("kind") == "enrol")
        if page is not None and hasattr(page, "clear"):
            page.clear()
        if page is not None:
            self.ctx.say(page.intro())

    def _start_enrol(self) -> None:
        self._pending = {"kind": "enrol"}
        self.avatar.show_avatars()
        self._show_steps(self.avatar)

    def _start_reset(self) -> None:
        self._pending = {"kind": "reset"}
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
        learners = self._learners()
        try:
            if self._pending.get("kind") == "enrol":
                learner_id = learners.enrol(
                    self.nickname.text(), self._pending["avatar"], pictures, self.class_id
                )
                self.access.audit("learners.enrol", {"learner": learner_id})
                self.learner_id = learner_id
                done = N_("The learner is enrolled.")
            else:
                learners.reset_password(self.learner_id, pictures)
                self.access.audit("learners.reset_password", {"learner": self.learner_id})
                done = N_("The picture password is changed.")
        except NoticeError as error:
            self.tell(error.notice)
            return
        self._pending = {}
        self.nickname.clear()
        self._show_steps(None)
        self._fill()
        self.tell(Notice(done, {}), problem=False)

    def _move(self) -> None:
        if self.learner_id is None or self.class_id is None:
            return
        self._learners().move(self.learner_id, self.class_id)
        self.access.audit("learners.move", {"learner": self.learner_id, "class": self.class_id})
        self._fill()
        self.tell(Notice(N_("The learner is in the chosen class now."), {}), problem=False)
