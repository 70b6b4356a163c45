#!/usr/bin/env bash
# `make test`: set up, create a throwaway database with the module, run the whole
# suite (addon TransactionCase + HttpCase tours in headless Chromium, and tests/)
# through pytest-odoo, drop the database. Extra pytest arguments: TESTS="...".
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
browser=""
for candidate in chromium chromium-browser google-chrome; do
  command -v "$candidate" >/dev/null && { browser=$candidate; break; }
done
if [ -z "$browser" ]; then
  echo "[test] ERROR: no Chromium for the browser tests. Install it: apt-get install chromium (as root)." >&2
  exit 1
fi
DB_TEST=${DB_TEST:-semplio_test_$$}
keep=${KEEP_DB:-}
cleanup() { [ -n "$keep" ] || dropdb --if-exists "$DB_TEST" 2>/dev/null || true; }
trap cleanup EXIT
if ! psql -d "$DB_TEST" -tAc "select 1 from ir_module_module where name='semplio_clients' and state='installed'" 2>/dev/null | grep -q 1; then
  echo "[test] Creating the throwaway database $DB_TEST with semplio_clients ..."
  odoo_bin -d "$DB_TEST" -i semplio_clients --stop-after-init --log-level=warn --without-demo= --max-cron-threads=0
else
  echo "[test] Updating semplio_clients in $DB_TEST ..."
  odoo_bin -d "$DB_TEST" -u semplio_clients --stop-after-init --log-level=warn --max-cron-threads=0
fi
cd "$here"
set +e
# shellcheck disable=SC2086
"$VENV/bin/python" -m pytest --odoo-config "$ODOO_CONF" --odoo-database "$DB_TEST" --odoo-http \
  -p no:cacheprovider ${TESTS:-semplio_clients/tests tests}
rc=$?
set -e
exit $rc
