"""PySide6 6.12 + Python 3.11 leaks references to True and None; the kiosk must survive it."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )


EMITS = """
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal(str)

    probe = Probe()
    probe.ping.connect(lambda text: None)
    for _ in range(20_000):
        probe.ping.emit("x")
    print("survived")
"""


PROCESS_EVENTS = """
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication([])
    for _ in range(30_000):
        app.processEvents()
    print("survived")
"""


def test_thirty_thousand_event_loop_turns_survive_once_kiosk_is_imported():
    result = run("import kiosk\n" + textwrap.dedent(PROCESS_EVENTS))
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout


def test_twenty_thousand_emits_survive_once_kiosk_is_imported():
    result = run("import kiosk\n" + textwrap.dedent(EMITS))
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout


def test_the_workaround_is_still_needed_or_can_go():
    """Fails the day PySide6 or Python fixes the leak, so the workaround gets removed then."""
    result = run(EMITS)
    if sys.version_info >= (3, 12):
        assert result.returncode == 0
    else:
        assert result.returncode != 0 and "bool_dealloc" in result.stderr
