"""The Learn screen: entry, picture sign-in, enrolment, lesson map, player and the end page."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.background import Background, notice_for
from kiosk.ui.context import UiContext
from kiosk.ui.learn.entry import EntryPage
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.paged_screen import PagedScreen

if TYPE_CHECKING:
    from kiosk.ui.learn.player import PlayerPage
    from kiosk.ui.learn.session import Enrolment, LearnSession

log = logging.getLogger(__name__)

WHO = N_("Who are you? Touch your picture.")
PASSWORD = N_("Touch your three pictures, in order.")
NEW_AVATAR = N_("Choose your picture.")
NEW_PASSWORD = N_("Choose three pictures to remember, in order.")
CONFIRM_PASSWORD = N_("Touch the same three pictures again.")
PROFILE_READY = N_("Your profile is ready. Remember your three pictures.")
UNAVAILABLE = N_(
    "Lessons need the kiosk's database, which could not be opened. Please tell the staff; the "
    "message at the top of the screen says how to fix it."
)


class LearnScreen(PagedScreen):
    """Navigates between the Learn pages; the session model holds who is learning.

    Back (`PagedScreen.go_back`) returns to the page before, except where a page handles it:
    the enrolment's pages step the enrolment back, the player goes to the map, the map ends
    the learner's turn."""

    key = "learn"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, N_("Learn"))
        self.session: LearnSession | None = None  # created when Learn first opens
        self.unavailable = Page(ctx, N_("Learning is not available"))
        self.unavailable_text = label("body")
        self.unavailable.column.addWidget(self.unavailable_text)
        self.unavailable.column.addStretch(1)
        self.add_page(self.unavailable, "learn_unavailable")
        self.entry = EntryPage(ctx)
        self.entry.chosen.connect(self._entry_chosen)
        self.add_page(self.entry, "learn_entry")
        self.player: PlayerPage | None = None
        self._learner_id: str | None = None
        self.enrolment: Enrolment | None = None  # a new learner making their profile
        # Picture passwords are scrypt hashes: checked and made off the UI thread.
        self.checking = Background(self, "picture password")
        self.checking.busy_changed.connect(self._busy)
        # Each later visit re-reads the lesson packs off the UI thread: a pack staff fixed or
        # installed a minute ago is offered at once, and a hostile file never stalls the screen.
        self.reading = Background(self, "reading the lesson packs")
        self._packs_fresh = False  # the packs were just read, with the session
        ctx.language.language_changed.connect(self._relabel)

    def _build_pages(self) -> None:
        """The pages behind the entry page, made when Learn first opens (not at start-up)."""
        from kiosk.ui.learn.certificate import CertificatePage
        from kiosk.ui.learn.done import DonePage
        from kiosk.ui.learn.lesson_map import LessonMapPage
        from kiosk.ui.learn.pictures import AvatarPage, PasswordPage

        ctx = self.ctx
        self.who = AvatarPage(ctx, WHO)
        self.who.chosen.connect(self._learner_chosen)
        self.password = PasswordPage(ctx, PASSWORD)
        self.password.entered.connect(self._password_entered)
        self.map = LessonMapPage(ctx)
        self.map.open_lesson.connect(self.open_lesson)
        self.map.resume.connect(self.resume)
        self.map.turn_over.connect(self._turn_over)
        self.done = DonePage(ctx)
        self.done.chosen.connect(self._done_chosen)
        self.certificate = CertificatePage(ctx, self.session, self._data_dir())
        # The enrolment's pages: Back steps the enrolment back (kiosk.ui.learn.session).
        self.new_avatar = AvatarPage(ctx, NEW_AVATAR, back=self._enrol_back)
        self.new_avatar.chosen.connect(self._avatar_chosen)
        self.new_password = PasswordPage(ctx, NEW_PASSWORD, back=self._enrol_back)
        self.new_password.entered.connect(self._new_password)
        self.confirm_password = PasswordPage(ctx, CONFIRM_PASSWORD, back=self._enrol_back)
        self.confirm_password.entered.connect(self._confirm_password)
        for name, page in (
            ("learn_who", self.who),
            ("learn_password", self.password),
            ("learn_map", self.map),
            ("learn_done", self.done),
            ("learn_certificate", self.certificate),
            ("learn_new_avatar", self.new_avatar),
            ("learn_new_password", self.new_password),
            ("learn_confirm_password", self.confirm_password),
        ):
            self.add_page(page, name)

    # Screen hooks -------------------------------------------------------------------------
    def activate(self) -> None:
        """Arriving from the home screen: make sure the session exists, show the entry page."""
        if self.session is None and not self._open_session():
            return
        if self.session.learner_id is None:  # type: ignore[union-attr]
            self.open(self.entry, root=True, speak=False)
            self.reread_packs()
        elif self.page is self.unavailable:
            self._show_map(speak=False)

    def reread_packs(self) -> None:
        """Read the lesson packs again, in the background; the map shows them once read."""
        if self._packs_fresh:
            self._packs_fresh = False
            return
        from kiosk.services.lessons import load_packs

        self.reading.run(load_packs, self._packs_read)

    def _packs_read(self, found: tuple[list, list]) -> None:
        if self.session is None:
            return
        packs, broken = found
        for report in broken:
            log.warning("lesson pack %s skipped", report.path)
        self.session.packs, self.session.broken = packs, broken
        if self.page is self.map:
            self._show_map(speak=False)

    def reset(self) -> None:
        """The person is gone (idle reset, end of session): sign out, keep the resume point."""
        if self.player is not None:
            self.player.leave_lesson()
        self.enrolment = None
        if self.session is not None:
            self.session.sign_out()
        self.open(self.entry if self.session else self.unavailable, root=True, speak=False)

    def shutdown(self) -> None:
        """The kiosk quits: free a practice's web page (kiosk.app stops the practice portal),
        and a safe mode's scratch database."""
        self.reset()
        super().shutdown()
        if self.session is not None and not self.session.records:
            self.session.store.close()

    def _open_session(self) -> bool:
        """Make the learning session. When the kiosk's database was refused, a safe mode: a
        scratch database in memory, so a guest can still learn (nothing saved anywhere); the
        entry page says learning records are off, and why, for staff."""
        from kiosk.services.store import scratch_store

        problem = None
        try:
            store = self.ctx.database.store
        except NoticeError as error:  # the notice at the top of the screen says it too
            problem = error.notice
            try:
                store = scratch_store()
            except Exception as scratch_error:  # even SQLite in memory failed: nothing to do
                log.error("learn: no database at all: %s", scratch_error)
                self.unavailable_text.setText(self.ctx.tr(UNAVAILABLE))
                self.open(self.unavailable, root=True, speak=False)
                return False
            log.warning("learn: learning records are off (safe mode): %s", problem.english())
        # Lessons, learners and the player load on first use, not at kiosk start-up.
        from kiosk.ui.learn.player import PlayerPage
        from kiosk.ui.learn.session import LearnSession

        self.session = LearnSession(
            store,
            xapi_base=str(self.ctx.settings["xapi_base"]),
            language=lambda: self.ctx.language.code,
            records=problem is None,
        )
        self._packs_fresh = True
        self.entry.set_records_off(problem)
        self._build_pages()
        for report in self.session.broken:
            log.warning("lesson pack %s skipped", report.path)
        self.player = PlayerPage(self.ctx, self.session)
        self.player.nav_bar.hide()
        self.footer.addWidget(self.player.nav_bar, 1)
        self.player.finished.connect(self._finished)
        self.player.left.connect(self._show_map)
        self.add_page(self.player, "learn_player")
        return True

    def _data_dir(self):
        from kiosk.services.paths import data_dir

        return self.ctx.database.data_dir or data_dir()

    def select(self, page: Page) -> None:
        certificate = getattr(self, "certificate", None)
        if certificate is not None and page is not certificate:
            certificate.wipe()  # the name and the PDF go as soon as the learner leaves
        if page is not self.player and self.player is not None:
            self.player.leave_lesson()  # a practice's web page is freed as soon as it is left
        super().select(page)
        # The player has its own Back, Lessons and Next; one Back is enough on screen.
        self.back.setVisible(page is not self.player)
        if self.player is not None:
            self.player.nav_bar.setVisible(page is self.player)
            self.footer.setStretch(1, 0 if page is self.player else 1)  # the bar takes the row

    def _relabel(self) -> None:
        if self.session is not None and self.page is self.map:
            self._show_map(speak=False)

    # Entry, sign-in, enrolment ------------------------------------------------------------
    def _entry_chosen(self, key: str) -> None:
        assert self.session is not None
        if key == "guest":
            self.session.start_guest()
            self._show_map()
        elif key == "sign_in":
            self.who.show_learners(self.session.learners.all())
            self.open(self.who)
        else:
            self._start_enrol(claim=False)

    def _learner_chosen(self, learner_id: str) -> None:
        self._learner_id = learner_id
        self.password.clear()
        self.open(self.password)

    def _busy(self, busy: bool) -> None:
        for page in (self.password, self.confirm_password):
            page.set_busy(busy)

    def _password_entered(self, pictures: tuple) -> None:
        assert self.session is not None and self._learner_id is not None
        learners, learner_id = self.session.learners, self._learner_id
        check = learners.start_sign_in(learner_id)
        if not callable(check):
            self._signed_in(learner_id, check)
            return

        def checked(ok: bool) -> None:
            self._signed_in(learner_id, learners.finish_sign_in(learner_id, ok))

        self.checking.run(lambda: check(pictures), checked, self._check_failed)

    def _check_failed(self, error: BaseException) -> None:
        page = self.page
        if page in (self.password, self.confirm_password):
            page.tell(notice_for(error))

    def _signed_in(self, learner_id: str, result) -> None:
        if self.page is not self.password or learner_id != self._learner_id:
            return  # the person left the page while their pictures were checked
        if result.ok:
            self.session.signed_in(learner_id)
            self._show_map()
        elif result.wait_seconds:
            self.password.tell(
                Notice(N_("That is not right. Please wait a moment, or ask the trainer for help."))
            )
            self.password.wait(result.wait_seconds)
        else:
            self.password.tell(
                Notice(N_("That is not right. Try again: your three pictures, in the same order."))
            )

    def _start_enrol(self, claim: bool) -> None:
        from kiosk.ui.learn.session import Enrolment

        self.enrolment = Enrolment(claim)
        self.new_avatar.show_avatars()
        self._show_enrol_step()

    def _enrol_page(self, step) -> Page | None:
        from kiosk.ui.learn.session import EnrolStep

        return {
            EnrolStep.AVATAR: self.new_avatar,
            EnrolStep.PICTURES: self.new_password,
            EnrolStep.CONFIRM: self.confirm_password,
            EnrolStep.READY: self.confirm_password,  # while the profile is being made
        }.get(step)

    def _show_enrol_step(self) -> None:
        """Show the page of the enrolment's step, fresh when it is arrived at going on."""
        assert self.enrolment is not None
        page = self._enrol_page(self.enrolment.step)
        assert page is not None
        if page in (self.new_password, self.confirm_password):
            page.clear()
        self.open(page)

    def _enrol_back(self) -> bool:
        """Back on an enrolment page: one step back; from the first, to the entry page."""
        enrolment = self.enrolment
        if enrolment is None or self.page is not self._enrol_page(enrolment.step):
            return False
        page = self._enrol_page(enrolment.back())
        if page is None:  # left from the first step
            self.enrolment, page = None, self.entry
        self.open(page)
        return True

    def _avatar_chosen(self, avatar: str) -> None:
        assert self.enrolment is not None
        self.enrolment.choose_avatar(avatar)
        self._show_enrol_step()

    def _new_password(self, pictures: tuple) -> None:
        assert self.enrolment is not None
        self.enrolment.choose_pictures(pictures)
        self._show_enrol_step()

    def _confirm_password(self, pictures: tuple) -> None:
        assert self.session is not None and self.enrolment is not None
        enrolment = self.enrolment
        if not enrolment.confirm(pictures):
            self._show_enrol_step()
            self.new_password.tell(
                Notice(N_("The pictures were not the same. Choose your three pictures again."))
            )
            return
        from kiosk.services.learners import hash_password

        nickname = enrolment.nickname(
            (learner.avatar for learner in self.session.learners.all()), self.ctx.language.code
        )
        self.checking.run(
            lambda: hash_password(pictures),
            lambda hashed: self._make_profile(enrolment, nickname, hashed),
            self._check_failed,
        )

    def _make_profile(self, enrolment: Enrolment, nickname: str, hashed) -> None:
        assert self.session is not None
        if self.page is not self.confirm_password or enrolment is not self.enrolment:
            return  # the person left before the profile was made
        try:
            self.session.make_profile(enrolment, nickname, hashed)
        except NoticeError as error:
            self.confirm_password.tell(error.notice)
            return
        self.enrolment = None
        self.ctx.say(self.ctx.tr(PROFILE_READY))
        self._show_map(speak=False)

    # Lessons ------------------------------------------------------------------------------
    def _show_map(self, speak: bool = True) -> None:
        assert self.session is not None
        point = self.session.resume_point()
        can_resume = (
            point is not None and self.session.find(point.pack_id, point.lesson_id) is not None
        )
        self.map.show_packs(self.session.packs, self.session.stars(), can_resume)
        self.open(self.map, speak=speak)

    def _turn_over(self) -> None:
        """Back from the map ends this learner's turn; their resume point is kept."""
        self.reset()
        self.open(self.entry)

    def open_lesson(self, pack_id: str, lesson_id: str, state: dict | None = None) -> None:
        assert self.session is not None and self.player is not None
        found = self.session.find(pack_id, lesson_id)
        if found is None:
            return
        self.open(self.player, speak=False)  # the player says each of its screens itself
        self.player.open(*found, state)

    def resume(self) -> None:
        assert self.session is not None
        point = self.session.resume_point()
        if point is not None:
            self.open_lesson(point.pack_id, point.lesson_id, {**point.state, "index": point.step})

    def _finished(self, stars: int, mastered: bool) -> None:
        assert self.session is not None and self.player is not None
        self.done.show_result(
            stars,
            mastered,
            self.session.is_guest,
            self._course_mastered(),
            can_keep=self.session.records,
        )
        self.open(self.done, replace=True)  # the lesson is over: Back goes to the map

    def _course_mastered(self) -> bool:
        """Whether the learner (or guest) has mastered every lesson of the lesson's course."""
        from kiosk.services.certificates import course_mastered

        pack, learner_id = self.player.pack, self.session.learner_id
        if pack is None or learner_id is None:
            return False
        return course_mastered(self.session.store.db, learner_id, pack)

    def _done_chosen(self, key: str) -> None:
        if key == "certificate":
            self._open_certificate()
        elif key == "keep":
            self._start_enrol(claim=True)
        elif key == "forget":
            self.reset()
            self.leave()
        else:
            self._show_map()

    def _open_certificate(self) -> None:
        """A guest is told to make a profile first; a learner names their certificate."""
        from kiosk.services.certificates import mastered_lessons
        from kiosk.ui.learn.done import GUEST_NO_CERTIFICATE

        assert self.session is not None and self.player is not None
        if self.session.is_guest:
            self.done.tell(Notice(GUEST_NO_CERTIFICATE))
            return
        pack, learner_id = self.player.pack, self.session.learner_id
        if pack is None or learner_id is None:
            return
        self.certificate.start(pack, mastered_lessons(self.session.store.db, learner_id, pack))
        self.open(self.certificate)
