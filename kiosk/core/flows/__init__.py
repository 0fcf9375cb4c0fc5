"""Flows: versioned JSON walkthroughs of web services, their validation and the runner."""

from __future__ import annotations

from kiosk.core.flows.faults import FlowError, FlowFault
from kiosk.core.flows.model import Flow, Locator, Step, pick
from kiosk.core.flows.runner import FlowRunner
from kiosk.core.flows.validate import load_flow, validate_flow

__all__ = [
    "Flow",
    "FlowError",
    "FlowFault",
    "FlowRunner",
    "Locator",
    "Step",
    "load_flow",
    "pick",
    "validate_flow",
]
