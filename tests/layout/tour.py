"""A tour of the kiosk's screens for the layout checker: each state is a function that brings
the real window to it (with the clicks a person would make where that is cheap)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.core.lessons.run import LessonRun
from kiosk.core.notices import Notice
from kiosk.core.staff_rules import Role
from tests.gui import laid_out
from tests.layout.checker import (
    Violation,
    Where,
    check,
    moves_with_caption,
    progress_mirrored,
    settle,
)

LEFT = Qt.MouseButton.LeftButton
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "layout"


def scrolling_page(root: QWidget) -> QWidget | None:
    """The content of the outermost scroll area under `root` that scrolls up and down now (a
    page taller than the screen), or None."""
    for area in root.findChildren(QScrollArea):
        content = area.widget()
        if (
            area.isVisible()
            and content is not None
            and area.verticalScrollBar().maximum() > 0
            and not any(isinstance(a, QScrollArea) for a in _ancestors(area))
        ):
            return content
    return None


def _ancestors(widget: QWidget) -> list[QWidget]:
    found, node = [], widget.parentWidget()
    while node is not None:
        found.append(node)
        node = node.parentWidget()
    return found


@dataclass
class Tour:
    """Visits states of one kiosk and collects the checker's violations."""

    kiosk: object
    qtbot: object
    violations: list[Violation] = field(default_factory=list)
    shots: bool = True
    asked: tuple[int, int] = (0, 0)  # the window size the screen has

    def __post_init__(self) -> None:
        self.asked = self.window.size().toTuple()

    @property
    def window(self):
        return self.kiosk.window

    @property
    def size(self) -> str:
        w, h = self.asked
        return f"{w}x{h} {self.kiosk.language.code} {self.kiosk.theme.scale}%"

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, LEFT)

    def visit(self, screen: str, state: str, go: Callable[[], QWidget | None]) -> None:
        """Bring the window to `state` with `go`, check it, and check the caption moves nothing.
        `go` may return the layer to check alone (a dialog over the window)."""
        settle()
        self.window.resize(*self.asked)  # a kiosk's window is the screen: it cannot grow
        root = go() or self.window
        where = Where(screen, state, self.size)
        settle()
        if self.window.size().toTuple() != self.asked:
            # The window's least size is more than the screen: on a kiosk the rest is cut off.
            self.violations.append(
                where.violation(
                    "too_big", self.window, f"needs {self.window.minimumSizeHint().toTuple()}"
                )
            )
        self.violations += check(root, where, self.kiosk.theme.px)
        if root is self.window:
            caption = self.window.caption
            self.violations += moves_with_caption(
                self.window, caption, self.kiosk.speaker.speaking.emit, caption.clear_text, where
            )
        if self.shots and self.kiosk.theme.scale in (100, 150, 200):
            SHOTS.mkdir(parents=True, exist_ok=True)
            name = f"{self.size.replace(' ', '-').replace('%', '')}-{screen}-{state}.png"
            self.window.grab().save(str(SHOTS / name))
            page = scrolling_page(root)
            if page is not None:  # the whole page, what is below the fold too
                page.grab().save(str(SHOTS / name.replace(".png", "-whole.png")))

    # ---- the states --------------------------------------------------------------------

    def home(self) -> None:
        self.visit("home", "tiles", lambda: self.window.show_screen("home"))

    def notice(self) -> None:
        bar = self.window.notice_bar
        text = (
            "The font file {path} is missing or damaged; text is shown in a system font and "
            "Persian may not display well. To fix: reinstall the kiosk or copy Vazirmatn into "
            "that folder."
        )

        def go():
            bar.notices.clear()
            bar.add(Notice(text, {"path": "/usr/share/kiosk/fonts/Vazirmatn-Regular.ttf"}))

        self.visit("home", "notice", go)
        bar.dismiss()

    def idle_warning(self) -> None:
        idle = self.kiosk.shell.idle

        def go():
            idle._on_idle()
            return idle.warning

        self.visit("idle", "warning", go)
        idle.extend()

    def learn(self) -> None:
        window = self.window
        window.show_screen("home")
        self.click(window.screens["home"].tiles["learn"])
        learn = window.screens["learn"]
        self.visit("learn", "entry", lambda: None)
        self.click(learn.entry.tiles["guest"])
        self.visit("learn", "map", lambda: None)
        pack, lesson = next(
            (pack, lesson)
            for pack in learn.session.packs
            for lesson in pack.lessons()
            if any(s.kind == "quiz" for s in lesson.steps)
        )
        screens = LessonRun(lesson).screens
        explain = [i for i, (s, _n) in enumerate(screens) if lesson.steps[s].kind == "explain"]
        quiz = next(i for i, (s, _n) in enumerate(screens) if lesson.steps[s].kind == "quiz")
        for state, index in (("explain", explain[0]), ("explain2", explain[1]), ("quiz", quiz)):
            self.visit(
                "learn_player",
                state,
                lambda index=index: learn.open_lesson(pack.id, lesson.id, {"index": index}),
            )
        player = learn.player
        where = Where("learn_player", "explain2", self.size)
        learn.open_lesson(pack.id, lesson.id, {"index": explain[1]})
        settle()
        self.violations += progress_mirrored(
            player.dots, player.position, self.kiosk.language.info.rtl, where
        )
        self.practice(learn)
        learn.player.leave_lesson()
        self.visit("learn", "map_resume", lambda: None)
        window.show_screen("home")

    def practice(self, learn) -> None:
        """A lesson's practice step: the practice portal in the web view, the guide beside it."""
        pack, lesson = next(
            (pack, lesson)
            for pack in learn.session.packs
            for lesson in pack.lessons()
            if any(s.kind == "practice" for s in lesson.steps)
        )
        screens = LessonRun(lesson).screens
        index = next(i for i, (s, _n) in enumerate(screens) if lesson.steps[s].kind == "practice")

        def go():
            learn.open_lesson(pack.id, lesson.id, {"index": index})
            practice = learn.player.practice
            assert practice is not None, "the practice step did not open its web view"
            self.qtbot.waitUntil(lambda: practice.session.current is not None, timeout=30_000)

        self.visit("learn_player", "practice", go)

    def help_session(self, portal) -> None:
        """A Get-help session on the practice portal: the sealed browser beside the guide."""
        from tests.assist.web import Helper

        window = self.window
        window.show_screen("home")
        helper = Helper(self.qtbot, self.kiosk, portal)
        screen = helper.open()
        helper.choose("practice.signin")
        self.click(screen.info.start_tile)
        self.click(screen.consent.agree)
        tab = helper.tab()
        self.visit("help", "session", lambda: tab.at("national-id"))
        screen.reset()
        window.show_screen("home")

    def help_pages(self) -> None:
        window = self.window
        window.show_screen("home")
        screen = window.screens["help"]
        self.click(window.screens["home"].tiles["help"])
        self.qtbot.waitUntil(lambda: not screen.loading.busy, timeout=10000)
        self.visit("help", "services", lambda: None)
        self.click(screen.services.tiles[0])
        self.visit("help", "info", lambda: None)
        self.click(screen.info.start_tile)
        self.visit("help", "consent", lambda: None)
        screen.reset()
        window.show_screen("home")

    def staff(self) -> None:
        window = self.window
        screen = window.screens["staff"]
        staff = self.kiosk.staff
        window.show_screen("staff")
        if screen.page.objectName() == "staff_page_first_run":
            self.visit("staff", "first_run", lambda: None)
            directory = staff.directory()
            admin = directory.create("setup", "Sara", Role.ADMIN, "135790")
            directory.create(admin, "Ali Rezaei Mohammadabadi", Role.OPERATOR, "864200")
        self.visit("staff", "choose", lambda: screen.show_page("choose"))
        account = next(iter(screen.page.account_buttons))
        self.click(screen.page.account_buttons[account])
        self.visit("staff", "pin", lambda: None)
        window.show_screen("home")

    # ---- staff pages: at a desk, but the same screen and the same text sizes ---------------

    STAFF_PAGES = (
        "home",
        "settings",
        "accounts",
        "sync",
        "updates",
        "learners",
        "record_voice",
        "assist_report",
        "record_flow",
        "flow_health",
    )

    def _staff_page(self, screen, name: str) -> None:
        """Show a staff page as it is once what it reads has arrived (lessons, learners)."""
        from kiosk.services.background import Background

        page = screen.show_page(name)
        self.qtbot.waitUntil(
            lambda: not any(work.busy for work in page.findChildren(Background)), timeout=20000
        )

    def click_row(self, view, source_row: int) -> None:
        """Click the row of the list `view` showing its model's `source_row`, as a person would."""
        proxy = view.model()
        index = proxy.mapFromSource(proxy.sourceModel().index(source_row, 0))
        view.scrollTo(index)
        self.qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())

    def _centre(self) -> None:
        """Classes and learners for the Learners page (tests/staff's), the first time: Ali, of
        the Wednesday class, mastered the basics course and was given its certificate."""
        import datetime

        from kiosk.services.certificates import CertificateKey, record_issued
        from kiosk.services.lessons import load_packs
        from tests.staff.test_class_report_ui import centre
        from tests.staff.test_learner_certificates import master_course

        store = self.kiosk.store
        if store.db["classes"].count:
            return
        centre(self.kiosk)
        [ali] = [r["id"] for r in store.db.query("SELECT id FROM learners WHERE nickname = 'Ali'")]
        master_course(self.kiosk, ali, all_lessons=True)
        lessons = len(next(p for p in load_packs()[0] if p.id == "basics").course_lessons())
        made, _code = CertificateKey(self.kiosk.data_dir).issue(
            "Ali Rezaei Mohammadabadi", "basics", lessons, lessons, datetime.date(2025, 8, 3)
        )
        record_issued(store.db, made, ali, "printed")
        store.db.conn.commit()

    def steady(self, root: QWidget) -> None:
        """Wait until nothing under `root` moves while the event loop turns a few times. A
        page shown again at another text size is laid out a level at a time (each level's new
        size asks the one around it to lay out again): more turns than `settle` gives, a few
        milliseconds for a person."""
        laid_out(root)

    def learners_page(self, screen) -> None:
        """The page "Learners and classes" in the states that show more than the page alone: a
        learner chosen (their actions, certificates and lessons), then a class too (the learner
        can be moved to it), issuing the learner's certificate again, a new picture password,
        enrolling, and each report tab (with its save buttons).

        The centre is made here, the first time: the page alone, visited before, is empty at
        the first text size, and lists the learners, none chosen, at the others."""
        from kiosk.ui.learn.class_report import DIFFICULT, GAIN, GRID, REPORTS, TIME

        self._centre()
        page = screen.show_page("learners")

        def read() -> None:
            self.qtbot.waitUntil(
                lambda: (
                    not any(
                        work.busy for work in (page.reading, page.details, page.reports.reading)
                    )
                ),
                timeout=20000,
            )

        def learner() -> None:
            read()
            ali = next(i for i, r in enumerate(page.learners.rows) if r.nickname == "Ali")
            self.click_row(page.learner_view, ali)
            self.qtbot.waitUntil(page.reissue_button.isVisible, timeout=20000)
            read()

        def other_class() -> None:
            # Reza's class, with their progress (tests/staff's centre): Ali can move to it.
            [tuesday] = self.kiosk.store.db.query(
                "SELECT class_id FROM learners WHERE nickname = 'Reza'"
            )
            self.click_row(page.class_view, page.classes.row_of(tuesday["class_id"]))
            self.qtbot.waitUntil(page.move_button.isEnabled, timeout=20000)
            read()

        def tab(number: int) -> Callable[[], None]:
            return lambda: self.click(page.tabs.tab(number))

        states = [
            ("learners_learner", learner),
            ("learners_learner_class", other_class),
            ("learners_reissue", lambda: self.click(page.reissue_button)),
            ("learners_new_password", lambda: self.click(page.reset_button)),
            ("learners_enrol", lambda: self.click(page.enrol_button)),
        ]
        names = {GRID: "grid", DIFFICULT: "hardest", TIME: "time", GAIN: "gain"}
        for number, key in enumerate(REPORTS, start=1):
            if page.tabs.isTabVisible(number):
                states.append((f"learners_report_{names[key]}", tab(number)))
        for state, act in states:

            def go(act=act, state=state) -> None:
                act()
                self.steady(page)

            self.visit("staff", state, go)  # below the fold too (`check` measures the whole page)
        tab(0)()
        # No one is chosen at the next text size (a person cannot unchoose a learner: the page
        # keeps them so they can be moved to another class).
        page.class_id = page.learner_id = page.learner = None

    def staff_pages(self, portal) -> None:
        """Each page an admin reaches from the staff home, and "Record a portal" after two
        steps were recorded (each step's editor: its words, a preview, private or not)."""
        from kiosk.services.portal import PortalService

        window = self.window
        staff = self.kiosk.staff
        directory = staff.directory()
        if not directory.has_admin():
            directory.create("setup", "Sara", Role.ADMIN, "135790")
        admin = next(a for a in directory.accounts() if a.role is Role.ADMIN)
        staff.sign_in(admin.id, "135790")
        window.show_screen("staff")
        screen = window.screens["staff"]
        for name in self.STAFF_PAGES:
            self.visit("staff", name, lambda name=name: self._staff_page(screen, name))
        self.learners_page(screen)
        page = screen.show_page("record_flow")
        window.ctx.portal = PortalService(portal)
        self.click(page.choices["practice"])
        self.click(page.start_button)
        draft = page.draft
        self.qtbot.waitUntil(lambda: draft.start is not None, timeout=20000)
        address = page.address.text()
        for action, locator, label in (
            ("input", {"name": "q"}, "Search for a service by its name or its number"),
            ("click", {"role": "button", "name": "Search"}, "Search"),
        ):
            report = {"type": "step", "url": address, "lang": "en", "label": label}
            draft.add({**report, "action": action, "locators": [locator]})
        page._show_steps()
        self.visit("staff", "record_flow_recording", lambda: None)
        self.click(page.stop_button)
        self.visit("staff", "record_flow_stopped", lambda: None)
        window.show_screen("home")
        staff.sign_out()
