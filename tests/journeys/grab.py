"""Screenshots of a whole X screen for the journeys, taken from outside the kiosk.

Runs as its own process on the journey's display: reads a PNG path per line on stdin, grabs
the root window there, answers "ok" (or "error ...") on stdout. The line "?selection" is
answered with the X primary selection (what a person just selected on screen) as JSON text.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QClipboard, QGuiApplication


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        if path == "?selection":
            text = app.clipboard().text(QClipboard.Mode.Selection)
            print(json.dumps(text), flush=True)
            continue
        image = screen.grabWindow(0)
        ok = not image.isNull() and image.save(path)
        print("ok" if ok else f"error: could not save {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
