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


def safe_traceback(error: BaseException) -> str:
    """A traceback that names the code, never the data: file, line, function and source line
    of each frame, and the exception's type — not its message, which may quote what a citizen
    typed (``int('0912…')`` puts the number in the message). Privacy rules in DESIGN.md."""
    import traceback

    lines = ["Traceback (most recent call last):"]
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for index, link in enumerate(reversed(chain)):
        if index:
            lines.append("During handling of the above exception, another exception occurred:")
        for frame in traceback.extract_tb(link.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        kind = type(link)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message withheld)")
    return "\n".join(lines)


CRASH_LOG = "crash.log"
_crash_file = None


def enable_crash_log(data_dir: Path | None) -> Path | None:
    """Have `faulthandler` write the Python stacks of a fatal signal (segfault, abort) to
    `<data_dir>/logs/crash.log`, which a crash otherwise takes with it. Stacks only: frames
    name code, never values."""
    import faulthandler
    import os
    import time

    global _crash_file
    if data_dir is None:
        faulthandler.enable()
        return None
    path = data_dir / "logs" / CRASH_LOG
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    except OSError as error:
        logging.getLogger(__name__).warning("no crash log: %s", error)
        faulthandler.enable()
        return None
    # Written before any crash, so a crash's stacks follow the start they belong to.
    handle.write(f"== kiosk pid {os.getpid()} started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    handle.flush()
    faulthandler.enable(file=handle, all_threads=True)
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = handle
    return path
