"""The staff page that verifies a certificate: a trainer types the code, sees what it says;
an altered code is refused on the page, in the staff member's language."""

from __future__ import annotations

import datetime

from kiosk.core.staff_rules import Role
from kiosk.services.certificates import CertificateKey
from tests.gui import save_screenshot
from tests.staff.test_staff_ui import click, sign_in


def test_a_trainer_verifies_a_code_and_an_altered_one_is_refused(make_kiosk, qtbot, artifacts):
    kiosk = make_kiosk("fa")
    staff = kiosk.staff.directory()
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    trainer = staff.create(admin, "Mina", Role.TRAINER, "246813")
    _made, code = CertificateKey(kiosk.data_dir).issue(
        "زهرا احمدی", "basics", 26, 26, datetime.date(2025, 8, 3)
    )
    screen = sign_in(qtbot, kiosk, trainer, "246813")
    click(qtbot, screen.page.tiles["verify_certificate"])
    page = screen.page
    assert page.objectName() == "staff_page_verify_certificate"
    qtbot.keyClicks(page.code, code)
    click(qtbot, page.verify_button)
    qtbot.waitUntil(lambda: page.message.isVisible() and not page.work.busy, timeout=5000)
    text = page.message.text()
    assert "زهرا احمدی" in text and "۱۲ مرداد ۱۴۰۴" in text and "۳ اوت ۲۰۲۵" in text
    assert page.message.property("problem") is False
    save_screenshot(screen, artifacts, "verify_certificate_fa")
    page.code.clear()
    altered = code[:40] + ("A" if code[40] != "A" else "B") + code[41:]
    qtbot.keyClicks(page.code, altered)
    click(qtbot, page.verify_button)
    qtbot.waitUntil(lambda: page.message.property("problem") is True, timeout=5000)
    assert "زهرا احمدی" not in page.message.text()
