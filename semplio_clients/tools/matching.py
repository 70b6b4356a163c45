"""Duplicate matching engine for clients: normalisation keys and pair scoring.

Pure Python on purpose (stdlib, ``rapidfuzz``, ``phonenumbers``; no ``odoo``
import): the same functions compute the keys stored on ``res.partner`` (so that
PostgreSQL can index them), score the candidates the database returns, and run
in the repository-level unit tests and the quality benchmark without a registry.

How the pieces fit:

1. ``normalize_*`` turn raw partner values into comparison keys. The keys are
   stored on partners: ``name_key`` gets a trigram index (fuzzy retrieval),
   email and phone get b-tree indexes (exact retrieval).
2. Candidates are fetched by the database: ``similarity(name_key, query) >=
   TRIGRAM_FLOOR`` (pg_trgm) OR identical email / phone / VAT / registry.
   :func:`trigram_similarity` reproduces pg_trgm's ``similarity()`` so the
   benchmark can simulate that retrieval in Python.
3. :func:`score_pair` scores each candidate 0-100 with reason codes; callers
   report candidates scoring at least :data:`DEFAULT_THRESHOLD`. Names are
   compared word by word (:func:`name_similarity`), not letter by letter: a
   typo is tolerated, another surname or another trade is not.

The tuning constants were set on the labelled French set of
``bench/dup_dataset.py``; ``bench/dup_quality.py`` measures them (precision,
recall, F1, recall@5) beside Odoo's own checks. Reason codes are codes, not
sentences: the Odoo side translates them.
"""

import re
import unicodedata

import phonenumbers
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

__all__ = [
    "DEFAULT_THRESHOLD",
    "GENERIC_WORDS",
    "LEGAL_FORMS",
    "REASONS",
    "STOP_WORDS",
    "TRIGRAM_CANDIDATES",
    "TRIGRAM_FLOOR",
    "name_similarity",
    "normalize_email",
    "normalize_name",
    "normalize_phone",
    "normalize_street",
    "normalize_vat",
    "normalize_zip",
    "partner_keys",
    "score_pair",
    "trigram_floor",
    "trigram_similarity",
    "trigrams",
]

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

#: Legal forms, as tokens after normalisation (dotted forms such as "S.A.R.L."
#: are glued back into one token first). They say nothing about *which*
#: business it is, and users add or omit them at will, so they are dropped.
LEGAL_FORMS = frozenset(
    {
        # France
        "sarl",
        "sas",
        "sasu",
        "sa",
        "eurl",
        "sci",
        "snc",
        "scs",
        "sca",
        "scp",
        "scop",
        "scic",
        "scm",
        "sem",
        "selarl",
        "selas",
        "selafa",
        "selca",
        "gie",
        "gaec",
        "earl",
        "ei",
        "eirl",
        "micro",
        "sarlu",
        # Elsewhere, frequent among French clients' suppliers and customers
        "ltd",
        "limited",
        "plc",
        "llp",
        "lp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "llc",
        "co",
        "gmbh",
        "ag",
        "kg",
        "ug",
        "ohg",
        "bv",
        "nv",
        "bvba",
        "sprl",
        "srl",
        "spa",
        "sl",
        "slu",
        "sau",
        "lda",
        "oy",
        "ab",
        "as",
        "aps",
    }
)

#: Words dropped from name keys besides legal forms: French articles and
#: prepositions ("Boulangerie de la Gare" = "Boulangerie Gare"), generic
#: company words ("Ets Martin", "Société Martin", "Martin & Cie" all mean
#: Martin) and civilities ("M. Jean Dupont", "Mme Dupont"). They are frequent,
#: so keeping them would make unrelated names look alike and would add noise
#: to the trigram index. If a name is made only of such words ("La Société"),
#: they are kept so the key is not empty.
STOP_WORDS = frozenset(
    {
        # articles, prepositions, conjunctions (after unaccenting; "&" -> "et")
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "d",
        "et",
        "au",
        "aux",
        "en",
        "the",
        "and",
        "of",
        # generic company words
        "ets",
        "etablissement",
        "etablissements",
        "societe",
        "ste",
        "cie",
        "compagnie",
        "groupe",
        "entreprise",
        "ent",
        "company",
        "fils",
        "freres",
        # civilities
        "m",
        "mr",
        "mme",
        "mlle",
        "mm",
        "monsieur",
        "madame",
        "mademoiselle",
        "messieurs",
        "dr",
        "docteur",
        "me",
        "maitre",
        "pr",
    }
)

