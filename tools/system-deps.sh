#!/usr/bin/env bash
# Debian packages the kiosk needs beside its Python wheels, found by asking the machine:
#   * every shared library the Qt pieces we use link and this machine lacks (`ldd` on the
#     platform plugins, QtWebEngine, QtMultimedia), plus libxcb-cursor, which the xcb plugin
#     loads at run time (ldd cannot see it) and refuses to start without;
#   * the programs the test suite runs: Xvfb (the real X server the GUI tests use),
#     xdotool (the journeys' real input events), and for the package's tests cage, Xwayland,
#     desktop-file-validate and appstreamcli.
# Installs what is missing with apt-get when run as root; otherwise prints the command.
# Usage: tools/system-deps.sh VENV_PYTHON
set -euo pipefail
python=${1:-.venv/bin/python}
qt=$("$python" -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')

# A library's soname -> the Debian package that ships it: one mapping, in
# kiosk/core/system_packages.py, shared with `kiosk doctor`.
files=(
  "$qt"/plugins/platforms/libqxcb.so
  "$qt"/plugins/platforms/libqwayland.so
  "$qt"/plugins/xcbglintegrations/*.so
  "$qt"/lib/libQt6WebEngineCore.so.6
  "$qt"/libexec/QtWebEngineProcess
  "$qt"/lib/libQt6Multimedia.so.6
  "$qt"/plugins/multimedia/*.so
)
missing_libs=$(for f in "${files[@]}"; do [ -e "$f" ] && ldd "$f" 2>/dev/null; done \
  | awk '/not found/ {print $1}' | sort -u)
# The xcb plugin dlopens libxcb-cursor (Qt >= 6.5) and will not start without it.
# (`grep >/dev/null`, not `grep -q`: grep -q stops at the first match, ldconfig then dies of
# SIGPIPE and, under pipefail, a library that is there was reported missing, 7 % of the time.)
if ! { /sbin/ldconfig -p 2>/dev/null || ldconfig -p; } | grep 'libxcb-cursor\.so\.0' >/dev/null; then
  missing_libs="$missing_libs libxcb-cursor.so.0"
fi
# QtMultimedia plays speech through PulseAudio's client library, which no wheel ships.
if ! { /sbin/ldconfig -p 2>/dev/null || ldconfig -p; } | grep 'libpulse\.so\.0' >/dev/null; then
  missing_libs="$missing_libs libpulse.so.0"
fi

packages=()
if [ -n "${missing_libs// /}" ]; then
  mapfile -t packages < <("$python" -m kiosk.core.system_packages $missing_libs)
fi
command -v Xvfb >/dev/null || packages+=(xvfb)
command -v xdotool >/dev/null || packages+=(xdotool)
# The package's tests (tests/packaging/): the kiosk session's compositor (cage, which will not
# start without Xwayland), the .desktop, AppStream and systemd unit checkers, and dpkg-deb.
command -v cage >/dev/null || packages+=(cage)
command -v Xwayland >/dev/null || packages+=(xwayland)
command -v desktop-file-validate >/dev/null || packages+=(desktop-file-utils)
command -v appstreamcli >/dev/null || packages+=(appstream)
command -v dpkg-deb >/dev/null || packages+=(dpkg)
command -v systemd-analyze >/dev/null || packages+=(systemd)
# The guide's conformance suite (tests/conformance/) builds its sites from npm packages.
command -v npm >/dev/null || packages+=(npm)
[ ${#packages[@]} -eq 0 ] && exit 0

mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
echo "kiosk: this machine lacks Debian packages the kiosk or its tests need: ${packages[*]}"
echo "       (the Qt platform plugin and QtWebEngine link their libraries; Xvfb and xdotool"
echo "       run the tests on a real X display; cage, Xwayland and the validators test the .deb)."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "kiosk: installing them with apt-get."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" \
    >/dev/null
else
  # Not root: say what to run; the kiosk itself still starts where its display works.
  echo "kiosk: please run: sudo apt-get install ${packages[*]}"
fi
