"""No exception escapes a Qt virtual override; crashes and uncaught errors leave a trace."""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer

import kiosk.services
import kiosk.ui
from kiosk.services.logs import safe_traceback
from kiosk.ui.guard import GUARD_MARK, guarded
from tests.gui import utterances

ROOT = Path(__file__).resolve().parents[1]


def qt_overrides(package) -> list[str]:
    """Every method a class in `package` defines that a PySide6 base class also has."""
    found = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            if not issubclass(cls, shiboken6.Shiboken.Object):
                continue
            qt_bases = [b for b in cls.__mro__ if b.__module__.startswith("PySide6")]
            for name, attr in vars(cls).items():
                if name.startswith("__") or not callable(attr):
                    continue
                if any(hasattr(base, name) for base in qt_bases):
                    found.append((f"{module.__name__}.{cls.__qualname__}.{name}", attr))
    return found


def test_every_qt_override_in_the_ui_and_services_is_guarded():
    overrides = qt_overrides(kiosk.ui) + qt_overrides(kiosk.services)
    # The finder finds: the kiosk has overrides of each kind this guard is for.
    names = {name.rsplit(".", 1)[-1] for name, _ in overrides}
    assert {"eventFilter", "interceptRequest", "acceptNavigationRequest", "sizeHint"} <= names
    unguarded = [name for name, attr in overrides if not getattr(attr, GUARD_MARK, False)]
    assert unguarded == [], "wrap these Qt overrides with @guarded: " + ", ".join(unguarded)


def test_the_guard_logs_the_traceback_without_the_message_and_answers_qt(caplog):
    typed = "".join(["0912", " 345 ", "6789"])  # what a citizen typed, never in the source

    class Filter:
        @guarded
        def eventFilter(self, _watched, _event):
            int(typed)  # the value ends up in the exception's message

        @guarded
        def showEvent(self, _event):
            raise RuntimeError("Internal C++ object already deleted.")

    with caplog.at_level(logging.ERROR):
        assert Filter().eventFilter(None, None) is False  # "not handled", a bool Qt accepts
        assert Filter().showEvent(None) is None
    text = caplog.text
    assert "Filter.eventFilter" in text and "ValueError" in text and "test_guard.py" in text
    assert "0912" not in text  # the message is withheld: it may quote the citizen
    assert "Filter.showEvent" in text and "RuntimeError" in text


def test_safe_traceback_keeps_the_chain_and_drops_every_message():
    national_id, card = "00123" + "45678", "603799" + "1234567890"
    try:
        try:
            {}[national_id]
        except KeyError as first:
            raise ValueError(card) from first
    except ValueError as error:
        text = safe_traceback(error)
    assert "KeyError" in text and "ValueError" in text
    assert national_id not in text and card not in text


CHILD = textwrap.dedent(
    """
    import logging, sys
    from kiosk.ui.application import create_application
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel
    from kiosk.ui.guard import guarded

    logging.basicConfig(level=logging.INFO)
    app = create_application()
    GUARD = sys.argv[1] == "guarded"

    class Broken(QLabel):
        def showEvent(self, event):
            super().showEvent(event)
            raise RuntimeError("Internal C++ object (QWindow) already deleted.")

    if GUARD:
        Broken.showEvent = guarded(Broken.showEvent)
    label = Broken("hello")
    label.show()
    QTimer.singleShot(500, lambda: (print("still alive", flush=True), app.exit(0)))
    sys.exit(app.exec())
    """
)


def test_an_override_that_raises_no_longer_kills_the_process_on_a_real_display():
    """The child shows a window whose showEvent raises, on the X display, and carries on."""
    assert os.environ.get("DISPLAY"), "the GUI tests run on a real X server"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "guarded"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "still alive" in result.stdout
    assert "error in Broken.showEvent; carrying on" in result.stderr
    assert "RuntimeError" in result.stderr


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_error_in_a_slot_is_logged_told_and_the_kiosk_goes_home(
    make_kiosk, qtbot, caplog
):
    from kiosk.ui.shell.errors import SOMETHING_WENT_WRONG, ErrorRecovery

    kiosk = make_kiosk("en")
    window = kiosk.window
    window.show_screen("learn")
    recovery = ErrorRecovery(window)
    recovery.install()
    try:
        typed = "".join(["0912", " 345 ", "6789"])

        def broken_slot() -> None:
            int(typed)

        with caplog.at_level(logging.ERROR):
            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: window.current_screen().key == "home", timeout=5000)
    finally:
        recovery.uninstall()
    assert recovery.count == 1
    assert "uncaught error" in caplog.text and "broken_slot" in caplog.text
    assert "0912" not in caplog.text
    assert window.notice_bar.isVisible()
    assert "something went wrong" in window.notice_bar.text.text()
    from kiosk.i18n import _

    assert utterances(kiosk)[-1].text == _(SOMETHING_WENT_WRONG)
