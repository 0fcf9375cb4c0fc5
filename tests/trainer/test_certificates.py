"""Course certificates: signed codes verified offline, forged and altered ones refused, the
kiosk's key private, and the printed PDF saying what the code says (QR code included)."""

from __future__ import annotations

import base64
import datetime
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import certificate as cert
from kiosk.core.certificate import CodeRefused
from kiosk.core.notices import NoticeError
from kiosk.services.certificates import KEY_NAME, CertificateKey

DAY = datetime.date(2025, 8, 3)  # 12 Mordad 1404


def _issue(folder: Path, name: str = "مریم رضایی") -> tuple[cert.Certificate, str]:
    return CertificateKey(folder).issue(name, "basics", 26, 26, DAY)


def test_a_code_carries_the_whole_certificate_and_verifies(isolated: Path) -> None:
    made, code = _issue(isolated, "  مریم\u200f   رضایی ")
    assert made.name == "مریم رضایی"  # spaces folded, direction marks gone
    back = CertificateKey(isolated).verify(code)
    assert back == made
    # Read back as people type it: lower case, spaces for dashes, 0/1/8 for O/I/B.
    typed = code.lower().replace("-", " ").replace("o", "0").replace("i", "1").replace("b", "8")
    assert CertificateKey(isolated).verify(typed) == made


def test_the_key_is_the_kiosk_accounts_alone(isolated: Path) -> None:
    _issue(isolated)
    mode = stat.S_IMODE(os.stat(isolated / KEY_NAME).st_mode)
    assert mode == 0o600
    first = (isolated / KEY_NAME).read_bytes()
    _issue(isolated, "Ali")
    assert (isolated / KEY_NAME).read_bytes() == first  # one key for every certificate


def _raw(code: str) -> bytearray:
    text = code.replace("-", "")
    return bytearray(base64.b32decode(text + "=" * (-len(text) % 8)))


def _code(raw: bytes) -> str:
    return base64.b32encode(bytes(raw)).decode().rstrip("=")


def test_an_altered_name_or_count_is_refused(isolated: Path) -> None:
    _made, code = _issue(isolated, "Ali Karimi")
    raw = _raw(code)
    at = bytes(raw).index(b"Ali Karimi")
    raw[at] = ord("E")  # "Eli Karimi"
    with pytest.raises(CodeRefused) as refused:
        CertificateKey(isolated).verify(_code(raw))
    assert "forged or altered" in refused.value.notice.english()
    raw = _raw(code)
    raw[16] ^= 0x01  # the issue date moves by a day
    with pytest.raises(CodeRefused):
        CertificateKey(isolated).verify(_code(raw))


def test_a_certificate_forged_with_another_key_is_refused(tmp_path: Path, isolated: Path) -> None:
    _issue(isolated)
    _forged_made, forged = _issue(tmp_path / "elsewhere")
    with pytest.raises(CodeRefused) as refused:
        CertificateKey(isolated).verify(forged)
    assert "not issued by this kiosk" in refused.value.notice.english()


def test_a_forger_who_copies_the_key_id_is_refused(tmp_path: Path, isolated: Path) -> None:
    made, _ = _issue(isolated)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate()
    fake = cert.Certificate("Forger", "basics", DAY, 26, 26, b"12345678", made.key_id)
    forged = cert.encode(fake, other.sign(cert.signed_bytes(fake)))
    with pytest.raises(CodeRefused) as refused:
        CertificateKey(isolated).verify(forged)
    assert "signature does not match" in refused.value.notice.english()


@pytest.mark.parametrize(
    "code",
    ["", "hello world!", "ABCDE-FGHIJ", "A" * 5000, "AFZPF-Q4UHS-Y2SWK" + "€"],
)
def test_what_is_not_a_code_is_refused_with_a_message(isolated: Path, code: str) -> None:
    _issue(isolated)
    with pytest.raises(CodeRefused) as refused:
        CertificateKey(isolated).verify(code)
    assert "To fix" in refused.value.notice.english()


