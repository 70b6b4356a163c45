# Sourced by run.sh and test.sh: sets up (scripts/bootstrap.sh) then exports
# ODOO_SRC, VENV, PG* and writes the Odoo configuration file $ODOO_CONF.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
facts=$("$here/scripts/bootstrap.sh") || exit 1
eval "$(printf '%s\n' "$facts" | sed -e 's/^/export /')"
[ -n "${PGHOST:-}" ] || unset PGHOST
[ -n "${PGPORT:-}" ] || unset PGPORT
export PATH="$VENV/bin:$PATH"
export ODOO_CONF="$VENV/odoo.conf"
{
  echo "[options]"
  echo "addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$here"
  echo "data_dir = $VENV/odoo-data"
  [ -n "${PGHOST:-}" ] && echo "db_host = $PGHOST"
  [ -n "${PGPORT:-}" ] && echo "db_port = $PGPORT"
  [ -n "${PGUSER:-}" ] && echo "db_user = $PGUSER"
  [ -n "${PGPASSWORD:-}" ] && echo "db_password = $PGPASSWORD"
  echo "list_db = True"
} > "$ODOO_CONF"
odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"; }