#: Trade and generic business words: they tell what a client does, not who it
#: is ("Pharmacie Martin" and "Pharmacie Bertrand" are two clients), so they
#: weigh less in :func:`name_similarity` than surnames, places and brands.
GENERIC_WORDS = frozenset(
    """
    agence agencement alimentation ambulance ambulances architecture architecte artisan
    assurance assurances atelier auto automobile automobiles autos avocat avocats bar
    batiment batiments bio boucherie boulangerie brasserie bureau cabinet cafe carrosserie
    cave centre charcuterie charpente chauffage clinique coiffure commerce communication
    comptable concept conseil conseils construction constructions consulting couverture
    creation cuisine cuisines decoration demenagement demenagements design developpement
    diffusion distribution ecole electricite electricien energie engineering epicerie
    entretien equipement expertise express ferme fleurs fleuriste formation fromagerie
    garage gestion habitat hotel immobilier imprimerie informatique ingenierie international
    jardin jardinage jardins laboratoire librairie location logistique maconnerie magasin
    maison materiaux medical menuiserie negoce nettoyage notaire optique paysage paysages
    peinture pharmacie photo plomberie poissonnerie pressing production quincaillerie
    renovation restaurant restauration salon sante securite serrurerie service services
    solutions sport sports studio systemes taxi taxis technologies terrassement the
    traiteur transport transports travaux vins spiritueux voyage voyages
    """.split()
)

#: Street abbreviations expanded to the full word, so "12 av. Foch" and
#: "12 Avenue Foch" give the same key.
_STREET_WORDS = {
    "av": "avenue",
    "ave": "avenue",
    "avn": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "blvd": "boulevard",
    "bvd": "boulevard",
    "boul": "boulevard",
    "r": "rue",
    "pl": "place",
    "ch": "chemin",
    "chem": "chemin",
    "che": "chemin",
    "rte": "route",
    "imp": "impasse",
    "all": "allee",
    "fg": "faubourg",
    "fbg": "faubourg",
    "faub": "faubourg",
    "qu": "quai",
    "qai": "quai",
    "sq": "square",
    "crs": "cours",
    "pas": "passage",
    "pass": "passage",
    "res": "residence",
    "resid": "residence",
    "lot": "lotissement",
    "lotiss": "lotissement",
    "za": "zone artisanale",
    "zi": "zone industrielle",
    "zac": "zone amenagement concerte",
    "st": "saint",
    "ste": "sainte",
    "gal": "general",
    "gen": "general",
    "mal": "marechal",
    "pdt": "president",
    "prom": "promenade",
    "rpt": "rond point",
    "b": "bis",
    "t": "ter",
    "bat": "batiment",
    "bt": "batiment",
    "esc": "escalier",
    "appt": "appartement",
    "apt": "appartement",
    "cedex": "",
}

#: Small words left out of street keys ("Rue de la Paix" = "Rue Paix").
_STREET_STOP_WORDS = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au"})

#: Every reason code :func:`score_pair` may return, strongest evidence first.
REASONS = ("vat", "company_registry", "email", "phone", "name", "address")

# ---------------------------------------------------------------------------
# Tuning (see bench/dup_quality.py for the labelled set they were tuned on)
# ---------------------------------------------------------------------------

#: Score at or above which a candidate is reported as a potential duplicate.
DEFAULT_THRESHOLD = 80

#: pg_trgm ``similarity()`` on ``name_key`` from which the database returns a
#: candidate (``SET pg_trgm.similarity_threshold`` then ``name_key % query``).
#: Low enough to keep typos and missing words (recall), high enough to keep the
#: GIN index scan selective on a million rows.
TRIGRAM_FLOOR = 0.3

#: How many of the most similar names (``ORDER BY similarity DESC LIMIT``) the
#: SQL side scores, besides the exact email / phone / VAT / registry matches.
TRIGRAM_CANDIDATES = 50

