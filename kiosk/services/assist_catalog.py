"""The services offered under Get help: flows named by a `services.json` in a service folder.

A flow file alone says how to walk through a portal; whether it is a service a citizen can
ask for, and what its info card says beyond the flow's own fee and documents (how long it
takes, what to do at an office instead, its pictogram, which step shows the receipt), is
written in the folder's `services.json`:

    {"services": [{"flow": "signin.json", "pictogram": "assist_signin", "minutes": 10,
                   "office": {"fa": "...", "en": "..."}, "receipt": ["receipt"],
                   "verified": true}]}

Folders: the bundled `lessons/assist/` (practice flows standing in for real portals until real
flows ship) and `<data dir>/flows/`, where staff save flows they record. A recorded flow is
`"verified": false` until an operator has run it once to completion.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the flow package imports jsonschema: loaded when Get help first opens
    from kiosk.core.flows import Flow, FlowError
    from kiosk.core.flows.model import Card

log = logging.getLogger(__name__)

MANIFEST = "services.json"
BUNDLED = Path(__file__).resolve().parents[2] / "lessons" / "assist"
RECORDED = "flows"  # folder in the data dir
PRACTICE_BASES = ("{portal}", "{gateway}", "{phishing}")


@dataclass(frozen=True)
class Service:
    """One service tile: its flow and the info card's extras."""

    flow: Flow
    path: Path
    folder: Path
    pictogram: str = "help"
    minutes: int | None = None
    office: dict[str, str] | None = None
    receipt: tuple[str, ...] = ()
    verified: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def practice(self) -> bool:
        """Whether the flow's origins are the practice portal's (filled in when it starts)."""
        return any(b in t for t in self.flow.origins.values() for b in PRACTICE_BASES)

    @property
    def card(self) -> Card | None:
        """The flow's first info card (fee and documents), else the manifest's, else None."""
        from kiosk.core.flows.model import Card

        for step in (*self.flow.steps, *self.flow.help):
            if step.card is not None:
                return step.card
        fee, documents = self.extra.get("fee"), self.extra.get("documents")
        if isinstance(fee, dict) or isinstance(documents, list):
            docs = tuple(d for d in documents or () if isinstance(d, dict))
            return Card(fee if isinstance(fee, dict) else None, docs)
        return None


def service_folders(data_dir: Path | None) -> list[Path]:
    """The folders searched for services, bundled first."""
    folders = [BUNDLED]
    if data_dir is not None:
        folders.append(Path(data_dir) / RECORDED)
    return folders


def _read_manifest(folder: Path) -> list[dict[str, Any]]:
    path = folder / MANIFEST
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("assist: %s cannot be read: %s", path, error)
        return []
    entries = data.get("services") if isinstance(data, dict) else None
    return [e for e in entries or () if isinstance(e, dict) and isinstance(e.get("flow"), str)]


def load_services(folders: list[Path]) -> tuple[list[Service], list[FlowError]]:
    """Every service whose flow is valid; the faults of the others (skipped, never fatal)."""
    from kiosk.core.flows import FlowError, load_flow

    services, faults, seen = [], [], set()
    for folder in folders:
        for entry in _read_manifest(folder):
            path = (folder / entry["flow"]).resolve()
            try:
                flow = load_flow(path.read_bytes(), str(path))
            except FlowError as error:
                faults.append(error)
                continue
            except OSError as error:
                log.warning("assist: flow %s cannot be read: %s", path, error)
                continue
            if flow.id in seen:
                continue  # a recorded copy never hides the bundled one of the same id
            seen.add(flow.id)
            services.append(_service(flow, path, folder, entry))
    return services, faults


def _service(flow: Flow, path: Path, folder: Path, entry: dict[str, Any]) -> Service:
    minutes = entry.get("minutes")
    office = entry.get("office")
    receipt = entry.get("receipt") or ()
    return Service(
        flow=flow,
        path=path,
        folder=folder,
        pictogram=str(entry.get("pictogram") or "help"),
        minutes=minutes if isinstance(minutes, int) and minutes > 0 else None,
        office=office if isinstance(office, dict) else None,
        receipt=tuple(str(r) for r in receipt if isinstance(r, str)),
        verified=entry.get("verified", True) is not False,
        extra={k: v for k, v in entry.items() if k not in ("flow", "verified")},
    )


def _write_json(path: Path, data: Any) -> None:
    """Write atomically: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_recorded(folder: Path, data: dict[str, Any], extras: dict[str, Any]) -> Path:
    """Validate `data` (FlowError if not valid), save it as `<id>.json` in `folder` and list it
    in the folder's manifest as unverified. Returns the flow file's path."""
    from kiosk.core.flows import load_flow

    flow = load_flow(json.dumps(data, ensure_ascii=False), f"{data.get('id')}.json")
    name = f"{flow.id}.json"
    path = folder / name
    _write_json(path, data)
    entries = [e for e in _read_manifest(folder) if e.get("flow") != name]
    entries.append({"flow": name, **extras, "verified": False})
    _write_json(folder / MANIFEST, {"services": entries})
    return path


def mark_verified(service: Service) -> None:
    """An operator ran the service's flow to completion: drop its "unverified" mark."""
    if service.verified:
        return
    entries = _read_manifest(service.folder)
    for entry in entries:
        if (service.folder / entry["flow"]).resolve() == service.path:
            entry["verified"] = True
    _write_json(service.folder / MANIFEST, {"services": entries})
