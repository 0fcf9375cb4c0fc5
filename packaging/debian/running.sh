# Shared by the maintainer scripts (build.sh pastes it into each in place of the marker line:
# preinst runs before the package's files exist, so nothing can be sourced).
# DPKG_ROOT: set by dpkg for an install into another root (and by the tests).
KIOSK_EXE="${DPKG_ROOT:-}/opt/kiosk/kiosk"

# The kiosk processes running from this install, as "pid user" lines.
kiosk_processes() {
  for proc in /proc/[0-9]*; do
    if [ "$(readlink "$proc/exe" 2>/dev/null)" = "$KIOSK_EXE" ]; then
      echo "${proc#/proc/} $(stat -c %U "$proc" 2>/dev/null)"
    fi
  done
}

# systemctl, only on the running system (never inside another root, never without systemd).
on_systemd() {
  [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]
}

# Stop the kiosk service cleanly (SIGTERM: it saves and closes its database); then refuse,
# with a message, if a kiosk started by hand still runs from these files.
stop_kiosk_or_refuse() {
  what=$1  # "install" or "remove"
  if on_systemd && systemctl is-active --quiet kiosk.service; then
    echo "kiosk: stopping the running kiosk (kiosk.service) for the $what; learners' progress, records and settings are saved."
    systemctl stop kiosk.service || true
    # postinst starts the new version again.
    if [ "$what" = install ]; then touch /run/kiosk.restart-after-upgrade; fi
  fi
  running=$(kiosk_processes)
  if [ -n "$running" ]; then
    echo "kiosk: cannot $what now: the kiosk is running from /opt/kiosk, started by hand, not by kiosk.service:" >&2
    echo "$running" | while read -r pid user; do echo "       process $pid (user $user)" >&2; done
    echo "       Replacing or removing its files under it could crash it. Nothing was changed." >&2
    echo "       To fix: close that kiosk (staff menu, or: kill $(echo "$running" | cut -d' ' -f1 | tr '\n' ' ')), then run the $what again." >&2
    exit 1
  fi
}
