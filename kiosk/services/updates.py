"""Content updates on a kiosk: find, verify and install signed bundles from a mirror or USB stick.

The kiosk trusts one TUF root (`trust`, from the publisher's `metadata/root.json`), kept with the
metadata it has verified since in `<data dir>/updates/metadata`. `check` refreshes that metadata
through TUF's ngclient (signatures, thresholds, versions never going back, expiry) from an
HTTP(S) mirror, fetched with `requests`, or from a folder (a USB stick), and lists the bundles
newer than those installed. `install` downloads each chosen bundle, which ngclient verifies
against its signed length and hash, and installs it (kiosk.services.content_install: staging
folder, then one rename). Every refusal is a NoticeError in the operator's language saying
what, where and how to fix it; the installed content is untouched by any of them.

Slow (network, USB, hashing, unpacking): call from a worker (kiosk.services.background).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.content import Installed, installed
from kiosk.services.content_install import install_bundle

log = logging.getLogger(__name__)

UPDATES = "updates"  # folder in the data dir
INDEX = "index.json"
TIMEOUT = 30.0  # seconds without a byte before a mirror is given up
MAX_REDIRECTS = 5

NOT_TRUSTED = N_(
    "This kiosk trusts no update publisher yet. On the kiosk machine run “kiosk content trust "
    "ROOT.json” with the root.json your publisher gives you."
)
BAD_ROOT = N_("{file} is not a TUF root metadata file signed by its own keys: {reason}")
EXPIRED = N_(
    "The updates at {source} have expired (their signed metadata is out of date). Nothing was "
    "installed. Ask the publisher to publish again, or use a newer copy of the updates."
)
ROLLBACK = N_(
    "The updates at {source} are older than those this kiosk has already seen. Nothing was "
    "installed. Use the newest copy of the updates."
)
TAMPERED = N_(
    "The updates at {source} are not signed by the publisher this kiosk trusts (changed or "
    "forged). Nothing was installed. Tell the publisher, and use another copy of the updates."
)
DAMAGED = N_(
    "A file at {source} does not match its signature (damaged, cut short or changed). Nothing "
    "was installed. Copy the updates again and retry."
)
NOT_UPDATES = N_(
    "{source} did not answer with update files (perhaps a web page instead). Nothing was "
    "installed. Check the address of the update mirror."
)
NOT_FOUND = N_(
    "{source} has no updates (the server answered {status} for {file}). Nothing was installed. "
    "Check the address of the update mirror."
)
REDIRECTS = N_(
    "{source} sends the kiosk round in a loop of redirects. Nothing was installed. Check the "
    "address of the update mirror."
)
TIMED_OUT = N_(
    "{source} did not answer in time. Nothing was installed. Check the network and try again later."
)
UNREACHABLE = N_(
    "{source} cannot be reached ({reason}). Nothing was installed. Check the network and the "
    "address of the update mirror, then try again."
)
UNREADABLE = N_(
    "The updates at {source} could not be read ({reason}). Nothing was installed. Check that "
    "the USB stick is plugged in, and try again."
)
NO_SOURCE = N_(
    "No updates were found: set the update mirror's address in Settings, or plug in a USB "
    "stick with the published updates folder on it."
)
DISK_FULL = N_(
    "There is not enough disk space to download the updates. Nothing was installed. Free "
    "some space in {folder} and try again."
)


@dataclass(frozen=True)
class Offer:
    """A bundle the source has that is newer than the installed one (or not installed)."""

    kind: str
    id: str
    version: int
    installed: int | None
    path: str  # the target path
    length: int
    title: dict[str, str] | None = None


@dataclass(frozen=True)
class Source:
    """Where updates come from: an http(s) mirror or a folder (a USB stick)."""

    location: str

    @property
    def is_folder(self) -> bool:
        return "://" not in self.location

    @property
    def base_url(self) -> str:
        if self.is_folder:
            return Path(os.path.abspath(self.location)).as_uri() + "/"
        return self.location.rstrip("/") + "/"


def updates_dir(data_dir: Path) -> Path:
    return Path(data_dir) / UPDATES


def metadata_dir(data_dir: Path) -> Path:
    return updates_dir(data_dir) / "metadata"


def is_trusted(data_dir: Path) -> bool:
    return (metadata_dir(data_dir) / "root.json").is_file()


def trust(data_dir: Path, root_file: Path) -> int:
    """Make `root_file` (the publisher's root.json) this kiosk's trust anchor; its version.

    Replaces any trusted metadata: run it once per kiosk, or when changing publisher."""
    from tuf.api.metadata import Metadata, Root

    try:
        data = root_file.read_bytes()
        root = Metadata[Root].from_bytes(data)
        root.verify_delegate(Root.type, root)
    except Exception as error:  # any fault of the file: it is refused, with what was wrong
        raise NoticeError(
            Notice(BAD_ROOT, {"file": str(root_file), "reason": type(error).__name__})
        ) from None
    folder = metadata_dir(data_dir)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "root.json").write_bytes(data)
    return root.signed.version


def _fetcher(source: Source, timeout: float, progress: Callable[[int], None] | None):
    from tuf.ngclient.fetcher import FetcherInterface

    class FolderFetcher(FetcherInterface):
        """Reads the published folder (a USB stick) as if it were a mirror."""

        def _fetch(self, url: str) -> Iterator[bytes]:
            path = unquote(urlparse(url).path)
            try:
                stream = open(path, "rb")  # noqa: SIM115 (closed by the generator)
            except FileNotFoundError:
                from tuf.api.exceptions import DownloadHTTPError

                raise DownloadHTTPError(f"{path} missing", 404) from None
            return self._chunks(stream)

        def _chunks(self, stream) -> Iterator[bytes]:
            with stream:
                while chunk := stream.read(1 << 20):
                    if progress is not None:
                        progress(len(chunk))
                    yield chunk

    if source.is_folder:
        return FolderFetcher()
    from tuf.ngclient.requests_fetcher import RequestsFetcher

    class MirrorFetcher(RequestsFetcher):
        """`requests` with a time limit for every wait and a bounded number of redirects."""

        def _get_session(self, url: str):
            session = super()._get_session(url)
            session.max_redirects = MAX_REDIRECTS
            return session

        def _chunks(self, response) -> Iterator[bytes]:
            for chunk in super()._chunks(response):
                if progress is not None:
                    progress(len(chunk))
                yield chunk

    fetcher = MirrorFetcher(app_user_agent="kiosk-updates")
    fetcher.socket_timeout = timeout  # type: ignore[assignment]
    return fetcher


class Updater:
    """One check-and-install against one source (a fresh TUF updater each time)."""

    def __init__(
        self,
        data_dir: Path,
        source: Source,
        *,
        timeout: float = TIMEOUT,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.source = source
        if not is_trusted(self.data_dir):
            raise NoticeError(Notice(NOT_TRUSTED, severity="error"))
        from tuf.ngclient import Updater as TufUpdater

        self.downloads = updates_dir(self.data_dir) / "downloads"
        self.downloads.mkdir(parents=True, exist_ok=True)
        self.tuf = TufUpdater(
            metadata_dir=str(metadata_dir(self.data_dir)),
            metadata_base_url=source.base_url + "metadata/",
            target_dir=str(self.downloads),
            target_base_url=source.base_url + "targets/",
            fetcher=_fetcher(source, timeout, progress),
            bootstrap=None,
        )

    def _guard(self, work: Callable[[], object]):
        try:
            return work()
        except NoticeError:
            raise
        except Exception as error:
            raise NoticeError(describe(error, self.source, self.data_dir)) from error

    def check(self) -> list[Offer]:
        """Refresh the signed metadata and list the bundles newer than those installed."""
        return self._guard(self._check)  # type: ignore[return-value]

    def _check(self) -> list[Offer]:
        self.tuf.refresh()
        index = self.tuf.get_targetinfo(INDEX)
        if index is None:
            return []
        path = self.tuf.download_target(index, str(self.downloads / INDEX))
        entries = json.loads(Path(path).read_text(encoding="utf-8")).get("bundles", [])
        have = {(b.kind, b.id): b.version for b in installed(self.data_dir)}
        offers = []
        for entry in entries:
            info = self.tuf.get_targetinfo(entry["path"])
            if info is None or not isinstance(info.custom, dict):
                continue
            custom = info.custom  # the signed target's own kind, id and version
            kind, bundle_id, version = custom["kind"], custom["id"], int(custom["version"])
            now = have.get((kind, bundle_id))
            if now is not None and version <= now:
                continue
            offers.append(
                Offer(kind, bundle_id, version, now, info.path, info.length, custom.get("title"))
            )
        return offers

    def install(self, offer: Offer) -> Installed:
        """Download `offer`'s bundle (verified against its signed length and hash) and install
        it. Refuses a bundle older than the installed one."""
        return self._guard(lambda: self._install(offer))  # type: ignore[return-value]

    def _install(self, offer: Offer) -> Installed:
        info = self.tuf.get_targetinfo(offer.path)
        if info is None or not isinstance(info.custom, dict):
            raise NoticeError(Notice(TAMPERED, {"source": self.source.location}))
        version = int(info.custom["version"])
        fd, temporary = tempfile.mkstemp(dir=self.downloads, suffix=".tar")
        os.close(fd)
        try:
            self.tuf.download_target(info, temporary)
            return install_bundle(
                self.data_dir,
                str(info.custom["kind"]),
                str(info.custom["id"]),
                version,
                Path(temporary),
            )
        finally:
            Path(temporary).unlink(missing_ok=True)


def describe(error: BaseException, source: Source, data_dir: Path) -> Notice:
    """What to tell the operator about a failed check or install."""
    from tuf.api import exceptions as tuf_errors

    where = {"source": source.location}
    if isinstance(error, tuf_errors.ExpiredMetadataError):
        return Notice(EXPIRED, where, severity="error")
    if isinstance(error, tuf_errors.BadVersionNumberError):
        return Notice(ROLLBACK, where, severity="error")
    if isinstance(error, tuf_errors.UnsignedMetadataError):
        return Notice(TAMPERED, where, severity="error")
    if isinstance(
        error, tuf_errors.LengthOrHashMismatchError | tuf_errors.DownloadLengthMismatchError
    ):
        return Notice(DAMAGED, where, severity="error")
    if isinstance(error, tuf_errors.DownloadHTTPError):
        if source.is_folder:
            return Notice(UNREADABLE, {**where, "reason": "missing"}, severity="error")
        return Notice(
            NOT_FOUND,
            {**where, "status": error.status_code, "file": "metadata"},
            severity="error",
        )
    if isinstance(error, tuf_errors.SlowRetrievalError):
        return Notice(TIMED_OUT, where, severity="error")
    if isinstance(error, tuf_errors.RepositoryError):  # HTML, garbage, metadata that breaks rules
        return Notice(NOT_UPDATES, where, severity="error")
    if isinstance(error, tuf_errors.DownloadError):
        cause = error.__cause__
        import requests

        if isinstance(cause, requests.TooManyRedirects):
            return Notice(REDIRECTS, where, severity="error")
        if isinstance(cause, requests.Timeout):
            return Notice(TIMED_OUT, where, severity="error")
        if isinstance(cause, OSError) and source.is_folder:
            reason = cause.strerror or type(cause).__name__
            return Notice(UNREADABLE, {**where, "reason": reason}, severity="error")
        return Notice(
            UNREACHABLE, {**where, "reason": type(cause or error).__name__}, severity="error"
        )
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return Notice(DISK_FULL, {"folder": str(data_dir)}, severity="error")
        return Notice(
            UNREADABLE, {**where, "reason": error.strerror or type(error).__name__}, "error"
        )
    if isinstance(error, ValueError | KeyError | TypeError):  # an index.json that is no index
        return Notice(NOT_UPDATES, where, severity="error")
    raise error


def find_usb(roots: list[Path] | None = None) -> Path | None:
    """The first published updates folder (one with metadata/timestamp.json) on a mounted stick:
    the mount point itself or a folder up to two levels below it."""
    if roots is None:
        listed = os.environ.get("KIOSK_MEDIA_ROOTS", "/media:/run/media:/mnt")
        roots = [Path(p) for p in listed.split(":") if p]
    for root in roots:
        for depth in ("", "*", "*/*", "*/*/*"):
            for candidate in sorted(root.glob(depth)) if depth else [root]:
                try:
                    if (candidate / "metadata" / "timestamp.json").is_file():
                        return candidate
                except OSError:
                    continue
    return None
