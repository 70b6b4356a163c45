from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The client retention period, set per company from the Sales settings.

    The range (1 to 50 years) is checked by ``res.company``, so a wrong value is
    refused with the same message whatever the path (Settings, RPC, import).
    """

    _inherit = "res.config.settings"

    client_retention_years = fields.Integer(
        related="company_id.client_retention_years",
        readonly=False,
    )
