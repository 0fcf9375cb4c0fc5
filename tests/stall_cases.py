"""The kiosk's slow operations, each set up in a real kiosk and started from its real widget.

Shared by tests/test_no_ui_stalls.py, which asserts WHERE each operation's slow part runs
(never on the UI thread), and bench/ui_stalls.py (through bench/stalls_cases.py), which
measures how long the UI thread waited. A case patches each slow part with `watched` (see
tests/lag.py), `delay` seconds slower (a slow SD card, USB stick or keyring: the bench's; tests
leave it 0), and returns its operations, in the order they are run: each `prepare()` brings
its widget to just before the tap, and may be run again (the bench repeats each operation);
`act()` is the tap; `done()` is the signal that the result was handed to the view; `check()`
asserts the person sees the right result. `control()` calls the same slow work directly, on
the UI thread, as a slot would without a worker: the proof that the watch can see that.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
from PySide6.QtCore import Qt

from kiosk.core.staff_rules import Role
from kiosk.services.staff import SignIn
from tests.lag import Watched, watched

PIN = "135790"
PASSWORD = ("apple", "key", "cup")


@dataclass
class Operation:
    """One slow operation: what it is (`name` is the bench's key) and how it is run."""

    name: str
    what: str  # in words: for failure messages and the bench's table
    parts: list[Watched]  # the slow parts it runs: each must be called, off the UI thread
    prepare: Callable[[], None]
    act: Callable[[], None]
    done: Callable[[], Any]  # the signal (a SignalInstance) emitted once the view has the result
    check: Callable[[], None]
    # Parts that must not run in this process at all (they belong in a child process).
    elsewhere: list[Watched] = field(default_factory=list)


@dataclass
class Case:
    watched: list[Watched]  # every slow part patched
    control: Callable[[], None]
    operations: list[Operation]


class Watcher:
    """Patches slow parts with `watched` (through pytest's monkeypatch, undone after the test)
    and keeps the list of them."""

    def __init__(self, monkeypatch, delay: float) -> None:
        self.monkeypatch = monkeypatch
        self.delay = delay
        self.all: list[Watched] = []

    def __call__(self, owner: object, name: str, function: Callable[..., Any] | None = None):
        """`owner.name`, watched (`function` instead of the current `owner.name`, if given)."""
        part = watched(function or getattr(owner, name), self.delay)
        self.monkeypatch.setattr(owner, name, part)
        self.all.append(part)
        return part


def click(qtbot, widget, **kwargs) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, **kwargs)


def nothing() -> None:
    """A `prepare` for an operation that can simply be tapped again."""


# Staff ------------------------------------------------------------------------------------
def pin_typed(kiosk, qtbot, admin):
    """The staff screen at `admin`'s PIN page, the PIN typed but OK not yet touched. Entered
    from the home screen, as a person does: a signed-in staff member first leaves the staff
    area by its Back tile (signing out); the staff screen chooses its page as it is shown."""
    window = kiosk.window
    screen = window.screens["staff"]
    if window.current_screen() is screen:
        screen.show_page("home")  # a top page: Back from it leaves the staff area
        click(qtbot, screen.back)
    assert window.current_screen() is not screen and kiosk.staff.account is None
    window.show_screen("staff")
    assert screen.page.objectName() == "staff_page_choose", screen.page.objectName()
    click(qtbot, screen.page.account_buttons[admin.id])
    for digit in PIN:
        click(qtbot, screen.page.keypad.digits[digit])
    return screen


def staff_home(kiosk, qtbot):
    """Sign an admin in (the PIN checked in the background) and return the staff screen."""
    admin = kiosk.staff.directory().create("setup", "Sara", Role.ADMIN, PIN)
    screen = pin_typed(kiosk, qtbot, admin)
    click(qtbot, screen.page.keypad.ok_button)
    qtbot.waitUntil(lambda: screen.page.objectName() == "staff_page_home", timeout=10000)
    return admin, screen


