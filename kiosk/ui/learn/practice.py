"""A lesson's practice step: the practice portal in a web view, guided by the step's flow.

QtWebEngine is imported here only, when a learner first reaches a practice step. Each
practice gets its own off-the-record profile, deleted (after its page) when the step ends.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.flows.allow import AllowList
from kiosk.services.egress import GATE
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.web.panel import PAGE_MIN_PX as MIN_PAGE_PX  # the tests' name for it

log = logging.getLogger(__name__)


class PracticeView(QWidget):
    """The web view with the guide panel beside it; `finished(outcome)` when the flow ends."""

    finished = Signal(str)

    def __init__(self, ctx: UiContext, flow_path, portal) -> None:
        super().__init__()
        from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
        from PySide6.QtWebEngineWidgets import QWebEngineView

        from kiosk.core.flows import load_flow
        from kiosk.ui.web.panel import GuidePanel
        from kiosk.ui.web.session import GuideSession

        self.ctx = ctx
        self.outcome: str | None = None
        bases = portal.bases()
        # The web engine's connections all go through the kiosk's proxy: this view may reach
        # the practice portal's own origins, nothing else, until its profile is deleted.
        self.egress = GATE.admit(AllowList(origins=bases.values()))
        # No storage name: off the record. Page and profile have no Qt parent: they are
        # deleted explicitly, page first, in close_practice().
        self.profile = QWebEngineProfile()
        self.page = QWebEnginePage(self.profile)
        self.view = QWebEngineView()
        self.view.setPage(self.page)
        self.view.setMinimumHeight(MIN_PAGE_PX)
        flow = load_flow(flow_path.read_bytes(), str(flow_path))
        self.session = GuideSession(self.view, flow, ctx, "learner", bases=bases)
        self.session.finished.connect(self._finished)
        self.panel = GuidePanel(ctx, self.session)
        self.panel.setMinimumWidth(ctx.theme.px(320))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 3)  # the guide gets two fifths: its words wrap less
        row.addWidget(self.panel, 2)  # full height: its words scroll, its buttons stay in view
        self.session.start()

    # The practice takes the height the screen has, not the height it would like: inside the
    # Learn screen's scroll area a preferred height (the guide's words, wrapped) taller than
    # the screen scrolled the page and hid the guide's buttons at 1280 x 800.
    @guarded
    def hasHeightForWidth(self) -> bool:
        return False

    @guarded(fallback=QSize())
    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def _finished(self, outcome: str) -> None:
        self.outcome = outcome
        self.finished.emit(outcome)

    def close_practice(self) -> None:
        """Take the guide off and free the view, the page, then its profile (in that order)."""
        import shiboken6

        if self.profile is None:
            return
        self.session.close()
        for widget in (self.panel, self.view):
            self.layout().removeWidget(widget)
            shiboken6.delete(widget)
        shiboken6.delete(self.page)
        shiboken6.delete(self.profile)
        self.profile = None
        GATE.release(self.egress)
