from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Partners an order shows by name: a branch-restricted user may only use partners
# they can read, or the order would reveal a foreign client.
ORDER_PARTNER_FIELDS = ("partner_id", "partner_invoice_id", "partner_shipping_id")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The order belongs to its client's branch and follows it on a transfer, so
    # the whole history becomes visible to the new branch.
    branch_id = fields.Many2one(
        "semplio.branch",
        string="Branch",
        related="partner_id.commercial_partner_id.branch_id",
        store=True,
        index=True,
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Always the client's branch: a value given here would escape the rule.
            vals.pop("branch_id", None)
        if not self.env.su:
            self._semplio_check_partners(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "branch_id" in vals:
            if self.filtered(lambda order: order.branch_id.id != (vals["branch_id"] or False)):
                raise UserError(
                    self.env._(
                        "The branch of a sale order is its client's branch: it cannot be "
                        "changed on the order. A branch administrator can transfer the client; "
                        "its orders follow."
                    )
                )
            vals = {key: value for key, value in vals.items() if key != "branch_id"}
        if not self.env.su:
            self._semplio_check_partners([vals])
        return super().write(vals)

    @api.model
    def _semplio_check_partners(self, vals_list):
        """Refuse customers and addresses the user may not read (another branch's)."""
        ids = {vals[name] for vals in vals_list for name in ORDER_PARTNER_FIELDS if vals.get(name)}
        if not ids:
            return
        partners = self.env["res.partner"].browse(ids)
        # sudo: only tells which of the given ids exist; nothing is returned to the user.
        existing = partners.sudo().exists().with_env(self.env)
        forbidden = existing - existing._filtered_access("read")
        if forbidden:
            raise AccessError(
                self.env._(
                    "This order refers to a client or an address of a branch that is not "
                    "yours (id %(ids)s). Pick one of your clients, or ask a branch "
                    "administrator to transfer the client.",
                    ids=", ".join(str(pid) for pid in forbidden.ids),
                )
            )
