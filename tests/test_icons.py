"""Issue 14: a pictogram or pack picture that cannot be shown is a named fault and a
placeholder drawing, never a crash, a hang or an empty space."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage

from kiosk.ui import icons

SIDE = 64


@pytest.fixture
def pictograms(tmp_path, monkeypatch, qapp):
    folder = tmp_path / "pictograms"
    folder.mkdir()
    monkeypatch.setattr(icons, "PICTOGRAMS", folder)
    icons.forget()
    yield folder
    icons.forget()


def image(name: str):
    return icons.pixmap(name, SIDE).toImage()


def placeholder():
    return icons._fallback().pixmap(QSize(SIDE, SIDE)).toImage()


def png(width: int, height: int) -> bytes:
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(0x336699)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert picture.save(buffer, "PNG")
    return bytes(data)


GOOD = (icons.PICTOGRAMS / "help.svg").read_bytes()


def test_a_good_pictogram_is_drawn_from_its_file(pictograms):
    (pictograms / "help.svg").write_bytes(GOOD)
    drawn = image("help")
    assert not drawn.isNull() and drawn != placeholder()
    assert icons.faults() == {}


@pytest.mark.parametrize(
    "damage",
    ["missing", "huge", "not svg", "malformed", "empty", "link out", "dev zero", "fifo", "folder"],
)
def test_a_pictogram_that_cannot_be_shown_is_a_named_fault_and_a_placeholder(
    pictograms, tmp_path, damage
):
    path = pictograms / "broken.svg"
    if damage == "huge":
        path.write_bytes(GOOD[:-7] + b"<!--" + b"x" * (6 * 1024 * 1024) + b"--></svg>")
    elif damage == "not svg":
        path.write_bytes(png(8, 8))
    elif damage == "malformed":
        path.write_bytes(GOOD[: len(GOOD) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "link out":
        outside = tmp_path / "outside.svg"
        outside.write_bytes(GOOD)
        path.symlink_to(outside)
    elif damage == "dev zero":
        path.symlink_to("/dev/zero")
    elif damage == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif damage == "folder":
        path.mkdir()
    drawn = image("broken")
    assert drawn == placeholder() and not drawn.isNull()
    fault = icons.faults()["broken"]
    assert str(path) in fault.text() and len(fault.text()) < 400
    assert (
        icons.icon("broken").pixmap(QSize(32, 32)).toImage()
        == icons._fallback().pixmap(QSize(32, 32)).toImage()
    )


def test_pack_pictures_stay_inside_their_pack_and_photos_are_bounded(pictograms, tmp_path):
    pack = tmp_path / "packs" / "sample"
    (pack / "media").mkdir(parents=True)
    (pack / "pack.json").write_text("{}")
    (pack / "media" / "ok.png").write_bytes(png(40, 30))
    (pack / "media" / "ok.svg").write_bytes(GOOD)
    # A link to another file of the same pack is fine; one leading out of the pack is not.
    (pack / "media" / "same.svg").symlink_to(pack / "media" / "ok.svg")
    outside = tmp_path / "secret.svg"
    outside.write_bytes(GOOD)
    (pack / "media" / "out.svg").symlink_to(outside)
    (pack / "media" / "giant.png").write_bytes(png(5000, 10))
    (pack / "media" / "fake.png").write_bytes(b"not a picture at all")
    for good in ("ok.png", "ok.svg", "same.svg"):
        drawn = image(str(pack / "media" / good))
        assert not drawn.isNull() and drawn != placeholder(), good
    for bad in ("out.svg", "giant.png", "fake.png"):
        assert image(str(pack / "media" / bad)) == placeholder(), bad
        assert str(pack / "media" / bad) in icons.faults()[str(pack / "media" / bad)].text()
    assert "5000" in icons.faults()[str(pack / "media" / "giant.png")].text()
    assert len(icons.faults()) == 3


def test_no_name_is_no_picture_and_no_fault(pictograms):
    assert icons.icon("").isNull()
    assert icons.faults() == {}
