"""The display the kiosk will use: which Qt platform, whether its plugin's libraries are all
here, whether the display can be opened. Checked before the QApplication exists, because Qt
answers a missing display with its own misleading message and an abort.

The platform is chosen as Qt chooses it: `QT_QPA_PLATFORM`, else `WAYLAND_DISPLAY` (wayland),
else `DISPLAY` (xcb). The X check asks libxcb itself (`xcb_connect`), so a wrong display
name, a dead server and a refused key are all seen as Qt would see them.
"""

from __future__ import annotations

import ctypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.notices import Notice
from kiosk.core.system_packages import XCB_CURSOR, package_for
from kiosk.i18n import N_

PLUGIN_FILES = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}

NO_PLATFORM = N_(
    "No display to show the kiosk on: none of QT_QPA_PLATFORM, WAYLAND_DISPLAY and DISPLAY "
    "is set. To fix: start the kiosk from the graphical session (or the cage kiosk session), "
    "or set DISPLAY, e.g. DISPLAY=:0."
)
VARIABLE_UNSET = N_(
    "The kiosk is to use {platform}, but {variable} is not set. To fix: set {variable} "
    "(e.g. DISPLAY=:0), or start the kiosk from the graphical session."
)
X_UNREACHABLE = N_(
    "The X display {display} cannot be opened: no X server there accepts the kiosk. To fix: "
    "check that the X server is running and that DISPLAY={display} is right (and XAUTHORITY, "
    "if the server asks for a key); `kiosk doctor` checks the whole machine."
)
X_BAD_NAME = N_(
    "DISPLAY={display} is not an X display name. To fix: set DISPLAY to a display such as "
    ":0; `kiosk doctor` checks the whole machine."
)
WAYLAND_UNREACHABLE = N_(
    "The Wayland display {display} cannot be opened ({reason}). To fix: check that the "
    "compositor (e.g. cage) is running and that WAYLAND_DISPLAY and XDG_RUNTIME_DIR are "
    "right; `kiosk doctor` checks the whole machine."
)
LIBRARIES_MISSING = N_(
    "The Qt platform plugin {plugin} cannot load: {libraries} missing. To fix: "
    "apt-get install {packages}"
)
DISPLAY_LOST = N_(
    "The display {display} went away while the kiosk was running (the X server stopped or "
    "the connection broke). The kiosk stopped; everything already saved is kept. Start it "
    "again once the display is back; `kiosk doctor` checks the whole machine."
)


@dataclass(frozen=True)
class Platform:
    """The Qt platform plugin the kiosk will load, and the display it will open."""

    name: str | None  # "xcb", "wayland", "offscreen" …; None: Qt would find no display
    variable: str  # where the choice came from: QT_QPA_PLATFORM, WAYLAND_DISPLAY or DISPLAY
    display: str  # the value of DISPLAY or WAYLAND_DISPLAY ("" if not set)


def session_platform(environ: dict[str, str] | None = None) -> Platform:
    """The platform Qt will use in this environment."""
    env = os.environ if environ is None else environ
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    wayland, x11 = env.get("WAYLAND_DISPLAY", ""), env.get("DISPLAY", "")
    if requested:
        # "wayland;xcb" is a list of fallbacks, "xcb:option=…" carries options: Qt tries the first.
        name = requested.split(";")[0].split(":")[0].strip()
        display = wayland if name.startswith("wayland") else x11 if name == "xcb" else ""
        return Platform(name, "QT_QPA_PLATFORM", display)
    if wayland:
        return Platform("wayland", "WAYLAND_DISPLAY", wayland)
    if x11:
        return Platform("xcb", "DISPLAY", x11)
    return Platform(None, "", "")


def qt_plugin_dir() -> Path:
    """PySide6's own folder of platform plugins."""
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "plugins" / "platforms"


