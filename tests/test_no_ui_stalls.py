"""Nothing slow runs on the UI thread: each slow operation (tests/stall_cases.py), started from
its real widget, must call its slow part (a keyring read, scrypt, an fsync, report SQL, a copy
to a USB stick, reading the flows, starting the certificate's drawing process) and never on
the UI thread, and its result must reach the view. `watched` (tests/lag.py) notes the thread
of each call; no test here measures or asserts a time (bench/ui_stalls.py measures the stalls).

Each test first calls the same slow work directly on the UI thread, as a slot would without a
worker, and checks that the watch records it there: a watch that cannot fail proves nothing.
The certificate is drawn in a child process: its drawing functions must not be called in this
process at all.
"""

from __future__ import annotations

from tests import stall_cases as cases
from tests.lag import tap_and_wait


def runs_off_the_ui_thread(qtbot, case: cases.Case) -> None:
    case.control()
    recorded = [part for part in case.watched if part.calls]
    assert recorded, "the control called none of the watched parts"
    assert all(part.ui_calls == part.calls for part in recorded), recorded
    for operation in case.operations:
        for part in case.watched:
            part.forget()
        operation.prepare()
        arrived = tap_and_wait(qtbot, operation.act, operation.done(), case.watched)
        on_ui = [part for part in case.watched if part.ui_calls]
        assert not on_ui, f"{operation.what}: ran on the UI thread: {on_ui}"
        assert arrived
        here = [part for part in operation.elsewhere if part.calls]
        assert not here, f"{operation.what}: ran in the kiosk's own process: {here}"
        for part in operation.parts:
            assert part.calls, f"{operation.what}: {part!r} was never called"
        operation.check()


def test_staff_pin_check(make_kiosk, qtbot, monkeypatch, tmp_path):
    runs_off_the_ui_thread(qtbot, cases.staff_pin_check(make_kiosk, qtbot, monkeypatch, tmp_path))


def test_picture_password_check_and_enrolment(make_kiosk, qtbot, monkeypatch, tmp_path):
    runs_off_the_ui_thread(qtbot, cases.picture_password(make_kiosk, qtbot, monkeypatch, tmp_path))


def test_saving_settings(make_kiosk, qtbot, monkeypatch, tmp_path):
    runs_off_the_ui_thread(qtbot, cases.saving_settings(make_kiosk, qtbot, monkeypatch, tmp_path))


def test_reading_the_services_when_get_help_opens(make_kiosk, qtbot, monkeypatch, tmp_path):
    case = cases.get_help_services(make_kiosk, qtbot, monkeypatch, tmp_path)
    runs_off_the_ui_thread(qtbot, case)


def test_the_sessions_report(make_kiosk, qtbot, monkeypatch, tmp_path):
    runs_off_the_ui_thread(qtbot, cases.sessions_report(make_kiosk, qtbot, monkeypatch, tmp_path))


def test_copying_a_download_to_a_usb_stick(make_kiosk, qtbot, portal, monkeypatch, tmp_path):
    case = cases.usb_copy(make_kiosk, qtbot, monkeypatch, tmp_path, portal)
    runs_off_the_ui_thread(qtbot, case)


def test_the_trainers_page_lists_reports_and_files(make_kiosk, qtbot, monkeypatch, tmp_path):
    runs_off_the_ui_thread(qtbot, cases.trainers_page(make_kiosk, qtbot, monkeypatch, tmp_path))


def test_keeping_a_trainers_recording(make_kiosk, qtbot, monkeypatch, tmp_path):
    case = cases.keeping_a_recording(make_kiosk, qtbot, monkeypatch, tmp_path)
    runs_off_the_ui_thread(qtbot, case)


def test_making_a_learners_certificate(make_kiosk, qtbot, monkeypatch, tmp_path):
    case = cases.learners_certificate(make_kiosk, qtbot, monkeypatch, tmp_path)
    runs_off_the_ui_thread(qtbot, case)


def test_the_watch_tells_the_ui_thread_from_a_worker(qtbot):
    """`watched` itself: a call on this (the UI) thread is counted there, one on a worker of
    the kiosk's pool is not."""
    from kiosk.services.background import pool
    from tests.lag import watched

    part = watched(lambda x: x + 1)
    assert part(1) == 2 and (part.calls, part.ui_calls) == (1, 1)
    pool().start(lambda: part(2))
    qtbot.waitUntil(lambda: part.calls == 2, timeout=10000)
    assert part.ui_calls == 1
