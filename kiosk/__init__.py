"""Kiosk for rural government-service centres: learn e-services, get help with them."""

from __future__ import annotations

__version__ = "0.1.0"
