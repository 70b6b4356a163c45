#!/usr/bin/env python3
"""Build the module's French catalogue from its template and the engineers' snippets.

Every entry of the template (``semplio_clients.pot``, exported by Odoo) gets its
French from, in this order:

1. the snippets ``i18n_parts/*.po`` (msgid/msgstr pairs written next to the code,
   matched on msgctxt + msgid, then on msgid alone);
2. the current ``fr.po`` (keeps a translation whose snippet went missing).

Entries still without French are listed on stderr and make the script exit with
status 1 (``--allow-missing`` to write the catalogue anyway, with empty msgstr).
Usage::

    scripts/merge_fr.py --pot semplio_clients/i18n/semplio_clients.pot \
        --po semplio_clients/i18n/fr.po i18n_parts/*.po
"""

import argparse
import sys
from pathlib import Path

import polib

HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def translations(paths):
    """Map (msgctxt, msgid) and msgid to msgstr from PO files; first one wins."""
    by_context, by_msgid, conflicts = {}, {}, []
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr.strip():
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in by_context and by_context[key] != entry.msgstr:
                conflicts.append(f"{path}: {entry.msgid!r} kept as {by_context[key]!r}")
                continue
            by_context.setdefault(key, entry.msgstr)
            by_msgid.setdefault(entry.msgid, entry.msgstr)
    return by_context, by_msgid, conflicts


def lookup(entry, *tables):
    for by_context, by_msgid in tables:
        msgstr = by_context.get((entry.msgctxt, entry.msgid)) or by_msgid.get(entry.msgid)
        if msgstr:
            return msgstr
    return ""


def merge(pot_path, po_path, part_paths):
    """Write ``po_path`` from ``pot_path``; return the msgids left without French."""
    pot = polib.pofile(str(pot_path))
    parts_context, parts_msgid, conflicts = translations(part_paths)
    old_context, old_msgid, _old_conflicts = translations(
        [po_path] if Path(po_path).exists() else []
    )
    for conflict in conflicts:
        print(f"[merge_fr] two translations for one msgid: {conflict}", file=sys.stderr)
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(pot.metadata, **HEADER)
    po.header = pot.header
    missing = []
    for entry in pot:
        if entry.obsolete:
            continue
        msgstr = lookup(entry, (parts_context, parts_msgid), (old_context, old_msgid))
        if not msgstr:
            missing.append(entry.msgid)
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                msgstr=msgstr,
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    po.save(str(po_path))
    return missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pot", required=True, help="template exported by Odoo")
    parser.add_argument("--po", required=True, help="French catalogue to write")
    parser.add_argument("--allow-missing", action="store_true", help="exit 0 even if incomplete")
    parser.add_argument("parts", nargs="*", help="PO snippets (i18n_parts/*.po)")
    args = parser.parse_args(argv)
    missing = merge(args.pot, args.po, args.parts)
    total = len([e for e in polib.pofile(args.pot) if not e.obsolete])
    print(f"[merge_fr] {args.po}: {total - len(missing)}/{total} entries in French")
    for msgid in missing:
        print(f"[merge_fr] missing French for: {msgid!r}", file=sys.stderr)
    return 1 if missing and not args.allow_missing else 0


if __name__ == "__main__":
    sys.exit(main())
