"""Nothing blocks the UI thread: each slow operation, started from its real widget, runs under
an event-loop lag probe and must never stall the UI for more than STALL_MS until its result
is shown. Each test first runs the same operation synchronously on the UI thread under the
same probe and checks the probe catches that stall: a probe that cannot fail proves nothing.

The slow part of each operation is made slower by `slow()` (a slow SD card, USB stick or
keyring), so the synchronous control case is far past STALL_MS even on a fast machine. The
measure runs from the tap until the result is handed to the view (a new page's first paint
is layout work, not the operation), and is the best of up to three runs (`least_stall`): a
stall the code causes comes back every time, a loaded machine's hiccup does not.
"""

from __future__ import annotations

import os
import shutil

import keyring
import pytest
from PySide6.QtCore import Qt

from kiosk.core.staff_rules import Role
from kiosk.services.staff import SignIn
from tests.lag import STALL_MS, LagProbe, least_stall, slow

PIN = "135790"
PASSWORD = ("apple", "key", "cup")


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def pin_page(kiosk):
    return kiosk.window.screens["staff"].by_name["pin"]


def pin_typed(kiosk, qtbot, admin):
    """The staff screen at `admin`'s PIN page, the PIN typed but OK not yet touched."""
    kiosk.window.show_screen("staff")
    screen = kiosk.window.current_screen()
    if screen.page.objectName() != "staff_page_choose":
        screen.show_page("choose")
    click(qtbot, screen.page.account_buttons[admin.id])
    for digit in PIN:
        click(qtbot, screen.page.keypad.digits[digit])
    return screen


def test_staff_pin_check(make_kiosk, qtbot, monkeypatch):
    kiosk = make_kiosk("en")
    ring = keyring.get_keyring()  # the keyring the PINs are in (tests/conftest.py)
    monkeypatch.setattr(ring, "get_password", slow(ring.get_password))
    admin = kiosk.staff.directory().create("setup", "Sara", Role.ADMIN, PIN)
    with LagProbe(qtbot) as control:  # keyring read + scrypt in a slot, as before
        assert kiosk.staff.sign_in(admin.id, PIN).outcome is SignIn.OK
    assert control.worst_ms > STALL_MS
    kiosk.staff.sign_out()
    screen = pin_typed(kiosk, qtbot, admin)  # builds the PIN page

    def prepare():
        kiosk.staff.sign_out()
        pin_typed(kiosk, qtbot, admin)

    stall = least_stall(
        qtbot,
        prepare,
        lambda: click(qtbot, screen.page.keypad.ok_button),
        pin_page(kiosk).work.succeeded,
    )
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert screen.page.objectName() == "staff_page_home"
    assert kiosk.staff.account.id == admin.id


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    from tools.synthetic_pack import write_pack

    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=3, per_module=2)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    return root


def test_picture_password_check_and_enrolment(make_kiosk, qtbot, pack_dir, monkeypatch):
    from kiosk.services import learners as module

    kiosk = make_kiosk("en")
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    learners = learn.session.learners
    learner = learners.enrol("Maryam", "cat", PASSWORD)
    monkeypatch.setattr(module, "pin_matches", slow(module.pin_matches))
    monkeypatch.setattr(module, "hash_pin", slow(module.hash_pin))
    with LagProbe(qtbot) as control:
        assert learners.sign_in(learner, PASSWORD).ok
    assert control.worst_ms > STALL_MS
    with LagProbe(qtbot) as control:
        module.hash_password(PASSWORD)
    assert control.worst_ms > STALL_MS

    def to_sign_in():
        learn.reset()  # the entry page, nobody signed in
        click(qtbot, learn.entry.tiles["sign_in"])
        click(qtbot, learn.who.tiles[learner])
        for picture in PASSWORD[:-1]:
            click(qtbot, learn.password.tiles[picture])

    stall = least_stall(
        qtbot,
        to_sign_in,
        lambda: click(qtbot, learn.password.tiles[PASSWORD[-1]]),
        learn.checking.succeeded,
    )
    assert stall < STALL_MS, f"sign-in: UI stalled {stall:.0f} ms"
    assert learn.pages.currentWidget() is learn.map and learn.session.learner.id == learner

    def to_enrol():
        learn.reset()
        click(qtbot, learn.entry.tiles["enrol"])
        click(qtbot, learn.new_avatar.tiles["bird"])
        for picture in PASSWORD:
            click(qtbot, learn.new_password.tiles[picture])
        for picture in PASSWORD[:-1]:
            click(qtbot, learn.confirm_password.tiles[picture])

    stall = least_stall(
        qtbot,
        to_enrol,
        lambda: click(qtbot, learn.confirm_password.tiles[PASSWORD[-1]]),
        learn.checking.succeeded,
    )
    assert stall < STALL_MS, f"enrolment: UI stalled {stall:.0f} ms"
    assert learn.pages.currentWidget() is learn.map and learn.session.learner.avatar == "bird"


