"""Which Debian package ships a shared library, by its soname (`libxcb-cursor.so.0` →
`libxcb-cursor0`). One mapping for `tools/system-deps.sh` and `kiosk doctor`.

Debian names a library package after its soname (libfoo.so.1 → libfoo1, libfoo2.so.0 →
libfoo2-0); the exceptions are listed here. Run as `python -m kiosk.core.system_packages
SONAME...` to print one package per soname (the shell script does).
"""

from __future__ import annotations

import re
import sys

# The xcb platform plugin dlopens this one at start (Qt >= 6.5), so `ldd` cannot see it.
XCB_CURSOR = "libxcb-cursor.so.0"

_EXCEPTIONS = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libnspr4.so": "libnspr4",
    "libplc4.so": "libnspr4",
    "libplds4.so": "libnspr4",
    "libasound.so.2": "libasound2",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
}
# libXext.so.6 → libxext6, libXdamage.so.1 → libxdamage1 …
_XLIB = re.compile(r"^libX(ext|damage|composite|randr|tst|fixes)\.so\.(\S+)$")


def package_for(soname: str) -> str:
    """The Debian package that ships the library `soname`."""
    if soname in _EXCEPTIONS:
        return _EXCEPTIONS[soname]
    xlib = _XLIB.match(soname)
    if xlib:
        return f"libx{xlib.group(1)}{xlib.group(2)}"
    name, _sep, version = soname.partition(".so")
    version = version.removeprefix(".")
    name = name.lower().replace("_", "-")
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def main(argv: list[str]) -> int:
    """Print the package of each soname in `argv`, one a line."""
    for soname in argv:
        print(package_for(soname))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
