from odoo import api, fields, models
from odoo.exceptions import AccessError


class SemplioBranchTransfer(models.TransientModel):
    """Bulk "Transfer to branch" for branch administrators.

    The transfer itself is an ordinary write of ``branch_id``: the partner's guards,
    the commercial sync (contacts follow), the orders' branch and tracking all apply.
    """

    _name = "semplio.branch.transfer"
    _description = "Transfer clients to another branch"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Clients",
        required=True,
        default=lambda self: self._default_partner_ids(),
        help="Clients to transfer; selected contacts bring their company.",
    )
    branch_id = fields.Many2one(
        "semplio.branch",
        string="New Branch",
        required=True,
        domain=[("active", "=", True)],
        help="Active branch the clients, their contacts and their sales history move to.",
    )

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return self.env["res.partner"]
        partners = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
        return partners.commercial_partner_id

    def action_transfer(self):
        self.ensure_one()
        if self.env.user._is_branch_restricted():
            raise AccessError(
                self.env._(
                    "Only a branch administrator can transfer clients to another branch: "
                    "ask your administrator."
                )
            )
        self.partner_ids.commercial_partner_id.write({"branch_id": self.branch_id.id})
        return {"type": "ir.actions.act_window_close"}
