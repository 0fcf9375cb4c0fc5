"""Logging to stderr and a rotating file in the data dir. Never log what a citizen typed or saw."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path | None, level: int = logging.INFO) -> None:
    """Send log records to stderr and, if given, to `<data_dir>/logs/kiosk.log` (rotated)."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if data_dir is not None:
        try:
            (data_dir / "logs").mkdir(parents=True, exist_ok=True)
            handlers.append(
                logging.handlers.RotatingFileHandler(
                    data_dir / "logs" / "kiosk.log",
                    maxBytes=1_000_000,
                    backupCount=3,
                    encoding="utf-8",
                )
            )
        except OSError as error:
            logging.getLogger(__name__).warning("no log file: %s", error)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
