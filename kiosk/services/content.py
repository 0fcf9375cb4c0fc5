"""Installed content: the signed bundles a kiosk has installed, in its data dir.

Layout (one folder per bundle, two versions kept, switched by renaming a link):

    <data dir>/content/<kind>/<id>/v3/            a version, unpacked and checked
    <data dir>/content/<kind>/<id>/v2/            the one before it (for a rollback)
    <data dir>/content/<kind>/<id>/current  -> v3  what the loaders read
    <data dir>/content/<kind>/<id>/previous -> v2

Kinds: lesson packs (`lessons`), practice-portal flows (`flows`), service folders with their
`services.json` (`services`, the Get help catalogue) and voice packs (`voices`). The loaders
(kiosk.services.lessons, kiosk.services.assist_catalog) read these folders after the bundled
ones; an installed bundle replaces a bundled item of the same id. Each version folder holds
`.bundle.json` saying what it is. Installing and rolling back: kiosk.services.content_install.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

KINDS = ("lessons", "flows", "services", "voices")
CONTENT = "content"
MARK = ".bundle.json"
CURRENT = "current"
PREVIOUS = "previous"


@dataclass(frozen=True)
class Installed:
    """One installed bundle: what is in use and what a rollback would bring back."""

    kind: str
    id: str
    version: int
    previous: int | None
    path: Path
    title: dict[str, str] | None = None


def content_dir(data_dir: Path | None = None) -> Path:
    """The installed-content folder of `data_dir` (default: the kiosk's data dir)."""
    if data_dir is None:
        from kiosk.services.paths import data_dir as default_data_dir

        data_dir = default_data_dir()
    return Path(data_dir) / CONTENT


def bundle_info(folder: Path) -> dict | None:
    """The `.bundle.json` of a version folder, or None if it has none (not installed content)."""
    try:
        data = json.loads((folder / MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _link(folder: Path, name: str) -> Path | None:
    link = folder / name
    try:
        target = os.readlink(link)
    except OSError:
        return None
    found = folder / target
    return found if found.is_dir() else None


def installed(data_dir: Path | None = None, kind: str | None = None) -> list[Installed]:
    """Every installed bundle (of `kind`, or of all kinds), by kind then id."""
    found = []
    root = content_dir(data_dir)
    for each in (kind,) if kind else KINDS:
        base = root / each
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if not p.name.startswith(".")):
            current = _link(folder, CURRENT)
            info = bundle_info(current) if current else None
            if current is None or info is None:
                continue
            before = _link(folder, PREVIOUS)
            before_info = bundle_info(before) if before else None
            title = info.get("title")
            found.append(
                Installed(
                    kind=each,
                    id=folder.name,
                    version=int(info.get("version", 0)),
                    previous=int(before_info["version"]) if before_info else None,
                    path=Path(os.path.realpath(current)),
                    title=title if isinstance(title, dict) else None,
                )
            )
    return found


def installed_folders(kind: str, data_dir: Path | None = None) -> list[Path]:
    """The folders of the installed bundles of `kind` in use (real paths), by id."""
    return [bundle.path for bundle in installed(data_dir, kind)]
