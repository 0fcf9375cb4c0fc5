"""A trainer sees the certificates a learner was issued, on the learner's details, and issues
one again: the learner types the name again at the desk; a new serial is recorded, no name."""

from __future__ import annotations

import datetime

from kiosk.services.certificates import CertificateKey, issued_to, record_issued
from kiosk.services.learners import Learners, hash_password
from kiosk.services.lessons import load_packs
from kiosk.ui.learn.certificate import SAVED
from kiosk.ui.widgets.save_dialogs import SaveDialogs
from tests.learn_ui.test_certificate import type_text
from tests.staff.test_class_report_ui import click, click_row, open_page

NAME = "Reza Ahmadi"


def master_course(kiosk, learner: str, *, all_lessons: bool) -> None:
    pack = next(p for p in load_packs()[0] if p.id == "basics")
    lessons = pack.course_lessons() if all_lessons else pack.course_lessons()[:3]
    for lesson in lessons:
        kiosk.store.db.execute(
            "INSERT INTO lesson_progress (learner_id, pack_id, lesson_id, step, state, "
            "updated_at, mastered, completed, stars) VALUES (?, 'basics', ?, 0, '{}', ?, 1, 1, 3)",
            [learner, lesson.id, "2025-08-03T10:00:00"],
        )
    kiosk.store.db.conn.commit()


def test_a_trainer_sees_certificates_and_issues_one_again(make_kiosk, qtbot, monkeypatch, tmp_path):
    kiosk = make_kiosk("en", (1280, 800))
    learners = Learners(kiosk.store)
    secret = hash_password(("apple", "key", "cup"))
    reza = learners.enrol("Reza", "sheep", secret)
    ali = learners.enrol("Ali", "bird", secret)
    master_course(kiosk, reza, all_lessons=True)
    master_course(kiosk, ali, all_lessons=False)
    made, _code = CertificateKey(kiosk.data_dir).issue(
        NAME, "basics", 26, 26, datetime.date(2025, 8, 3)
    )
    record_issued(kiosk.store.db, made, reza, "printed")
    kiosk.store.db.conn.commit()
    page = open_page(qtbot, kiosk)

    click_row(qtbot, page.learner_view, "Ali")  # part of the course: nothing to issue
    qtbot.waitUntil(lambda: not page.details.busy and page.certificates.isVisible())
    assert page.certificates.text().splitlines() == [
        "Certificates issued",
        "No certificate issued yet.",
    ]
    assert not page.reissue_button.isVisible()

    click_row(qtbot, page.learner_view, "Reza")
    qtbot.waitUntil(lambda: not page.details.busy and page.reissue_button.isVisible())
    lines = page.certificates.text().splitlines()
    assert lines[0] == "Certificates issued" and len(lines) == 2
    assert "12 Mordad 1404 (3 August 2025)" in lines[1] and "E-government basics" in lines[1]
    assert "26 of 26 lessons, printed" in lines[1] and made.serial_text in lines[1]

    click(qtbot, page.reissue_button)
    certificate = page.certificate_page
    assert page.steps.currentWidget() is certificate and certificate.isVisible()
    assert certificate.name.text() == ""  # the kiosk kept no name: the learner types it
    type_text(certificate.name, NAME)
    click(qtbot, certificate.show_tile)
    qtbot.waitUntil(lambda: certificate.made is not None, timeout=20000)
    assert (certificate.made.certificate.mastered, certificate.made.certificate.lessons) == (26, 26)
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(
        SaveDialogs, "pdf_path", classmethod(lambda cls, parent, title, name: str(stick / name))
    )
    click(qtbot, certificate.save_tile)
    qtbot.waitUntil(lambda: len(page.certificates.text().splitlines()) == 3, timeout=10000)
    assert certificate.message.text() == kiosk.window.ctx.tr(SAVED)
    rows = issued_to(kiosk.store.db, reza)
    assert [r["delivered"] for r in rows] == ["saved", "printed"]
    assert rows[0]["serial"] != made.serial_text
    assert (stick / "certificate.pdf").read_bytes().startswith(b"%PDF")
    audit = [r["action"] for r in kiosk.store.db.query("SELECT action FROM audit_log")]
    assert "learners.reissue_certificate" in audit

    click_row(qtbot, page.learner_view, "Ali")  # another learner: the name typed goes
    qtbot.waitUntil(lambda: not page.details.busy)
    assert certificate.name.text() == "" and certificate.made is None
    assert not page.steps.isVisible()
