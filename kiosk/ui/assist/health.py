"""Health check: open a flow's pages that can be opened directly and report, step by step,
whether any of its locators still finds an element (drift shows before a citizen is waiting).

    check = HealthCheck(flow, bases, allow)
    check.done.connect(lambda results: ...)   # {step id: "ok" | "drift" | "not_checked"}
    check.start()
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineScript

from kiosk.core.flows import Flow
from kiosk.core.flows.allow import AllowList
from kiosk.core.flows.pages import PageMap
from kiosk.core.flows.urls import page_url
from kiosk.ui.web.bridge import WORLD, isolated_script, resolver_source
from kiosk.ui.web.browser import SealedBrowser

log = logging.getLogger(__name__)

# Which of a step's locators find an element, through the guide's own resolver (resolver.js):
# a health check cannot say "ok" for a locator the guide would not find, nor "drift" for one
# it would.
PROBE = "(function(){try{return window.__kioskResolver.probe(%s);}catch(e){return String(e);}})()"


class HealthCheck(QObject):
    """Checks the steps on each directly openable page of a flow, one page at a time."""

    done = Signal(dict)

    def __init__(
        self, flow: Flow, bases: dict[str, str], allow: AllowList, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.pages = PageMap(flow, bases)
        self.results: dict[str, str] = {s.id: "not_checked" for s in flow.steps if s.target}
        self.browser = SealedBrowser(allow, self)
        self._queue: list[str] = []
        self._busy = False  # a refused navigation adds a loadFinished: check each page once
        start = page_url(flow.start, self.pages.origins) if flow.start else None
        if start:
            self._queue.append(start)
        ready = QWebEngineScript.InjectionPoint.DocumentReady
        source = resolver_source()  # a missing library refuses here, naming the file
        self.browser.page.scripts().insert(isolated_script("kiosk-health-resolver", source, ready))
        self.browser.view.loadFinished.connect(self._loaded)

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        self._busy = False
        if not self._queue:
            self.browser.destroy()
            log.info("health %s: %s", self.flow.id, self.results)
            self.done.emit(dict(self.results))
            return
        self.browser.view.load(QUrl(self._queue.pop(0)))

    def _loaded(self, _ok: bool) -> None:
        if self._busy or self.browser.destroyed_:
            return
        self._busy = True
        url = self.browser.view.url().toString()
        steps = [
            s
            for s in self.flow.steps
            if s.target and s.page is not None and self.pages.matches(s.page, url)
        ]
        if not steps:
            self._next()
            return
        pending = {"count": len(steps)}
        for step in steps:
            script = PROBE % json.dumps([loc.to_json() for loc in step.target])

            def answer(found: object, step_id: str = step.id) -> None:
                try:
                    hits = json.loads(found)["hits"] if isinstance(found, str) else []
                except (ValueError, KeyError, TypeError):
                    hits = []
                self.results[step_id] = "ok" if any(hits) else "drift"
                pending["count"] -= 1
                if pending["count"] == 0:
                    self._next()

            self.browser.page.runJavaScript(script, WORLD, answer)
