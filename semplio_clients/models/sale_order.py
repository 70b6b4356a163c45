from odoo import fields, models


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
