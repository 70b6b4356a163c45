#!/usr/bin/env bash
# Sets up what `make run` and `make test` need and prints the facts they use.
# Idempotent: a second run only checks. Everything it creates lives in ignored
# folders of the repository (.venv/, .pgdata/) or outside it (Odoo's source).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- 1. Odoo's source -------------------------------------------------------
# ODOO_SRC, else /opt/odoo-18.0, else ../odoo-18.0, else the official archive.
find_odoo() {
  local candidate
  for candidate in "${ODOO_SRC:-}" /opt/odoo-18.0 "$here/../odoo-18.0"; do
    [ -n "$candidate" ] && [ -f "$candidate/odoo/release.py" ] && { echo "$(cd "$candidate" && pwd)"; return 0; }
  done
  return 1
}
if ! odoo_src=$(find_odoo); then
  if [ -n "${ODOO_SRC:-}" ]; then
    die "ODOO_SRC=$ODOO_SRC holds no Odoo source tree (no odoo/release.py there)."
  fi
  say "No Odoo 18.0 source found; trying the official 18.0 archive into /opt/odoo-18.0 ..."
  tmp=$(mktemp -d)
  if curl -fsSL --max-time 600 -o "$tmp/odoo.tar.gz" https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz \
     && mkdir -p /opt/odoo-18.0 && tar -xzf "$tmp/odoo.tar.gz" -C /opt/odoo-18.0 --strip-components=1; then
    odoo_src=/opt/odoo-18.0
  else
    rm -rf "$tmp"
    die "Odoo 18.0 Community source is missing. Provide it: put a source tree (with odoo-bin, odoo/ and addons/) at /opt/odoo-18.0, or set ODOO_SRC=/path/to/odoo-18.0."
  fi
  rm -rf "$tmp"
fi
grep -q "version_info = (18, 0" "$odoo_src/odoo/release.py" \
  || grep -qE "^version_info = \(18," "$odoo_src/odoo/release.py" \
  || die "$odoo_src is not Odoo 18.0 (see odoo/release.py)."

# --- 2. The virtual environment ---------------------------------------------
venv="$here/.venv"
py="${PYTHON:-python3}"
stamp="$venv/.semplio-stamp"
want="$(cat "$odoo_src/requirements.txt" "$here/requirements.txt" | sha1sum | cut -c1-12) $odoo_src"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "Creating the virtual environment in .venv (Odoo's requirements and ours) ..."
  [ -x "$venv/bin/python" ] || "$py" -m venv "$venv" || die "python3 -m venv failed: install python3-venv."
  "$venv/bin/pip" install -q --upgrade pip wheel "setuptools<81"
  reqs="$venv/odoo-requirements.txt"
  # Odoo 18 pins cbor2==5.4.2, which no longer builds on Python 3.11 with
  # current setuptools: take the release Odoo pins for 3.12, which ships wheels.
  # python-ldap is only for the auth_ldap addon and needs LDAP headers: skipped.
  sed -e 's/^cbor2==5\.4\.2.*/cbor2==5.6.2/' -e '/^python-ldap/d' "$odoo_src/requirements.txt" > "$reqs"
  "$venv/bin/pip" install -q -r "$reqs" || die "installing Odoo's requirements failed (see above)."
  "$venv/bin/pip" install -q -r "$here/requirements.txt" || die "installing requirements.txt failed (see above)."
  site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$odoo_src" > "$site/odoo-src.pth"
  echo "$want" > "$stamp"
fi

# --- 3. PostgreSQL ------------------------------------------------------------
pg_args=()
if pg_isready -q 2>/dev/null || pg_isready -q -h 127.0.0.1 2>/dev/null; then
  :
elif command -v pg_ctlcluster >/dev/null && ls /etc/postgresql/*/main >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
     && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start 2>/dev/null && sleep 2 && pg_isready -q; then
  say "Started the machine's PostgreSQL cluster."
else
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$bindir" ] || die "No PostgreSQL answers (PGHOST/PGPORT/PGUSER or the local socket) and no PostgreSQL binaries are installed: install postgresql or point PG* at a server."
  data="$here/.pgdata"
  if [ ! -d "$data/base" ]; then
    say "Creating a private PostgreSQL cluster in .pgdata ..."
    "$bindir/initdb" -D "$data" -A trust -U "${PGUSER:-$(id -un)}" >/dev/null
  fi
  "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -o "-k $data -p ${PGPORT:-5433} -h ''" -w start >/dev/null \
    || die "the private PostgreSQL cluster in .pgdata did not start (see .pgdata/server.log)."
  export PGHOST="$data" PGPORT="${PGPORT:-5433}"
fi

cat <<OUT
ODOO_SRC=$odoo_src
VENV=$venv
PGHOST=${PGHOST:-}
PGPORT=${PGPORT:-}
OUT
