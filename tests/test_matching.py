"""Unit tests of the ORM-free duplicate matching engine (semplio_clients.tools.matching)."""

import pytest

from semplio_clients.tools import matching


def keys(**values):
    country = values.pop("country", None)
    return matching.partner_keys(values, country)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def test_name_empty_gives_empty_key():
    assert matching.normalize_name("") == ""
    assert matching.normalize_name(None) == ""
    assert matching.normalize_name(False) == ""


def test_name_ignores_case():
    assert matching.normalize_name("DUPONT Plomberie") == matching.normalize_name(
        "dupont plomberie"
    )


def test_name_ignores_accents():
    assert matching.normalize_name("Élodie Hérvé-Çâlin") == "calin elodie herve"
    assert matching.normalize_name("Œuvres Sociales") == "oeuvres sociales"


def test_name_turns_punctuation_into_spaces():
    assert matching.normalize_name("Dupont, Durand; (Associés)!") == "associes dupont durand"
    assert matching.normalize_name("Jean-Pierre") == "jean pierre"


def test_name_ampersand_is_et_and_dropped_like_other_small_words():
    assert matching.normalize_name("Dupont & Durand") == matching.normalize_name("Dupont et Durand")
    assert matching.normalize_name("Dupont & Durand") == "dupont durand"
    assert matching.normalize_name("Dupont & Fils") == "dupont"
    assert matching.normalize_name("Martin Frères") == "martin"


@pytest.mark.parametrize(
    "raw",
    [
        "Dupont SARL",
        "SARL Dupont",
        "S.A.R.L. Dupont",
        "Dupont SAS",
        "Dupont S.A.S.",
        "Dupont SASU",
        "Dupont SA",
        "Dupont S.A.",
        "EURL Dupont",
        "SCI Dupont",
        "SNC Dupont",
        "SELARL Dupont",
        "Dupont Ltd",
        "Dupont Ltd.",
        "Dupont GmbH",
        "Dupont Inc.",
        "Dupont LLC",
        "Dupont & Co",
    ],
)
def test_name_drops_legal_forms(raw):
    assert matching.normalize_name(raw) == "dupont"


def test_legal_forms_listed():
    for form in ("sarl", "sas", "sasu", "sa", "eurl", "sci", "snc", "selarl", "ltd", "gmbh"):
        assert form in matching.LEGAL_FORMS
    for form in ("inc", "llc"):
        assert form in matching.LEGAL_FORMS


def test_name_drops_generic_company_words_and_civilities():
    assert matching.normalize_name("Ets Martin") == "martin"
    assert matching.normalize_name("Établissements Martin") == "martin"
    assert matching.normalize_name("Société Martin & Cie") == "martin"
    assert matching.normalize_name("M. Jean Dupont") == "dupont jean"
    assert matching.normalize_name("Mme Marie Dupont") == "dupont marie"


def test_name_drops_articles_and_elisions():
    assert matching.normalize_name("Boulangerie de la Gare") == "boulangerie gare"
    assert matching.normalize_name("L'Atelier d'Anne") == "anne atelier"


def test_name_made_only_of_dropped_words_keeps_a_key():
    assert matching.normalize_name("La Société") == "la societe"
    assert matching.normalize_name("SA") == "sa"


def test_name_token_order_does_not_matter():
    assert matching.normalize_name("Jean Dupont") == matching.normalize_name("Dupont Jean")
    assert matching.normalize_name("Plomberie Dupont") == "dupont plomberie"


def test_name_key_is_sorted_single_spaced():
    key = matching.normalize_name("  Zèbre   Alpha   Moteurs ")
    assert key == "alpha moteurs zebre"


# ---------------------------------------------------------------------------
# Email, phone, VAT, street, zip
# ---------------------------------------------------------------------------


def test_email_lowercased_and_stripped():
    assert matching.normalize_email("  Jean.Dupont@Example.FR ") == "jean.dupont@example.fr"


def test_email_in_display_form_or_mailto():
    assert matching.normalize_email("Jean Dupont <Jean@Dupont.fr>") == "jean@dupont.fr"
    assert matching.normalize_email("mailto:contact@dupont.fr") == "contact@dupont.fr"
    assert matching.normalize_email("a@dupont.fr, b@dupont.fr") == "a@dupont.fr"


@pytest.mark.parametrize("raw", ["", None, False, "dupont", "dupont@", "@dupont.fr", "a@b"])
def test_email_empty_or_invalid_gives_empty(raw):
    assert matching.normalize_email(raw) == ""


