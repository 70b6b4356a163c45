"""Find a client by phone whatever the way the number was typed.

Sales staff type "06 12 34 56 78", "0612345678" or "+33 6 12 34 56 78"; the
number may be stored in any of those forms. Each partner keeps, in one stored
and trigram-indexed column, the digits of its phone and mobile in both their
international and national forms; the search strips the query down to digits
and matches it with ``ilike`` on that column, so any format and any fragment
("12 34 56") finds the client through the index.
"""

import re

import phonenumbers

from odoo import api, fields, models
from odoo.osv.expression import AND, OR

NON_DIGITS = re.compile(r"\D+")
DEFAULT_REGION = "FR"
POSITIVE_OPERATORS = {"ilike", "=ilike", "like", "=like", "="}
NEGATIVE_OPERATORS = {"not ilike", "not like", "!="}


def phone_digit_forms(number, region):
    """Digit strings under which ``number`` can be searched.

    :param str number: a phone number as typed (any spaces, dots, dashes, prefix)
    :param str region: ISO country code used to read a national number ("FR")
    :return: list of distinct digit strings: as typed, international without
        "+" ("33612345678") and national ("0612345678") when the number parses
    """
    raw = NON_DIGITS.sub("", number or "")
    if not raw:
        return []
    forms = [raw]
    try:
        parsed = phonenumbers.parse(number, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return forms
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    for form in (international, national):
        digits = NON_DIGITS.sub("", form)
        if digits and digits not in forms:
            forms.append(digits)
    return forms


def phone_query_digits(value):
    """Digits to look for from a phone query; empty when the query has none.

    "+33 6 12" and "0033 6 12" both give "33612" (the international form),
    "+33 (0)6 12 34 56 78" gives "33612345678", "06 12" gives "0612" (the
    national form) and "12 34 56" gives "123456".
    """
    text = (value or "").strip()
    digits = NON_DIGITS.sub("", text)
    if text.startswith("+") or text.startswith("00"):
        if digits.startswith("00"):
            digits = digits[2:]
        try:
            parsed = phonenumbers.parse("+" + text.lstrip("+0"), None)
        except phonenumbers.NumberParseException:
            return digits
        if phonenumbers.is_possible_number(parsed):
            # A complete international number: drop a national "(0)" typed after the prefix.
            return NON_DIGITS.sub(
                "", phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            )
    return digits


class ResPartner(models.Model):
    _inherit = "res.partner"

    phone_search_digits = fields.Char(
        string="Phone Digits",
        compute="_compute_phone_search_digits",
        store=True,
        index="trigram",
        help="Digits of the phone and mobile numbers, in international and national forms, "
        "used to find a client by phone whatever the format typed.",
    )
    phone_search = fields.Char(
        string="Phone (any format)",
        compute="_compute_phone_search",
        search="_search_phone_search",
        help="Search the phone and mobile numbers whatever their format.",
    )

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_phone_search_digits(self):
        regions = self._semplio_phone_country_codes()
        for partner in self:
            region = regions[partner.id]
            forms = []
            for number in (partner.phone, partner.mobile):
                forms += [f for f in phone_digit_forms(number, region) if f not in forms]
            partner.phone_search_digits = " ".join(forms) or False

    @api.depends("phone", "mobile")
    def _compute_phone_search(self):
        for partner in self:
            partner.phone_search = partner.phone or partner.mobile

    def _search_phone_mobile_search(self, operator, value):
        """Odoo's own phone search (Contacts, sms) also finds any format.

        Odoo compares the digits as typed, so "+33 6 12" misses "06 12"; queries of
        a few characters keep Odoo's behaviour (and its minimum length message).
        """
        if (
            isinstance(value, str)
            and len(value.strip()) >= 3
            and operator in POSITIVE_OPERATORS | NEGATIVE_OPERATORS
            and operator not in ("=", "!=")
            and phone_query_digits(value)
        ):
            return self._search_phone_search(operator, value)
        return super()._search_phone_mobile_search(operator, value)

    def _search_phone_search(self, operator, value):
        """``phone_search ilike "06 12 34"`` becomes ``phone_search_digits ilike "061234"``."""
        if not value:
            no_phone = [("phone", "=", False), ("mobile", "=", False)]
            return no_phone if operator in ("=", "ilike", "like") else ["!", *AND(no_phone)]
        if not isinstance(value, str) or operator not in POSITIVE_OPERATORS | NEGATIVE_OPERATORS:
            return OR([[("phone", operator, value)], [("mobile", operator, value)]])
        digits = phone_query_digits(value)
        if digits:
            domain = [("phone_search_digits", "ilike", digits)]
        else:
            # No digit at all ("abc"): fall back to the numbers as stored.
            domain = OR([[("phone", "ilike", value)], [("mobile", "ilike", value)]])
        return ["!", *domain] if operator in NEGATIVE_OPERATORS else domain
