"""Record mode for staff: the operator does a transaction once in a sealed browser; every click
and field becomes a draft step (locators, page pattern, suggested instruction; never values).

    recorder = Recorder(start_url, draft, allow)     # the page opens at once
    recorder.step_added.connect(...)
    recorder.stop()                                  # wipes the browser like a session's
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib import resources
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEngineScript

from kiosk.core.flows.allow import AllowList
from kiosk.core.flows.draft import FlowDraft
from kiosk.ui.web.bridge import (
    MAX_REPORT,
    WORLD,
    isolated_script,
    qwebchannel_source,
    resolver_source,
)
from kiosk.ui.web.browser import SealedBrowser

log = logging.getLogger(__name__)

SCRIPT_NAMES = ("kiosk-recorder-qwebchannel", "kiosk-recorder")


@cache
def recorder_source() -> str:
    return resources.files(__package__).joinpath("recorder.js").read_text(encoding="utf-8")


class _Channel(QObject):
    """What recorder.js sees as `channel.objects.recorder`."""

    reported = Signal(object)

    @Slot(str)
    def report(self, text: str) -> None:
        if not isinstance(text, str) or len(text) > MAX_REPORT:
            return
        try:
            message = json.loads(text)
        except ValueError:
            return
        if isinstance(message, dict):
            self.reported.emit(message)


class Recorder(QObject):
    """Drives a sealed browser in record mode, feeding a `FlowDraft`."""

    step_added = Signal(object)  # DraftStep

    def __init__(
        self, start_url: str, draft: FlowDraft, allow: AllowList, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.browser = SealedBrowser(allow, self)
        self._channel_object = _Channel(self)
        self._channel_object.reported.connect(self._on_report)
        self._channel = QWebChannel(self)
        self._channel.registerObject("recorder", self._channel_object)
        page = self.browser.page
        page.setWebChannel(self._channel, WORLD)
        scripts = page.scripts()
        creation = QWebEngineScript.InjectionPoint.DocumentCreation
        ready = QWebEngineScript.InjectionPoint.DocumentReady
        scripts.insert(isolated_script(SCRIPT_NAMES[0], qwebchannel_source(), creation))
        # On the guide's own resolver: what the recorder writes, the guide finds again.
        source = resolver_source() + "\n;" + recorder_source()
        scripts.insert(isolated_script(SCRIPT_NAMES[1], source, ready))
        self.browser.view.load(QUrl(start_url))

    def _on_report(self, message: dict[str, Any]) -> None:
        step = self.draft.add(message)
        if step is not None:
            log.info("recorder: %s step (%d so far)", step.action, len(self.draft.steps))
            self.step_added.emit(step)

    def stop(self) -> None:
        """Stop recording: the browser is wiped like an assisted session's."""
        page = self.browser.page
        if not self.browser.destroyed_:
            page.setWebChannel(None, WORLD)
            self._channel.deregisterObject(self._channel_object)
            self.browser.destroy()
