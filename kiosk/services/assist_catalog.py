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

from kiosk.core.limits import LimitError
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.services.content import bundle_info, installed_folders
from kiosk.services.files import inside, read_bytes, read_json

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
    """The folders searched for services: bundled first, then the installed `services` bundles
    (kiosk.services.content), then the recorded flows."""
    folders = [BUNDLED]
    if data_dir is not None:
        folders += installed_folders("services", Path(data_dir))
        folders.append(Path(data_dir) / RECORDED)
    return folders


def _manifest(folder: Path) -> tuple[list[tuple[int, dict[str, Any]]], list[FlowError]]:
    """The usable entries of a folder's services.json (with their index), and a fault for the
    file or for each entry that cannot be used. A folder without the file has no services."""
    from kiosk.core.flows import FlowError, FlowFault

    path = folder / MANIFEST
    if not path.exists() and not path.is_symlink():
        return [], []
    try:
        data = read_json(path, folder)
    except LimitError as error:
        return [], [FlowError([FlowFault(error.pointer, error.notice)], str(path))]
    entries = data.get("services") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        where = "/services" if isinstance(data, dict) else ""
        notice = Notice(
            N_("This should be {expected}."),
            {"expected": Notice(N_("a list in square brackets"))}
            if where
            else {"expected": Notice(N_("an object in curly brackets"))},
        )
        return [], [FlowError([FlowFault(where, notice)], str(path))]
    good, faults = [], []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("flow"), str):
            good.append((index, entry))
            continue
        where = f"/services/{index}" + ("/flow" if isinstance(entry, dict) else "")
        notice = Notice(
            N_("This should be {expected}."), {"expected": Notice(N_("a text in quotes"))}
        )
        if not isinstance(entry, dict):
            notice = Notice(
                N_("This should be {expected}."),
                {"expected": Notice(N_("an object in curly brackets"))},
            )
        faults.append(FlowError([FlowFault(where, notice)], str(path)))
    return good, faults


def _read_manifest(folder: Path) -> list[dict[str, Any]]:
    return [entry for _index, entry in _manifest(folder)[0]]


def load_services(folders: list[Path]) -> tuple[list[Service], list[FlowError]]:
    """Every service whose flow is valid; the faults of the others (skipped, never fatal).

    The loader's boundary: whatever one manifest or flow file holds, it becomes a fault naming
    that file (and the pointer), and the other services load."""
    from kiosk.core.flows import FlowError

    services, faults, seen = [], [], set()
    for folder in folders:
        try:
            entries, manifest_faults = _manifest(folder)
        except Exception as error:  # the boundary: no failure escapes
            log.exception("assist: %s could not be read", folder / MANIFEST)
            entries, manifest_faults = [], [_unexpected(folder / MANIFEST, "", error)]
        faults += manifest_faults
        for index, entry in entries:
            try:
                service = _load_entry(folder, index, entry)
            except FlowError as error:
                faults.append(error)
                continue
            except Exception as error:  # the boundary: no failure escapes
                log.exception("assist: service %d of %s could not be loaded", index, folder)
                faults.append(_unexpected(folder / MANIFEST, f"/services/{index}", error))
                continue
            if service.flow.id in seen:
                if bundle_info(folder) is None:
                    continue  # a recorded copy never hides the bundled one of the same id
                # A signed, installed update replaces the service it updates.
                services = [s for s in services if s.flow.id != service.flow.id]
            seen.add(service.flow.id)
            services.append(service)
    return services, faults


def fault_lines(faults: list[FlowError]) -> list[str]:
    """One line per fault, "file at /pointer: what is wrong", in the current language: for
    the places staff look (staff home, `kiosk doctor`)."""
    from kiosk.i18n import _

    return [
        _("{file} at {pointer}: {problem}").format(
            file=error.source, pointer=fault.pointer or "/", problem=fault.text()
        )
        for error in faults
        for fault in error.faults
    ]


def _unexpected(path: Path, where: str, error: BaseException) -> FlowError:
    from kiosk.core.flows import FlowError, FlowFault

    notice = Notice(
        N_("This could not be loaded ({reason}); check it with “kiosk flows validate”."),
        {"reason": type(error).__name__},
    )
    return FlowError([FlowFault(where, notice)], str(path))


def _load_entry(folder: Path, index: int, entry: dict[str, Any]) -> Service:
    """One manifest entry's service, or FlowError naming the flow file or the entry."""
    from kiosk.core.flows import FlowError, FlowFault, load_flow

    path = folder / entry["flow"]
    # The bundled services name the practice portal's flows beside them in lessons/; a
    # recorded folder's flows stay inside it.
    root = BUNDLED.parent if folder == BUNDLED else folder
    if not inside(path, root):
        notice = Notice(
            N_("the file is a link leading out of its folder {folder}; copy the file in instead"),
            {"folder": str(root)},
        )
        raise FlowError([FlowFault(f"/services/{index}/flow", notice)], str(folder / MANIFEST))
    try:
        raw = read_bytes(path, root)
    except LimitError as error:
        raise FlowError([FlowFault(error.pointer, error.notice)], str(path)) from None
    flow = load_flow(raw, str(path))
    problems = [
        FlowFault(
            f"/services/{index}/{key}",
            Notice(N_("This should be {expected}."), {"expected": Notice(expected)}),
        )
        for key, expected, ok in (
            ("receipt", N_("a list in square brackets"), _texts(entry.get("receipt", []))),
            (
                "office",
                N_("an object in curly brackets"),
                entry.get("office") is None or isinstance(entry.get("office"), dict),
            ),
            (
                "pictogram",
                N_("a text in quotes"),
                entry.get("pictogram") is None or isinstance(entry.get("pictogram"), str),
            ),
            (
                "minutes",
                N_("a whole number"),
                entry.get("minutes") is None or _small_int(entry.get("minutes")),
            ),
        )
        if not ok
    ]
    if problems:
        raise FlowError(problems, str(folder / MANIFEST))
    return _service(flow, Path(os.path.realpath(path)), folder, entry)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _small_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000


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
        if Path(os.path.realpath(service.folder / entry["flow"])) == service.path:
            entry["verified"] = True
    _write_json(service.folder / MANIFEST, {"services": entries})
