"""The learner's certificate, on the real window: a learner who masters the course names their
certificate (never a number), sees it, and it goes to a USB stick or a printer; the kiosk keeps
the serial and the course, never the name nor the PDF; a guest is told to make a profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from kiosk.services.certificates import CertificateKey
from kiosk.services.learners import Learners
from kiosk.ui.learn import certificate as page_module
from kiosk.ui.learn import done as done_module
from kiosk.ui.widgets.save_dialogs import SaveDialogs
from tests.gui import save_screenshot, spoken
from tools.synthetic_pack import write_pack

PASSWORD = ("apple", "key", "cup")
NAME = "مریم رضایی"


@pytest.fixture
def one_lesson_course(tmp_path, monkeypatch):
    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    return root


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def master_the_lesson(qtbot, learn):
    """Play the course's one lesson, every answer right, to the end page."""
    click(qtbot, learn.map.tiles[("sample", "lesson-0000")])
    player = learn.player
    for _ in range(3):  # two explanations, the practice (skipped)
        click(qtbot, player.next_button)
    for choices in (["nobody"], ["a", "b"], ["p1"], ["first", "second", "third"]):
        for choice in choices:
            click(qtbot, player.view.tiles[choice])
        click(qtbot, player.view.confirm)
        click(qtbot, player.next_button)
    assert learn.pages.currentWidget() is learn.done


def signed_in(kiosk, qtbot):
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    learner = Learners(kiosk.store).enrol("Maryam", "cat", PASSWORD)
    click(qtbot, learn.entry.tiles["sign_in"])
    click(qtbot, learn.who.tiles[learner])
    for picture in PASSWORD:
        click(qtbot, learn.password.tiles[picture])
    qtbot.waitUntil(lambda: learn.pages.currentWidget() is learn.map, timeout=5000)
    return learn, learner


