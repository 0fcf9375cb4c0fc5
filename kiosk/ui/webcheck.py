"""A one-shot check that a window with a QtWebEngine view opens on the session's display and
loads a page (run by `kiosk doctor` in a child process, on the platform the kiosk will use)."""

from __future__ import annotations

import sys

from kiosk.ui.application import create_application


def main() -> int:
    """Show a web view and load a tiny page in it; print the engine versions and the Qt
    platform it ran on, and exit 0 if it loaded."""
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
        print(app.platformName())
        return 0
    print("the test page did not load", file=sys.stderr)
    return 1
