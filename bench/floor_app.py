"""The floor for bench/startup.py: a bare QApplication and QLabel, started the way the kiosk is."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"ready {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = QLabel("hello")
    watcher = FirstPaint()
    label.installEventFilter(watcher)
    if "--full-screen" in sys.argv[1:]:
        label.showFullScreen()  # as the kiosk starts in kiosk mode
    else:
        label.resize(1280, 800)
        label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