def staff_home(kiosk, qtbot):
    """Sign the admin in (PIN checked in the background) and return the staff screen."""
    admin = kiosk.staff.directory().create("setup", "Sara", Role.ADMIN, PIN)
    screen = pin_typed(kiosk, qtbot, admin)
    click(qtbot, screen.page.keypad.ok_button)
    qtbot.waitUntil(lambda: screen.page.objectName() == "staff_page_home", timeout=5000)
    return admin, screen


def test_saving_settings(make_kiosk, qtbot, monkeypatch, isolated):
    kiosk = make_kiosk("en")
    _admin, screen = staff_home(kiosk, qtbot)
    click(qtbot, screen.page.tiles["settings"])
    page = screen.page
    monkeypatch.setattr(os, "fsync", slow(os.fsync))
    with LagProbe(qtbot) as control:
        kiosk.settings.update({"attract_interval": 45})  # write + fsync in a slot, as before
    assert control.worst_ms > STALL_MS
    stall = least_stall(
        qtbot,
        lambda: click(qtbot, page.by_key["volume"].down),  # a change to save each time
        lambda: click(qtbot, page.save_button),
        page.work.succeeded,
    )
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert "saved" in page.message.text()
    volume = kiosk.settings["volume"]
    assert volume < 80 and f"volume = {volume}" in (isolated / "kiosk.ini").read_text()


def test_reading_the_services_when_get_help_opens(make_kiosk, qtbot, monkeypatch):
    from kiosk.core import flows
    from kiosk.services.assist_catalog import load_services, service_folders

    kiosk = make_kiosk("en")
    screen = kiosk.window.screens["help"]
    kiosk.window.show_screen("help")  # the pages are built on the first visit
    qtbot.waitUntil(lambda: not screen.loading.busy, timeout=10000)
    monkeypatch.setattr(flows, "load_flow", slow(flows.load_flow))
    with LagProbe(qtbot) as control:
        services, _faults = load_services(service_folders(kiosk.data_dir))
    assert services and control.worst_ms > STALL_MS
    stall = least_stall(
        qtbot,
        lambda: kiosk.window.show_screen("home"),
        lambda: click(qtbot, kiosk.window.screens["home"].tiles["help"]),
        screen.loading.succeeded,
    )
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert [s.flow.id for s in screen.services.services] == [s.flow.id for s in services]


def test_the_sessions_report(make_kiosk, qtbot, monkeypatch):
    from kiosk.services import assist
    from kiosk.services.assist import end_session, start_session
    from kiosk.ui.assist.report_page import read_records

    kiosk = make_kiosk("en")
    admin, screen = staff_home(kiosk, qtbot)
    record = start_session(kiosk.store, "practice.feedback", 1, admin.id)
    end_session(kiosk.store, record, "completed", step=4, steps_reached=4, missing=[])
    monkeypatch.setattr(assist, "sessions", slow(assist.sessions))
    with LagProbe(qtbot) as control:
        rows, _drops, _names = read_records(kiosk.store)
    assert len(rows) == 1 and control.worst_ms > STALL_MS
    screen.show_page("assist_report")  # the page is built on its first visit
    page = screen.by_name["assist_report"]
    qtbot.waitUntil(lambda: not page.reading.busy, timeout=5000)
    stall = least_stall(
        qtbot,
        lambda: screen.show_page("home"),
        lambda: click(qtbot, screen.page.tiles["assist_report"]),
        page.reading.succeeded,
    )
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert "Today: 1 session." in page.report.text()


def test_copying_a_download_to_a_usb_stick(make_kiosk, qtbot, portal, monkeypatch, tmp_path):
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
    monkeypatch.setattr(shutil, "copyfile", slow(shutil.copyfile))
    with LagProbe(qtbot) as control:
        shutil.copyfile(download, tmp_path / "control.pdf")
    assert control.worst_ms > STALL_MS
    saved = kiosk.window.ctx.tr(session_view.SAVED)
    stall = least_stall(
        qtbot, lambda: None, lambda: helper.click(page.file_tile), page.copying.succeeded
    )
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert page.message.text() == saved
    assert (stick / "b.pdf").read_bytes() == download.read_bytes()


