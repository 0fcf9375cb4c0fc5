"""How quickly the guide responds: opening a flow, and from a person's action to the next step.

- cold: a fresh process with no web view yet; from "open the flow" (QtWebEngine imported,
  view created, start page loaded) to the first step highlighted on the page and spoken;
- warm: the same, with a web view that already exists (a second flow in the same lesson);
- action: from a person typing the last character of a field to the next step highlighted
  and spoken (the sign-in flow's first three fields, in the real QtWebEngine, offscreen).

Each measurement runs in a child process (`--child`) so "cold" is really cold. Prints a table,
then one line of JSON. Targets: cold <= 1.5 s, warm <= 300 ms, action-to-next <= 150 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILDREN = int(os.environ.get("BENCH_RUNS", "3"))
WARM_RUNS = 8
FIELDS = (("national_id", "0010350829"), ("mobile", "09123456789"), ("captcha", None))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def child() -> dict[str, object]:
    """One process: cold open, then warm opens and actions. Times in milliseconds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from kiosk.ui.application import create_application

    create_application()
    from PySide6.QtCore import QEventLoop, QTimer, QUrl

    from kiosk.core.flows import load_flow
    from kiosk.practice_portal import PracticePortal
    from kiosk.services.config import load_settings
    from kiosk.services.language import LanguageController
    from kiosk.services.speech.base import LoggingSpeaker
    from kiosk.ui.context import UiContext
    from kiosk.ui.theme import Theme

    flow_text = (ROOT / "lessons" / "practice_portal" / "flows" / "signin.json").read_text()
    flow = load_flow(flow_text)
    data = Path(tempfile.mkdtemp())
    speaker = LoggingSpeaker()
    ctx = UiContext(
        LanguageController("fa"), speaker, Theme(100), load_settings(data / "kiosk.ini", {})
    )
    portal = PracticePortal()
    portal.start()
    marks: dict[str, float] = {}

    def spin(until, timeout: float = 30.0) -> None:
        """Run the event loop until `until()` holds. Not processEvents() in a loop: in PySide6
        6.12 each processEvents() call drops a reference to None, and the process dies."""
        loop = QEventLoop()
        end = time.perf_counter() + timeout
        check = QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: loop.quit() if until() or time.perf_counter() > end else None)
        check.start()
        if not until():
            loop.exec()
        check.stop()
        if not until():
            raise SystemExit(f"bench: timed out waiting for the guide ({sorted(marks)})")

    speaker.speaking.connect(lambda _text: marks.__setitem__("spoken", time.perf_counter()))

    def open_flow(view) -> tuple[object, float]:
        from kiosk.ui.web.session import GuideSession

        marks.clear()
        started = time.perf_counter()
        session = GuideSession(view, flow, ctx, "learner", bases={"portal": portal.portal_url})

        def on_report(message: dict) -> None:
            if message.get("type") == "found" and message.get("token") == session.runner.token:
                marks["found"] = time.perf_counter()

        session._bridge.reported.connect(on_report)
        session.start()
        spin(lambda: "found" in marks and "spoken" in marks)
        return session, (max(marks["found"], marks["spoken"]) - started) * 1000

    # ---- cold: the first web view of the process --------------------------------------
    started = time.perf_counter()
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from kiosk.core.flows.allow import AllowList
    from kiosk.services.egress import GATE

    GATE.admit(AllowList(origins=portal.bases().values()))  # the web engine's only way out
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)
    view = QWebEngineView()
    view.setPage(page)
    view.resize(1280, 900)
    view.show()
    view.loadFinished.connect(lambda _ok: marks.__setitem__("loaded", time.perf_counter()))
    session, _ = open_flow(view)
    cold = (max(marks["found"], marks["spoken"]) - started) * 1000

    # ---- warm: the view exists and shows another page ---------------------------------
    warm: list[float] = []
    actions: list[float] = []
    for _ in range(WARM_RUNS):
        session.close()
        marks.pop("loaded", None)
        view.load(QUrl(portal.portal_url))
        spin(lambda: "loaded" in marks and view.url().toString() == portal.portal_url)
        portal.reset()
        session, ms = open_flow(view)
        warm.append(ms)
        # ---- actions: type each field; time to the next step found and spoken ---------
        for name, value in FIELDS:
            token = session.runner.token
            spin(lambda token=token: "found" in marks)
            value = value or "00000"  # any five digits complete the captcha step
            marks.clear()
            script = (
                f"(function(){{var e=document.querySelector('[name={name}]');"
                f"e.value='{value}';e.dispatchEvent(new InputEvent('input',{{bubbles:true}}));}})()"
            )
            acted = time.perf_counter()
            page.runJavaScript(script, 0)
            runner = session.runner
            spin(
                lambda token=token, runner=runner: (
                    runner.token != token and "found" in marks and "spoken" in marks
                )
            )
            actions.append((max(marks["found"], marks["spoken"]) - acted) * 1000)
    session.close()
    view.close()
    import shiboken6

    shiboken6.delete(view)
    shiboken6.delete(page)
    shiboken6.delete(profile)
    portal.stop()
    return {"cold": cold, "warm": warm, "action": actions}


def main() -> int:
    if "--child" in sys.argv:
        print("RESULT " + json.dumps(child()))
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    colds, warms, actions = [], [], []
    for _ in range(CHILDREN):
        out = subprocess.run(
            [sys.executable, __file__, "--child"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(
            next(line for line in out.splitlines() if line.startswith("RESULT"))[7:]
        )
        colds.append(result["cold"])
        warms += result["warm"]
        actions += result["action"]
    figures = {
        "guide_cold_ms": round(statistics.median(colds)),
        "guide_warm_ms": round(statistics.median(warms)),
        "guide_action_p50_ms": round(statistics.median(actions)),
        "guide_action_p95_ms": round(percentile(actions, 0.95)),
    }
    rows = [
        ("open a flow, cold web view (median)", figures["guide_cold_ms"], 1500),
        ("open a flow, warm web view (median)", figures["guide_warm_ms"], 300),
        ("action to next step (median)", figures["guide_action_p50_ms"], 150),
        ("action to next step (p95)", figures["guide_action_p95_ms"], 150),
    ]
    print(f"{'figure':<40} {'ms':>6} {'target':>7}")
    for label, value, target in rows:
        print(f"{label:<40} {value:>6} {'≤ ' + str(target):>7}")
    print(f"({len(colds)} cold, {len(warms)} warm, {len(actions)} actions)")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
