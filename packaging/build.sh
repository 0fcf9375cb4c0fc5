#!/usr/bin/env bash
# `make package`: the one-folder bundle (PyInstaller, packaging/kiosk.spec), then the Debian
# package dist/kiosk_<version>_amd64.deb around it. Usage: packaging/build.sh VENV_PYTHON
set -euo pipefail
cd "$(dirname "$0")/.."
python=$1
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -1)
id=org.kiosk.Kiosk
deb=dist/kiosk_${version}_amd64.deb
start=$(date +%s)

echo "package: bundling with PyInstaller (packaging/kiosk.spec)"
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist/bundle \
  --workpath build/pyinstaller packaging/kiosk.spec

root=build/deb-root
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/icons/hicolor/scalable/apps" \
  "$root/usr/share/doc/kiosk" "$root/lib/systemd/system" "$root/etc/pam.d"
# The bundle: /opt/kiosk/kiosk (the program) and /opt/kiosk/_internal; hard links, not a copy.
cp -al dist/bundle/kiosk "$root/opt/kiosk"
install -m 0755 packaging/session "$root/opt/kiosk/session"
# `kiosk` on the PATH; it finds the bundle relative to itself, so an unpacked copy
# (dpkg-deb -x into any folder, as the tests do) runs its own bundle.
cat > "$root/usr/bin/kiosk" <<'WRAPPER'
#!/bin/sh
exec "$(dirname "$(readlink -f "$0")")/../../opt/kiosk/kiosk" "$@"
WRAPPER
chmod 0755 "$root/usr/bin/kiosk"
install -m 0644 packaging/$id.desktop "$root/usr/share/applications/$id.desktop"
install -m 0644 packaging/$id.metainfo.xml "$root/usr/share/metainfo/$id.metainfo.xml"
install -m 0644 packaging/$id.svg "$root/usr/share/icons/hicolor/scalable/apps/$id.svg"
install -m 0644 packaging/kiosk.service "$root/lib/systemd/system/kiosk.service"
install -m 0644 packaging/pam.kiosk "$root/etc/pam.d/kiosk"
install -m 0644 README.md "$root/usr/share/doc/kiosk/README.md"
cat > "$root/usr/share/doc/kiosk/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: kiosk

Files: *
License: GPL-3.0-or-later
 On Debian systems, the full text is in /usr/share/common-licenses/GPL-3.

Files: opt/kiosk/_internal/assets/fonts/*
License: OFL-1.1
 See /opt/kiosk/_internal/assets/fonts/OFL.txt.
COPYRIGHT

# The maintainer scripts, each with the shared shell functions pasted in.
for script in preinst prerm postinst postrm; do
  awk 'FNR == NR { shared = shared $0 "\n"; next }
       /^#RUNNING#$/ { printf "%s", shared; next } { print }' \
    packaging/debian/running.sh "packaging/debian/$script" > "$root/DEBIAN/$script"
  chmod 0755 "$root/DEBIAN/$script"
done
echo /etc/pam.d/kiosk > "$root/DEBIAN/conffiles"

echo "package: finding the system packages the bundle links (packaging/depends.py)"
depends=$("$python" packaging/depends.py "$root/opt/kiosk")
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: kiosk
Version: $version
Architecture: amd64
Maintainer: The kiosk's developers <kiosk@kiosk.invalid>
Installed-Size: $size
Depends: $depends, passwd
Section: education
Priority: optional
Homepage: https://kiosk.invalid/
Description: kiosk for government-service centres
 Teaches citizens to use government e-services (narrated lessons, an offline
 practice portal, quizzes) and helps them with the real portals in a sealed
 browser with a spoken guide. Persian first, English complete.
 .
 kiosk.service runs it at boot alone in a cage Wayland session as the
 account 'kiosk', restarted when it crashes or its interface freezes.
CONTROL

mkdir -p dist
rm -f dist/kiosk_*_amd64.deb
# zstd at level 1: CI builds this at every run; -z9 would save a little for much more time.
dpkg-deb --root-owner-group -Zzstd -z1 --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "package: $deb ($(du -h "$deb" | cut -f1), $(($(date +%s) - start)) s)"
