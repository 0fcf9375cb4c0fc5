"""Helpers for GUI tests: build the real kiosk window, speaking through its own speaker.

The kiosk is built as `kiosk` builds it: its `DeferredSpeaker` gets the production
`EngineSpeaker` (speech cache in the data dir) over a fake engine, and every utterance asked
of it is recorded for `spoken()`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.app import Kiosk, build
from kiosk.services.speech.base import Utterance
from tests.fake_engine import FakeEngine, heard, history, quick_engine, record


def build_kiosk(qtbot, language: str = "fa", size: tuple[int, int] = (1280, 800)) -> Kiosk:
    """The kiosk as `kiosk --windowed` builds it, shown at `size`, speech recorded."""
    args = argparse.Namespace(language=language, windowed=True, exit_when_ready=False)
    kiosk = build(args, engine=quick_engine())
    record(kiosk.speaker)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(*size)
    kiosk.window.show()
    qtbot.waitExposed(kiosk.window)
    # Both normally on the first painted frame (which may come later than the window's exposure).
    kiosk.attach_speech()
    kiosk.finish_start()
    return kiosk


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    """Every button a person can see under `root`."""
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def laid_out(root: QWidget, timeout: float = 10.0) -> None:
    """Wait until nothing under `root` moves while the event loop turns: its layouts settled,
    as a person sees it (a page shown or a text size changed is laid out a level at a time,
    each level's new size asking the one around it to lay out again). Not a fixed sleep."""
    deadline = time.monotonic() + timeout
    last: list | None = None
    while True:
        for _ in range(4):
            QApplication.processEvents()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        now = [(w, w.geometry()) for w in root.findChildren(QWidget) if w.isVisible()]
        if now == last:
            return
        assert time.monotonic() < deadline, f"{root.objectName()} still moving after {timeout} s"
        last = now


def save_screenshot(widget: QWidget, folder: Path, name: str) -> Path:
    """Grab `widget` as a PNG for people to look at, once its layouts settled."""
    laid_out(widget)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def utterances(kiosk: Kiosk) -> list[Utterance]:
    """Every utterance the kiosk has asked its speaker for so far, in order."""
    return history(kiosk.speaker)


def spoken(kiosk: Kiosk) -> list[str]:
    """The texts the kiosk has asked to speak so far."""
    return [u.text for u in utterances(kiosk)]


def played(kiosk: Kiosk) -> list[str]:
    """The texts whose audio has started to play (so synthesized, and cached if they may be)."""
    return heard(kiosk.speaker)


def engine(kiosk: Kiosk) -> FakeEngine:
    """The fake engine behind the kiosk's speaker: `engine(kiosk).said()` is what it synthesized."""
    assert isinstance(kiosk.speech_engine, FakeEngine)
    return kiosk.speech_engine