@pytest.mark.parametrize(
    "raw",
    ["06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78", "06-12-34-56-78"],
)
def test_phone_french_formats_give_e164(raw):
    assert matching.normalize_phone(raw) == "+33612345678"
    assert matching.normalize_phone(raw, "FR") == "+33612345678"


def test_phone_uses_the_given_country_for_national_numbers():
    assert matching.normalize_phone("030 12345678", "DE") == "+493012345678"
    assert matching.normalize_phone("030 12345678", "de") == "+493012345678"
    assert matching.normalize_phone("020 7946 0958", "GB") == "+442079460958"


def test_phone_with_international_prefix_ignores_the_country():
    assert matching.normalize_phone("+33 6 12 34 56 78", "DE") == "+33612345678"
    assert matching.normalize_phone("+32 2 555 12 12", "FR") == "+3225551212"


def test_phone_default_country_is_france():
    assert matching.normalize_phone("01 23 45 67 89", None) == "+33123456789"


@pytest.mark.parametrize("raw", ["", None, False, "n/a", "12", "06 12 34"])
def test_phone_unusable_gives_empty(raw):
    assert matching.normalize_phone(raw) == ""


def test_vat_without_spaces_dots_dashes_uppercase():
    assert matching.normalize_vat("fr 12 345 678 901") == "FR12345678901"
    assert matching.normalize_vat("FR12.345.678-901") == "FR12345678901"
    assert matching.normalize_vat("") == ""
    assert matching.normalize_vat(None) == ""
    assert matching.normalize_vat("/") == ""


def test_company_registry_uses_the_same_rule():
    assert matching.normalize_vat("123 456 789 00012") == "12345678900012"


def test_zip_without_spaces():
    assert matching.normalize_zip(" 75 008 ") == "75008"
    assert matching.normalize_zip(None) == ""


@pytest.mark.parametrize(
    ("raw_a", "raw_b"),
    [
        ("12 av. Foch", "12 Avenue Foch"),
        ("3 bd Voltaire", "3, Boulevard VOLTAIRE"),
        ("8 r. de la Paix", "8 rue de la paix"),
        ("1 pl. du Marché", "1 Place du Marche"),
        ("12bis chemin des Prés", "12 B ch. des Pres"),
        ("5 rte de Lyon", "5 Route de Lyon"),
        ("7 imp. St-Jean", "7 impasse Saint Jean"),
        ("10 all. des Tilleuls", "10 Allée des Tilleuls"),
        ("4 fbg St-Honoré", "4 Faubourg Saint-Honoré"),
        ("2 quai Gal de Gaulle", "2 Quai Général de Gaulle"),
    ],
)
def test_street_abbreviations_and_formatting(raw_a, raw_b):
    assert matching.normalize_street(raw_a) == matching.normalize_street(raw_b)


def test_street_keeps_token_order():
    assert matching.normalize_street("12 Avenue Foch") == "12 avenue foch"
    assert matching.normalize_street("") == ""


def test_partner_keys_collects_every_key():
    result = keys(
        name="Dupont SARL",
        email="Contact@Dupont.fr",
        phone="06 12 34 56 78",
        mobile="+33 6 12 34 56 78",
        vat="FR 12 345 678 901",
        company_registry="123 456 789 00012",
        street="12 av. Foch",
        zip="75 008",
    )
    assert result == {
        "name_key": "dupont",
        "email": "contact@dupont.fr",
        "phones": ["+33612345678"],
        "vat": "FR12345678901",
        "company_registry": "12345678900012",
        "street_key": "12 avenue foch",
        "zip": "75008",
    }


# ---------------------------------------------------------------------------
# Similarity
# ---------------------------------------------------------------------------


def sim(name_a, name_b):
    return matching.name_similarity(
        matching.normalize_name(name_a), matching.normalize_name(name_b)
    )


