#!/usr/bin/env bash
# Installs the wcf4j console host as a systemd service:
#   /opt/wcf4j/wcf4j-console-host.jar   the host
#   /etc/wcf4j/wcf4j.yml, wcf4j.env     configuration (kept if already there)
#   /etc/systemd/system/wcf4j.service   the unit
#   /var/lib/wcf4j                      state (database, sockets), owned by the wcf4j user
# Usage: hosts/systemd/install.sh [--root DIR] [--jar PATH]
#   --root DIR   lay everything out under DIR instead of / (no user is created, systemd is not told)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
root="/"
jar="$repo/hosts/console/target/wcf4j-console-host.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "no $jar: build it first (mvn -B -q install -DskipTests)" >&2; exit 1; }
r="${root%/}"

install -d -m 0755 "$r/opt/wcf4j" "$r/etc/wcf4j" "$r/etc/systemd/system"
install -d -m 0750 "$r/var/lib/wcf4j"
install -m 0644 "$jar" "$r/opt/wcf4j/wcf4j-console-host.jar"
install -m 0644 "$here/wcf4j.service" "$r/etc/systemd/system/wcf4j.service"
# configuration is the operator's once installed: never overwrite it
[ -f "$r/etc/wcf4j/wcf4j.yml" ] || install -m 0640 "$repo/config/wcf4j.yml" "$r/etc/wcf4j/wcf4j.yml"
[ -f "$r/etc/wcf4j/wcf4j.env" ] || install -m 0640 "$here/wcf4j.env" "$r/etc/wcf4j/wcf4j.env"

if [ "$r" = "" ]; then
  id wcf4j >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/wcf4j --shell /usr/sbin/nologin wcf4j
  # the top directory only: never a recursive chown, as root, of a tree the service user can write
  chown wcf4j:wcf4j /var/lib/wcf4j
  chgrp wcf4j /etc/wcf4j/wcf4j.yml /etc/wcf4j/wcf4j.env
  systemctl daemon-reload
  echo "installed; start it with: systemctl enable --now wcf4j && journalctl -u wcf4j -f"
else
  echo "laid out under $root"
fi
