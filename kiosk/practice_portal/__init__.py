"""The practice portal: an offline, bilingual e-services site, bank gateway and phishing copy."""

from __future__ import annotations

from kiosk.practice_portal.server import PracticePortal

__all__ = ["PracticePortal"]
