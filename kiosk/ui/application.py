"""Creating the QApplication: platform set-up that must come before it, and text direction."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from kiosk.services.paths import APP_NAME, ORGANIZATION


def prepare_environment() -> None:
    """Settings Qt reads only before the application object is created."""
    # QtWebEngine (imported lazily, on the first web view) needs shared GL contexts from the start.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # Chromium's sandbox cannot run as root; without this the web view dies silently.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication of the process (reused if it already exists, as in tests)."""
    app = QApplication.instance()
    if app is None:
        prepare_environment()
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    return app  # type: ignore[return-value]


def apply_direction(code: str) -> None:
    """Mirror the whole interface for right-to-left languages."""
    direction = QLocale(code).textDirection()
    QApplication.setLayoutDirection(direction)
