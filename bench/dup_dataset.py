"""Deterministic generator of a labelled French client data set for duplicate detection.

Used by ``bench/dup_quality.py`` (quality: precision, recall, F1, recall@5) and
reusable by the Odoo-side speed benchmark: every function returns plain lists of
dicts with ``res.partner`` field names, seeded, so two runs give the same data.

- :func:`generate_partners` - ``n`` realistic French clients (companies with
  activity, surname, place or brand names, legal forms, SIREN/SIRET, VAT;
  people with first and last names), emails, phones, addresses; a few foreign
  clients (Belgium, Switzerland, Germany, Spain, United Kingdom).
- :func:`generate_dataset` - the labelled set: ``records`` (the clients in the
  database: originals plus look-alike decoys) and ``queries`` (what a user
  types when creating a client: variants of an original with typos, missing
  accents, swapped words, legal forms added or removed, phone formats, email
  case, address formatting, missing fields; and "absent" clients, not in the
  database but resembling some: same common surname, same activity, ...).
  A query's ``expected_id`` is the id of its original, or None.

Run it to print a sample: ``.venv/bin/python bench/dup_dataset.py --help``.
"""

import argparse
import json
import random
import unicodedata

# ---------------------------------------------------------------------------
# Vocabularies (common French data)
# ---------------------------------------------------------------------------

SURNAMES = (
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel "
    "Lefèvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine "
    "Rousseau Vincent Muller Faure André Mercier Blanc Guérin Boyer Garnier Chevalier "
    "François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel "
    "Mathieu Masson Marchand Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun "
    "Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard "
    "Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine "
    "Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet "
    "Rolland Leclercq Guillaume Lecomte Lopez Dupuy Guillot Hubert Berger Carpentier "
    "Sanchez Dupuis Moulin Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet "
    "Adam Poirier Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron "
    "Bertin Bailly Hervé Schneider Fernandez Collet Léger Bouvier Julien Prévost Millet "
    "Perrot Daniel Cousin Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier "
    "Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud "
    "Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin "
    "Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy "
    "Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte Le Gall Le Roux "
    "Le Goff Da Silva Kerbrat Quéméner Ollivier Texier Bouvet Jourdan Vallée Thibault "
    "Chartier Fabre Lebon Cuvelier Desmarais Bouchard Loiseau Lesage Delmas Fourcade"
).split()
# multi-word surnames were split above; glue the particles back
_PARTICLES = {"Le", "Da"}


def _glue(words):
    out = []
    for word in words:
        if out and out[-1] in _PARTICLES:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return tuple(dict.fromkeys(out))


SURNAMES = _glue(SURNAMES)

FIRST_NAMES = (
    "Jean Marie Pierre Michel André Philippe René Louis Alain Jacques Bernard Marcel Daniel "
    "Roger Robert Paul Claude Christian Henri Georges Nicolas François Patrick Gérard "
    "Christophe Joseph Julien Maurice Laurent Frédéric Éric Stéphane David Pascal Sébastien "
    "Thierry Olivier Raymond Lucien Thomas Hélène Nathalie Isabelle Sylvie Catherine "
    "Françoise Monique Valérie Sandrine Céline Élodie Chloé Léa Manon Camille Inès Zoé "
    "Clémence Jérôme Anaïs Noémie Maëlle Jean-Pierre Jean-Marc Marie-Claire Anne-Sophie "
    "Aurélie Émilie Mathilde Océane Théo Hugo Lucas Gaël Loïc Benoît Régis Aurélien "
    "Baptiste Guillaume Antoine Vincent Damien Yannick Solène Margaux Juliette Agnès"
).split()

