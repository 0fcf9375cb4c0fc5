"""Loading lesson packs from disk: every fault reported at once; a broken pack is skipped."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.lessons.faults import Fault
from kiosk.core.lessons.model import Module, Pack, Text
from kiosk.core.lessons.validation import build_lesson, check_lesson, check_pack, media_refs
from kiosk.core.limits import MAX_MEDIA_BYTES, LimitError, cut
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.services.content import installed_folders
from kiosk.services.files import read_json

log = logging.getLogger(__name__)

LESSONS_DIR = Path(__file__).resolve().parents[2] / "lessons"
FLOWS_DIR = LESSONS_DIR / "practice_portal" / "flows"


@dataclass
class PackReport:
    """The outcome of loading one pack folder."""

    path: Path
    pack: Pack | None = None
    faults: list[Fault] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.faults


_MISSING = object()  # a file that could not be read (its fault says why), not JSON null


def _read_json(path: Path, root: Path) -> tuple[object, list[Fault]]:
    """The document in `path` (a regular file inside the pack `root`, within the limits), or
    `_MISSING` and the fault naming the file and the pointer."""
    name = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
    try:
        return read_json(path, root), []
    except LimitError as error:
        return _MISSING, [Fault(name, error.pointer, error.notice)]


def _files(folder: Path) -> dict[str, int]:
    """Every file under `folder` as relative path → size, read once per pack; -1 for what is
    not a regular file inside the pack (a link leading out, a pipe, a device)."""
    sizes: dict[str, int] = {}
    real = os.path.realpath(folder)
    for directory, _dirs, names in os.walk(folder):
        prefix = os.path.relpath(directory, folder)
        for name in names:
            relative = name if prefix == "." else f"{prefix}/{name}".replace(os.sep, "/")
            full = os.path.join(directory, name)
            try:
                info = os.stat(full)
                inside = Path(os.path.realpath(full)).is_relative_to(real)
            except (OSError, ValueError):
                continue
            sizes[relative] = info.st_size if inside and stat.S_ISREG(info.st_mode) else -1
    return sizes


def _check_media(data: dict, files: dict[str, int], file: str) -> list[Fault]:
    faults = []
    for where, relative in media_refs(data):
        if not isinstance(relative, str) or relative.startswith("/") or ".." in relative.split("/"):
            notice = Notice(
                N_("the path “{path}” must be relative and stay inside the pack folder"),
                {"path": cut(relative)},
            )
            faults.append(Fault(file, where, notice))
            continue
        size = files.get(relative)
        if size is None:  # perhaps written as a/./b or a//b
            size = files.get(os.path.normpath(relative).replace(os.sep, "/"))
        if size is None:
            faults.append(
                Fault(file, where, Notice(N_("the file {path} is missing"), {"path": relative}))
            )
            continue
        if size < 0:
            notice = Notice(
                N_("the file {path} is not a regular file inside the pack folder"),
                {"path": relative},
            )
            faults.append(Fault(file, where, notice))
            continue
        if size > MAX_MEDIA_BYTES:
            faults.append(
                Fault(
                    file,
                    where,
                    Notice(
                        N_("the file {path} is {size} MB; at most {limit} MB is allowed"),
                        {
                            "path": relative,
                            "size": round(size / 2**20, 1),
                            "limit": MAX_MEDIA_BYTES // 2**20,
                        },
                    ),
                )
            )
    return faults


def practice_flows(folder: Path | None = None) -> dict[str, Path]:
    """The practice-portal flows a lesson's practice step can name: id → file.

    Without `folder`: the bundled flows, then the installed `flows` bundles (which replace a
    bundled flow of the same id)."""
    if folder is None:
        flows = practice_flows(FLOWS_DIR)
        for installed in installed_folders("flows"):
            flows.update(practice_flows(installed))
        return flows
    flows = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = read_json(path, folder)
        except LimitError:
            continue  # `kiosk flows validate` reports broken flows; here they just don't count
        flow_id = data.get("id") if isinstance(data, dict) else None
        if isinstance(flow_id, str):
            flows[flow_id] = path
    return flows


def _check_flows(data: dict, flow_ids: set[str], file: str) -> list[Fault]:
    return [
        Fault(
            file,
            f"/steps/{index}/flow",
            Notice(
                N_("the practice flow “{flow}” is not installed; installed: {known}"),
                {"flow": step["flow"], "known": ", ".join(sorted(flow_ids)) or "-"},
            ),
        )
        for index, step in enumerate(data["steps"])
        if step["kind"] == "practice" and step["flow"] not in flow_ids
    ]


def load_pack(folder: Path, flow_ids: set[str] | None = None) -> PackReport:
    """Load and validate one pack folder; `report.pack` is None if anything is wrong.

    With `flow_ids`, a practice step naming a flow not among them is a fault too. Nothing
    escapes: whatever goes wrong becomes a fault naming the pack's file."""
    try:
        return _load_pack(folder, flow_ids)
    except Exception as error:  # the loader's boundary: one broken pack never hides the others
        log.exception("lesson pack %s could not be loaded", folder.name)
        notice = Notice(
            N_("the pack could not be loaded ({reason}); check it with “kiosk lessons validate”"),
            {"reason": type(error).__name__},
        )
        return PackReport(folder, None, [Fault(f"{folder.name}/pack.json", "", notice)])


