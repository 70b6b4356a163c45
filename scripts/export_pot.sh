#!/usr/bin/env bash
# `make pot`: export the translation template semplio_clients/i18n/semplio_clients.pot
# from a database where the module is installed at the current source, then rebuild
# semplio_clients/i18n/fr.po from it with every engineer's French snippets
# (i18n_parts/*.po) through scripts/merge_fr.py.
# Settings: POT_DB (database used for the export, created if missing; default semplio_pot),
# KEEP_POT_DB=1 keeps it for the next run (faster: an update instead of an install).
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
module=semplio_clients
POT_DB=${POT_DB:-semplio_pot}
i18n="$here/$module/i18n"
mkdir -p "$i18n"
state=$(psql -d "$POT_DB" -tAc "select state from ir_module_module where name='$module'" 2>/dev/null || true)
if [ "$state" = "installed" ]; then
  echo "[pot] Updating $module in $POT_DB ..."
  odoo_bin -d "$POT_DB" -u "$module" --stop-after-init --log-level=warn --max-cron-threads=0
else
  echo "[pot] Creating $POT_DB with $module and its demo data (a few minutes) ..."
  odoo_bin -d "$POT_DB" -i "$module" --stop-after-init --log-level=warn --without-demo= --max-cron-threads=0
fi
echo "[pot] Exporting $i18n/$module.pot ..."
# An empty --language exports a template (no translation).
odoo_bin -d "$POT_DB" --i18n-export="$i18n/$module.pot" --modules="$module" --language= \
  --log-level=warn
[ -n "${KEEP_POT_DB:-}" ] || dropdb --if-exists "$POT_DB"
echo "[pot] Merging the French snippets into $i18n/fr.po ..."
"$VENV/bin/python" "$here/scripts/merge_fr.py" --pot "$i18n/$module.pot" --po "$i18n/fr.po" \
  "$here"/i18n_parts/*.po
