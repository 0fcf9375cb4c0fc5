"""Logging to stderr and a file in the data dir. Never log what a citizen typed or saw."""

from __future__ import annotations

import logging
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
KEEP = 3


def _rotate(path: Path) -> None:
    """At start-up, shift kiosk.log to kiosk.log.1 … when it has grown past MAX_BYTES."""
    if not path.exists() or path.stat().st_size < MAX_BYTES:
        return
    for index in range(KEEP - 1, 0, -1):
        older = path.with_name(f"{path.name}.{index}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{index + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def configure_logging(data_dir: Path | None, level: int = logging.INFO) -> None:
    """Send log records to stderr and, if given, to `<data_dir>/logs/kiosk.log`.

    The file is rotated at start-up rather than by logging.handlers, whose import
    (sockets, queues) costs more start-up time than the kiosk can spare.
    """
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if data_dir is not None:
        path = data_dir / "logs" / "kiosk.log"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _rotate(path)
            handlers.append(logging.FileHandler(path, encoding="utf-8"))
        except OSError as error:
            logging.getLogger(__name__).warning("no log file: %s", error)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
