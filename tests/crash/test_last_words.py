"""When a test takes the whole test process down, `make test` names it and shows why: a CI log
keeps only its tail, and pytest-qt swallows Qt's fatal message (tests/last_words.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DYING = """
def test_lives():
    pass

def test_dies(qtbot):
    from PySide6.QtCore import qFatal
    qFatal("a worker was deleted while it ran")

def test_never_reached():
    pass
"""


def run(tmp_path: Path, source: str) -> tuple[int, str]:
    """Run `source` as a test module under the plugin, then the Makefile's reporter."""
    (tmp_path / "test_module.py").write_text(source, encoding="utf-8")
    env = {**os.environ, "LAST_WORDS_DIR": str(tmp_path / "words"), "PYTHONPATH": str(ROOT)}
    args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.last_words"]
    pytest = subprocess.run(
        [sys.executable, *args, "--rootdir", str(tmp_path), str(tmp_path / "test_module.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    code = pytest.returncode if pytest.returncode >= 0 else 128 - pytest.returncode  # as sh says
    report = subprocess.run(
        ["bash", str(ROOT / "tools" / "last-words.sh"), str(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert report.returncode == code
    return code, report.stdout


def test_a_test_that_aborts_the_run_is_named_last_with_qts_message(tmp_path: Path) -> None:
    code, report = run(tmp_path, DYING)
    assert code == 134  # SIGABRT
    last = report.strip().splitlines()
    assert "test_module.py::test_dies" in last[-1], report
    assert "Qt FATAL" in report and 'test_module.py", line 7 in test_dies' in report
    assert "test_lives" not in report  # only the test that died


def test_a_run_that_ends_says_nothing_more(tmp_path: Path) -> None:
    code, report = run(tmp_path, "def test_fails():\n    assert False\n")
    assert code == 1
    assert report == ""  # an ordinary failure: pytest's own summary says it all
    assert not (tmp_path / "words" / "running-test.txt").exists()
