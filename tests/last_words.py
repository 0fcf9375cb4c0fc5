"""When the test process dies (a Qt fatal message, a Chromium abort, a segfault), say which test
it was and why, where a CI log's last lines show it.

pytest's own faulthandler prints the Python stack to stderr, but a CI log keeps only its tail,
which is pytest's outer frames; and pytest-qt swallows Qt's messages, a fatal one included, so
an abort said nothing. Here, for each test, its id is written to `RUNNING` before it starts,
Python's fatal-error stack goes to `FATAL`, and Qt's fatal and critical messages are copied to
`FATAL` as they come. `make test` prints both files when pytest exits with an error
(`tools/last-words.sh`). A run that ends normally removes `RUNNING`.
"""

from __future__ import annotations

import faulthandler
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

FOLDER = Path(os.environ.get("LAST_WORDS_DIR") or Path(__file__).resolve().parent / "artifacts")
RUNNING = FOLDER / "running-test.txt"
FATAL = FOLDER / "fatal.txt"

_fatal_file = None


@pytest.hookimpl(trylast=True)  # after pytest's faulthandler plugin, which writes to stderr
def pytest_configure(config: pytest.Config) -> None:
    global _fatal_file
    FOLDER.mkdir(parents=True, exist_ok=True)
    RUNNING.unlink(missing_ok=True)
    _fatal_file = FATAL.open("w", encoding="utf-8")  # kept open: a crash cannot open a file
    faulthandler.enable(file=_fatal_file, all_threads=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    RUNNING.unlink(missing_ok=True)


def pytest_runtest_logstart(nodeid: str, location) -> None:
    RUNNING.write_text(nodeid + "\n", encoding="utf-8")
    if _fatal_file is not None:
        _fatal_file.write(f"-- {nodeid}\n")
        _fatal_file.flush()


def _qt_message(kind, _context, message: str) -> None:
    from PySide6.QtCore import QtMsgType

    if _fatal_file is not None and kind in (QtMsgType.QtFatalMsg, QtMsgType.QtCriticalMsg):
        name = "FATAL" if kind == QtMsgType.QtFatalMsg else "CRITICAL"
        _fatal_file.write(f"Qt {name}: {message}\n")
        _fatal_file.flush()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # Inside pytest-qt's capture (installed at set-up), handing every message on to it.
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, message) -> None:
        _qt_message(kind, context, message)
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
