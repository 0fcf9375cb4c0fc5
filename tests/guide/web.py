"""A guided web view for tests: off-the-record profile, the guide panel beside it, a simulated user.

The user types and clicks in the page's own (main) world with DOM events, as a person's
keyboard and mouse would produce them; the guide listens from its isolated world.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.flows import Flow, load_flow
from kiosk.core.flows.allow import AllowList
from kiosk.practice_portal import PracticePortal
from kiosk.services.config import load_settings
from kiosk.services.egress import GATE
from kiosk.services.language import LanguageController
from kiosk.ui.application import apply_direction
from kiosk.ui.context import UiContext
from kiosk.ui.theme import Theme, load_fonts
from tests.fake_engine import history, production_speaker

ROOT = Path(__file__).resolve().parents[2]


def _find(selector: str) -> str:
    """A JS expression for the element `selector` names; "a >>> b" goes into a's open shadow
    root or same-origin iframe document, then finds b there."""
    return (
        "(function(p){var r=document,e=null;for(var i=0;i<p.length;i++){if(!r)return null;"
        "e=r.querySelector(p[i]);if(!e)return null;r=e.shadowRoot||e.contentDocument||null;}"
        f"return e;}})({json.dumps(selector.split(' >>> '))})"
    )


FLOWS = ROOT / "lessons" / "practice_portal" / "flows"
WAIT = 20_000  # ms: generous, the two cores are shared


def practice_flow(name: str, mutate: Any = None) -> Flow:
    """A shipped practice flow, optionally changed by `mutate(data)` before validation."""
    data = json.loads((FLOWS / f"{name}.json").read_text(encoding="utf-8"))
    if mutate is not None:
        mutate(data)
    return load_flow(json.dumps(data), source=name)


def make_context(language: str, data_dir: Path) -> UiContext:
    load_fonts()
    settings = load_settings(data_dir / "kiosk.ini", environ={})
    controller = LanguageController(language)
    apply_direction(language)
    theme = Theme(100)
    theme.apply()
    speaker = production_speaker(data_dir)
    return UiContext(language=controller, speaker=speaker, theme=theme, settings=settings)


class GuidedTab:
    """A window with the web view and (once a flow starts) the guide panel beside it."""

    def __init__(self, qtbot, portal: PracticePortal, ctx: UiContext) -> None:
        self.qtbot, self.portal, self.ctx = qtbot, portal, ctx
        # The kiosk's proxy lets a web view reach what was admitted: the portal's origins.
        self.egress = GATE.admit(AllowList(origins=portal.bases().values()))
        self.profile = QWebEngineProfile()  # off the record: nothing on disk
        self.cookies: dict[str, str] = {}
        self.profile.cookieStore().cookieAdded.connect(self._cookie)
        self.page = QWebEnginePage(self.profile)
        self.view = QWebEngineView()
        self.view.setPage(self.page)
        self.window = QWidget()
        self.row = QHBoxLayout(self.window)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(0)
        self.row.addWidget(self.view, 3)
        self.window.resize(1500, 900)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.session: Any = None
        self.panel: Any = None
        self.records: list[tuple[str, dict]] = []

    def _cookie(self, cookie) -> None:
        self.cookies[bytes(cookie.name()).decode()] = bytes(cookie.value()).decode()

    @property
    def sid(self) -> str:
        return self.cookies[PracticePortal.SESSION_COOKIE]

    def open(self, url: str) -> None:
        with self.qtbot.waitSignal(self.view.loadFinished, timeout=WAIT):
            self.view.load(QUrl(url))

    def language(self, lang: str) -> None:
        """The portal's page language (kept in its session)."""
        self.open(f"{self.portal.portal_url}lang/{lang}?next=/")

    def guide(self, flow: Flow, mode: str = "operator", start_url: str | None = None) -> Any:
        from kiosk.ui.web.panel import GuidePanel
        from kiosk.ui.web.session import GuideSession

        bases = self.portal.bases()
        self.session = GuideSession(
            self.view, flow, self.ctx, mode, bases=bases, start_url=start_url
        )
        self.session.recorded.connect(lambda name, data: self.records.append((name, data)))
        self.panel = GuidePanel(self.ctx, self.session)
        self.panel.setFixedWidth(480)
        self.row.addWidget(self.panel)
        self.panel.show()
        self.session.start()
        self.operator_buttons_shown = self.panel.operator_row.isVisible()
        return self.session

    # ---- waiting on the guide ----------------------------------------------------------

    @property
    def step(self) -> str:
        current = self.session.current
        return current.step.id if current else ""

    def at(self, step_id: str, highlighted: bool = True) -> None:
        """Wait until the guide shows `step_id` (and the page wears the highlight)."""
        self.qtbot.waitUntil(lambda: self.step == step_id, timeout=WAIT)
        if highlighted:
            self.qtbot.waitUntil(self.highlighted, timeout=WAIT)

    def highlighted(self) -> bool:
        """Whether the page agent points at the target of the runner's current step."""
        token = self.js(
            "(document.querySelector('[data-kiosk-guide=arrow]')||{dataset:{}}).dataset.token"
        )
        return token == str(self.session.runner.token)

    def highlighted_element(self) -> str:
        """`tag[name]` of the element wearing the guide's outline."""
        return str(
            self.js(
                "(function(){var all=document.querySelectorAll('*');for(var i=0;i<all.length;i++)"
                "{if(all[i].style.outlineColor==='rgb(106, 27, 154)'){var e=all[i];"
                "return e.tagName.toLowerCase()+'['+(e.name||e.getAttribute('href')||'')+']';}}"
                "return '';})()"
            )
        )

    def finished(self, outcome: str = "completed") -> None:
        self.qtbot.waitUntil(lambda: self.session.outcome == outcome, timeout=WAIT)

    def spoken(self) -> list[str]:
        return [u.text for u in history(self.ctx.speaker)]

    # ---- the simulated person ------------------------------------------------------------

    def js(self, script: str) -> Any:
        box: list[Any] = []
        self.page.runJavaScript(script, 0, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=WAIT)
        return box[0]

    def type(self, selector: str, text: str) -> None:
        """Focus the field and type `text` one character at a time (input events)."""
        found = self.js(
            f"(function(){{var e={_find(selector)};if(!e)return false;"
            "e.focus();e.value='';var t=" + json.dumps(text) + ";"
            "for(var i=0;i<t.length;i++){e.value+=t[i];"
            "e.dispatchEvent(new InputEvent('input',{bubbles:true,composed:true,data:t[i]}));}"
            "return true;})()"
        )
        assert found, selector

    def leave(self, selector: str) -> None:
        """Move out of the field (a `change` event, as on blur)."""
        self.js(f"{_find(selector)}.dispatchEvent(new Event('change',{{bubbles:true}}))")

    def choose(self, selector: str, value: str) -> None:
        """Pick an option of a select."""
        self.js(
            f"(function(){{var e={_find(selector)};"
            f"e.value={json.dumps(value)};e.dispatchEvent(new Event('input',{{bubbles:true}}));"
            "e.dispatchEvent(new Event('change',{bubbles:true}));})()"
        )

    def click(self, selector: str, navigates: bool = True) -> None:
        script = f"{_find(selector)}.click()"
        if navigates:
            with self.qtbot.waitSignal(self.view.loadFinished, timeout=WAIT):
                self.page.runJavaScript(script)
        else:
            self.js(script + ";true")

    def attach_file(self, selector: str, name: str, data: bytes, mime: str) -> None:
        """Put a file in a file input, as the file chooser would."""
        self.js(
            f"(function(){{var e={_find(selector)};"
            f"var bytes=new Uint8Array({json.dumps(list(data))});"
            "var dt=new DataTransfer();"
            f"dt.items.add(new File([bytes],{json.dumps(name)},{{type:{json.dumps(mime)}}}));"
            "e.files=dt.files;e.dispatchEvent(new Event('input',{bubbles:true}));"
            "e.dispatchEvent(new Event('change',{bubbles:true}));return true;})()"
        )

    @property
    def url(self) -> str:
        return self.view.url().toString()

    def shot(self, folder: Path, name: str) -> Path:
        self.qtbot.waitUntil(lambda: self.js("document.fonts.status") == "loaded", timeout=WAIT)
        self.qtbot.wait(300)  # let the page paint the highlight
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        assert self.window.grab().save(str(path))
        return path

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
        self.window.close()
        if self.panel is not None:
            shiboken6.delete(self.panel)
        shiboken6.delete(self.view)
        shiboken6.delete(self.page)  # the page goes before its profile
        shiboken6.delete(self.profile)
        GATE.release(self.egress)
