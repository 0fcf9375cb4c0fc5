"""The wire between Python and the page agent: QWebChannel in an isolated world, every frame.

`PageBridge.attach(page)` injects qwebchannel.js and agent.js into the page's isolated
`ApplicationWorld` (the page's own scripts cannot reach them, and a strict CSP does not stop
them), in every frame, and into the document already shown. Reports arrive as dicts on
`reported`; `send(dict)` reaches every frame's agent.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QFile, QIODevice, QObject, QTimer, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_

log = logging.getLogger(__name__)

WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
SCRIPT_NAMES = ("kiosk-guide-qwebchannel", "kiosk-guide-agent")
MAX_REPORT = 4096  # characters; an agent's report is a few dozen


@cache
def qwebchannel_source() -> str:
    """Qt's own QWebChannel client, from its resource."""
    file = QFile(":/qtwebchannel/qwebchannel.js")
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("qwebchannel.js is missing from the Qt resources")
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()


# The vendored W3C role and accessible-name computation (tools/vendor-js.sh builds it).
A11Y_VERSION = "0.7.1"
A11Y_FILE = Path(str(resources.files(__package__).joinpath("vendor", "dom-accessibility-api.js")))
_BANNER = re.compile(r"/\*! dom-accessibility-api (\S+) ")
VENDOR_MISSING = N_(
    "The guide cannot start: the file {file} is missing or unreadable. To fix: reinstall the "
    "kiosk (a developer runs tools/vendor-js.sh)."
)
VENDOR_VERSION = N_(
    "The guide cannot start: the file {file} is version {found}, but version {expected} is "
    "needed. To fix: reinstall the kiosk (a developer runs tools/vendor-js.sh)."
)


def vendored_a11y(path: Path | None = None) -> str:
    """The vendored dom-accessibility-api, checked: never a silent fall back to weaker matching.

    Raises `NoticeError` naming the file when it is missing or of another version."""
    path = path or A11Y_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise NoticeError(Notice(VENDOR_MISSING, {"file": str(path)})) from None
    match = _BANNER.match(text)
    found = match[1] if match else "?"
    if found != A11Y_VERSION or "__kioskA11y" not in text:
        notice = Notice(
            VENDOR_VERSION, {"file": str(path), "found": found, "expected": A11Y_VERSION}
        )
        raise NoticeError(notice)
    return text


@cache
def _own(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def resolver_source() -> str:
    """The one resolver (resolver.js) with the library it stands on: the guide's page agent,
    the health check and the recorder all find elements with it."""
    return vendored_a11y() + "\n;" + _own("resolver.js")


def walker_source() -> str:
    """The health check's walker (walker.js) on the resolver: it finds a step's target the way
    the guide does, and types, picks or presses as the step asks."""
    return resolver_source() + "\n;" + _own("walker.js")


def agent_source() -> str:
    """The page agent shipped beside this module, on the resolver."""
    return resolver_source() + "\n;" + _own("agent.js")


def isolated_script(
    name: str, source: str, point: QWebEngineScript.InjectionPoint
) -> QWebEngineScript:
    """A script for every frame of a page, in the kiosk's isolated world (strict-CSP safe)."""
    script = QWebEngineScript()
    script.setName(name)
    script.setSourceCode(source)
    script.setInjectionPoint(point)
    script.setWorldId(WORLD)
    script.setRunsOnSubFrames(True)
    return script


class PageBridge(QObject):
    """The object the agents see as `channel.objects.guide`."""

    command = Signal(str)  # to every agent: a JSON command
    reported = Signal(object)  # from an agent: a parsed report (a dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page: QWebEnginePage | None = None
        self._channel: QWebChannel | None = None
        self._source = ""  # the channel client and the agent, run only where no agent is
        self._host = ""  # the site of the last document loaded

    @Slot(str)
    def report(self, text: str) -> None:
        """Called by an agent. Anything malformed is dropped (the page is not trusted)."""
        if not isinstance(text, str) or len(text) > MAX_REPORT:
            return
        try:
            message = json.loads(text)
        except ValueError:
            return
        if isinstance(message, dict) and isinstance(message.get("type"), str):
            self.reported.emit(message)

    def send(self, message: dict[str, Any]) -> None:
        """A command to every frame's agent."""
        self.command.emit(json.dumps(message, ensure_ascii=False))

    def attach(self, page: QWebEnginePage) -> None:
        """Inject the agent into `page` (future documents and the one shown now)."""
        self._page = page
        self._channel = QWebChannel(self)
        self._channel.registerObject("guide", self)
        page.setWebChannel(self._channel, WORLD)
        agent = agent_source()  # first: a missing library refuses before anything changes
        scripts = page.scripts()
        self._remove_scripts(page)
        creation = QWebEngineScript.InjectionPoint.DocumentCreation
        ready = QWebEngineScript.InjectionPoint.DocumentReady
        scripts.insert(isolated_script(SCRIPT_NAMES[0], qwebchannel_source(), creation))
        scripts.insert(isolated_script(SCRIPT_NAMES[1], agent, ready))
        if not page.url().isEmpty():
            # The document already there never saw the scripts: run them now (main frame).
            page.runJavaScript(qwebchannel_source() + "\n;" + agent, WORLD)
        self._source = "if (!window.__kioskGuideAgent) {\n" + qwebchannel_source()
        self._source += "\n;" + agent + "\n}"
        self._host = page.url().host()
        page.loadFinished.connect(self._ensure_agent)

    def _ensure_agent(self, _ok: bool = True) -> None:
        """After each load: the agent, if the page's scripts did not reach this document.

        QtWebEngine (6.x) does not inject a page's scripts into a document that a page's own
        navigation brought into a new renderer process (another site: an auto-submitted POST to
        a payment gateway, a link to another host); the channel's transport is there. Guarded:
        a document whose agent runs already is left alone."""
        # Only after a document really loaded: a refused navigation also ends in a failed
        # load, and running script then (into a renderer being torn down, as the sealed
        # browser's escape suite does hundreds of times) crashed QtWebEngine.
        if not _ok or self._page is None:
            return
        # Only where the site changed (a new renderer): a load on the same site got the page's
        # scripts as usual, and running the agent's source again there disturbed the sealed
        # browser's hostile pages (tests/sealed).
        host = self._page.url().host()
        if host == self._host:
            return
        self._host = host
        QTimer.singleShot(0, self._run_agent_source)

    def _run_agent_source(self) -> None:
        page = self._page
        if page is None or not shiboken6.isValid(page) or page.url().isEmpty():
            return
        page.runJavaScript(self._source, WORLD)

    @staticmethod
    def _remove_scripts(page: QWebEnginePage) -> None:
        scripts = page.scripts()
        for name in SCRIPT_NAMES:
            for script in scripts.find(name):
                scripts.remove(script)

    def detach(self) -> None:
        """Take the agent's scripts and the channel off the page (the page stays)."""
        page, self._page = self._page, None
        if page is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                page.loadFinished.disconnect(self._ensure_agent)
            self._remove_scripts(page)
            page.setWebChannel(None, WORLD)
        if self._channel is not None:
            self._channel.deregisterObject(self)
            self._channel.deleteLater()
            self._channel = None
