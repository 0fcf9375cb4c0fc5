"""The kiosk for tests/sealed/test_no_trace.py, in a process of its own that the test can end.

    python -m tests.sealed.trace_child MODE     (the planted values come on stdin: "ID MOBILE")

Builds the real kiosk window as `make_kiosk` does (on the test's X display, data dir and home
from the environment), opens Get help, the practice sign-in service and its sealed browser on
the kiosk's own practice portal, types the planted national ID and mobile number into the
portal's fields with real key events, reads them back from the page, sends the form, prints
"ready", then ends as MODE says:

    complete   signs in to the end of the guide, Finish, feedback: the session is "completed"
    abandoned  the session page's End tile
    timed_out  the idle countdown's reset (nobody answered)
    sigterm    runs the event loop until SIGTERM, then shuts down as `kiosk` does
    sigkill    runs the event loop until killed

Every mode but sigkill then shuts the kiosk down as `kiosk.app.run` does, and prints "ended".
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from contextlib import contextmanager

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from kiosk.ui.application import prepare_environment

prepare_environment()

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.assist.web import Helper, SessionTab  # noqa: E402
from tests.guide.web import WAIT  # noqa: E402

MODES = ("complete", "abandoned", "timed_out", "sigterm", "sigkill")
FLOW = "practice.signin"


class Bot:
    """The few of pytest-qt's `qtbot` calls the test helpers make, for a process without pytest."""

    def waitUntil(self, condition, timeout: int = 5000) -> None:
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"not true within {timeout} ms: {condition}")
            QTest.qWait(20)

    @contextmanager
    def waitSignal(self, signal, timeout: int = 5000):
        got: list[tuple] = []

        def seen(*args) -> None:
            got.append(args)

        signal.connect(seen)
        try:
            yield
            self.waitUntil(lambda: bool(got), timeout)
        finally:
            signal.disconnect(seen)

    def mouseClick(self, widget, button, *args, **kwargs) -> None:
        QTest.mouseClick(widget, button, *args, **kwargs)

    def addWidget(self, widget) -> None:
        pass

    def waitExposed(self, widget, timeout: int = WAIT) -> None:
        self.waitUntil(lambda: widget.windowHandle() and widget.windowHandle().isExposed(), timeout)

    def wait(self, ms: int) -> None:
        QTest.qWait(ms)


def type_keys(bot: Bot, tab: SessionTab, name: str, text: str) -> None:
    """Focus the portal's field `name` and type `text` with key events, as a keyboard would."""
    view = tab.view
    bot.waitUntil(lambda: view.focusProxy() is not None, WAIT)
    view.activateWindow()
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    assert tab.js(
        f"(function(){{var e=document.querySelector('[name={name}]');"
        "e.focus();e.value='';return document.activeElement===e;})()"
    )
    QTest.keyClicks(view.focusProxy(), text)
    bot.waitUntil(lambda: tab.js(f"document.querySelector('[name={name}]').value") == text, WAIT)


def session_to_ready(bot: Bot, kiosk, national_id: str, mobile: str) -> SessionTab:
    service = kiosk.window.ctx.portal
    portal = service.ensure_running()
    helper = Helper(bot, kiosk, portal)
    kiosk.window.ctx.portal = service  # the kiosk's own, which it stops at shutdown
    screen = helper.open()
    helper.choose(FLOW)
    tab = helper.agree()
    tab.at("national-id")
    type_keys(bot, tab, "national_id", national_id)
    tab.at("mobile")
    type_keys(bot, tab, "mobile", mobile)
    tab.at("captcha")
    type_keys(bot, tab, "captcha", portal.captcha_answer(tab.sid))
    tab.at("send")
    tab.click("form[action='/signin'] button[type=submit]")
    tab.at("otp")  # the portal took the form: the values are in its session now
    assert screen.session is not None and screen.session.live
    return tab


def complete(bot: Bot, kiosk, tab: SessionTab) -> None:
    screen = kiosk.window.screens["help"]
    type_keys(bot, tab, "otp", tab.portal.current_otp(tab.sid))
    tab.at("verify")
    tab.click("button[value=verify]")
    tab.at("desk")
    tab.session.operator("ack")
    page = screen.session_page
    bot.waitUntil(lambda: page.finish_tile.isVisible(), WAIT)
    QTest.mouseClick(page.finish_tile, Qt.MouseButton.LeftButton)
    assert screen.current_page() is screen.feedback
    QTest.mouseClick(screen.feedback.faces[3], Qt.MouseButton.LeftButton)
    QTest.mouseClick(screen.feedback.answers[True], Qt.MouseButton.LeftButton)
    QTest.mouseClick(screen.feedback.finish, Qt.MouseButton.LeftButton)
    bot.waitUntil(lambda: kiosk.window.current_screen().key == "home", WAIT)


def abandon(bot: Bot, kiosk) -> None:
    screen = kiosk.window.screens["help"]
    page = screen.session_page
    bot.waitUntil(lambda: page.end_tile.isVisible(), WAIT)
    QTest.mouseClick(page.end_tile, Qt.MouseButton.LeftButton)
    assert screen.current_page() is screen.feedback


def outcome(kiosk) -> str:
    from kiosk.services.assist import sessions

    return str(sessions(kiosk.store)[-1]["outcome"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=MODES)
    mode = parser.parse_args().mode
    national_id, mobile = sys.stdin.readline().split()

    from kiosk.app import flush_deferred_deletes
    from kiosk.services.logs import configure_logging, enable_crash_log
    from kiosk.ui.application import quit_on_signals
    from tests.gui import build_kiosk

    bot = Bot()
    kiosk = build_kiosk(bot, "fa", (1280, 800))
    # As `kiosk` starts (crash log), and stricter: every debug line goes to the log file.
    configure_logging(kiosk.data_dir, level=logging.DEBUG)
    enable_crash_log(kiosk.data_dir)
    quit_on_signals()  # as `kiosk.app.run`: SIGTERM leaves the event loop
    tab = session_to_ready(bot, kiosk, national_id, mobile)
    print("ready", flush=True)
    if mode == "complete":
        complete(bot, kiosk, tab)
    elif mode == "abandoned":
        abandon(bot, kiosk)
    elif mode == "timed_out":
        kiosk.shell.idle.reset()  # what the idle countdown does when it reaches zero
    else:
        QCoreApplication.instance().exec()  # until signalled
    print(f"outcome {outcome(kiosk)}", flush=True)
    kiosk.window.close()
    kiosk.shutdown()  # as `kiosk.app.run` does after its event loop
    flush_deferred_deletes()
    print("ended", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
