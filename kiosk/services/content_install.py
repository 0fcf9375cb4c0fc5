"""Installing and rolling back content bundles: unpack into a staging folder, check, then switch.

A bundle is a tar of one folder (a lesson pack, practice flows, a service folder, a voice pack).
`install_bundle` unpacks it next to the installed versions (same file system), checks it with
the loader that will read it, renames the staging folder to `v<version>` and then replaces the
`current` link in one `rename`: the kiosk reads either the old version or the new one, never
half of one. Whatever goes wrong before that (a damaged tar, a full disk, a pack that does not
load), the staging folder is removed and the installed content is untouched. The version before
stays as `previous`, for `rollback`. Older versions than the one installed are refused.

Slow (unpacking, checking every file): call from a worker (kiosk.services.background).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.content import (
    CURRENT,
    KINDS,
    MARK,
    PREVIOUS,
    Installed,
    bundle_info,
    content_dir,
    installed,
)

OLDER = N_(
    "“{name}” version {version} is older than the installed version {installed}; it was not "
    "installed. Publish a newer version to replace it, or roll back on the Updates page."
)
NOT_VALID = N_(
    "“{name}” version {version} cannot be used: {file}: {pointer}: {problem}. Nothing was "
    "changed. Fix the content and publish it again."
)
DAMAGED = N_(
    "“{name}” version {version} could not be unpacked (the file is damaged or not a bundle). "
    "The content in use is unchanged. Publish it again and retry."
)
DISK_FULL = N_(
    "There is not enough disk space to install “{name}” ({size} MB). The content in use is "
    "unchanged. Free some space in {folder} and try again."
)
NO_PREVIOUS = N_("“{name}” has no previous version to go back to.")
UNKNOWN_KIND = N_("“{kind}” is not a kind of content; use one of: {kinds}.")
NO_MANIFEST = N_("the file {file} is missing")
NOT_A_VOICE = N_(
    "it is not a voice pack's voice.json (it needs “pack”, “voice”, “language” and “recordings”)"
)


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise NoticeError(Notice(UNKNOWN_KIND, {"kind": kind, "kinds": ", ".join(KINDS)}))


def check_folder(kind: str, folder: Path, name: str, version: int) -> dict[str, str] | None:
    """Raise NoticeError naming the first fault if the loader of `kind` would not load `folder`;
    else return its title (a language map) if it has one."""
    check_kind(kind)
    params = {"name": name, "version": version}

    def refuse(file: str, pointer: str, problem: Notice) -> NoticeError:
        details = {"file": file, "pointer": pointer or "/", "problem": problem}
        return NoticeError(Notice(NOT_VALID, {**params, **details}, severity="error"))

    if kind == "lessons":
        from kiosk.services.lessons import load_pack

        report = load_pack(folder)
        if not report.ok:
            fault = report.faults[0]
            raise refuse(fault.file, fault.pointer, fault.notice)
        return dict(report.pack.title.text) if report.pack else None
    if kind == "services":
        from kiosk.services.assist_catalog import MANIFEST, load_services

        if not (folder / MANIFEST).is_file():
            raise refuse(MANIFEST, "", Notice(NO_MANIFEST, {"file": MANIFEST}))
        _services, faults = load_services([folder])
        if faults:
            fault = faults[0].faults[0]
            raise refuse(Path(faults[0].source).name, fault.pointer, fault.notice)
        return None
    if kind == "flows":
        from kiosk.core.flows import FlowError, load_flow

        files = sorted(folder.glob("*.json"))
        if not files:
            raise refuse("*.json", "", Notice(NO_MANIFEST, {"file": "*.json"}))
        for path in files:
            try:
                load_flow(path.read_bytes(), path.name)
            except FlowError as error:
                raise refuse(path.name, error.faults[0].pointer, error.faults[0].notice) from None
        return None
    # voices: one voice of a voice pack, its voice.json as the speaker's narration reads it
    from kiosk.services.voice_pack import MANIFEST as VOICE_MANIFEST
    from kiosk.services.voice_pack import VoicePack

    try:
        data = json.loads((folder / VOICE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise refuse(VOICE_MANIFEST, "", Notice(NO_MANIFEST, {"file": VOICE_MANIFEST})) from None
    pack = VoicePack.read(folder)
    if pack is None:
        raise refuse(VOICE_MANIFEST, "", Notice(NOT_A_VOICE))
    for key, entry in pack.recordings.items():
        if not (folder / entry["file"]).is_file():
            problem = Notice(NO_MANIFEST, {"file": entry["file"]})
            raise refuse(VOICE_MANIFEST, f"/recordings/{key}", problem)
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, dict) else None


def _unpack(archive: Path, into: Path) -> None:
    with tarfile.open(archive, "r:") as tar:
        # The "data" filter refuses links leading out, absolute paths, devices and odd modes.
        tar.extractall(into, filter="data")


def _swap_link(folder: Path, name: str, target: str) -> None:
    """Point `folder/name` at `target` in one rename (the readers see old or new, never none)."""
    temporary = folder / f".{name}-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, folder / name)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current(data_dir: Path, kind: str, bundle_id: str) -> Installed | None:
    return next((b for b in installed(data_dir, kind) if b.id == bundle_id), None)


def install_bundle(
    data_dir: Path,
    kind: str,
    bundle_id: str,
    version: int,
    archive: Path,
    *,
    name: str | None = None,
) -> Installed:
    """Install version `version` of bundle `kind/bundle_id` from the tar `archive` (already
    verified by its signature). NoticeError if it is older, damaged, invalid or the disk is full;
    the installed content is then untouched. Installing the installed version does nothing."""
    check_kind(kind)
    name = name or bundle_id
    in_use = current(data_dir, kind, bundle_id)
    if in_use is not None and version < in_use.version:
        raise NoticeError(
            Notice(OLDER, {"name": name, "version": version, "installed": in_use.version})
        )
    if in_use is not None and version == in_use.version:
        return in_use
    folder = content_dir(data_dir) / kind / bundle_id
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    try:
        try:
            _unpack(archive, staging)
        except (tarfile.TarError, EOFError):
            raise NoticeError(
                Notice(DAMAGED, {"name": name, "version": version}, severity="error")
            ) from None
        title = check_folder(kind, staging, name, version)
        mark = {
            "kind": kind,
            "id": bundle_id,
            "version": version,
            "title": title,
            "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (staging / MARK).write_text(json.dumps(mark, ensure_ascii=False), encoding="utf-8")
        target = folder / f"v{version}"
        if target.exists():  # left from a version rolled back from, or an interrupted install
            shutil.rmtree(target)
        os.rename(staging, target)
        _sync_folder(folder)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            size = round(archive.stat().st_size / 2**20, 1)
            raise NoticeError(
                Notice(
                    DISK_FULL,
                    {"name": name, "size": size, "folder": str(data_dir)},
                    severity="error",
                )
            ) from None
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    before = os.readlink(folder / CURRENT) if in_use is not None else None
    _swap_link(folder, CURRENT, target.name)
    if before is not None:
        _swap_link(folder, PREVIOUS, before)
    _sync_folder(folder)
    _prune(folder)
    found = current(data_dir, kind, bundle_id)
    assert found is not None
    return found


def rollback(data_dir: Path, kind: str, bundle_id: str) -> Installed:
    """Put the previous version back in use (the current one becomes the previous)."""
    check_kind(kind)
    folder = content_dir(data_dir) / kind / bundle_id
    try:
        now, before = os.readlink(folder / CURRENT), os.readlink(folder / PREVIOUS)
    except OSError:
        raise NoticeError(Notice(NO_PREVIOUS, {"name": bundle_id})) from None
    if bundle_info(folder / before) is None:
        raise NoticeError(Notice(NO_PREVIOUS, {"name": bundle_id}))
    _swap_link(folder, CURRENT, before)
    _swap_link(folder, PREVIOUS, now)
    _sync_folder(folder)
    found = current(data_dir, kind, bundle_id)
    assert found is not None
    return found


def _prune(folder: Path) -> None:
    """Keep only the versions the links name (and nothing a failed install left)."""
    keep = set()
    for link in (CURRENT, PREVIOUS):
        with contextlib.suppress(OSError):
            keep.add(os.readlink(folder / link))
    for entry in folder.iterdir():
        if entry.name in keep or entry.name in (CURRENT, PREVIOUS) or entry.is_symlink():
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
