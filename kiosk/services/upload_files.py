"""The files a portal page's `<input type=file>` may be given: a list, never a browser over the
disk. Two kinds of places only: the session's own downloads folder, and removable media (each
volume mounted under /media or /run/media; `KIOSK_REMOVABLE_ROOTS`, colon-separated folders,
replaces that list, for tests and odd set-ups).

Each place is read to one level of subfolders. Only regular files are listed: links (even to a
file inside), anything that resolves outside its place, hidden names (a leading dot) and
unreadable files are left out. At most `MAX_PICKER_FILES` are listed (`more` says there were
others), and at most `MAX_PICKER_ENTRIES` entries are read from one folder. A page's `accept`
types (`.pdf`, `application/pdf`, `image/*`) keep only the files they name.

File names are the citizen's: this module never logs them. `list_files` can take seconds on a
slow stick: run it in the background (`kiosk.services.background`).
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeDatabase, QStorageInfo

from kiosk.core.limits import MAX_PICKER_ENTRIES, MAX_PICKER_FILES

ROOTS_ENV = "KIOSK_REMOVABLE_ROOTS"
MOUNT_PARENTS = ("/media/", "/run/media/")


@dataclass(frozen=True)
class Place:
    """Where files may come from: the session's downloads ("session") or one removable volume
    ("removable", `name`: the volume's label or its folder's name)."""

    kind: str
    root: Path
    name: str = ""


@dataclass(frozen=True)
class Candidate:
    """A file the operator may choose: its path (inside `place.root`), the subfolder it is in
    ("" at the top) and its size in bytes."""

    path: Path
    place: Place
    folder: str
    size: int


@dataclass(frozen=True)
class Listing:
    files: tuple[Candidate, ...]
    more: bool  # files were left out: more than MAX_PICKER_FILES, or a folder too large to read
    places: tuple[Place, ...]
    other_kinds: bool = False  # files were left out because the page does not take their kind


def removable_places(env: Mapping[str, str] | None = None) -> list[Place]:
    """Mounted removable volumes: `KIOSK_REMOVABLE_ROOTS` if set, else every volume mounted
    under /media or /run/media (QStorageInfo)."""
    env = os.environ if env is None else env
    listed = env.get(ROOTS_ENV)
    if listed is not None:
        return [Place("removable", Path(p), Path(p).name) for p in listed.split(":") if p]
    places = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if volume.isValid() and volume.isReady() and root.startswith(MOUNT_PARENTS):
            places.append(Place("removable", Path(root), volume.displayName() or Path(root).name))
    return sorted(places, key=lambda place: str(place.root))


def places_for(session_folder: Path | None, env: Mapping[str, str] | None = None) -> list[Place]:
    """The session's downloads folder (if there is one), then each removable volume."""
    session = [Place("session", session_folder)] if session_folder is not None else []
    return session + removable_places(env)


def accepts(name: str, types: Iterable[str]) -> bool:
    """Whether a file called `name` is of a kind the page accepts (no types: every kind)."""
    wanted = [t.strip().lower() for t in types if t.strip()]
    if not wanted:
        return True
    lower = name.lower()
    mime = None
    for kind in wanted:
        if kind.startswith("."):
            if lower.endswith(kind):
                return True
            continue
        if mime is None:  # by the name only: a file's content is never read for this
            mime = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase.MatchMode.MatchExtension)
        if kind.endswith("/*"):
            if mime.name().startswith(kind[:-1]):
                return True
        elif mime.inherits(kind) or kind in (a.lower() for a in mime.aliases()):
            return True
    return False


def _entries(folder: Path) -> tuple[list[os.DirEntry[str]], bool]:
    """The visible entries of `folder`, sorted by name, and whether some were not read."""
    try:
        with os.scandir(folder) as scan:
            read = list(itertools.islice(scan, MAX_PICKER_ENTRIES + 1))
    except OSError:
        return [], False
    cut = len(read) > MAX_PICKER_ENTRIES
    shown = [e for e in read[:MAX_PICKER_ENTRIES] if not e.name.startswith(".")]
    return sorted(shown, key=lambda e: (e.name.casefold(), e.name)), cut


def allowed(path: Path, root: Path) -> int | None:
    """The size of `path` if it may be given to a page: a regular file (not a link), readable,
    inside `root` with links followed; else None."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or not os.access(path, os.R_OK):
            return None
        real, top = os.path.realpath(path), os.path.realpath(root)
        if os.path.commonpath([real, top]) != top or real == top:
            return None
    except (OSError, ValueError):
        return None
    return info.st_size


def list_files(
    places: Iterable[Place], types: Iterable[str] = (), limit: int = MAX_PICKER_FILES
) -> Listing:
    """The files of `places` a page may be given (see the module's text), in order: place by
    place, the top level's files by name, then each subfolder's."""
    types = tuple(types)
    found: list[Candidate] = []
    other: list[Path] = []  # files of kinds the page does not take (only whether there are any)
    more = False
    kept = tuple(places)
    for place in kept:
        if len(found) > limit:
            break
        if not allowed_folder(place.root):
            continue
        top, cut = _entries(place.root)
        more |= cut
        folders = [e for e in top if e.is_dir(follow_symlinks=False)]
        for entry in top:
            if not entry.is_dir(follow_symlinks=False):
                _add(found, other, Path(entry.path), place, "", types, limit)
        for sub in folders:
            if len(found) > limit or not allowed_folder(Path(sub.path), place.root):
                continue
            inner, cut = _entries(Path(sub.path))
            more |= cut
            for entry in inner:
                if not entry.is_dir(follow_symlinks=False):
                    _add(found, other, Path(entry.path), place, sub.name, types, limit)
    return Listing(tuple(found[:limit]), more or len(found) > limit, kept, bool(other))


def allowed_folder(folder: Path, root: Path | None = None) -> bool:
    """A real folder (not a link), inside `root` if given."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        if root is None:
            return True
        real, top = os.path.realpath(folder), os.path.realpath(root)
        return os.path.commonpath([real, top]) == top
    except (OSError, ValueError):
        return False


def _add(
    found: list[Candidate],
    other: list[Path],
    path: Path,
    place: Place,
    folder: str,
    types: tuple,
    limit: int,
) -> None:
    """Add `path` if it is allowed and accepted, until the list is one past `limit`; note one
    file of a kind the page does not take in `other`."""
    if len(found) > limit:
        return
    if not accepts(path.name, types):
        if not other and allowed(path, place.root) is not None:
            other.append(path)
        return
    size = allowed(path, place.root)
    if size is not None:
        found.append(Candidate(path, place, folder, size))


def still_allowed(candidate: Candidate) -> bool:
    """Checked again when the operator says OK: the file may have changed since it was listed."""
    return allowed(candidate.path, candidate.place.root) is not None
