"""A citizen's made-up values, planted by tests that then look for them on disk: fresh each
call (secrets), so a hit can only come from this run, and valid where the practice portal and
gateway check them; and the files to look in (`files_read`)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path


def national_id() -> str:
    """A fresh 10-digit national ID with a correct check digit (the portal checks it)."""
    while True:
        body = "".join(secrets.choice("0123456789") for _ in range(9))
        total = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
        code = body + str(total if total < 2 else 11 - total)
        if len(set(code)) > 1:
            return code


def card_number() -> str:
    """A fresh 16-digit card number passing the Luhn check (the gateway takes any such card)."""
    body = "6" + "".join(secrets.choice("0123456789") for _ in range(14))
    total = 0
    for index, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


def mobile() -> str:
    return "09" + "".join(secrets.choice("0123456789") for _ in range(9))


def files_read(
    places: Iterable[Path], since: float, max_bytes: int, skip: Iterable[Path] = ()
) -> Iterator[tuple[Path, bytes]]:
    """(path, raw bytes) of every regular file under `places` (a place may be a file) changed
    since `since` and at most `max_bytes` long, each once; links and `skip` left out. os.walk, not
    rglob, and OSError passed over: other programs' files in /tmp or /dev/shm come and go
    during the walk."""
    skipped = set(skip)  # grows with each file read: places may overlap (/tmp holds tmp_path)
    for place in places:
        paths = (
            [place]
            if place.is_file()
            else (Path(root) / name for root, _dirs, files in os.walk(place) for name in files)
        )
        for path in paths:
            try:
                if path in skipped or path.is_symlink() or not path.is_file():
                    continue
                info = path.stat()
                if info.st_mtime < since or info.st_size > max_bytes:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            skipped.add(path)
            yield path, data
