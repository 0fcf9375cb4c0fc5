"""Publishing content as signed bundles: a TUF repository in a static folder any web server serves.

The publisher (a trainer's or the province's machine, never a kiosk) keeps four ed25519 keys,
one per TUF role (root, targets, snapshot, timestamp), as PEM files in a keys folder that only
its account reads. `publish` checks each content folder with the loader a kiosk will use, packs
it as a tar, numbers it one above the version last published under the same kind and id, and
signs new metadata:

    <repo>/metadata/1.root.json, 2.root.json ...   every root (kiosks walk the chain)
    <repo>/metadata/root.json                      the newest root (hand it to new kiosks)
    <repo>/metadata/N.targets.json, N.snapshot.json, timestamp.json
    <repo>/targets/<kind>/<id>/<sha256>.<version>.tar and <sha256>.index.json

Consistent snapshots (hash-prefixed targets, versioned metadata) let a mirror be copied while
kiosks read it; timestamp.json, written last, is what makes a publication visible. The signed
`index.json` target lists the bundles; each target also carries its kind, id and version.
`rotate` replaces one role's key: a new root version signed by the old and the new root keys.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.content_install import check_folder, check_kind

ROLES = ("root", "targets", "snapshot", "timestamp")
# How long each role's metadata stays valid: a kiosk refuses expired metadata, so a mirror
# that stops being refreshed (a freeze attack, or a forgotten publisher) is noticed.
EXPIRY_DAYS = {"root": 365, "targets": 90, "snapshot": 30, "timestamp": 7}
INDEX = "index.json"

KEYS_EXIST = N_("The folder {folder} already holds keys; use “kiosk content keys rotate”.")
NO_KEY = N_(
    "The key {file} is missing or unreadable. Make keys with “kiosk content keys init --keys "
    "{folder}”, or point --keys at the folder that holds them."
)
NO_REPO = N_("The folder {folder} holds no published metadata ({file} is missing).")
WRONG_ROOT = N_(
    "The keys in {keys} are not the keys of the repository {folder}. Use the keys it was "
    "published with."
)


@dataclass(frozen=True)
class Published:
    """One bundle in a publication."""

    kind: str
    id: str
    version: int
    path: str  # the target path (kind/id/version.tar)
    length: int


def _signer(keys: Path, role: str):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    from securesystemslib.signer import CryptoSigner

    path = keys / f"{role}.pem"
    try:
        private = load_pem_private_key(path.read_bytes(), None)
    except (OSError, ValueError):
        raise NoticeError(
            Notice(NO_KEY, {"file": str(path), "folder": str(keys)}, severity="error")
        ) from None
    return CryptoSigner(private)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def make_keys(keys: Path) -> list[Path]:
    """Make one new ed25519 key per role in `keys` (refused if keys are already there)."""
    from securesystemslib.signer import CryptoSigner

    keys.mkdir(mode=0o700, parents=True, exist_ok=True)
    if any((keys / f"{role}.pem").exists() for role in ROLES):
        raise NoticeError(Notice(KEYS_EXIST, {"folder": str(keys)}))
    made = []
    for role in ROLES:
        path = keys / f"{role}.pem"
        _write_private(path, CryptoSigner.generate_ed25519().private_bytes)
        made.append(path)
    return made


def _expires(role: str, days: dict[str, float] | None) -> datetime:
    span = (days or {}).get(role, EXPIRY_DAYS[role])
    return (datetime.now(UTC) + timedelta(days=span)).replace(microsecond=0)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # a static folder: the web server's account reads it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _dump(metadata) -> bytes:
    from tuf.api.serialization.json import JSONSerializer

    return metadata.to_bytes(JSONSerializer(compact=False))


class Repository:
    """A published TUF repository folder and the publisher's keys."""

    def __init__(self, folder: Path, keys: Path) -> None:
        self.folder = Path(folder)
        self.keys = Path(keys)
        self.metadata = self.folder / "metadata"
        self.targets_dir = self.folder / "targets"

    def _load(self, name: str):
        from tuf.api.metadata import Metadata

        path = self.metadata / name
        if not path.is_file():
            raise NoticeError(Notice(NO_REPO, {"folder": str(self.folder), "file": name}))
        return Metadata.from_file(str(path))

    @property
    def exists(self) -> bool:
        return (self.metadata / "root.json").is_file()

    def create(self, expires_days: dict[str, float] | None = None) -> None:
        """A new repository: root version 1 naming the four keys, empty targets."""
        from tuf.api.metadata import Metadata, MetaFile, Root, Snapshot, Targets, Timestamp

        root = Root(expires=_expires("root", expires_days))
        for role in ROLES:
            root.add_key(_signer(self.keys, role).public_key, role)
        root_md = Metadata(root)
        root_md.sign(_signer(self.keys, "root"))
        self._write_root(root_md)
        targets = Metadata(Targets(expires=_expires("targets", expires_days)))
        snapshot = Metadata(Snapshot(expires=_expires("snapshot", expires_days)))
        timestamp = Metadata(Timestamp(expires=_expires("timestamp", expires_days)))
        targets.sign(_signer(self.keys, "targets"))
        _atomic_write(self.metadata / "1.targets.json", _dump(targets))
        snapshot.signed.meta["targets.json"] = MetaFile(version=1)
        snapshot.sign(_signer(self.keys, "snapshot"))
        _atomic_write(self.metadata / "1.snapshot.json", _dump(snapshot))
        timestamp.signed.snapshot_meta = MetaFile(version=1)
        timestamp.sign(_signer(self.keys, "timestamp"))
        _atomic_write(self.metadata / "timestamp.json", _dump(timestamp))

    def _write_root(self, root_md) -> None:
        data = _dump(root_md)
        _atomic_write(self.metadata / f"{root_md.signed.version}.root.json", data)
        _atomic_write(self.metadata / "root.json", data)

    def _check_keys(self, root_md) -> None:
        for role in ROLES:
            keyid = _signer(self.keys, role).public_key.keyid
            if keyid not in root_md.signed.roles[role].keyids:
                raise NoticeError(
                    Notice(WRONG_ROOT, {"keys": str(self.keys), "folder": str(self.folder)})
                )

    def current_targets(self):
        timestamp = self._load("timestamp.json")
        snapshot = self._load(f"{timestamp.signed.snapshot_meta.version}.snapshot.json")
        return snapshot, self._load(f"{snapshot.signed.meta['targets.json'].version}.targets.json")

    def bundles(self) -> list[dict]:
        """What the newest publication lists (the `custom` of each bundle target)."""
        _snapshot, targets = self.current_targets()
        return [
            dict(target.custom)
            for path, target in sorted(targets.signed.targets.items())
            if path != INDEX and isinstance(target.custom, dict)
        ]

    def _add_target(self, targets, path: str, data: bytes, custom: dict | None) -> int:
        from tuf.api.metadata import TargetFile

        digest = hashlib.sha256(data).hexdigest()
        folder, _, name = path.rpartition("/")
        stored = self.targets_dir / folder / f"{digest}.{name}"
        if not stored.exists():
            _atomic_write(stored, data)
        target = TargetFile(len(data), {"sha256": digest}, path)
        if custom is not None:
            target.unrecognized_fields["custom"] = custom
        targets.signed.targets[path] = target
        return len(data)

    def publish(
        self,
        items: list[tuple[str, Path, str | None]],
        *,
        expires_days: dict[str, float] | None = None,
    ) -> list[Published]:
        """Check, pack and sign each (kind, folder, id or None) and publish them together."""
        if not self.exists:
            self.create(expires_days)
        root_md = self._load("root.json")
        self._check_keys(root_md)
        snapshot, targets = self.current_targets()
        published = []
        known = {(c.get("kind"), c.get("id")): int(c.get("version", 0)) for c in self.bundles()}
        for kind, folder, given_id in items:
            check_kind(kind)
            bundle_id = given_id or _default_id(kind, folder)
            version = known.get((kind, bundle_id), 0) + 1
            title = check_folder(kind, folder, bundle_id, version)
            data = pack_folder(folder)
            path = f"{kind}/{bundle_id}/{version}.tar"
            for old in [p for p in targets.signed.targets if p.startswith(f"{kind}/{bundle_id}/")]:
                del targets.signed.targets[old]
            custom = {"kind": kind, "id": bundle_id, "version": version, "title": title}
            length = self._add_target(targets, path, data, custom)
            known[(kind, bundle_id)] = version
            published.append(Published(kind, bundle_id, version, path, length))
        index = [
            {**target.custom, "path": path}
            for path, target in sorted(targets.signed.targets.items())
            if path != INDEX and isinstance(target.custom, dict)
        ]
        self._add_target(
            targets, INDEX, json.dumps({"bundles": index}, ensure_ascii=False).encode(), None
        )
        self._sign_chain(snapshot, targets, expires_days)
        return published

    def _sign_chain(self, snapshot, targets, expires_days) -> None:
        """Bump and sign targets, snapshot and timestamp, written in that order."""
        from tuf.api.metadata import Metadata, MetaFile, Timestamp

        targets.signed.version += 1
        targets.signed.expires = _expires("targets", expires_days)
        targets.signatures.clear()
        targets.sign(_signer(self.keys, "targets"))
        _atomic_write(self.metadata / f"{targets.signed.version}.targets.json", _dump(targets))
        snapshot.signed.version += 1
        snapshot.signed.expires = _expires("snapshot", expires_days)
        snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        snapshot.signatures.clear()
        snapshot.sign(_signer(self.keys, "snapshot"))
        _atomic_write(self.metadata / f"{snapshot.signed.version}.snapshot.json", _dump(snapshot))
        old = self._load("timestamp.json")
        timestamp = Metadata(
            Timestamp(
                version=old.signed.version + 1,
                expires=_expires("timestamp", expires_days),
                snapshot_meta=MetaFile(version=snapshot.signed.version),
            )
        )
        timestamp.sign(_signer(self.keys, "timestamp"))
        _atomic_write(self.metadata / "timestamp.json", _dump(timestamp))

    def rotate(self, role: str, *, expires_days: dict[str, float] | None = None) -> int:
        """Replace `role`'s key with a new one; returns the new root version. The old key file
        is kept as `<role>.pem.<root version>.old` (for the record; it signs nothing now)."""
        from securesystemslib.signer import CryptoSigner

        if role not in ROLES:
            raise NoticeError(
                Notice(
                    N_("“{role}” is not a role; use one of: {roles}."),
                    {"role": role, "roles": ", ".join(ROLES)},
                )
            )
        root_md = self._load("root.json")
        self._check_keys(root_md)
        old_signer = _signer(self.keys, role)
        old_root_signer = _signer(self.keys, "root")
        new_signer = CryptoSigner.generate_ed25519()
        root = root_md.signed
        root.revoke_key(old_signer.public_key.keyid, role)
        root.add_key(new_signer.public_key, role)
        root.version += 1
        root.expires = _expires("root", expires_days)
        root_md.signatures.clear()
        # The new root must be signed by the old root keys (the kiosks trust them) and the new.
        root_md.sign(old_root_signer, append=True)
        if role == "root":
            root_md.sign(new_signer, append=True)
        key_file = self.keys / f"{role}.pem"
        os.replace(key_file, self.keys / f"{role}.pem.{root.version - 1}.old")
        _write_private(key_file, new_signer.private_bytes)
        self._write_root(root_md)
        # Re-sign the rest with the keys now in force, so kiosks can refresh at once.
        snapshot, targets = self.current_targets()
        self._sign_chain(snapshot, targets, expires_days)
        return root.version


def _default_id(kind: str, folder: Path) -> str:
    if kind == "lessons":
        try:
            data = json.loads((folder / "pack.json").read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                return data["id"]
        except (OSError, ValueError):
            pass
    return folder.resolve().name


def pack_folder(folder: Path) -> bytes:
    """A tar of `folder`'s regular files and folders, the same bytes for the same content."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for directory, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                full = Path(directory) / name
                if full.is_symlink() or not full.is_file() or name.startswith(".tmp-"):
                    continue
                relative = full.relative_to(folder).as_posix()
                info = tarfile.TarInfo(relative)
                info.size = full.stat().st_size
                info.mode = 0o644
                with full.open("rb") as source:
                    tar.addfile(info, source)
    return buffer.getvalue()
