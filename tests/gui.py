"""Helpers for GUI tests: build the real kiosk window with a recording speaker."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.app import Kiosk, build
from kiosk.services.speech.base import LoggingSpeaker


def build_kiosk(qtbot, language: str = "fa", size: tuple[int, int] = (1280, 800)) -> Kiosk:
    """The kiosk as `kiosk --windowed` builds it, shown at `size`, speech recorded."""
    args = argparse.Namespace(language=language, windowed=True, exit_when_ready=False)
    kiosk = build(args, speaker=LoggingSpeaker())
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(*size)
    kiosk.window.show()
    qtbot.waitExposed(kiosk.window)
    kiosk.finish_start()  # normally on the first painted frame
    return kiosk


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    """Every button a person can see under `root`."""
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def save_screenshot(widget: QWidget, folder: Path, name: str) -> Path:
    """Grab `widget` as a PNG for people to look at."""
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def spoken(kiosk: Kiosk) -> list[str]:
    """The texts the kiosk has asked to speak so far."""
    assert isinstance(kiosk.speaker, LoggingSpeaker)
    return [u.text for u in kiosk.speaker.history]
