"""The Debian packages the bundle needs, for the .deb's `Depends:` (packaging/build.sh).

Found the way tools/system-deps.sh finds what a source checkout lacks, on the bundle instead of
the venv: every shared library an ELF file of the bundle links (`ldd`) that the bundle does not
ship itself is a system library, and the package that owns it (`dpkg -S`, or the soname rule
of kiosk/core/system_packages.py where dpkg does not know the file) is a dependency. Plus what
`ldd` cannot see, as in system-deps.sh: the libraries Qt dlopens (libxcb-cursor, libpulse),
and the programs of the kiosk session (cage, and Xwayland, without which Debian's cage 0.1.4
refuses to start).

Usage: python packaging/depends.py BUNDLE_DIR  -> one line, "pkg, pkg, ..."
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.core.system_packages import XCB_CURSOR, package_for  # noqa: E402

# Loaded with dlopen at run time, so ldd cannot see them (as in tools/system-deps.sh).
DLOPENED = (XCB_CURSOR, "libpulse.so.0")
# The kiosk session (packaging/session): the compositor, and the X server cage starts.
SESSION = ("cage", "xwayland")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == b"\x7fELF"
    except OSError:
        return False


def system_libraries(bundle: Path) -> tuple[dict[str, str], set[str]]:
    """{soname: path} of the system libraries the bundle's ELF files link, and the sonames
    ldd could not find on this machine."""
    shipped = {path.name for path in bundle.rglob("*") if path.is_file() or path.is_symlink()}
    found: dict[str, str] = {}
    missing: set[str] = set()
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        for line in result.stdout.splitlines():
            name, arrow, rest = line.strip().partition(" => ")
            if not arrow or name in shipped:
                continue
            target = rest.split(" (")[0].strip()
            if target == "not found":
                missing.add(name)
            elif target.startswith("/") and str(bundle) not in target:
                found[name] = target
    return found, missing


def owner(path: str) -> str | None:
    """The Debian package that owns `path` (through the merged /usr too), or None."""
    for candidate in dict.fromkeys([path, str(Path(path).resolve())]):
        for variant in (candidate, candidate.removeprefix("/usr")):
            result = subprocess.run(["dpkg", "-S", variant], capture_output=True, text=True)
            if result.returncode == 0:
                return result.stdout.split(":", 1)[0].strip()
    return None


def depends(bundle: Path) -> tuple[list[str], set[str]]:
    found, missing = system_libraries(bundle)
    packages = {owner(path) or package_for(soname) for soname, path in found.items()}
    # Linked but absent here (a Wayland EGL library on a machine that never needed it): the
    # package by its soname, so the kiosk machine gets it.
    packages |= {package_for(soname) for soname in missing}
    packages |= {package_for(soname) for soname in DLOPENED}
    packages |= set(SESSION)
    return sorted(packages), missing


def main(argv: list[str]) -> int:
    packages, missing = depends(Path(argv[0]).resolve())
    for soname in sorted(missing):
        print(
            f"depends.py: {soname} is not on this machine: Depends names it by soname",
            file=sys.stderr,
        )
    print(", ".join(packages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