def staff_pin_check(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    from kiosk.services import secrets

    kiosk = make_kiosk("en")
    watch = Watcher(monkeypatch, delay)
    parts = [
        watch(keyring.get_keyring(), "get_password"),  # the keyring the PINs are in (conftest)
        watch(secrets, "pin_matches"),  # scrypt
    ]
    admin = kiosk.staff.directory().create("setup", "Sara", Role.ADMIN, PIN)
    screen = kiosk.window.screens["staff"]

    def control():  # the keyring read and scrypt in a slot
        assert kiosk.staff.sign_in(admin.id, PIN).outcome is SignIn.OK
        kiosk.staff.sign_out()

    def check():
        assert screen.page.objectName() == "staff_page_home"
        assert kiosk.staff.account.id == admin.id

    return Case(
        watch.all,
        control,
        [
            Operation(
                "pin_check",
                "the staff PIN check",
                parts,
                lambda: pin_typed(kiosk, qtbot, admin),
                lambda: click(qtbot, screen.page.keypad.ok_button),
                lambda: screen.by_name["pin"].work.succeeded,
                check,
            )
        ],
    )


def saving_settings(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    kiosk = make_kiosk("en")
    _admin, screen = staff_home(kiosk, qtbot)
    click(qtbot, screen.page.tiles["settings"])
    page = screen.page
    watch = Watcher(monkeypatch, delay)
    fsync = watch(os, "fsync")

    def check():
        assert "saved" in page.message.text()
        volume = kiosk.settings["volume"]
        assert volume < 80 and f"volume = {volume}" in (kiosk.data_dir / "kiosk.ini").read_text()

    return Case(
        watch.all,
        lambda: kiosk.settings.update({"attract_interval": 45}),  # write + fsync in a slot
        [
            Operation(
                "save_settings",
                "saving the settings",
                [fsync],
                lambda: click(qtbot, page.by_key["volume"].down),  # a change to save each time
                lambda: click(qtbot, page.save_button),
                lambda: page.work.succeeded,
                check,
            )
        ],
    )


def keeping_a_recording(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    from kiosk.services import voice_pack
    from kiosk.services.voice_pack import Take, VoicePack, WavInput
    from kiosk.ui.staff import voice_page as voice_page_module
    from kiosk.ui.staff.voice_page import VoicePage
    from tests.trainer.test_voice_pack import SENTENCE, _wav
    from tools.synthetic_pack import write_pack

    write_pack(tmp_path / "packs" / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    wav = _wav(1.0, 12000)
    monkeypatch.setattr(VoicePage, "make_input", staticmethod(lambda: WavInput(wav)))
    kiosk = make_kiosk("en")
    _admin, screen = staff_home(kiosk, qtbot)
    click(qtbot, screen.page.tiles["record_voice"])
    page = screen.page
    qtbot.waitUntil(lambda: bool(page.items) and not page.reading.busy, timeout=10000)
    watch = Watcher(monkeypatch, delay)
    write = watch(voice_pack, "write_atomic")

    def control():  # the write in a slot
        VoicePack.open(tmp_path / "control", "p", "en", "en").keep(SENTENCE, Take(b"\1\0" * 800))

    def prepare():
        click(qtbot, page.record_button)
        qtbot.waitUntil(lambda: page.recorder._input.exhausted, timeout=10000)
        click(qtbot, page.stop_button)
        assert page.recorder.take is not None

    def check():
        assert page.message.text() == kiosk.window.ctx.tr(voice_page_module.KEPT)

    return Case(
        watch.all,
        control,
        [
            Operation(
                "keep_recording",
                "keeping a trainer's recording",
                [write],
                prepare,
                lambda: click(qtbot, page.keep_button),
                lambda: page.work.succeeded,
                check,
            )
        ],
    )


# Learners ---------------------------------------------------------------------------------
def picture_password(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    from kiosk.services import learners as module
    from tools.synthetic_pack import write_pack

    write_pack(tmp_path / "packs" / "sample", lessons=3, per_module=2)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    kiosk = make_kiosk("en")
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    learners = learn.session.learners
    learner = learners.enrol("Maryam", "cat", PASSWORD)
    watch = Watcher(monkeypatch, delay)
    check_part, hash_part = watch(module, "pin_matches"), watch(module, "hash_pin")

    def control():  # the check and the hash in a slot
        assert learners.sign_in(learner, PASSWORD).ok
        module.hash_password(PASSWORD)

    def to_sign_in():
        learn.reset()  # the entry page, nobody signed in
        click(qtbot, learn.entry.tiles["sign_in"])
        click(qtbot, learn.who.tiles[learner])
        for picture in PASSWORD[:-1]:
            click(qtbot, learn.password.tiles[picture])

    def signed_in():
        assert learn.pages.currentWidget() is learn.map and learn.session.learner.id == learner

    def to_enrol():
        learn.reset()
        click(qtbot, learn.entry.tiles["enrol"])
        click(qtbot, learn.new_avatar.tiles["bird"])
        for picture in PASSWORD:
            click(qtbot, learn.new_password.tiles[picture])
        for picture in PASSWORD[:-1]:
            click(qtbot, learn.confirm_password.tiles[picture])

    def enrolled():
        assert learn.pages.currentWidget() is learn.map and learn.session.learner.avatar == "bird"

    return Case(
        watch.all,
        control,
        [
            Operation(
                "picture_sign_in",
                "a learner's picture-password check",
                [check_part],
                to_sign_in,
                lambda: click(qtbot, learn.password.tiles[PASSWORD[-1]]),
                lambda: learn.checking.succeeded,
                signed_in,
            ),
            Operation(
                "picture_enrol",
                "a learner's enrolment (the password hashed)",
                [hash_part],
                to_enrol,
                lambda: click(qtbot, learn.confirm_password.tiles[PASSWORD[-1]]),
                lambda: learn.checking.succeeded,
                enrolled,
            ),
        ],
    )


def trainers_page(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    from kiosk.core.lessons.model import Mastery
    from kiosk.services import class_reports, learners, report_files
    from kiosk.services.learners import Learners, hash_password
    from kiosk.services.progress import Progress
    from kiosk.ui.learn import class_report, learners_page

    kiosk = make_kiosk("fa")
    _admin, screen = staff_home(kiosk, qtbot)
    secret = hash_password(PASSWORD)
    people, progress = Learners(kiosk.store), Progress(kiosk.store)
    tuesday = people.create_class("سه‌شنبه")
    for name in ("مریم", "رضا"):
        learner = people.enrol(name, "cat", secret, tuesday)
        progress.record_answer(learner, "basics", "first-screen", "how-touch", ("hard",), False,
                               1, 5000, 1, {})  # fmt: skip
        progress.complete(learner, "basics", "first-screen", Mastery("all"), [True])
    screen.show_page("learners")  # the page is built on its first visit
    page = screen.by_name["learners"]
    qtbot.waitUntil(lambda: page.course is not None and not page.reading.busy, timeout=10000)
    monkeypatch.setattr(
        class_report.ReportDialogs,
        "save_path",
        classmethod(lambda cls, parent, title, name, kind: str(tmp_path / f"report.{kind}")),
    )
    watch = Watcher(monkeypatch, delay)
    rows = watch(learners_page, "class_rows", class_reports.class_rows)
    report = watch(class_report, "class_report", class_reports.class_report)
    csv = watch(class_report, "write_csv", report_files.write_csv)
    pdf = watch(class_report, "write_pdf", report_files.write_pdf)
    hashing = watch(learners, "hash_pin")

    def control():  # the report SQL in a slot
        learners_page.class_rows(kiosk.store.db)
        class_report.class_report(kiosk.store.db, tuesday, page.course)

    def to_all():
        page.choose_class(None)
        qtbot.waitUntil(lambda: not page.reading.busy and not page.reports.reading.busy)

    def choose_tuesday():
        index = page.class_proxy.index(1, 0)
        click(qtbot, page.class_view.viewport(), pos=page.class_view.visualRect(index).center())

    def to_reports():
        page.tabs.setCurrentIndex(1)

    def saved(name):
        def check():
            assert (tmp_path / name).stat().st_size > 0

        return check

    def to_enrol():
        page.refresh()
        click(qtbot, page.enrol_button)
        click(qtbot, page.avatar.tiles["bird"])
        for picture in PASSWORD:
            click(qtbot, page.first.tiles[picture])
        for picture in PASSWORD[:-1]:
            click(qtbot, page.again.tiles[picture])

    def listed():
        assert len(page.classes.rows) == 1 and len(page.learners.rows) == 2

    def grid():
        assert len(page.reports.models[class_report.GRID].rows) == 2

    def enrolled():
        assert "bird" in [learner.avatar for learner in people.all(tuesday)]

    saving = lambda: page.reports.saving.succeeded  # noqa: E731
    return Case(
        watch.all,
        control,
        [
            Operation(
                "learners_page_open",
                "opening the Learners page",
                [rows],
                lambda: screen.show_page("home"),
                lambda: click(qtbot, screen.page.tiles["learners"]),
                lambda: page.reading.succeeded,
                listed,
            ),
            Operation(
                "class_switch",
                "choosing a class (its report)",
                [report],
                to_all,
                choose_tuesday,
                lambda: page.reports.shown,
                grid,
            ),
            Operation(
                "report_csv",
                "saving a class report as CSV",
                [csv],
                to_reports,
                lambda: click(qtbot, page.csv_button),
                saving,
                saved("report.csv"),
            ),
            Operation(
                "report_pdf",
                "saving a class report as PDF",
                [pdf],
                to_reports,
                lambda: click(qtbot, page.pdf_button),
                saving,
                saved("report.pdf"),
            ),
            Operation(
                "trainer_enrol",
                "a trainer enrolling a learner",
                [hashing],
                to_enrol,
                lambda: click(qtbot, page.again.tiles[PASSWORD[-1]]),
                lambda: page.hashing.succeeded,
                enrolled,
            ),
        ],
    )


def learners_certificate(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    """Drawing holds the GIL in PySide6's painting calls, so a worker thread is not enough: the
    kiosk draws in a child process (`drawn_apart`), which runs off the UI thread; the drawing
    itself must not run in this process at all. The certificate is the bundled course's (26
    lessons listed); the control draws it here, on the UI thread."""
    import datetime

    from kiosk.services import certificate_pdf
    from kiosk.services.certificate_pdf import Course
    from kiosk.services.certificates import CertificateKey
    from kiosk.services.lessons import LESSONS_DIR, load_pack
    from tests.learn_ui.test_certificate import master_the_lesson, signed_in, type_text
    from tools.synthetic_pack import write_pack

    basics = load_pack(LESSONS_DIR / "basics").pack
    course_ids = [lesson.id for lesson in basics.course_lessons()]
    write_pack(tmp_path / "packs" / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    kiosk = make_kiosk("en")
    learn, _learner = signed_in(kiosk, qtbot)
    master_the_lesson(qtbot, learn)
    click(qtbot, learn.done.tiles["certificate"])
    page = learn.certificate
    watch = Watcher(monkeypatch, delay)
    child = watch(certificate_pdf, "drawn_apart")  # starts the child and waits for it
    # Every drawing goes through these: called in this process, the UI would freeze.
    drawing = [watch(certificate_pdf, name) for name in ("render", "page_image", "_draw")]

    def control():  # the drawing in a slot, in this process
        day = datetime.date(2025, 8, 3)
        made, code = CertificateKey(tmp_path).issue("Ali Karimi", "basics", 26, 26, day)
        course = Course.of(basics, course_ids)
        certificate_pdf.render(tmp_path / "control.pdf", made, course, code)
        certificate_pdf.page_image(made, course, code, 60)

    def prepare():
        page.start(basics, course_ids)
        type_text(page.name, "Ali Karimi")

    def check():
        assert page.made is not None and page.save_tile.isVisible()
        assert page.made.certificate.lessons == len(course_ids)
        assert Path(page.made.pdf).read_bytes().startswith(b"%PDF")

    return Case(
        watch.all,
        control,
        [
            Operation(
                "certificate",
                "making a learner's certificate",
                [child],
                prepare,
                lambda: click(qtbot, page.show_tile),
                lambda: page.work.succeeded,
                check,
                elsewhere=drawing,
            )
        ],
    )


# Get help ---------------------------------------------------------------------------------
def get_help_services(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    from kiosk.core import flows
    from kiosk.services.assist_catalog import load_services, service_folders

    kiosk = make_kiosk("en")
    screen = kiosk.window.screens["help"]
    kiosk.window.show_screen("help")  # the pages are built on the first visit
    qtbot.waitUntil(lambda: not screen.loading.busy, timeout=10000)
    watch = Watcher(monkeypatch, delay)
    load = watch(flows, "load_flow")
    expected: list[str] = []

    def control():  # reading and checking the flows in a slot
        services, _faults = load_services(service_folders(kiosk.data_dir))
        assert services
        expected[:] = [s.flow.id for s in services]

    def check():
        assert [s.flow.id for s in screen.services.services] == expected

    return Case(
        watch.all,
        control,
        [
            Operation(
                "get_help_open",
                "reading the services as Get help opens",
                [load],
                lambda: kiosk.window.show_screen("home"),
                lambda: click(qtbot, kiosk.window.screens["home"].tiles["help"]),
                lambda: screen.loading.succeeded,
                check,
            )
        ],
    )


def sessions_report(make_kiosk, qtbot, monkeypatch, tmp_path, *, delay=0.0) -> Case:
    from kiosk.services import assist
    from kiosk.services.assist import end_session, start_session
    from kiosk.ui.assist.report_page import read_records

    kiosk = make_kiosk("en")
    admin, screen = staff_home(kiosk, qtbot)
    record = start_session(kiosk.store, "practice.feedback", 1, admin.id)
    end_session(kiosk.store, record, "completed", step=4, steps_reached=4, missing=[])
    screen.show_page("assist_report")  # the page is built on its first visit
    page = screen.by_name["assist_report"]
    qtbot.waitUntil(lambda: not page.reading.busy, timeout=10000)
    watch = Watcher(monkeypatch, delay)
    sessions = watch(assist, "sessions")

    def control():  # the report's SQL in a slot
        rows, _drops, _names = read_records(kiosk.store)
        assert len(rows) == 1

    def check():
        assert "Today: 1 session." in page.report.text()

    return Case(
        watch.all,
        control,
        [
            Operation(
                "sessions_report",
                "reading the sessions report",
                [sessions],
                lambda: screen.show_page("home"),
                lambda: click(qtbot, screen.page.tiles["assist_report"]),
                lambda: page.reading.succeeded,
                check,
            )
        ],
    )


def usb_copy(make_kiosk, qtbot, monkeypatch, tmp_path, portal, *, delay=0.0) -> Case:
    from kiosk.ui.assist import session_view
    from tests.assist.web import Helper

    kiosk = make_kiosk("en")
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    helper.click(screen.services.tiles[0])
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    page = screen.session_page
    download = tmp_path / "session" / "bill.pdf"
    download.parent.mkdir()
    download.write_bytes(b"%PDF-1.4 a bill\n")
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(
        session_view.ReceiptDialogs, "pdf_path", classmethod(lambda cls, *a: str(stick / "b.pdf"))
    )
    screen.session.browser.downloaded.emit(str(download))  # as the browser reports one
    assert page.file_tile.isVisible()
    helper.tab().at("national-id")  # the portal's first page is up, the guide on its field
    watch = Watcher(monkeypatch, delay)
    copy = watch(shutil, "copyfile")

    def check():
        assert page.message.text() == kiosk.window.ctx.tr(session_view.SAVED)
        assert (stick / "b.pdf").read_bytes() == download.read_bytes()

    return Case(
        watch.all,
        lambda: shutil.copyfile(download, tmp_path / "control.pdf"),  # the copy in a slot
        [
            Operation(
                "usb_copy",
                "copying a download to a USB stick",
                [copy],
                nothing,
                lambda: helper.click(page.file_tile),
                lambda: page.copying.succeeded,
                check,
            )
        ],
    )
