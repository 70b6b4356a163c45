"""The French catalogue covers the whole template, with the same placeholders.

``semplio_clients/i18n/semplio_clients.pot`` is exported by ``make pot``, which
also rebuilds ``fr.po``; these checks fail when a string was added without its
French or when a translation lost or renamed a placeholder.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest

I18N = Path(__file__).resolve().parent.parent / "semplio_clients" / "i18n"
POT = I18N / "semplio_clients.pot"
FR = I18N / "fr.po"
# Python "%(name)s" / "%s" / "%d" and JS/QWeb "%(name)s"; "%%" is a literal percent.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\{.*?\}\}")
# The seed's vocabulary, as a French user must read it.
SEED_TERMS = {
    "Clients": "Clients",
    "Branch": "Succursale",
    "Branches": "Succursales",
    "Sales History": "Historique des ventes",
}


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


@pytest.fixture(scope="module")
def template():
    assert POT.exists(), f"{POT} is missing: run `make pot`"
    return entries(POT)


@pytest.fixture(scope="module")
def french():
    assert FR.exists(), f"{FR} is missing: run `make pot`"
    return {(entry.msgctxt, entry.msgid): entry for entry in entries(FR)}


def test_template_is_not_empty(template):
    assert len(template) > 20


def test_every_template_string_has_french(template, french):
    missing = [
        entry.msgid
        for entry in template
        if not (
            french.get((entry.msgctxt, entry.msgid))
            and french[(entry.msgctxt, entry.msgid)].msgstr.strip()
        )
    ]
    assert not missing, (
        f"{len(missing)} strings without French (add them to i18n_parts/): {missing[:20]}"
    )


def test_french_keeps_the_placeholders(french):
    wrong = [
        (entry.msgid, entry.msgstr)
        for entry in french.values()
        if entry.msgstr and placeholders(entry.msgid) != placeholders(entry.msgstr)
    ]
    assert not wrong, f"placeholders differ: {wrong[:10]}"


def test_no_fuzzy_translation(french):
    fuzzy = [entry.msgid for entry in french.values() if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy translations are ignored by Odoo: {fuzzy[:10]}"


def test_seed_vocabulary(french):
    by_msgid = {msgid: entry.msgstr for (_ctx, msgid), entry in french.items()}
    assert "Clients" in by_msgid and "Branch" in by_msgid
    for msgid, msgstr in SEED_TERMS.items():
        if msgid in by_msgid:
            assert by_msgid[msgid] == msgstr, msgid
