"""The background helper: off the UI thread, results back on it, busy state, failures told."""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QObject, QThread

from kiosk.core.notices import Notice, NoticeError
from kiosk.services import background
from kiosk.services.background import DID_NOT_WORK, Background

WAIT = 5000


def test_op_runs_on_a_worker_and_success_comes_back_on_the_ui_thread(qtbot):
    owner = QObject()
    work = Background(owner, "test")
    threads: dict[str, QThread] = {}
    results = []

    def op():
        threads["op"] = QThread.currentThread()
        return 42

    def success(value):
        threads["success"] = QThread.currentThread()
        results.append(value)

    with qtbot.waitSignal(work.succeeded, timeout=WAIT):
        assert work.run(op, success)
    ui = QThread.currentThread()
    assert results == [42]
    assert threads["success"] is ui and threads["op"] is not ui


def test_busy_while_running_and_a_second_run_is_refused(qtbot):
    owner = QObject()
    work = Background(owner, "test")
    states: list[bool] = []
    work.busy_changed.connect(states.append)
    release = threading.Event()
    started = []
    assert work.run(lambda: release.wait(WAIT / 1000), started.append)
    assert work.busy and states == [True]
    assert not work.run(lambda: started.append("second"))  # a second tap starts nothing
    with qtbot.waitSignal(work.succeeded, timeout=WAIT):
        release.set()
    assert started == [True] and not work.busy and states == [True, False]
    with qtbot.waitSignal(work.succeeded, timeout=WAIT):
        assert work.run(lambda: "again", started.append)
    assert started == [True, "again"]


def test_a_failure_is_logged_without_its_message_and_told_by_default(qtbot, caplog):
    owner = QObject()
    told: list[Notice] = []
    work = Background(owner, "reading a card", notify=told.append)

    typed = " ".join(["0912", "345", "6789"])  # not in any source line the traceback shows

    def op():
        int(typed)  # the message would quote the number

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(work.failed, timeout=WAIT):
        work.run(op, lambda _: told.append("success?"))
    assert [n.message for n in told] == [DID_NOT_WORK]
    assert "reading a card failed" in caplog.text and "ValueError" in caplog.text
    assert typed not in caplog.text and not work.busy


def test_a_notice_error_is_told_as_its_notice_and_failure_overrides_notify(qtbot):
    owner = QObject()
    told, failures = [], []
    work = Background(owner, "test", notify=told.append)
    refusal = Notice("The staff PIN file {path} is damaged", {"path": "x"})

    def refuse():
        raise NoticeError(refusal)

    with qtbot.waitSignal(work.failed, timeout=WAIT):
        work.run(refuse)
    assert told == [refusal]
    with qtbot.waitSignal(work.failed, timeout=WAIT):
        work.run(refuse, failure=failures.append)
    assert told == [refusal] and isinstance(failures[0], NoticeError)


def test_the_result_is_dropped_quietly_when_the_owner_is_deleted_first(qtbot):
    owner = QObject()
    work = Background(owner, "test")
    delivered = []
    release = threading.Event()
    work.run(lambda: release.wait(WAIT / 1000), delivered.append, delivered.append)
    dispatcher = background._the_dispatcher()
    assert dispatcher.pending
    shiboken6.delete(owner)  # the view closes while the worker still runs
    assert not shiboken6.isValid(work)
    release.set()
    qtbot.waitUntil(lambda: not dispatcher.pending, timeout=WAIT)
    assert delivered == []


def test_wait_until_idle_waits_for_work_under_way(qtbot):
    owner = QObject()
    work = Background(owner, "test")
    done = threading.Event()
    work.run(done.set)
    assert background.wait_until_idle(WAIT) and done.is_set()
    qtbot.waitUntil(lambda: not work.busy, timeout=WAIT)