def test_the_trainers_page_lists_reports_and_files(make_kiosk, qtbot, monkeypatch, tmp_path):
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
    # Each slow part on a slow SD card or a loaded CPU; each control case caught on this thread.
    monkeypatch.setattr(learners_page, "class_rows", slow(class_reports.class_rows))
    monkeypatch.setattr(class_report, "class_report", slow(class_reports.class_report))
    monkeypatch.setattr(class_report, "write_csv", slow(report_files.write_csv))
    monkeypatch.setattr(class_report, "write_pdf", slow(report_files.write_pdf))
    monkeypatch.setattr(learners, "hash_pin", slow(learners.hash_pin))
    with LagProbe(qtbot) as control:
        learners_page.class_rows(kiosk.store.db)
        class_report.class_report(kiosk.store.db, tuesday, page.course)
    assert control.worst_ms > STALL_MS

    def to_home():
        screen.show_page("home")

    stall = least_stall(
        qtbot, to_home, lambda: click(qtbot, screen.page.tiles["learners"]), page.reading.succeeded
    )
    assert stall < STALL_MS, f"opening the page: UI stalled {stall:.0f} ms"
    assert len(page.classes.rows) == 1 and len(page.learners.rows) == 2

    def to_all():
        page.choose_class(None)
        qtbot.waitUntil(lambda: not page.reading.busy and not page.reports.reading.busy)

    def choose_tuesday():
        index = page.class_proxy.index(1, 0)
        qtbot.mouseClick(
            page.class_view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=page.class_view.visualRect(index).center(),
        )

    stall = least_stall(qtbot, to_all, choose_tuesday, page.reports.shown)
    assert stall < STALL_MS, f"switching class: UI stalled {stall:.0f} ms"
    assert len(page.reports.models[class_report.GRID].rows) == 2
    monkeypatch.setattr(
        class_report.ReportDialogs,
        "save_path",
        classmethod(lambda cls, parent, title, name, kind: str(tmp_path / f"report.{kind}")),
    )
    page.tabs.setCurrentIndex(1)
    for button, name in ((page.csv_button, "report.csv"), (page.pdf_button, "report.pdf")):
        stall = least_stall(
            qtbot, lambda: None, lambda b=button: click(qtbot, b), page.reports.saving.succeeded
        )
        assert stall < STALL_MS, f"saving {name}: UI stalled {stall:.0f} ms"
        assert (tmp_path / name).stat().st_size > 0

    def to_enrol():
        page.refresh()
        click(qtbot, page.enrol_button)
        click(qtbot, page.avatar.tiles["bird"])
        for picture in PASSWORD:
            click(qtbot, page.first.tiles[picture])
        for picture in PASSWORD[:-1]:
            click(qtbot, page.again.tiles[picture])

    stall = least_stall(
        qtbot,
        to_enrol,
        lambda: click(qtbot, page.again.tiles[PASSWORD[-1]]),
        page.hashing.succeeded,
    )
    assert stall < STALL_MS, f"enrolment: UI stalled {stall:.0f} ms"
    assert "bird" in [learner.avatar for learner in people.all(tuesday)]


def test_keeping_a_trainers_recording(make_kiosk, qtbot, monkeypatch, tmp_path):
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
    monkeypatch.setattr(voice_pack, "write_atomic", slow(voice_pack.write_atomic))
    with LagProbe(qtbot) as control:  # the write in a slot, as it would be without a worker
        VoicePack.open(tmp_path / "control", "p", "en", "en").keep(SENTENCE, Take(b"\1\0" * 800))
    assert control.worst_ms > STALL_MS

    def prepare():
        click(qtbot, page.record_button)
        qtbot.waitUntil(lambda: page.recorder._input.exhausted, timeout=10000)
        click(qtbot, page.stop_button)
        assert page.recorder.take is not None

    stall = least_stall(qtbot, prepare, lambda: click(qtbot, page.keep_button), page.work.succeeded)
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert page.message.text() == kiosk.window.ctx.tr(voice_page_module.KEPT)


def test_making_a_learners_certificate(make_kiosk, qtbot, monkeypatch, tmp_path):
    """Drawing holds the GIL in PySide6's painting calls, so a worker thread is not enough: the
    kiosk draws in a child process. The certificate is the bundled course's (26 lessons listed);
    the control draws it here, on the UI thread, on a slow disk."""
    import datetime
    from pathlib import Path

    from kiosk.services import certificate_pdf
    from kiosk.services.certificate_pdf import Course, page_image, render
    from kiosk.services.certificates import CertificateKey
    from kiosk.services.lessons import load_pack
    from tests.learn_ui.test_certificate import master_the_lesson, signed_in, type_text
    from tools.synthetic_pack import write_pack

    basics = load_pack(Path(__file__).resolve().parents[1] / "lessons" / "basics").pack
    course_ids = [lesson.id for lesson in basics.course_lessons()]
    write_pack(tmp_path / "packs" / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "packs"))
    kiosk = make_kiosk("en")
    learn, _learner = signed_in(kiosk, qtbot)
    master_the_lesson(qtbot, learn)
    click(qtbot, learn.done.tiles["certificate"])
    page = learn.certificate
    monkeypatch.setattr(certificate_pdf, "write_atomic", slow(certificate_pdf.write_atomic))
    with LagProbe(qtbot) as control:  # the drawing and the write in a slot, in this process
        day = datetime.date(2025, 8, 3)
        made, code = CertificateKey(tmp_path).issue("Ali Karimi", "basics", 26, 26, day)
        course = Course.of(basics, course_ids)
        render(tmp_path / "control.pdf", made, course, code)
        page_image(made, course, code, 60)
    assert control.worst_ms > STALL_MS

    def prepare():
        page.start(basics, course_ids)
        type_text(page.name, "Ali Karimi")

    stall = least_stall(qtbot, prepare, lambda: click(qtbot, page.show_tile), page.work.succeeded)
    assert stall < STALL_MS, f"UI stalled {stall:.0f} ms"
    assert page.made is not None and page.save_tile.isVisible()
    assert page.made.certificate.lessons == len(course_ids)
    assert page.made.pdf.read_bytes().startswith(b"%PDF")
