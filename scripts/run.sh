#!/usr/bin/env bash
# `make run`: set up, install or update the module with its demo data in $DB, serve Odoo.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
DB=${DB:-semplio}
HTTP_PORT=${HTTP_PORT:-8069}
installed=$(psql -d "$DB" -tAc "select state from ir_module_module where name='semplio_clients'" 2>/dev/null || true)
if [ "$installed" = "installed" ]; then
  echo "[run] Updating semplio_clients in the existing database $DB (its data is kept) ..."
  odoo_bin -d "$DB" -u semplio_clients --stop-after-init --log-level=warn
else
  echo "[run] Creating database $DB with semplio_clients and its demo data (a few minutes) ..."
  odoo_bin -d "$DB" -i semplio_clients --stop-after-init --log-level=warn --without-demo=
fi
cat <<MSG

  Odoo is starting on http://localhost:$HTTP_PORT  (database $DB)
  Demo logins (password = login):
    admin / admin                  settings and branch administrator
    paris.admin, lyon.admin, marseille.admin   branch administrators
    paris.sales, lyon.sales, marseille.sales   salespeople of one branch
  Stop with Ctrl+C.

MSG
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --http-port "$HTTP_PORT"