def _load_pack(folder: Path, flow_ids: set[str] | None) -> PackReport:
    report = PackReport(folder)
    label = lambda path: str(path.relative_to(folder.parent))  # noqa: E731
    data, faults = _read_json(folder / "pack.json", folder)
    if data is _MISSING:
        report.faults = faults
        return report
    report.faults += check_pack(data, label(folder / "pack.json"))
    if report.faults:
        return report
    files = _files(folder)
    report.faults += _check_media(data, files, label(folder / "pack.json"))
    languages = tuple(data["languages"])
    base = str(folder)
    resolve = lambda relative: f"{base}/{relative}"  # noqa: E731
    listed = {lesson for module in data["modules"] for lesson in module["lessons"]}
    lessons = {}
    for lesson_id in sorted(listed):
        path = folder / "lessons" / f"{lesson_id}.json"
        lesson_data, read_faults = _read_json(path, folder)
        report.faults += read_faults
        if lesson_data is _MISSING:
            continue
        lesson_faults = check_lesson(lesson_data, label(path), languages)
        if not lesson_faults and lesson_data["id"] != lesson_id:
            lesson_faults.append(
                Fault(
                    label(path),
                    "/id",
                    Notice(
                        N_("the id “{found}” does not match the file name “{expected}”"),
                        {"found": lesson_data["id"], "expected": lesson_id},
                    ),
                )
            )
        if not lesson_faults:
            lesson_faults += _check_media(lesson_data, files, label(path))
            if flow_ids is not None:
                lesson_faults += _check_flows(lesson_data, flow_ids, label(path))
        report.faults += lesson_faults
        if not lesson_faults:
            lessons[lesson_id] = build_lesson(lesson_data, resolve)
    for extra in sorted((folder / "lessons").glob("*.json")):
        if extra.stem not in listed:
            report.faults.append(
                Fault(
                    label(extra),
                    "",
                    Notice(N_("this lesson is not listed in pack.json; add it to a module"), {}),
                )
            )
    assessment = data.get("assessment")
    if assessment and assessment["before"] in lessons and assessment["after"] in lessons:
        before, after = (lessons[assessment[key]] for key in ("before", "after"))
        if not {i.id for i in before.items()} & {i.id for i in after.items()}:
            notice = Notice(
                N_(
                    "the lessons “{before}” and “{after}” share no quiz item; give the "
                    "assessment's items the same ids in both"
                ),
                {"before": before.id, "after": after.id},
            )
            report.faults.append(Fault(label(folder / "pack.json"), "/assessment", notice))
    if report.faults:
        return report
    modules = tuple(
        Module(
            id=module["id"],
            title=Text(dict(module["title"])),
            lessons=tuple(lessons[lesson_id] for lesson_id in module["lessons"]),
            number=module.get("number", ""),
            pictogram=resolve(module["pictogram"]) if module.get("pictogram") else None,
        )
        for module in data["modules"]
    )
    report.pack = Pack(
        id=data["id"],
        version=data["version"],
        title=Text(dict(data["title"])),
        languages=languages,
        modules=modules,
        root=str(folder),
        assessment=(
            (data["assessment"]["before"], data["assessment"]["after"])
            if "assessment" in data
            else None
        ),
    )
    return report


def lessons_root() -> Path:
    """Where installed packs live: `KIOSK_LESSONS_DIR` if set, else the bundled lessons/."""
    override = os.environ.get("KIOSK_LESSONS_DIR")
    return Path(override) if override else LESSONS_DIR


def pack_folders(root: Path | None = None) -> list[Path]:
    """The pack folders to load: those under `root`; without it, those under `lessons_root()`
    and then the installed lesson bundles (kiosk.services.content)."""
    folders = sorted(p.parent for p in (root or lessons_root()).glob("*/pack.json"))
    if root is None:
        folders += installed_folders("lessons")
    return folders


DUPLICATE_PACK = N_(
    "This pack has the id “{id}” of the pack in {other}, so it was skipped. To fix: remove one "
    "of the two folders, or give this pack an id of its own."
)


def load_packs(root: Path | None = None) -> tuple[list[Pack], list[PackReport]]:
    """Every valid pack (see `pack_folders`), and the reports of broken ones. An installed
    update replaces the bundled pack of its id; two folders of one place with the same id are
    a fault on the second (which of them was meant is not for the kiosk to guess)."""
    flow_ids = set(practice_flows())
    installed = set(installed_folders("lessons")) if root is None else set()
    packs: dict[str, Pack] = {}
    found_in: dict[str, Path] = {}
    broken = []
    for folder in pack_folders(root):
        report = load_pack(folder, flow_ids)
        if report.ok:
            pack_id = report.pack.id  # type: ignore[union-attr]
            first = found_in.get(pack_id)
            if first is not None and folder not in installed:
                notice = Notice(DUPLICATE_PACK, {"id": pack_id, "other": first.name})
                report = PackReport(folder, None, [Fault(f"{folder.name}/pack.json", "", notice)])
            else:
                packs.pop(pack_id, None)
                packs[pack_id] = report.pack  # type: ignore[assignment]
                found_in.setdefault(pack_id, folder)
                continue
        log.warning("lesson pack %s skipped; faults: %d", folder.name, len(report.faults))
        broken.append(report)
    return list(packs.values()), broken
