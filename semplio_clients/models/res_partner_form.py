"""Comfort of the client form: who may edit the branch, and a checked email.

The branch guard itself lives in ``res_partner.py`` (every write path goes
through it); ``can_edit_branch`` only spares a salesperson a field they could not
save anyway.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

EMAIL_SEPARATORS = re.compile(r"[,;]")
NAMED_ADDRESS = re.compile(r"[^<>]*<([^<>]*)>\s*")


def is_valid_address(text):
    """True for "name@example.com" or "Name <name@example.com>".

    ``email_normalize`` alone is lenient ("contact @ dupont" gives
    "contact@dupont"): the address must also hold one "@", no space and a
    domain with a dot.
    """
    named = NAMED_ADDRESS.fullmatch(text.strip())
    address = (named.group(1) if named else text).strip()
    normalized = email_normalize(address)
    return bool(
        normalized
        and address.count("@") == 1
        and not re.search(r"\s", address)
        and "." in normalized.rpartition("@")[2]
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    can_edit_branch = fields.Boolean(
        compute="_compute_can_edit_branch",
        help="The current user may choose this partner's branch: branch administrators "
        "always, other users only on a new client and among their own branches. A "
        "company's contacts follow its branch.",
    )

    @api.depends_context("uid")
    @api.depends("parent_id", "is_company")
    def _compute_can_edit_branch(self):
        user = self.env.user
        admin = not user._is_branch_restricted()
        several_branches = len(user.branch_ids) > 1
        for partner in self:
            commercial = partner.is_company or not partner.parent_id
            new = not partner._origin.id
            partner.can_edit_branch = commercial and (admin or (new and several_branches))

    @api.constrains("email")
    def _check_email_address(self):
        for partner in self:
            if not (partner.email or "").strip():
                continue
            addresses = [a for a in EMAIL_SEPARATORS.split(partner.email) if a.strip()]
            if not addresses or not all(is_valid_address(a) for a in addresses):
                raise ValidationError(
                    self.env._(
                        "The email address %(email)s of %(partner)s is not valid: type an "
                        "address such as name@example.com, or leave the field empty.",
                        email=partner.email,
                        partner=partner.display_name or self.env._("this client"),
                    )
                )