def type_text(field, text: str) -> None:
    """Type `text` key by key (QTest's keyClicks knows Latin letters only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def files_with(folder: Path, data: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and data in p.read_bytes()]


def test_a_learner_names_sees_and_saves_their_certificate(
    make_kiosk, qtbot, one_lesson_course, monkeypatch, tmp_path, artifacts
):
    kiosk = make_kiosk("fa")
    learn, learner = signed_in(kiosk, qtbot)
    master_the_lesson(qtbot, learn)
    assert learn.done.tiles["certificate"].isVisible()
    assert kiosk.window.ctx.tr(done_module.COURSE_DONE) in learn.done.summary.text()
    click(qtbot, learn.done.tiles["certificate"])
    page = learn.certificate
    assert learn.pages.currentWidget() is page
    assert "ملی" in spoken(kiosk)[-1]  # the guidance says: never a national ID
    assert not page.save_tile.isVisible()

    qtbot.keyClicks(page.name, "0012345678")  # a national ID is refused, with how to fix it
    click(qtbot, page.show_tile)
    assert page.message.isVisible() and page.message.property("problem") is True
    assert not page.work.busy and page.made is None
    page.name.clear()
    click(qtbot, page.show_tile)  # an empty name too
    assert page.message.property("problem") is True and page.made is None

    type_text(page.name, NAME)
    click(qtbot, page.show_tile)
    qtbot.waitUntil(lambda: page.made is not None, timeout=20000)
    assert page.picture.isVisible() and not page.picture.pixmap().isNull()
    assert page.save_tile.isVisible() and page.print_tile.isVisible()
    assert page.message.property("problem") is False
    made = page.made
    assert made.certificate.name == NAME
    assert (made.certificate.mastered, made.certificate.lessons) == (1, 1)
    assert CertificateKey(kiosk.data_dir).verify(made.code) == made.certificate
    # The PDF waits in a private session folder of the data dir while the learner is here.
    assert made.pdf.parent.parent == kiosk.data_dir / "sessions" and made.pdf.is_file()
    save_screenshot(kiosk.window, artifacts, "learn-certificate-fa")

    stick = tmp_path / "usb"
    stick.mkdir()
    asked = []

    def choose(cls, parent, title, suggested):
        asked.append(title)
        return str(stick / suggested)

    monkeypatch.setattr(SaveDialogs, "pdf_path", classmethod(choose))
    click(qtbot, page.save_tile)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=10000)
    saved = stick / "certificate.pdf"
    assert saved.read_bytes() == made.pdf.read_bytes() and saved.read_bytes().startswith(b"%PDF")
    assert asked == [kiosk.window.ctx.tr(page_module.CHOOSE_PLACE)]
    assert page.message.text() == kiosk.window.ctx.tr(page_module.SAVED)
    rows = list(kiosk.store.db.query("SELECT * FROM certificates"))
    assert rows == [
        {
            "serial": made.certificate.serial_text,
            "learner_id": learner,
            "pack_id": "sample",
            "issued_on": made.certificate.issued.isoformat(),
            "mastered": 1,
            "lessons": 1,
            "delivered": "saved",
            "created_at": rows[0]["created_at"],
        }
    ]

    click(qtbot, learn.back)  # the learner leaves: the name and the PDF go
    assert learn.pages.currentWidget() is not page
    assert not made.pdf.parent.exists() and page.name.text() == ""
    assert not list(kiosk.data_dir.rglob("*.pdf"))
    kiosk.store.db.conn.commit()
    assert files_with(kiosk.data_dir, NAME.encode()) == []


def test_a_printer_gets_the_certificate_and_its_absence_is_told(
    make_kiosk, qtbot, one_lesson_course, monkeypatch, tmp_path
):
    kiosk = make_kiosk("en")
    learn, _learner = signed_in(kiosk, qtbot)
    master_the_lesson(qtbot, learn)
    click(qtbot, learn.done.tiles["certificate"])
    page = learn.certificate
    qtbot.keyClicks(page.name, "Ali Karimi")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.made is not None, timeout=20000)

    monkeypatch.setattr(SaveDialogs, "printer_available", classmethod(lambda cls: False))
    click(qtbot, page.print_tile)
    assert page.message.text() == kiosk.window.ctx.tr(page_module.NO_PRINTER)

    printed = tmp_path / "printer-output.pdf"

    def printer(cls, parent):
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(printed))
        return chosen

    monkeypatch.setattr(SaveDialogs, "printer_available", classmethod(lambda cls: True))
    monkeypatch.setattr(SaveDialogs, "printer", classmethod(printer))
    click(qtbot, page.print_tile)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=20000)
    assert page.message.text() == kiosk.window.ctx.tr(page_module.PRINTED)
    assert printed.read_bytes().startswith(b"%PDF") and printed.stat().st_size > 50_000
    assert [row["delivered"] for row in kiosk.store.db.query("SELECT * FROM certificates")] == [
        "printed"
    ]


def test_a_guest_who_masters_the_course_is_told_to_make_a_profile(
    make_kiosk, qtbot, one_lesson_course
):
    kiosk = make_kiosk("en")
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    click(qtbot, learn.entry.tiles["guest"])
    master_the_lesson(qtbot, learn)
    tr = kiosk.window.ctx.tr
    assert tr(done_module.GUEST_COURSE_DONE) in learn.done.summary.text()
    click(qtbot, learn.done.tiles["certificate"])
    assert learn.pages.currentWidget() is learn.done  # no certificate page for a guest
    assert learn.done.message.text() == tr(done_module.GUEST_NO_CERTIFICATE)
    assert spoken(kiosk)[-1] == tr(done_module.GUEST_NO_CERTIFICATE)
    assert not list(kiosk.store.db.query("SELECT * FROM certificates"))


def test_no_certificate_before_the_whole_course_is_mastered(
    make_kiosk, qtbot, tmp_path, monkeypatch
):
    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=2, per_module=2)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    kiosk = make_kiosk("en")
    learn, _learner = signed_in(kiosk, qtbot)
    master_the_lesson(qtbot, learn)
    assert learn.done.stars.text() == "★★★"
    assert not learn.done.tiles["certificate"].isVisible()  # one lesson of two
