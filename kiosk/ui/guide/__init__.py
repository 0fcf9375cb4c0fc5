"""The guide on a web page: the page agent, the session that runs a flow, and its side panel.

Importing this package imports QtWebEngine: do it only when a guide first opens.
"""

from __future__ import annotations

from kiosk.ui.guide.panel import GuidePanel
from kiosk.ui.guide.session import GuideSession

__all__ = ["GuidePanel", "GuideSession"]