ACTIVITIES = (
    "Boulangerie",
    "Pâtisserie",
    "Boucherie",
    "Charcuterie",
    "Plomberie",
    "Électricité",
    "Menuiserie",
    "Maçonnerie",
    "Garage",
    "Carrosserie",
    "Transports",
    "Pharmacie",
    "Cabinet",
    "Fleurs",
    "Coiffure",
    "Restaurant",
    "Brasserie",
    "Café",
    "Hôtel",
    "Librairie",
    "Imprimerie",
    "Peinture",
    "Couverture",
    "Chauffage",
    "Serrurerie",
    "Paysages",
    "Informatique",
    "Conseil",
    "Immobilier",
    "Agence",
    "Optique",
    "Auto-école",
    "Traiteur",
    "Épicerie",
    "Cave",
    "Bâtiment",
    "Nettoyage",
    "Déménagements",
    "Ambulances",
    "Taxi",
    "Fromagerie",
    "Poissonnerie",
    "Quincaillerie",
    "Architecture",
    "Expertise Comptable",
    "Cabinet Médical",
    "Salon de Thé",
    "Auto Services",
    "Charpente",
    "Vins et Spiritueux",
)

PLACES = (
    "de la Gare",
    "de la Mairie",
    "du Port",
    "du Marché",
    "du Château",
    "du Centre",
    "du Lac",
    "du Moulin",
    "du Parc",
    "du Pont",
    "des Halles",
    "de l'Église",
    "des Remparts",
    "de la Plage",
    "du Vieux Port",
    "des Alpes",
    "de Provence",
    "du Soleil",
    "de la Vallée",
    "des Quatre Vents",
)

BRAND_PREFIXES = (
    "Bati Info Eco Agri Electro Net Clim Hydro Auto Medi Opti Techni Logi Domo Archi Multi "
    "Proxi Tradi Arte Vita Pro Nova Alti Terra Aqua Sol Bio Cristal Azur Alpha Delta"
).split()
BRAND_SUFFIXES = (
    "pro tech services plus concept system habitat net sud ouest france express conseil "
    "design logistique solutions energie distribution creation"
).split()
BRAND_WORDS = (
    "Conseil",
    "Services",
    "Solutions",
    "Distribution",
    "Habitat",
    "Concept",
    "Développement",
    "Ingénierie",
    "Logistique",
    "Communication",
)

LEGAL_FORMS_FR = ("SARL", "SAS", "SASU", "SA", "EURL", "SNC")
LEGAL_FORM_SPELLINGS = {
    "SARL": ("SARL", "S.A.R.L.", "sarl", "Sarl"),
    "SAS": ("SAS", "S.A.S.", "sas"),
    "SASU": ("SASU", "S.A.S.U.", "sasu"),
    "SA": ("SA", "S.A.", "sa"),
    "EURL": ("EURL", "E.U.R.L.", "eurl"),
    "SNC": ("SNC", "S.N.C."),
    "SCI": ("SCI", "S.C.I."),
    "SELARL": ("SELARL", "Selarl"),
}

STREET_NAMES = (
    "de la République",
    "Victor Hugo",
    "Jean Jaurès",
    "du Général de Gaulle",
    "Pasteur",
    "des Lilas",
    "de la Gare",
    "Nationale",
    "du Moulin",
    "de l'Église",
    "Saint-Honoré",
    "Foch",
    "Gambetta",
    "Carnot",
    "de la Liberté",
    "Jules Ferry",
    "des Écoles",
    "du Maréchal Leclerc",
    "Voltaire",
    "de Verdun",
    "Émile Zola",
    "des Tilleuls",
    "de Paris",
    "du Stade",
    "Sainte-Catherine",
    "du 8 Mai 1945",
    "de la Paix",
    "des Acacias",
    "Louis Pasteur",
    "du Président Wilson",
)
STREET_TYPES = (
    ("rue", 50),
    ("avenue", 15),
    ("boulevard", 10),
    ("place", 5),
    ("chemin", 6),
    ("impasse", 4),
    ("allée", 4),
    ("route", 4),
    ("quai", 2),
)
STREET_ABBREVIATIONS = {
    "rue": ("r.", "R.", "Rue", "RUE"),
    "avenue": ("av.", "Av.", "ave", "Avenue", "AV"),
    "boulevard": ("bd", "Bd", "bld", "Boulevard", "BD"),
    "place": ("pl.", "Pl.", "Place"),
    "chemin": ("ch.", "chem.", "Chemin"),
    "impasse": ("imp.", "Impasse"),
    "allée": ("all.", "Allée", "allee"),
    "route": ("rte", "Rte", "Route"),
    "quai": ("Quai", "QUAI"),
}