def test_a_kiosk_that_never_issued_one_says_so(isolated: Path) -> None:
    _made, code = _issue(isolated / "other")
    with pytest.raises(CodeRefused) as refused:
        CertificateKey(isolated).verify(code)
    assert "never issued" in refused.value.notice.english()
    assert not (isolated / KEY_NAME).exists()  # verifying makes no key


def test_a_damaged_key_is_reported_and_never_replaced(isolated: Path) -> None:
    isolated.mkdir(parents=True, exist_ok=True)
    (isolated / KEY_NAME).write_bytes(b"not a key")
    with pytest.raises(NoticeError) as error:
        _issue(isolated)
    assert "restore that file" in error.value.notice.english()
    assert (isolated / KEY_NAME).read_bytes() == b"not a key"


@pytest.mark.parametrize(
    ("name", "problem"),
    [("", "Type the name"), ("   ", "Type the name"), ("x" * 41, "too long"),
     ("0012345678", "not a number"), ("علی ۰۹۱۲۳۴۵۶۷۸۹", "not a number")],
)  # fmt: skip
def test_a_name_that_cannot_be_printed_is_explained(name: str, problem: str) -> None:
    notice = cert.name_problem(name)
    assert notice is not None and problem in notice.english()


def test_a_plain_name_is_accepted() -> None:
    assert cert.name_problem("زهرا احمدی") is None
    assert cert.name_problem("Reza 2nd") is None


def test_dates_in_both_calendars() -> None:
    assert cert.jalali_text(DAY, "fa") == "۱۲ مرداد ۱۴۰۴"
    assert cert.jalali_text(DAY, "en") == "12 Mordad 1404"
    assert cert.gregorian_text(DAY, "en") == "3 August 2025"
    assert cert.gregorian_text(DAY, "fa") == "۳ اوت ۲۰۲۵"


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_command_verifies_and_refuses(isolated: Path) -> None:
    _made, code = _issue(isolated)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    good = _cli("certificate", "verify", code, "--language", "en", env=env)
    assert good.returncode == 0, good.stderr
    assert "Valid certificate" in good.stdout
    assert "مریم رضایی" in good.stdout and "12 Mordad 1404 (3 August 2025)" in good.stdout
    assert "E-government basics" in good.stdout  # the course's title, not its id
    raw = _raw(code)
    raw[-1] ^= 0x80
    bad = _cli("certificate", "verify", _code(raw), "--language", "en", env=env)
    assert bad.returncode == 1
    assert "forged or altered" in bad.stdout and "Valid" not in bad.stdout
    persian = _cli("certificate", "verify", code, "--language", "fa", env=env)
    assert persian.returncode == 0 and "۱۲ مرداد ۱۴۰۴" in persian.stdout


