"""Runner actions as the JSON commands the page agent reads."""

from __future__ import annotations

from typing import Any

from kiosk.core.flows import events as ev


def track_command(action: ev.Track) -> dict[str, Any]:
    """Find the target, highlight it, watch the step's condition."""
    return {
        "type": "track",
        "token": action.token,
        "target": [loc.to_json() for loc in action.target],
        "done": action.done.to_json() if action.done is not None else None,
        "highlight": action.highlight,
        "private": action.private,
        "fields": [
            {"id": step_id, "target": [loc.to_json() for loc in target]}
            for step_id, target in action.fields
        ],
    }


def probe_command(action: ev.Probe) -> dict[str, Any]:
    """Which of these element conditions hold now (a branch step asks)."""
    return {
        "type": "probe",
        "token": action.token,
        "conditions": [[loc.to_json() for loc in locs] for locs in action.conditions],
    }
