"""The one icon loader: SVG pictograms from assets/pictograms, rendered once per size and cached."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QTransform

PICTOGRAMS = Path(__file__).resolve().parents[2] / "assets" / "pictograms"


@cache
def icon(name: str) -> QIcon:
    """The pictogram `name` (file name without .svg, or a path to an image file, as lesson
    packs give) as an icon; empty if the file is missing."""
    path = Path(name) if "/" in name else PICTOGRAMS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


@cache
def pixmap(name: str, size: int, mirrored: bool = False) -> QPixmap:
    """The pictogram at `size` px, mirrored left-right when asked (arrows in right-to-left)."""
    image = icon(name).pixmap(QSize(size, size))
    if mirrored and not image.isNull():
        image = image.transformed(
            QTransform().scale(-1, 1), Qt.TransformationMode.SmoothTransformation
        )
    return image
