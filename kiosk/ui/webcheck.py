"""A one-shot check that a QtWebEngine view can start and load a page (run by `kiosk doctor`)."""

from __future__ import annotations

import sys

from kiosk.ui.application import create_application


def main() -> int:
    """Load a tiny page in a web view; print the engine versions and exit 0 if it loaded."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWebEngineCore import qWebEngineChromiumVersion, qWebEngineVersion
    from PySide6.QtWebEngineWidgets import QWebEngineView

    app = create_application()
    view = QWebEngineView()
    result: list[bool] = []
    view.loadFinished.connect(lambda ok: (result.append(ok), app.quit()))
    QTimer.singleShot(45_000, app.quit)
    view.setHtml("<p>ok</p>")
    view.show()
    app.exec()
    view.deleteLater()
    if result and result[0]:
        print(f"QtWebEngine {qWebEngineVersion()}, Chromium {qWebEngineChromiumVersion()}")
        return 0
    print("the test page did not load", file=sys.stderr)
    return 1
