"""The layer contracts hold, and the Qt-module contract really catches a widget import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def test_project_contracts_are_kept():
    result = subprocess.run([LINT], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_qt_contract_catches_widgets_in_services(tmp_path):
    package = tmp_path / "demo"
    (package / "services").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "services" / "__init__.py").write_text("")
    (package / "services" / "ok.py").write_text("from PySide6.QtCore import QObject\n")
    (package / "services" / "bad.py").write_text("from PySide6 import QtWidgets\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = demo\ninclude_external_packages = True\n"
        "contract_types =\n    qt_modules: tools.qt_contract.QtModulesContract\n\n"
        "[importlinter:contract:qt]\nname = no widgets\ntype = qt_modules\n"
        "source_modules =\n    demo.services\nforbidden_qt_modules =\n    QtWidgets\n"
    )
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}")
    result = subprocess.run(
        [LINT, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "demo.services.bad" in result.stdout and "demo.services.ok" not in result.stdout