def plugin_file(platform: str, plugin_dir: Path | None = None) -> Path | None:
    """The plugin library of `platform` (xcb, wayland…), None for platforms not checked."""
    base = "wayland" if platform.startswith("wayland") else platform
    name = PLUGIN_FILES.get(base)
    return (plugin_dir or qt_plugin_dir()) / name if name else None


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(
    platform: str, plugin: Path, loadable=_loadable
) -> tuple[list[str], str | None]:
    """The sonames `plugin` needs and this machine lacks (from `ldd`, plus libxcb-cursor,
    which the xcb plugin opens at run time), and a reason if `ldd` itself could not run."""
    import subprocess

    try:
        result = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return [], str(error)
    missing = re.findall(r"^\s*(\S+) => not found", result.stdout, flags=re.MULTILINE)
    if result.returncode != 0 and not missing:
        return [], (result.stderr or result.stdout).strip() or f"ldd exit {result.returncode}"
    if platform == "xcb" and not loadable(XCB_CURSOR):
        missing.append(XCB_CURSOR)
    return sorted(set(missing)), None


def libraries_notice(plugin: Path, missing: list[str]) -> Notice:
    """What is missing for `plugin`, with the `apt-get install` line that fixes it."""
    packages = sorted({package_for(soname) for soname in missing})
    return Notice(
        LIBRARIES_MISSING,
        {"plugin": plugin.name, "libraries": ", ".join(missing), "packages": " ".join(packages)},
        severity="error",
    )


def display_problem(
    platform: Platform,
    environ: dict[str, str] | None = None,
    timeout: float = 3.0,
    hold: bool = False,
) -> Notice | None:
    """Why the kiosk could not open its display (None: it can, or the platform needs none).

    With `hold`, a working X connection stays open until `release_held()`: call that once
    the QApplication (or the child process) has connected."""
    env = os.environ if environ is None else environ
    if platform.name is None:
        return Notice(NO_PLATFORM, severity="error")
    if platform.name == "xcb":
        if not platform.display:
            return Notice(VARIABLE_UNSET, {"platform": "xcb", "variable": "DISPLAY"}, "error")
        return _x_problem(platform.display, timeout, hold)
    if platform.name.startswith("wayland"):
        if not platform.display:
            return Notice(
                VARIABLE_UNSET, {"platform": platform.name, "variable": "WAYLAND_DISPLAY"}, "error"
            )
        return _wayland_problem(platform.display, env, timeout)
    return None  # offscreen, eglfs, vnc …: no display server to ask


_X_NAME = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(\.\d+)?$")


_held: list = []


def release_held() -> None:
    """Close the connections `display_problem(hold=True)` kept open."""
    while _held:
        xcb, connection = _held.pop()
        xcb.xcb_disconnect(connection)


def _x_problem(display: str, timeout: float, hold: bool) -> Notice | None:
    match = _X_NAME.match(display)
    if match is None:
        return Notice(X_BAD_NAME, {"display": display}, "error")
    host = match["host"]
    if host and host != "unix" and not host.startswith("/"):
        import socket  # here only: the import costs the kiosk's start-up time

        # A TCP display: libxcb would wait minutes for a host that does not answer.
        try:
            socket.create_connection((host, 6000 + int(match["number"])), timeout).close()
        except OSError:
            return Notice(X_UNREACHABLE, {"display": display}, "error")
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return libraries_notice(Path(PLUGIN_FILES["xcb"]), ["libxcb.so.1"])
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    error = xcb.xcb_connection_has_error(connection) if connection else 1
    if error == 0 and hold:
        # An X server with no other client resets when the last one leaves, and refuses
        # connections meanwhile: keep this one until Qt has its own (`release_held`).
        _held.append((xcb, connection))
        return None
    if connection:
        xcb.xcb_disconnect(connection)
    if error == 0:
        return None
    if error == 5:  # XCB_CONN_CLOSED_PARSE_ERR
        return Notice(X_BAD_NAME, {"display": display}, "error")
    return Notice(X_UNREACHABLE, {"display": display}, "error")


def _wayland_problem(display: str, env: dict[str, str], timeout: float) -> Notice | None:
    import socket

    path = Path(display)
    if not path.is_absolute():
        path = Path(env.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}")) / display
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(timeout)
            probe.connect(str(path))
    except OSError as error:
        reason = f"{path}: {error.strerror or error}"
        return Notice(WAYLAND_UNREACHABLE, {"display": display, "reason": reason}, "error")
    return None
