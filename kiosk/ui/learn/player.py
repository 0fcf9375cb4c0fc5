"""The lesson player: one idea per screen, progress dots, big Back and Next, everything spoken."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.authored import Authored, compose
from kiosk.core.lessons.model import Lesson, Pack
from kiosk.core.lessons.run import LessonRun
from kiosk.i18n import N_, localize_digits
from kiosk.ui.context import UiContext
from kiosk.ui.icons import icon, pixmap
from kiosk.ui.learn.control_sample import ControlSample
from kiosk.ui.learn.quiz import QuizView
from kiosk.ui.learn.session import LearnSession
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page

log = logging.getLogger(__name__)

STEP_OF = N_("Step {done} of {total}")
PRACTICE_DONE = N_("Well done! You did it yourself. Touch Next to go on.")


class PlayerPage(Page):
    """Shows a LessonRun; its moves and answers go through the LearnSession, which saves the
    resume point at every screen and every answer."""

    finished = Signal(int, bool)  # stars, mastered
    left = Signal()  # the learner asked for the lesson map (progress is saved)

    def __init__(self, ctx: UiContext, session: LearnSession) -> None:
        super().__init__(ctx)
        self.session = session
        self.pack: Pack | None = None
        self.run: LessonRun | None = None
        self.view: QWidget | None = None
        self.practice = None  # the PracticeView of a practice step, while one is shown
        self.control_sample: ControlSample | None = None  # a step's control, while shown
        self.dots = QLabel()
        self.dots.setObjectName("dots")
        self.position = QLabel()
        self.position.setObjectName("position")
        # "Step n of m" first, then the dots: both start where reading starts (the right, in
        # Persian; Qt mirrors the row).
        self.top = QHBoxLayout()
        self.top.addWidget(self.position)
        self.top.addWidget(self.dots, 1)
        self.column.addLayout(self.top)
        self.body = QVBoxLayout()
        self.column.addLayout(self.body, 1)
        self.back_button = QPushButton()
        self.back_button.setObjectName("nav_back")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nav_next")
        self.map_button = QPushButton()
        self.map_button.setObjectName("nav_map")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.map_button.clicked.connect(self.left)
        # Back, Lessons and Next: the Learn screen keeps this bar below its scrolled content,
        # so the buttons stay in one place and in view whatever the length of a screen.
        self.nav_bar = QWidget()
        self.nav_bar.setObjectName("player_nav")
        # Its buttons' whole height, always: squeezed, they cut their text at 200 %.
        self.nav_bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.nav = QHBoxLayout(self.nav_bar)
        self.nav.setContentsMargins(0, 0, 0, 0)
        self.nav.setSpacing(24)
        self.nav.addWidget(self.back_button)
        self.nav.addWidget(self.map_button)
        self.nav.addStretch(1)
        self.nav.addWidget(self.next_button)
        ctx.theme.changed.connect(self._restyle)
        self._restyle()

    # Opening ------------------------------------------------------------------------------
    def open(self, pack: Pack, lesson: Lesson, state: dict | None = None) -> None:
        """Start (or resume, with `state`) a lesson."""
        self.pack = pack
        self.run = self.session.start_lesson(pack, lesson, state)
        self._show()

    def title_text(self) -> str:
        return self.run.lesson.title.get(self.ctx.language.code) if self.run else ""

    def on_back(self) -> bool:
        """The screen's Back (as Lessons): progress is saved at every screen; to the map."""
        self.left.emit()
        return True

    def retranslate(self) -> None:
        if self.run is None:
            return
        if self.practice is not None:
            # The guide follows the language itself; rebuilding would restart the practice.
            self.title.setText(self.run.lesson.title.get(self.ctx.language.code))
            self._update_nav()
        else:
            self._show(speak=False)

    def _restyle(self) -> None:
        side = self.ctx.theme.px(40)
        for button in (self.back_button, self.next_button, self.map_button):
            button.setIconSize(QSize(side, side))

    # Showing a screen ---------------------------------------------------------------------
    def _show(self, speak: bool = True) -> None:
        run = self.run
        assert run is not None and self.pack is not None
        lang = self.ctx.language.code
        self.title.setText(run.lesson.title.get(lang))
        # The dots are neutral characters: a mark of the language's direction makes them fill
        # from the right in Persian (they filled left to right, the way back).
        mark = "\u200f" if self.ctx.language.info.rtl else "\u200e"
        self.dots.setText(mark + " ".join("●" if i <= run.index else "○" for i in range(run.total)))
        position = self.ctx.tr(
            STEP_OF,
            # Counted by the kiosk: authored, so the narration can come from the speech cache.
            done=Authored(localize_digits(str(run.index + 1), lang)),
            total=Authored(localize_digits(str(run.total), lang)),
        )
        self.position.setText(position)
        self.dots.setAccessibleName(position)
        self._close_view()
        self.control_sample = None
        step, item = run.step, run.item
        if item is not None:
            view = QuizView(self.ctx, item, run.order(item))
            view.answered.connect(self._answered)
            spoken = view.intro()
        else:
            view, spoken = self._explain_view(step, lang)
        self.view = view
        # A practice gives the page all the room it can: the lesson's title and progress step
        # aside (the guide counts the practice's own steps; two counters would only confuse).
        for widget in (self.title, self.dots):
            widget.setVisible(self.practice is None)
        self._place_position()
        self.set_fills_screen(self.practice is not None)
        self.body.addWidget(view)
        view.show()  # added to a visible page: show now, not at the next event loop turn
        self._update_nav()
        # A practice's guide speaks its own first instruction; saying the intro too would
        # only be cut off by it.
        if speak and self.practice is None:
            self.ctx.say(compose(position, spoken, sep=". "))

    def _place_position(self) -> None:
        """ "Step n of m" above the screen; in a practice, in the row of Back, Lessons and Next
        (the page and the guide take the room above it)."""
        row = self.nav if self.practice is not None else self.top
        if row.indexOf(self.position) < 0:
            if row is self.nav:
                self.nav.insertWidget(2, self.position)  # after Lessons, before the stretch
            else:
                self.top.insertWidget(0, self.position)
            self.position.show()

    def _explain_view(self, step, lang: str) -> tuple[QWidget, str]:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(24)
        picture = QLabel()
        picture.setObjectName("picture_learn")
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        size = self.ctx.theme.icon_px(160)
        source = step.image or step.pictogram or ("practice" if step.kind == "practice" else "")
        if step.control:
            # A step about one of the kiosk's controls shows that control as it really looks.
            self.control_sample = ControlSample(self.ctx, step.control)
            column.addWidget(self.control_sample, 0, Qt.AlignmentFlag.AlignCenter)
            picture.hide()
        elif source:
            picture.setPixmap(pixmap(source, size))
            picture.setFixedSize(size + 48, size + 48)
            column.addWidget(picture, 0, Qt.AlignmentFlag.AlignCenter)
        texts = []
        heading = None
        if step.kind == "practice" and step.title is not None:
            heading = QLabel(step.title.get(lang))
            heading.setObjectName("question")
            heading.setWordWrap(True)
            column.addWidget(heading)
            texts.append(step.title.spoken(lang) or step.title.get(lang))
        text = label("body")
        text.setObjectName("lesson_text")
        text.setText(step.text.get(lang) if step.text else "")
        column.addWidget(text)
        if step.text:
            texts.append(step.text.spoken(lang) or step.text.get(lang))
        if step.kind == "practice":
            self.practice = self._open_practice(step)
            if self.practice is not None:
                # The portal and the guide get the whole screen between the top bar and the
                # player's buttons: the guide shows the practice's title and text itself.
                picture.hide()
                text.hide()
                if heading is not None:
                    heading.hide()
                if step.text:
                    self.practice.panel.set_about(step.text.get)
                column.addWidget(self.practice, 1)
            else:
                note = label("body")
                missing = self.ctx.tr(
                    N_(
                        "The practice on the training website cannot open on this kiosk. "
                        "Touch Next to go on."
                    )
                )
                note.setText(missing)
                column.addWidget(note)
                texts.append(missing)
        if self.practice is None:
            column.addStretch(1)
        return view, compose(*texts)

    def _open_practice(self, step):
        """The guided practice for `step`, or None if its flow or the web view is missing."""
        path = self.session.flows.get(step.flow or "")
        if path is None:
            log.warning("practice flow %s is not installed", step.flow)
            return None
        try:
            from kiosk.ui.learn.practice import PracticeView

            practice = PracticeView(self.ctx, path, self.ctx.portal.fresh())
        except Exception:
            log.exception("practice %s could not start", step.flow)
            return None
        practice.finished.connect(self._practice_finished)
        return practice

    def _practice_finished(self, outcome: str) -> None:
        if outcome == "completed":
            self.ctx.say(self.ctx.tr(PRACTICE_DONE))

    def _close_view(self) -> None:
        if self.practice is not None:
            self.practice.close_practice()
            self.practice = None
        if self.view is not None:
            self.body.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None

    def leave_lesson(self) -> None:
        """Leave the lesson: free the practice's web page, if any."""
        self._close_view()
        self._place_position()
        self.set_fills_screen(False)
        self.run = None

    def _update_nav(self) -> None:
        run = self.run
        assert run is not None
        rtl = self.ctx.language.info.rtl
        side = self.ctx.theme.px(40)
        self.back_button.setText(self.ctx.tr(N_("Back")))
        self.back_button.setIcon(QIcon(pixmap("back", side, rtl)))
        self.back_button.setEnabled(run.index > 0)
        self.next_button.setText(self.ctx.tr(N_("Finish") if run.at_end else N_("Next")))
        self.next_button.setIcon(QIcon(pixmap("tick" if run.at_end else "next", side, rtl)))
        self.next_button.setEnabled(run.can_go_on())
        self.map_button.setText(self.ctx.tr(N_("Lessons")))
        self.map_button.setIcon(icon("learn"))
        for button in (self.back_button, self.next_button, self.map_button):
            button.setAccessibleName(button.text())

    # Moving -------------------------------------------------------------------------------
    def go_next(self) -> None:
        run, pack = self.run, self.pack
        if run is None or pack is None or not run.can_go_on():
            return
        if run.at_end:
            self._finish()
        elif self.session.next_screen(pack, run):
            self._show()

    def go_back(self) -> None:
        run, pack = self.run, self.pack
        if run is not None and pack is not None and self.session.previous_screen(pack, run):
            self._show()

    def _answered(self, chosen: tuple, ms: int) -> None:
        run = self.run
        assert run is not None and self.pack is not None and run.item is not None
        answer = self.session.answer(self.pack, run, chosen, ms)
        self.view.show_result(answer)  # type: ignore[union-attr]
        self._update_nav()
        # The Confirm button that had the focus is gone: the focus goes to the next move
        # (Next after a right answer, Try again after a wrong one), not to the top bar.
        if answer.correct:
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.view.focus_next_move()  # type: ignore[union-attr]

    def _finish(self) -> None:
        run = self.run
        assert run is not None and self.pack is not None
        stars, mastered = self.session.finish_lesson(self.pack, run)
        self.finished.emit(stars, mastered)
