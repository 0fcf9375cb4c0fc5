"""The one icon loader: SVG pictograms from assets/pictograms (and the pictograms and photos
lesson packs name), rendered once per size and cached.

The loader's boundary (issue 14): a file is read only through `kiosk.services.files` (a regular
file inside its folder, the bundled pictograms' or its pack's, within `MAX_MEDIA_BYTES`), then
checked by Qt from the bytes read: an SVG must parse, a photo must decode within
`MAX_IMAGE_SIDE`. A missing, huge, malformed or linked-out file, or one of the wrong kind,
becomes a fault naming the file (logged once, listed by `faults()`) and the fallback drawing:
never a crash, a hang or an empty space where a picture was promised.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import (
    QIcon,
    QIconEngine,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.limits import MAX_IMAGE_SIDE, MAX_MEDIA_BYTES, LimitError
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.services.files import read_bytes
from kiosk.ui.guard import guarded

log = logging.getLogger(__name__)

PICTOGRAMS = Path(__file__).resolve().parents[2] / "assets" / "pictograms"

# Drawn instead of a picture that cannot be shown: a framed picture crossed out, in the white
# the pictograms use (tiles are coloured), readable at any size without text.
FALLBACK_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">
<g fill="none" stroke="#FFFFFF" stroke-width="5" stroke-linejoin="round" stroke-linecap="round">
<rect x="12" y="18" width="72" height="60" rx="6"/><path d="M22 68 L40 46 L52 60 L60 52 L74 68"/>
<circle cx="64" cy="34" r="6"/><path d="M8 88 L88 8"/></g></svg>"""

_faults: dict[str, Notice] = {}


class _SvgEngine(QIconEngine):
    """An icon drawn from SVG bytes already read and checked (never from the file again)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data
        self.renderer = QSvgRenderer(QByteArray(data))

    @guarded
    def paint(self, painter: QPainter, rect: QRect, _mode, _state) -> None:
        # Keep the drawing's proportions, centred in `rect`, as Qt's own SVG icon engine does
        # (QIconEngine's own pixmap() paints here into a transparent pixmap).
        wanted = self.renderer.defaultSize()
        if wanted.isValid() and not wanted.isEmpty():
            wanted = wanted.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, wanted.width(), wanted.height())
            target.moveCenter(rect.center())
            rect = target
        self.renderer.render(painter, rect)

    @guarded(fallback=None)  # QPixmap() cannot be made before the application: see below
    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        try:
            image = QPixmap(size)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            return image
        except Exception:  # Qt must get a pixmap back, never None
            log.exception("icons: a picture could not be drawn")
            return QPixmap()

    @guarded(fallback=None)
    def clone(self) -> QIconEngine:
        return _SvgEngine(self.data)


def _pack_root(path: Path) -> Path:
    """The lesson pack folder `path` is in (the nearest folder up with a pack.json), else the
    file's own folder: a picture may not lead out of it."""
    for parent in path.parents:
        if (parent / "pack.json").is_file():
            return parent
    return path.parent


def _fault(name: str, path: Path, reason: Notice) -> QIcon:
    notice = Notice(
        N_("The picture {path} cannot be shown: {reason}. A placeholder is drawn instead."),
        {"path": str(path), "reason": reason},
    )
    if name not in _faults:
        _faults[name] = notice
        log.warning("%s", notice.english())
    return _fallback()


@cache
def _fallback() -> QIcon:
    return QIcon(_SvgEngine(FALLBACK_SVG))


def load_icon(path: Path, root: Path, name: str | None = None) -> QIcon:
    """The picture at `path` (inside `root`) as an icon, or the fallback drawing with a fault
    recorded under `name`: whatever is on disk, nothing else happens."""
    name = name or str(path)
    try:
        data = read_bytes(path, root, MAX_MEDIA_BYTES)
    except LimitError as error:
        return _fault(name, path, error.notice)
    try:
        return _decode(name, path, data)
    except Exception as error:  # the boundary: no failure of Qt's decoders escapes
        log.exception("icons: %s could not be decoded", path)
        return _fault(
            name,
            path,
            Notice(N_("it could not be read ({reason})"), {"reason": type(error).__name__}),
        )


def _decode(name: str, path: Path, data: bytes) -> QIcon:
    if path.suffix.lower() == ".svg":
        engine = _SvgEngine(data)
        if not engine.renderer.isValid() or engine.renderer.defaultSize().isEmpty():
            return _fault(name, path, Notice(N_("it is not a valid SVG drawing")))
        return QIcon(engine)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not reader.canRead() or not size.isValid():
        return _fault(
            name, path, Notice(N_("it is not a picture the kiosk can show (SVG, PNG or JPEG)"))
        )
    if max(size.width(), size.height()) > MAX_IMAGE_SIDE:
        notice = Notice(
            N_("it is {width}×{height} pixels; at most {limit} on a side is allowed"),
            {"width": size.width(), "height": size.height(), "limit": MAX_IMAGE_SIDE},
        )
        return _fault(name, path, notice)
    image: QImage = reader.read()
    if image.isNull():
        return _fault(
            name, path, Notice(N_("it is not a picture the kiosk can show (SVG, PNG or JPEG)"))
        )
    return QIcon(QPixmap.fromImage(image))


@cache
def icon(name: str) -> QIcon:
    """The pictogram `name` (file name without .svg, or a path to an image file, as lesson
    packs give) as an icon; the fallback drawing if it cannot be shown (see `faults`), an
    empty icon for no name."""
    if not name:
        return QIcon()
    if "/" in name:
        path = Path(name)
        return load_icon(path, _pack_root(path), name)
    return load_icon(PICTOGRAMS / f"{name}.svg", PICTOGRAMS, name)


@cache
def pixmap(name: str, size: int, mirrored: bool = False) -> QPixmap:
    """The pictogram at `size` px, mirrored left-right when asked (arrows in right-to-left)."""
    image = icon(name).pixmap(QSize(size, size))
    if mirrored and not image.isNull():
        image = image.transformed(
            QTransform().scale(-1, 1), Qt.TransformationMode.SmoothTransformation
        )
    return image


def faults() -> dict[str, Notice]:
    """The pictures that could not be shown so far (name or path → why), for staff."""
    return dict(_faults)


def forget() -> None:
    """Drop every cached icon and fault (a pack was replaced; tests)."""
    icon.cache_clear()
    pixmap.cache_clear()
    _faults.clear()