def test_name_similarity_identical_is_100_empty_is_0():
    assert sim("Dupont SARL", "dupont") == 100
    assert matching.name_similarity("", "dupont") == 0
    assert matching.name_similarity("dupont", "") == 0


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Boulangerie Dupont", "Boulangerie Dupond"),  # typo
        ("Plomberie Lefèvre", "Plomberie Lefevre"),  # accent
        ("Jean-Baptiste Moreau", "Moreau Jean Baptiste"),  # swapped, hyphen
        ("Garage Rousseau", "Garage Roussseau"),  # doubled letter
        ("Transports Bernard et Fils", "Transport Bernard Fils"),  # plural, small word
        ("Bati Pro Services", "Batipro Services"),  # glued words
    ],
)
def test_name_similarity_tolerates_variations(name_a, name_b):
    assert sim(name_a, name_b) >= matching.DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Boulangerie Martin", "Garage Martin"),
        ("Jean Dupont", "Marie Lefebvre"),
        ("Plomberie Girard", "Pharmacie Girard"),
        ("Transports Leroy", "Coiffure Bellevue"),
        ("Martin", "Martin Transports Frigorifiques Internationaux"),
    ],
)
def test_unrelated_names_score_below_threshold(name_a, name_b):
    score, _reasons = matching.score_pair(keys(name=name_a), keys(name=name_b))
    assert score < matching.DEFAULT_THRESHOLD


def test_typo_on_the_first_letter_is_another_name():
    assert sim("Céline Caron", "Céline Carin") >= matching.DEFAULT_THRESHOLD
    score, _reasons = matching.score_pair(keys(name="Céline Caron"), keys(name="Céline Baron"))
    assert score < matching.DEFAULT_THRESHOLD


def test_different_trade_words_weigh_fully():
    score, _reasons = matching.score_pair(
        keys(name="Boucherie des Quatre Vents"), keys(name="Plomberie des Quatre Vents")
    )
    assert score < matching.DEFAULT_THRESHOLD


def test_missing_trade_word_weighs_less_than_missing_surname():
    assert sim("Garage Moreau Dupont", "Moreau Dupont") > sim(
        "Garage Moreau Dupont", "Garage Moreau"
    )


def test_misspelt_legal_form_barely_counts():
    assert sim("SRAL Azurtech", "Azurtech SARL") >= matching.DEFAULT_THRESHOLD
    assert sim("Hôtel Charpentier et Filss", "Hôtel Charpentier et Fils") >= 90


def test_trigram_similarity_matches_pg_trgm():
    # values from PostgreSQL: SELECT similarity('word', 'two words') = 0.36363637
    assert matching.trigram_similarity("word", "two words") == pytest.approx(0.363636, abs=1e-5)
    assert matching.trigram_similarity("dupont", "dupont") == 1.0
    assert matching.trigram_similarity("", "dupont") == 0.0


def test_trigram_floor_keeps_typo_variants():
    floor = matching.trigram_floor()
    assert 0 < floor < 1
    assert matching.trigram_similarity("boulangerie dupont", "boulangerie dupond") >= floor


# ---------------------------------------------------------------------------
# Scoring and reasons
# ---------------------------------------------------------------------------


def test_score_identical_client_is_100_with_every_reason():
    values = {
        "name": "Dupont SARL",
        "email": "contact@dupont.fr",
        "phone": "0612345678",
        "vat": "FR12345678901",
        "company_registry": "12345678900012",
        "street": "12 avenue Foch",
        "zip": "75008",
    }
    score, reasons = matching.score_pair(keys(**values), keys(**values))
    assert score == 100
    assert reasons == ["vat", "company_registry", "email", "phone", "name", "address"]


def test_score_fuzzy_name_alone_reports_name():
    score, reasons = matching.score_pair(
        keys(name="Boulangerie Dupont SARL"), keys(name="boulangerie dupond")
    )
    assert score >= matching.DEFAULT_THRESHOLD
    assert reasons == ["name"]


def test_score_same_email_other_name_format_reports_email():
    score, reasons = matching.score_pair(
        keys(name="J. Dupont", email="JEAN.DUPONT@gmail.com"),
        keys(name="Jean Dupont", email="jean.dupont@gmail.com"),
    )
    assert score >= matching.DEFAULT_THRESHOLD
    assert "email" in reasons


def test_score_same_phone_in_other_format_reports_phone():
    score, reasons = matching.score_pair(
        keys(name="Garage Moreau", phone="06 12 34 56 78"),
        keys(name="Moreau Automobiles", mobile="0033612345678"),
    )
    assert score >= matching.DEFAULT_THRESHOLD
    assert "phone" in reasons


@pytest.mark.parametrize("code", ["vat", "company_registry"])
def test_score_identical_tax_id_or_registry_is_enough(code):
    raw = "FR 12 345 678 901" if code == "vat" else "123 456 789 00012"
    score, reasons = matching.score_pair(
        keys(name="Alpha Conseil", **{code: raw}),
        keys(name="Société Nouvelle Beta", **{code: raw.replace(" ", "")}),
    )
    assert score >= matching.DEFAULT_THRESHOLD
    assert reasons == [code]