#: Minimum name similarity for the "name" reason.
_NAME_REASON = 80

#: Score of a name included in the other ("Martin" / "Jean Martin") at the same address.
_INCLUDED_AT_ADDRESS = 85

#: Score given by one identical identifier when the names agree, and when the
#: names clearly disagree (a shared switchboard, a family phone, an accountant's
#: email): the identifier alone is still reported, just lower.
_IDENTIFIER_SCORES = {
    "vat": (98, 90),
    "company_registry": (98, 90),
    "email": (95, 85),
    "phone": (92, 80),
}

#: Points taken off a name-only match per contact detail known on both sides
#: and different (see ``_contradictions``), and at most in all.
_PENALTIES = {"email": 10, "phone": 7, "zip": 5, "max": 20}

_PUNCT_RE = re.compile(r"[^0-9a-z]+")
_DOTTED_RE = re.compile(r"\b(?:[a-z]\.){2,}(?:[a-z]\b)?")
_EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+$")
_EMAIL_IN_TEXT_RE = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+")
_DIGIT_ALPHA_RE = re.compile(r"(\d)([a-z])")


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


def _fold(text):
    """Casefold and strip accents ("Élodie Œuvray" -> "elodie oeuvray")."""
    text = unicodedata.normalize("NFKD", str(text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    # letters NFKD does not decompose
    return (
        text.replace("œ", "oe")
        .replace("æ", "ae")
        .replace("ß", "ss")
        .replace("ø", "o")
        .replace("ł", "l")
        .replace("đ", "d")
    )


def normalize_name(name):
    """Return the comparison key of a client name ("" for an empty name).

    Steps: casefold, strip accents, "&" -> "et", glue dotted initials
    ("S.A.R.L." -> "sarl"), punctuation and apostrophes -> space, drop
    :data:`LEGAL_FORMS` and :data:`STOP_WORDS`, sort the tokens and join them
    with one space, so word order ("Dupont Jean" / "Jean Dupont") does not
    matter. Sorting also makes the key usable by a trigram index directly.
    """
    if not name:
        return ""
    text = _fold(name).replace("&", " et ").replace("+", " et ")
    text = _DOTTED_RE.sub(lambda match: match.group(0).replace(".", ""), text)
    tokens = _PUNCT_RE.sub(" ", text).split()
    kept = [tok for tok in tokens if tok not in LEGAL_FORMS and tok not in STOP_WORDS]
    if not kept:
        # "La Compagnie", "SA": better a key made of generic words than none
        kept = [tok for tok in tokens if tok not in LEGAL_FORMS] or tokens
    return " ".join(sorted(kept))


def normalize_email(email):
    """Return the email lowercased and stripped, or "" when empty or invalid.

    Accepts "Name <addr>" and "mailto:" forms, and keeps the first address of
    a list ("a@x.fr, b@x.fr"), as Odoo's email field may hold any of those.
    """
    if not email:
        return ""
    text = str(email).strip().lower()
    found = _EMAIL_IN_TEXT_RE.search(text)
    if not found:
        return ""
    address = found.group(0).strip(".'")
    if address.startswith("mailto:"):
        address = address[len("mailto:") :]
    return address if _EMAIL_RE.match(address) else ""


def normalize_phone(phone, country_code=None):
    """Return the phone number in E.164 ("+33612345678"), or "" if unusable.

    ``country_code`` is the ISO alpha-2 code used for numbers written without
    an international prefix: the client's country, else the company's; "FR"
    when unknown. "06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678" and
    "06.12.34.56.78" all give "+33612345678". Numbers that cannot exist
    (wrong length) give "", so that junk never matches junk.
    """
    if not phone:
        return ""
    region = (country_code or "FR").upper()
    text = str(phone).strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_vat(vat):
    """Return a tax ID or company registry uppercase, without any separator.

    "FR 12 345 678 901" -> "FR12345678901", "123.456.789-00012" ->
    "12345678900012"; "" when nothing alphanumeric is left ("/", "-").
    """
    if not vat:
        return ""
    return re.sub(r"[^0-9A-Z]", "", _fold(vat).upper())


def normalize_zip(zip_code):
    """Return a postal code uppercase without spaces ("75 008" -> "75008")."""
    if not zip_code:
        return ""
    return re.sub(r"[^0-9A-Z]", "", _fold(zip_code).upper())


def normalize_street(street):
    """Return the comparison key of a street line ("" if empty).

    Casefold, strip accents, punctuation -> space, split "12bis" into
    "12 bis", expand common French abbreviations (av -> avenue, bd ->
    boulevard, r -> rue, pl -> place, ...) and drop small words ("de", "la").
    Token order is kept: in an address it carries meaning.
    """
    if not street:
        return ""
    text = _PUNCT_RE.sub(" ", _fold(street))
    text = _DIGIT_ALPHA_RE.sub(r"\1 \2", text)
    words = []
    for token in text.split():
        token = _STREET_WORDS.get(token, token)
        words.extend(word for word in token.split() if word not in _STREET_STOP_WORDS)
    return " ".join(words)


def partner_keys(values, country_code=None):
    """Return the normalised keys :func:`score_pair` expects from raw values.

    ``values`` holds any of name, email, phone, mobile, vat, company_registry,
    street, zip (missing keys are empty). ``phones`` lists the distinct E.164
    numbers of phone and mobile.
    """
    phones = []
    for field in ("phone", "mobile"):
        number = normalize_phone(values.get(field), country_code)
        if number and number not in phones:
            phones.append(number)
    return {
        "name_key": normalize_name(values.get("name")),
        "email": normalize_email(values.get("email")),
        "phones": phones,
        "vat": normalize_vat(values.get("vat")),
        "company_registry": normalize_vat(values.get("company_registry")),
        "street_key": normalize_street(values.get("street")),
        "zip": normalize_zip(values.get("zip")),
    }


# ---------------------------------------------------------------------------
# Similarity and scoring
# ---------------------------------------------------------------------------


def _token_agreement(token_a, token_b):
    """How far two name tokens are the same word, 0.0-1.0.

    A typo (one edit - substitution, insertion, deletion or swap of two
    neighbours - in a word of 4+ letters, two edits from 9 letters) still
    counts as the same word, slightly discounted, unless it is on the first
    letter (rare in typing, frequent between names: "Caron" / "Baron"). Two
    edits in a word of 6 to 8 letters get half credit. Other pairs get little
    credit, scaled on their rapidfuzz ratio: "Garnier" / "Arnaud" or "Martin"
    / "Bertrand" are other people, however many letters they share. An
    initial agrees with a word starting with it ("J." / "Jean").
    """
    if token_a == token_b:
        return 1.0
    if len(token_a) == 1 or len(token_b) == 1:
        initial_of_trade = token_a in GENERIC_WORDS or token_b in GENERIC_WORDS
        return 0.6 if token_a[0] == token_b[0] and not initial_of_trade else 0.0
    longest = max(len(token_a), len(token_b))
    allowed = 0 if longest < 4 else 1 if longest < 9 else 2
    distance = OSA.distance(token_a, token_b, score_cutoff=allowed + 2)
    if token_a[0] != token_b[0]:
        # typists rarely miss the first letter; "Caron" / "Baron" are two names
        distance += 1
    if distance <= allowed:
        return 1.0 - 0.08 * distance
    if distance == 2 and longest >= 6:
        return 0.55
    return 0.3 * max(0.0, (fuzz.ratio(token_a, token_b) - 50) / 50)


def _deletions(word):
    """The word and every string obtained by deleting one of its letters."""
    return {word} | {word[:index] + word[index + 1 :] for index in range(len(word))}


#: Words whose misspellings are noise in a name, with their one-letter-less
#: forms: a token shares one of these forms with such a word exactly when it
#: is within about one edit of it (symmetric deletion, no distance loop).
#: Keyed by first letter, which typists rarely miss ("Karl" is no "SARL").
_NOISE_FORMS = frozenset(
    (word[0], form)
    for word in LEGAL_FORMS | STOP_WORDS
    if len(word) >= 4
    for form in _deletions(word)
)


def _is_noise(token):
    """A misspelt legal form or small word ("SRAL", "Filss"): nearly no identity."""
    if len(token) < 3:
        return False
    first = token[0]
    return any((first, form) in _NOISE_FORMS for form in _deletions(token))


def _token_weight(token):
    """Weight of a token in a name: its length (capped), less for trade words."""
    weight = min(len(token), 8)
    return weight * 0.4 if token in GENERIC_WORDS else weight


def name_similarity(key_a, key_b):
    """Return the similarity 0-100 of two name keys (from :func:`normalize_name`).

    Character-level ratios on whole names proved too generous: "Pharmacie
    Martin" / "Pharmacie Bertrand" or "Nathalie Garnier" / "Nathalie Arnaud"
    share most of their letters yet are other clients. So the score aligns the
    tokens (best pairs first, in any order) and averages their agreement
    (:func:`_token_agreement`: typos tolerated, other words not), weighted by
    token length:

    - a token without a partner counts as a disagreement, except a misspelt
      legal form or small word ("SRAL", "Fils"), which barely counts;
    - trade words (:data:`GENERIC_WORDS`) weigh less than the words that
      identify the client, so "Boulangerie Martin" = "Martin" more or less;
      but two *different* trade words weigh fully: "Boucherie des Quatre
      Vents" is not "Plomberie des Quatre Vents";
    - names split or glued differently ("Bati Pro" / "Batipro") are compared
      without spaces too.
    """
    if not key_a or not key_b:
        return 0
    if key_a == key_b:
        return 100
    tokens_a, tokens_b = key_a.split(), key_b.split()
    pairs = []
    for index_a, token_a in enumerate(tokens_a):
        for index_b, token_b in enumerate(tokens_b):
            agreement = _token_agreement(token_a, token_b)
            if agreement > 0:
                pairs.append((agreement, index_a, index_b))
    pairs.sort(reverse=True)
    used_a, used_b = set(), set()
    agreed = total = 0.0
    for agreement, index_a, index_b in pairs:
        if index_a in used_a or index_b in used_b:
            continue
        used_a.add(index_a)
        used_b.add(index_b)
        token_a, token_b = tokens_a[index_a], tokens_b[index_b]
        if agreement >= 0.5:
            weight = max(_token_weight(token_a), _token_weight(token_b))
        else:  # two different words: each weighs fully
            weight = max(min(len(token_a), 8), min(len(token_b), 8))
        agreed += agreement * weight
        total += weight
    left_a = [tok for i, tok in enumerate(tokens_a) if i not in used_a]
    left_b = [tok for i, tok in enumerate(tokens_b) if i not in used_b]
    trades_differ = any(t in GENERIC_WORDS for t in left_a) and any(
        t in GENERIC_WORDS for t in left_b
    )
    for token in left_a + left_b:
        if trades_differ and token in GENERIC_WORDS:
            total += min(len(token), 8)
        elif _is_noise(token):
            total += 1
        else:
            total += _token_weight(token)
    best = agreed / total if total else 0.0
    if len(tokens_a) != len(tokens_b):
        best = max(best, _token_agreement("".join(tokens_a), "".join(tokens_b)))
    return round(100 * best)


def trigrams(text):
    """Return the set of trigrams of ``text`` the way pg_trgm builds them.

    Words (runs of letters and digits, unaccented, lowercase) are padded with two
    spaces in front and one behind ("  w "), as ``show_trgm()`` does.
    """
    grams = set()
    for word in re.findall(r"[0-9a-z]+", _fold(text)):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(text_a, text_b):
    """Return pg_trgm's ``similarity(text_a, text_b)`` (0.0-1.0), in Python.

    Lets the benchmark and tests simulate the database's candidate retrieval.
    """
    grams_a, grams_b = trigrams(text_a), trigrams(text_b)
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)


def trigram_floor():
    """Return :data:`TRIGRAM_FLOOR`, the pg_trgm similarity threshold to use.

    The SQL side sets it per query (``SET LOCAL pg_trgm.similarity_threshold``)
    and filters with ``name_key % %s`` so the GIN trigram index is used.
    """
    return TRIGRAM_FLOOR


def _address_matches(query, candidate):
    """True when zip codes are equal and streets are (nearly) the same."""
    zip_a, zip_b = query.get("zip") or "", candidate.get("zip") or ""
    street_a, street_b = query.get("street_key") or "", candidate.get("street_key") or ""
    if not (zip_a and zip_a == zip_b and street_a and street_b):
        return False
    return fuzz.ratio(street_a, street_b) >= 85


def _name_included(key_a, key_b):
    """True when every word of the shorter name key is a word of the longer one."""
    tokens_a, tokens_b = set(key_a.split()), set(key_b.split())
    if not tokens_a or not tokens_b or tokens_a == tokens_b:
        return False
    shorter, longer = sorted((tokens_a, tokens_b), key=len)
    return shorter <= longer


def score_pair(query, candidate):
    """Score how likely ``candidate`` is a duplicate of ``query``.

    Both dicts carry normalised keys: ``name_key``, ``email``, ``phones`` (list
    of E.164), ``vat``, ``company_registry``, ``street_key``, ``zip`` (missing
    or empty keys are ignored). Returns ``(score, reasons)``: score 0-100 and
    the reason codes among :data:`REASONS`, strongest first.

    - An identical VAT, registry, email or phone is strong evidence on its
      own; it scores lower when the names clearly disagree (a shared
      switchboard or accountant's email), still above the threshold for
      VAT / registry / email.
    - Otherwise name similarity drives the score.
    - The same street and zip support a fair name match (+10, capped), and
      make a name included in the other ("Martin" / "Jean Martin") a match.
    - A name-only match loses a few points for each contact detail (email,
      phone, zip) known on both sides and different: that is a namesake more
      often than a duplicate.
    """
    name_a, name_b = query.get("name_key") or "", candidate.get("name_key") or ""
    name_score = name_similarity(name_a, name_b)
    names_known = bool(name_a and name_b)
    names_disagree = names_known and name_score < 60

    reasons = []
    score = name_score
    for code in ("vat", "company_registry", "email"):
        value = query.get(code)
        if value and value == candidate.get(code):
            reasons.append(code)
            agree, disagree = _IDENTIFIER_SCORES[code]
            score = max(score, disagree if names_disagree else agree)
    phones_b = set(candidate.get("phones") or ())
    if phones_b and any(phone in phones_b for phone in query.get("phones") or ()):
        reasons.append("phone")
        agree, disagree = _IDENTIFIER_SCORES["phone"]
        score = max(score, disagree if names_disagree else agree)
    if name_score >= _NAME_REASON:
        reasons.append("name")
    if _address_matches(query, candidate):
        reasons.append("address")
        if name_score >= 60:
            score = max(score, min(100, name_score + 10))
        if _name_included(name_a, name_b):
            # "Martin" at the address of "Jean Martin": a word left out, not another name
            score = max(score, _INCLUDED_AT_ADDRESS)
            if "name" not in reasons:
                reasons.insert(reasons.index("address"), "name")
    if len(reasons) >= 2 and score < 100 and any(code != "name" for code in reasons):
        # two independent pieces of evidence: more certain than either alone
        score = min(100, score + 3)
    elif reasons == ["name"] or not reasons:
        score -= _contradictions(query, candidate)
    return max(0, round(score)), reasons


def _contradictions(query, candidate):
    """Points taken off a name-only match whose contact details all differ.

    A user creating a client that already exists usually types at least one of
    its email, phone or address as stored; a namesake (another "Jean Martin",
    "Garage du Pont" against "Garage du Port") has other ones. Only details
    known on both sides count, so a name typed alone keeps its score.
    """
    penalty = 0
    email_a, email_b = query.get("email"), candidate.get("email")
    if email_a and email_b and email_a != email_b:
        penalty += _PENALTIES["email"]
    phones_a, phones_b = set(query.get("phones") or ()), set(candidate.get("phones") or ())
    if phones_a and phones_b and not phones_a & phones_b:
        penalty += _PENALTIES["phone"]
    zip_a, zip_b = query.get("zip"), candidate.get("zip")
    if zip_a and zip_b and zip_a != zip_b:
        penalty += _PENALTIES["zip"]
    return min(penalty, _PENALTIES["max"])
