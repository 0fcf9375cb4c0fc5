"""Write the pins of the venv into two files (`make lock`):

* requirements.lock: what the kiosk and its tests need (kiosk + the `test` extra);
* requirements-package.txt: what only building the bundle needs (the `package` extra:
  PyInstaller and what it alone pulls in), installed by `make package` on top of the first.

A package both need stays in requirements.lock. Run with the venv's Python after
`pip install -e '.[test,package]'`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(name: str, extras: set[str]) -> set[str]:
    """`name` and every distribution it needs (with `extras`), as installed here."""
    seen: set[str] = set()
    done: set[tuple[str, frozenset[str]]] = set()
    todo = [(name, frozenset(extras))]
    while todo:
        dist, wanted = todo.pop()
        if (canonical(dist), wanted) in done:
            continue
        done.add((canonical(dist), wanted))
        seen.add(canonical(dist))
        try:
            requires = metadata.requires(dist) or []
        except metadata.PackageNotFoundError:
            continue
        # A requirement counts if its marker holds without an extra or with a wanted one.
        envs = [{"extra": extra} for extra in (*wanted, "")]
        for line in requires:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, frozenset(req.extras)))
    return seen


def main() -> int:
    freeze = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "freeze",
            "--exclude-editable",
            "--disable-pip-version-check",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    kiosk = closure("kiosk", {"test"})
    package_only = closure("kiosk", {"test", "package"}) - kiosk
    main_lines, package_lines = [], []
    for line in sorted(freeze, key=str.lower):
        name = canonical(line.split("==")[0])
        (package_lines if name in package_only else main_lines).append(line)
    (ROOT / "requirements.lock").write_text("\n".join(main_lines) + "\n")
    header = "# Only for `make package` (PyInstaller); written by `make lock`.\n"
    (ROOT / "requirements-package.txt").write_text(header + "\n".join(package_lines) + "\n")
    print(f"requirements.lock: {len(main_lines)} pins; requirements-package.txt: {package_lines}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