def test_the_printed_certificate_says_what_its_code_says(qtbot, isolated: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    from kiosk.services.certificate_pdf import Course, render
    from kiosk.services.lessons import load_packs

    packs, _broken = load_packs()
    pack = packs[0]
    course = Course(dict(pack.title.text), tuple(dict(x.title.text) for x in pack.course_lessons()))
    made, code = _issue(isolated)
    path = isolated / "certificate.pdf"
    render(path, made, course, code)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    document = QPdfDocument()
    document.load(str(path))
    assert document.pageCount() == 1
    text = " ".join(document.getAllText(0).text().split())  # lines wrap where they fit
    assert "12 Mordad 1404 (3 August 2025)" in text
    assert "E-government basics" in text
    # Every lesson is listed (words checked: QtPdf reads a mixed-direction line's words in
    # visual order, which the PDF's drawing does not have).
    words = set(re.findall(r"\w+", text))
    for lesson in pack.course_lessons():
        assert set(re.findall(r"\w+", lesson.title.text["en"])) <= words, lesson.id
    letters = "".join(ch for ch in text if ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert code.replace("-", "") in letters
    assert not list(isolated.glob(".*draft"))  # no half-written file left beside it


def test_the_baseline_is_no_lesson_to_master_for_the_certificate(tmp_path: Path) -> None:
    """The bundled course opens with a baseline that the final check repeats: the course is
    mastered without it, and mastering it alone (or beside all but one lesson) is not enough."""
    from kiosk.services.certificates import course_mastered, mastered_lessons
    from kiosk.services.learners import Learners
    from kiosk.services.lessons import load_packs
    from kiosk.services.store import open_store

    pack = next(p for p in load_packs()[0] if p.id == "basics")
    before, after = pack.assessment
    assert pack.lessons()[0].id == before and pack.lessons()[-1].id == after
    course = [lesson.id for lesson in pack.course_lessons()]
    assert before not in course and after in course and len(course) == len(pack.lessons()) - 1
    store = open_store(tmp_path)
    try:
        learner = Learners(store).enrol("Maryam", "cat", ("apple", "key", "cup"))

        def master(lesson_id: str) -> None:
            store.db.execute(
                "INSERT INTO lesson_progress (learner_id, pack_id, lesson_id, step, state, "
                "updated_at, mastered) VALUES (?, ?, ?, 0, '{}', '2025-08-03', 1)",
                [learner, pack.id, lesson_id],
            )

        master(before)
        assert mastered_lessons(store.db, learner, pack) == []
        assert not course_mastered(store.db, learner, pack)
        for lesson_id in course[:-1]:
            master(lesson_id)
        assert not course_mastered(store.db, learner, pack)  # the final check is still to do
        master(course[-1])
        assert mastered_lessons(store.db, learner, pack) == course
        assert course_mastered(store.db, learner, pack)
        store.db.execute("DELETE FROM lesson_progress WHERE lesson_id = ?", [before])
        assert course_mastered(store.db, learner, pack)  # the baseline skipped: still mastered
    finally:
        store.close()


def test_a_child_process_draws_the_same_page_and_writes_the_pdf(qtbot, isolated: Path) -> None:
    """The kiosk draws in a child (painting holds the GIL): the same page as drawing here, the
    PDF written, and a failure told with its reason, never with the name."""
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    from kiosk.services.certificate_pdf import Course, drawn_apart, page_image
    from kiosk.services.lessons import load_packs

    pack = next(p for p in load_packs()[0] if p.id == "basics")
    course = Course.of(pack, [lesson.id for lesson in pack.course_lessons()])
    made, code = _issue(isolated)
    path = isolated / "certificate.pdf"
    image = drawn_apart(code, course, 60, pdf=path)
    here = page_image(made, course, code, 60).convertToFormat(QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == (here.width(), here.height()) == (496, 702)
    assert image.dotsPerMeterX() == here.dotsPerMeterX()
    differ = sum(
        image.pixel(x, y) != here.pixel(x, y)
        for y in range(0, here.height(), 3)
        for x in range(0, here.width(), 3)
    )
    assert differ < here.width() * here.height() / 9 * 0.02  # glyph edges may be antialiased apart
    document = QPdfDocument()
    document.load(str(path))
    text = " ".join(document.getAllText(0).text().split())
    assert "12 Mordad 1404 (3 August 2025)" in text and "E-government basics" in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    with pytest.raises(OSError, match=r"cannot write certificate\.pdf") as failed:
        drawn_apart(code, course, 60, pdf=isolated / "gone" / "certificate.pdf")
    assert "مریم" not in str(failed.value)
    with pytest.raises(OSError, match="a bad request"):
        drawn_apart(code[:-4], course, 60)


def test_certificates_handed_out_within_one_second_are_listed_newest_first(
    isolated: Path,
) -> None:
    """The record keeps whole seconds and serials are random: the order they were handed out in
    decides, so the trainer's list and "issue again" start from the newest."""
    from kiosk.services.certificates import issued_to, record_issued
    from kiosk.services.learners import Learners
    from kiosk.services.store import open_store

    isolated.mkdir(parents=True, exist_ok=True)
    store = open_store(isolated)
    try:
        learner = Learners(store).enrol("Maryam", "cat", ("apple", "key", "cup"))
        serials = []
        for _ in range(6):
            made, _code = _issue(isolated)
            record_issued(store.db, made, learner, "saved")
            serials.append(made.serial_text)
        assert [row["serial"] for row in issued_to(store.db, learner)] == serials[::-1]
    finally:
        store.close()