def test_score_identical_identifier_with_other_name_scores_lower():
    same_name, _ = matching.score_pair(
        keys(name="Garage Moreau", phone="0612345678"),
        keys(name="Garage Moreau", phone="0612345678"),
    )
    other_name, reasons = matching.score_pair(
        keys(name="Garage Moreau", phone="0612345678"),
        keys(name="Fleurs Lucie", phone="0612345678"),
    )
    assert other_name < same_name
    assert reasons == ["phone"]


def test_score_address_supports_a_fair_name_match():
    name_a, name_b = "Dupont Plomberie Chauffage", "Dupont Plomberie"
    alone, _ = matching.score_pair(keys(name=name_a), keys(name=name_b))
    with_address, reasons = matching.score_pair(
        keys(name=name_a, street="12 av. Foch", zip="75008"),
        keys(name=name_b, street="12 Avenue Foch", zip="75 008"),
    )
    assert alone < matching.DEFAULT_THRESHOLD <= with_address
    assert "address" in reasons


def test_score_name_left_incomplete_at_the_same_address_is_a_duplicate():
    address = {"street": "12 rue de la Paix", "zip": "75002"}
    alone, _ = matching.score_pair(keys(name="Dupont"), keys(name="Jean Dupont"))
    assert alone < matching.DEFAULT_THRESHOLD
    score, reasons = matching.score_pair(
        keys(name="M. Dupont", **address), keys(name="Jean Dupont", **address)
    )
    assert score >= matching.DEFAULT_THRESHOLD
    assert reasons == ["name", "address"]


def test_score_household_at_the_same_address_is_not_a_duplicate():
    address = {"street": "12 rue de la Paix", "zip": "75002"}
    score, _reasons = matching.score_pair(
        keys(name="Marie Dupont", **address), keys(name="Jean Dupont", **address)
    )
    assert score < matching.DEFAULT_THRESHOLD


def test_score_address_alone_is_not_a_duplicate():
    score, reasons = matching.score_pair(
        keys(name="Cabinet Médical Pasteur", street="12 av. Foch", zip="75008"),
        keys(name="Librairie Voltaire", street="12 Avenue Foch", zip="75008"),
    )
    assert score < matching.DEFAULT_THRESHOLD
    assert reasons == ["address"]


def test_score_address_needs_the_same_zip():
    _score, reasons = matching.score_pair(
        keys(name="Dupont", street="12 avenue Foch", zip="75008"),
        keys(name="Dupont", street="12 avenue Foch", zip="69001"),
    )
    assert "address" not in reasons


def test_namesake_with_other_contact_details_scores_lower():
    stored = keys(
        name="Jean Martin", email="jean.martin@gmail.com", phone="0612345678", zip="75008"
    )
    namesake = {"email": "jmartin@free.fr", "phone": "0498765432", "zip": "69001"}
    exact, reasons = matching.score_pair(keys(name="Jean Martin", **namesake), stored)
    assert exact >= matching.DEFAULT_THRESHOLD, "an exact namesake is still worth a warning"
    assert reasons == ["name"]
    near, _reasons = matching.score_pair(keys(name="Jean Martine", **namesake), stored)
    assert near < matching.DEFAULT_THRESHOLD
    name_alone, _reasons = matching.score_pair(keys(name="Jean Martine"), stored)
    assert name_alone >= matching.DEFAULT_THRESHOLD, "a name typed alone keeps its score"


def test_score_empty_values_never_match():
    score, reasons = matching.score_pair(keys(name="Dupont"), keys(name="Durand"))
    assert "email" not in reasons and "phone" not in reasons and "vat" not in reasons
    score, reasons = matching.score_pair(keys(), keys())
    assert (score, reasons) == (0, [])


def test_score_without_query_name_uses_identifiers():
    score, reasons = matching.score_pair(
        keys(email="contact@dupont.fr"), keys(name="Dupont", email="Contact@Dupont.fr")
    )
    assert score >= matching.DEFAULT_THRESHOLD
    assert reasons == ["email"]


def test_reason_codes_are_the_documented_ones():
    assert set(matching.REASONS) == {
        "name",
        "email",
        "phone",
        "vat",
        "company_registry",
        "address",
    }


def test_score_pair_accepts_missing_keys():
    score, reasons = matching.score_pair({"name_key": "dupont"}, {"name_key": "dupont"})
    assert score == 100
    assert reasons == ["name"]