CITIES = (
    ("75001", "Paris"),
    ("75008", "Paris"),
    ("75011", "Paris"),
    ("75015", "Paris"),
    ("75017", "Paris"),
    ("75020", "Paris"),
    ("69001", "Lyon"),
    ("69003", "Lyon"),
    ("69007", "Lyon"),
    ("13001", "Marseille"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
    ("06000", "Nice"),
    ("44000", "Nantes"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("35000", "Rennes"),
    ("51100", "Reims"),
    ("42000", "Saint-Étienne"),
    ("83000", "Toulon"),
    ("38000", "Grenoble"),
    ("21000", "Dijon"),
    ("49000", "Angers"),
    ("30000", "Nîmes"),
    ("63000", "Clermont-Ferrand"),
    ("29200", "Brest"),
    ("37000", "Tours"),
    ("87000", "Limoges"),
    ("80000", "Amiens"),
    ("66000", "Perpignan"),
    ("57000", "Metz"),
    ("25000", "Besançon"),
    ("64000", "Pau"),
    ("17000", "La Rochelle"),
    ("74000", "Annecy"),
    ("56100", "Lorient"),
    ("84000", "Avignon"),
    ("97400", "Saint-Denis"),
)

FOREIGN = (
    # country, zip, city, phone national formats (landline, mobile), VAT prefix
    ("BE", "1000", "Bruxelles", ("02 {3} {2} {2}", "04{2} {2} {2} {2}"), "BE0"),
    ("CH", "1201", "Genève", ("022 {3} {2} {2}", "07{1} {3} {2} {2}"), "CHE"),
    ("DE", "10115", "Berlin", ("030 {8}", "0151 {8}"), "DE"),
    ("ES", "28001", "Madrid", ("91{1} {3} {3}", "6{2} {3} {3}"), "ES"),
    ("GB", "SW1A 1AA", "London", ("020 {4} {4}", "07{3} {6}"), "GB"),
)

EMAIL_PROVIDERS = (
    "gmail.com",
    "orange.fr",
    "free.fr",
    "wanadoo.fr",
    "laposte.net",
    "hotmail.fr",
    "sfr.fr",
    "yahoo.fr",
    "outlook.fr",
)


def strip_accents(text):
    """Text without accents (what many users type)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_LABEL_DROP = {
    *("et", "fils", "de", "la", "du", "des", "l", "d", "le", "les"),
    *("ets", "etablissements", "societe", "ste", "m", "mme", "monsieur", "madame"),
    *(form.lower() for form in ("SARL", "SAS", "SASU", "SA", "EURL", "SNC", "SCI", "SELARL")),
}


def label_key(name):
    """What makes two names "the same name" for labelling (not the engine's key)."""
    words = "".join(c if c.isalnum() else " " for c in strip_accents(name).lower()).split()
    return " ".join(sorted(word for word in words if word not in _LABEL_DROP))


def _slug(text):
    return "".join(char for char in strip_accents(text).lower() if char.isalnum())


# ---------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------


def _luhn_ok(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _siren(rng):
    while True:
        digits = str(rng.randrange(100_000_000, 999_999_999))
        if _luhn_ok(digits):
            return digits


def _vat_fr(siren):
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def _digits(rng, count):
    return "".join(str(rng.randrange(10)) for _ in range(count))


def _fr_phone(rng, mobile):
    first = rng.choice("67") if mobile else rng.choice("12345")
    return "0" + first + _digits(rng, 8)


def format_fr_phone(national, style):
    """Format a 10-digit French national number ("0612345678") in a given style."""
    pairs = " ".join(national[i : i + 2] for i in range(0, 10, 2))
    rest = national[1:]
    return {
        "spaces": pairs,
        "dots": pairs.replace(" ", "."),
        "dashes": pairs.replace(" ", "-"),
        "compact": national,
        "intl": "+33 " + " ".join([rest[0]] + [rest[i : i + 2] for i in range(1, 9, 2)]),
        "intl_compact": "+33" + rest,
        "double_zero": "0033" + rest,
        "intl_paren": "+33 (0)" + rest[0] + " " + " ".join(rest[i : i + 2] for i in range(1, 9, 2)),
    }[style]


PHONE_STYLES = (
    "spaces",
    "dots",
    "dashes",
    "compact",
    "intl",
    "intl_compact",
    "double_zero",
    "intl_paren",
)


def _foreign_phone(rng, pattern):
    out = []
    index = 0
    while index < len(pattern):
        if pattern[index] == "{":
            end = pattern.index("}", index)
            out.append(_digits(rng, int(pattern[index + 1 : end])))
            index = end + 1
        else:
            out.append(pattern[index])
            index += 1
    return "".join(out)


# ---------------------------------------------------------------------------
# Originals
# ---------------------------------------------------------------------------


def _company_name(rng, surname=None, activity=None):
    """A French company name and its parts (activity, surname, legal form)."""
    surname = surname or rng.choice(SURNAMES)
    activity = activity or rng.choice(ACTIVITIES)
    pattern = rng.random()
    if pattern < 0.40:
        base = f"{activity} {surname}"
    elif pattern < 0.50:
        base = f"{activity} {surname} et Fils"
    elif pattern < 0.60:
        base = f"{surname} {activity}"
    elif pattern < 0.72:
        base = f"{activity} {rng.choice(PLACES)}"
    elif pattern < 0.84:
        base = rng.choice(BRAND_PREFIXES) + rng.choice(BRAND_SUFFIXES)
        if rng.random() < 0.5:
            base = f"{base} {rng.choice(BRAND_WORDS)}"
    elif pattern < 0.92:
        base = f"{surname} {rng.choice(BRAND_WORDS)}"
    else:
        base = f"{rng.choice(SURNAMES)} {surname}"  # two founders
        base = base if rng.random() < 0.5 else base.replace(" ", " & ")
    if activity == "Immobilier" and rng.random() < 0.5:
        form = "SCI"
    elif activity in ("Pharmacie", "Cabinet Médical", "Expertise Comptable") and rng.random() < 0.5:
        form = "SELARL"
    else:
        form = rng.choice(LEGAL_FORMS_FR) if rng.random() < 0.55 else ""
    name = base
    if form:
        name = f"{base} {form}" if rng.random() < 0.7 else f"{form} {base}"
    return name, form


def _street(rng):
    types, weights = zip(*STREET_TYPES, strict=True)
    kind = rng.choices(types, weights)[0]
    number = str(rng.randrange(1, 180))
    if rng.random() < 0.07:
        number += rng.choice((" bis", " ter"))
    return f"{number} {kind} {rng.choice(STREET_NAMES)}"


def _email_for(rng, first, last, company_slug):
    first, last = _slug(first), _slug(last)
    if company_slug:
        domain = f"{company_slug}.{rng.choice(('fr', 'fr', 'com', 'net'))}"
        local = rng.choice(("contact", "info", f"{first}.{last}", "accueil", "compta", first))
    else:
        domain = rng.choice(EMAIL_PROVIDERS)
        local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}", last))
        if rng.random() < 0.3:
            local += str(rng.randrange(1, 99))
    return f"{local}@{domain}"


def make_partner(rng, pid, *, surname=None, activity=None, first=None, is_company=None):
    """One client as a dict of res.partner values (``id`` included)."""
    if is_company is None:
        is_company = rng.random() < 0.6
    foreign = rng.random() < 0.06
    country = None
    if foreign:
        country, zip_code, city, phone_patterns, vat_prefix = rng.choice(FOREIGN)
    else:
        zip_code, city = rng.choice(CITIES)
    surname = surname or rng.choice(SURNAMES)
    first = first or rng.choice(FIRST_NAMES)
    form = ""
    if is_company:
        name, form = _company_name(rng, surname, activity)
    else:
        name = f"{first} {surname}"
    base_slug = _slug(name)[:18] or _slug(surname)
    partner = {
        "id": pid,
        "name": name,
        "is_company": is_company,
        "email": _email_for(rng, first, surname, base_slug if is_company else "")
        if rng.random() < 0.8
        else "",
        "phone": "",
        "mobile": "",
        "vat": "",
        "company_registry": "",
        "street": _street(rng) if not foreign else f"{rng.randrange(1, 99)} {rng.choice(SURNAMES)}",
        "zip": zip_code,
        "city": city,
        "country_code": country or "FR",
    }
    if foreign:
        landline, mobile = phone_patterns
        if rng.random() < 0.8:
            partner["phone"] = _foreign_phone(rng, rng.choice((landline, mobile)))
        if is_company and rng.random() < 0.5:
            partner["vat"] = vat_prefix + _digits(rng, 9)
    else:
        has_phone, has_mobile = rng.random() < 0.75, rng.random() < (0.3 if is_company else 0.5)
        style = rng.choices(PHONE_STYLES, (30, 4, 2, 8, 14, 6, 2, 1))[0]
        if has_phone:
            partner["phone"] = format_fr_phone(_fr_phone(rng, not is_company), style)
        if has_mobile:
            partner["mobile"] = format_fr_phone(_fr_phone(rng, True), style)
        if is_company and rng.random() < 0.7:
            siren = _siren(rng)
            if rng.random() < 0.6:
                nic = f"{rng.randrange(1, 99):03d}" + _digits(rng, 2)
                partner["company_registry"] = f"{siren[:3]} {siren[3:6]} {siren[6:]} {nic}"
            if rng.random() < 0.5:
                partner["vat"] = _vat_fr(siren)
    partner["_form"] = form
    partner["_first"] = first
    partner["_surname"] = surname
    return partner


def _public(partner):
    return {key: value for key, value in partner.items() if not key.startswith("_")}


def generate_partners(count, seed=1, start_id=1):
    """Return ``count`` realistic French clients (dicts of res.partner values).

    Keys: id, name, is_company, email, phone, mobile, vat, company_registry,
    street, zip, city, country_code (ISO alpha-2). Seeded and deterministic.
    About 25,000 partners a second: enough for the speed benchmark's samples;
    bulk volumes are better multiplied in SQL.
    """
    rng = random.Random(seed)
    return [_public(make_partner(rng, start_id + index)) for index in range(count)]


# ---------------------------------------------------------------------------
# Variants (what a user types for an existing client)
# ---------------------------------------------------------------------------

_KEYBOARD_NEIGHBOURS = {
    "a": "zqs",
    "z": "aes",
    "e": "zrd",
    "r": "etf",
    "t": "ryg",
    "y": "tuh",
    "u": "yij",
    "i": "uok",
    "o": "ipl",
    "p": "om",
    "q": "asw",
    "s": "qdz",
    "d": "sfe",
    "f": "dgr",
    "g": "fht",
    "h": "gjy",
    "j": "hku",
    "k": "jli",
    "l": "kmo",
    "m": "lp",
    "w": "xq",
    "x": "wc",
    "c": "xv",
    "v": "cb",
    "b": "vn",
    "n": "bm",
}


def typo(rng, text):
    """One keyboard typo in a word of 4+ letters: substitute, drop, double, swap."""
    words = text.split(" ")
    candidates = [index for index, word in enumerate(words) if sum(c.isalpha() for c in word) >= 4]
    if not candidates:
        return text
    index = rng.choice(candidates)
    word = words[index]
    positions = [pos for pos, char in enumerate(word) if char.isalpha()][1:]
    if not positions:
        return text
    pos = rng.choice(positions)
    kind = rng.randrange(4)
    char = word[pos]
    if kind == 0:
        neighbours = _KEYBOARD_NEIGHBOURS.get(strip_accents(char).lower(), "e")
        replacement = rng.choice(neighbours)
        word = (
            word[:pos] + (replacement.upper() if char.isupper() else replacement) + word[pos + 1 :]
        )
    elif kind == 1:
        word = word[:pos] + word[pos + 1 :]
    elif kind == 2:
        word = word[:pos] + char + word[pos:]
    elif pos + 1 < len(word):
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    else:
        word = word[: pos - 1] + word[pos] + word[pos - 1]
    words[index] = word
    return " ".join(words)


def _swap_words(rng, name, partner):
    if not partner["is_company"]:
        return f"{partner['_surname']} {partner['_first']}"
    words = name.split()
    if len(words) < 2:
        return name
    cut = rng.randrange(1, len(words))
    return " ".join(words[cut:] + words[:cut])


def _change_legal_form(rng, name, partner):
    form = partner["_form"]
    if form:
        spellings = LEGAL_FORM_SPELLINGS[form]
        for spelling in sorted(spellings, key=len, reverse=True):
            if spelling in name:
                choice = rng.random()
                if choice < 0.5:  # removed
                    return " ".join(name.replace(spelling, " ").split())
                if choice < 0.8:  # written another way
                    return name.replace(spelling, rng.choice(spellings), 1)
                # another form
                return name.replace(spelling, rng.choice(LEGAL_FORMS_FR), 1)
        return name
    if not partner["is_company"]:
        return name
    added = rng.choice(
        [spelling for form in LEGAL_FORMS_FR for spelling in LEGAL_FORM_SPELLINGS[form]]
    )
    return f"{name} {added}" if rng.random() < 0.7 else f"{added} {name}"


def _generic_words(rng, name, partner):
    """Add or drop the generic words users use: Ets, Société, & Cie, et -> &."""
    if " et " in name and rng.random() < 0.5:
        return name.replace(" et ", " & ")
    if " & " in name and rng.random() < 0.5:
        return name.replace(" & ", " et ")
    if not partner["is_company"]:
        return rng.choice(("M. ", "Mme ", "Monsieur ", "Madame ")) + name
    return rng.choice(("Ets ", "Établissements ", "Société ", "Sté ")) + name


def _drop_word(rng, name, partner):
    words = name.split()
    if len(words) < 3:
        return name
    index = rng.randrange(len(words))
    if strip_accents(words[index]).lower().strip(".") in {
        strip_accents(partner["_surname"]).lower()
    }:
        index = (index + 1) % len(words)
    words = words[:index] + words[index + 1 :]
    while words and words[0] in ("&", "et"):
        words = words[1:]
    while words and words[-1] in ("&", "et"):
        words = words[:-1]
    return " ".join(words)


def _case(rng, name, _partner):
    return rng.choice((name.upper(), name.lower(), name.title()))


def _initial_first_name(rng, name, partner):
    if partner["is_company"]:
        return name
    first = partner["_first"]
    return name.replace(first, f"{first[0]}.") if rng.random() < 0.5 else name


def _surname_only(rng, name, partner):
    if partner["is_company"]:
        return name
    return rng.choice(("", "M. ", "Mme ")) + partner["_surname"]


NAME_TRANSFORMS = {
    "typo": lambda rng, name, partner: typo(rng, name),
    "two_typos": lambda rng, name, partner: typo(rng, typo(rng, name)),
    "no_accents": lambda rng, name, partner: strip_accents(name),
    "swap_words": _swap_words,
    "legal_form": _change_legal_form,
    "generic_words": _generic_words,
    "drop_word": _drop_word,
    "case": _case,
    "initial": _initial_first_name,
    "surname_only": _surname_only,
}
NAME_WEIGHTS = {
    "typo": 25,
    "two_typos": 5,
    "no_accents": 15,
    "swap_words": 12,
    "legal_form": 15,
    "generic_words": 8,
    "drop_word": 5,
    "case": 10,
    "initial": 3,
    "surname_only": 3,
}


def _rephone(rng, value, country):
    """The same number in another format (French numbers only)."""
    if not value or country != "FR":
        return value
    digits = "".join(char for char in value if char.isdigit())
    if digits.startswith("0033"):
        digits = "0" + digits[4:]
    elif digits.startswith("330") and len(digits) == 12:  # "+33 (0)6..."
        digits = digits[2:]
    elif digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return format_fr_phone(digits, rng.choice(PHONE_STYLES))


def _restreet(rng, street):
    """The same street written another way: abbreviations, case, commas."""
    words = street.split(" ")
    for index, word in enumerate(words):
        abbreviations = STREET_ABBREVIATIONS.get(word.lower())
        if abbreviations and rng.random() < 0.8:
            words[index] = rng.choice(abbreviations)
    text = " ".join(words)
    if rng.random() < 0.3 and words and words[0].isdigit():
        text = text.replace(" ", ", ", 1)
    if rng.random() < 0.2:
        text = text.upper()
    if rng.random() < 0.3:
        text = strip_accents(text)
    return text


def make_variant(rng, partner, qid):
    """A query for ``partner`` as a user would type it, and the transforms applied."""
    applied = []
    name = partner["name"]
    count = rng.choices((1, 2, 3), (45, 40, 15))[0]
    names, weights = zip(*NAME_WEIGHTS.items(), strict=True)
    for transform in rng.choices(names, weights, k=count):
        new_name = NAME_TRANSFORMS[transform](rng, name, partner)
        if new_name != name:
            applied.append(transform)
            name = new_name
    query = {
        "id": qid,
        "name": name,
        "is_company": partner["is_company"],
        "email": "",
        "phone": "",
        "mobile": "",
        "vat": "",
        "company_registry": "",
        "street": "",
        "zip": "",
        "city": "",
        "country_code": partner["country_code"],
        "expected_id": partner["id"],
    }
    # Contact details: kept (maybe reformatted), changed, or not typed at all.
    if partner["email"]:
        roll = rng.random()
        if roll < 0.35:
            query["email"] = partner["email"]
        elif roll < 0.55:
            query["email"] = rng.choice((partner["email"].upper(), partner["email"].title()))
            query["email"] = " " + query["email"] if rng.random() < 0.3 else query["email"]
            applied.append("email_case")
        elif roll < 0.65:
            query["email"] = _email_for(rng, partner["_first"], partner["_surname"], "")
            applied.append("email_changed")
    for field in ("phone", "mobile"):
        if partner[field]:
            roll = rng.random()
            if roll < 0.3:
                query[field] = partner[field]
            elif roll < 0.6:
                query[field] = _rephone(rng, partner[field], partner["country_code"])
                applied.append("phone_format")
            elif roll < 0.7:
                query[field] = _fr_phone(rng, field == "mobile")
                applied.append("phone_changed")
    if rng.random() < 0.15 and query["phone"] and not query["mobile"]:
        query["mobile"], query["phone"] = query["phone"], ""
        applied.append("phone_in_mobile")
    for field in ("vat", "company_registry"):
        if partner[field] and rng.random() < 0.4:
            value = partner[field].replace(" ", "")
            if rng.random() < 0.5:
                value = " ".join(value[i : i + 3] for i in range(0, len(value), 3)).lower()
                applied.append(f"{field}_format")
            query[field] = value
    roll = rng.random()
    if roll < 0.55:
        query["street"] = _restreet(rng, partner["street"])
        query["zip"], query["city"] = partner["zip"], partner["city"]
        if query["street"] != partner["street"]:
            applied.append("address_format")
    elif roll < 0.65:
        query["street"] = _street(rng)
        query["zip"], query["city"] = rng.choice(CITIES)
        applied.append("moved")
    query["variant"] = ",".join(applied) or "identical"
    return query


# ---------------------------------------------------------------------------
# Look-alikes: different clients that resemble an existing one
# ---------------------------------------------------------------------------


def make_lookalike(rng, partner, pid):
    """A different client resembling ``partner``: same surname, activity or place."""
    roll = rng.random()
    surname = partner["_surname"]
    if partner["is_company"]:
        if roll < 0.45:  # same surname, another business
            other = make_partner(rng, pid, surname=surname, is_company=True)
            kind = "same_surname_other_business"
        elif roll < 0.75:  # same activity, another owner
            activity = next((act for act in ACTIVITIES if act in partner["name"]), None)
            other = make_partner(rng, pid, activity=activity, is_company=True)
            kind = "same_activity"
        else:  # a person of the same name
            other = make_partner(rng, pid, surname=surname, is_company=False)
            kind = "person_same_surname"
    elif roll < 0.6:  # same surname, another first name
        first = rng.choice([name for name in FIRST_NAMES if name != partner["_first"]])
        other = make_partner(rng, pid, surname=surname, first=first, is_company=False)
        kind = "same_surname_other_first_name"
    elif roll < 0.8:  # same first name, another surname
        other_surname = rng.choice([name for name in SURNAMES if name != surname])
        other = make_partner(
            rng, pid, surname=other_surname, first=partner["_first"], is_company=False
        )
        kind = "same_first_name_other_surname"
    else:  # the surname's business
        other = make_partner(rng, pid, surname=surname, is_company=True)
        kind = "business_of_same_surname"
    other["_lookalike"] = kind
    return other


# ---------------------------------------------------------------------------
# The labelled set
# ---------------------------------------------------------------------------


def generate_dataset(n_originals=3000, n_decoys=1000, n_variants=3000, n_absent=1000, seed=42):
    """Return ``(records, queries)``, lists of dicts (res.partner field names).

    - ``records``: what the database holds, ``n_originals`` clients plus
      ``n_decoys`` look-alikes of some of them (each with ``id``).
    - ``queries``: ``n_variants`` variants of originals (``expected_id`` = the
      original's id, ``variant`` = the transforms applied) then ``n_absent``
      new clients that resemble existing ones (``expected_id`` None,
      ``variant`` = "absent:<kind>").

    Query ids start at 10,000,000 so they never collide with record ids.
    """
    rng = random.Random(seed)
    # Two records with the same name (up to case, accents, order, legal form)
    # would make the labels ambiguous: such draws are redrawn.
    # Two clients with one email would be a labelling error too.
    taken, emails = set(), set()

    def unique(draw):
        while True:
            record = draw()
            key = label_key(record["name"])
            if key not in taken:
                break
        taken.add(key)
        while record["email"] in emails:
            local, domain = record["email"].split("@")
            record["email"] = f"{local}{rng.randrange(1, 99)}@{domain}"
        if record["email"]:
            emails.add(record["email"])
        return record

    originals = [
        unique(lambda pid=pid: make_partner(rng, pid)) for pid in range(1, n_originals + 1)
    ]
    records = list(originals)
    next_id = n_originals + 1
    for _ in range(n_decoys):
        records.append(unique(lambda pid=next_id: make_lookalike(rng, rng.choice(originals), pid)))
        next_id += 1

    queries = []
    qid = 10_000_000
    for _ in range(n_variants):
        queries.append(make_variant(rng, rng.choice(originals), qid))
        qid += 1
    for _ in range(n_absent):
        lookalike = unique(lambda pid=qid: make_lookalike(rng, rng.choice(originals), pid))
        query = _public(lookalike)
        query["expected_id"] = None
        query["variant"] = "absent:" + lookalike["_lookalike"]
        queries.append(query)
        qid += 1
    return [_public(record) for record in records], queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--originals", type=int, default=3000)
    parser.add_argument("--decoys", type=int, default=1000)
    parser.add_argument("--variants", type=int, default=3000)
    parser.add_argument("--absent", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sample", type=int, default=10, help="how many queries to print")
    args = parser.parse_args()
    records, queries = generate_dataset(
        args.originals, args.decoys, args.variants, args.absent, args.seed
    )
    by_id = {record["id"]: record for record in records}
    print(f"{len(records)} records, {len(queries)} queries")
    step = max(1, len(queries) // max(1, args.sample))
    for query in queries[::step][: args.sample]:
        original = by_id.get(query["expected_id"])
        print(
            json.dumps(
                {
                    "query": {k: v for k, v in query.items() if v and k != "id"},
                    "original": original and original["name"],
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
