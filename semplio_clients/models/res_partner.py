from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class ResPartner(models.Model):
    """Attach every client to a branch and keep that attachment under control.

    The branch is a commercial field: a company's contacts and addresses carry
    their company's branch. Only branch administrators choose a foreign branch or
    transfer a client; every path into the ORM (forms, list edit, import, RPC)
    goes through ``create``/``write`` below, so the rule holds for all of them.
    """

    _inherit = "res.partner"

    branch_id = fields.Many2one(
        "semplio.branch",
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self._default_branch_id(),
        help="Branch the client belongs to. Only a branch administrator can transfer "
        "a client to another branch.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["branch_id"]

    @api.model
    def _default_branch_id(self):
        if self.env.context.get("semplio_no_default_branch"):
            return self.env["semplio.branch"]
        branch = self.env.user.branch_id
        return branch if branch.active else self.env["semplio.branch"]

    # ------------------------------------------------------------------
    # Guards on every write path
    # ------------------------------------------------------------------
    def _semplio_skip_branch_checks(self):
        """System writes (sudo, commercial sync, user creation) are not user choices."""
        return self.env.su or self.env.context.get("semplio_system_write")

    @api.model
    def _semplio_check_branch_choice(self, branch_id):
        """Refuse an unknown, archived or (for restricted users) foreign branch."""
        if not branch_id:
            return
        user = self.env.user
        # sudo: the branch may be out of the user's reach; only its state is read.
        branch = self.env["semplio.branch"].sudo().browse(branch_id).exists()
        if not branch:
            raise UserError(
                self.env._("The branch you chose does not exist (any more): pick another branch.")
            )
        if not branch.active:
            raise UserError(
                self.env._(
                    "The branch %(branch)s is archived and takes no new client: pick an active branch.",
                    branch=branch.display_name,
                )
            )
        if user._is_branch_restricted() and branch not in user.branch_ids:
            raise AccessError(
                self.env._(
                    "You can only attach clients to your own branches (%(branches)s), not to "
                    "%(branch)s. Ask a branch administrator to do it.",
                    branches=", ".join(user.branch_ids.mapped("display_name"))
                    or self.env._("none"),
                    branch=branch.display_name,
                )
            )

    @api.model
    def _semplio_parent_branch(self, parent_id):
        # sudo: the parent may be out of reach (that is what we check); only its branch is read.
        return self.sudo().browse(parent_id).commercial_partner_id.branch_id

    @api.model
    def _semplio_check_parent(self, parent_id):
        """A contact follows its company's branch: that branch must be one of the user's."""
        user = self.env.user
        if not parent_id or not user._is_branch_restricted():
            return
        branch = self._semplio_parent_branch(parent_id)
        if branch and branch not in user.branch_ids:
            raise AccessError(
                self.env._(
                    "This company belongs to the branch %(branch)s, which is not one of yours: "
                    "you cannot add contacts to it.",
                    branch=branch.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._semplio_skip_branch_checks():
            restricted = self.env.user._is_branch_restricted()
            default_branch = None
            for vals in vals_list:
                if vals.get("parent_id"):
                    self._semplio_check_parent(vals["parent_id"])
                    # The commercial sync will copy the company's branch anyway;
                    # taking it now avoids a default that would be refused.
                    vals["branch_id"] = self._semplio_parent_branch(vals["parent_id"]).id
                    continue
                if "branch_id" not in vals:
                    if default_branch is None:
                        default_branch = self.default_get(["branch_id"]).get("branch_id") or False
                    vals["branch_id"] = default_branch
                if restricted and not vals["branch_id"]:
                    raise UserError(
                        self.env._(
                            "You are not attached to any branch, so you cannot create clients. "
                            "Ask a branch administrator to add you to a branch."
                        )
                    )
                self._semplio_check_branch_choice(vals["branch_id"])
        return super().create(vals_list)

    def write(self, vals):
        if not self._semplio_skip_branch_checks():
            if "branch_id" in vals:
                self._semplio_check_transfer(vals["branch_id"])
            if vals.get("parent_id"):
                self._semplio_check_parent(vals["parent_id"])
        return super().write(vals)

    def _semplio_check_transfer(self, branch_id):
        """Only branch administrators change a client's branch."""
        moved = self.filtered(lambda p: p.branch_id.id != (branch_id or False))
        if not moved:
            return
        if self.env.user._is_branch_restricted():
            raise UserError(
                self.env._(
                    "Only a branch administrator can transfer a client to another branch "
                    "(%(clients)s). Ask your administrator to do it.",
                    clients=", ".join(moved[:5].mapped("display_name")),
                )
            )
        self._semplio_check_branch_choice(branch_id)
