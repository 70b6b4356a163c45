from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import creating_non_client_partners


class ResCompany(models.Model):
    _inherit = "res.company"

    client_retention_years = fields.Integer(
        string="Client Retention Period (years)",
        default=10,
        help="A client with cancelled documents can only be deleted this many years after "
        "the most recent one (French Code de commerce: ten years for accounting records).",
    )

    _sql_constraints = [
        (
            "client_retention_years_range",
            "CHECK(client_retention_years BETWEEN 1 AND 50)",
            "The client retention period must be between 1 and 50 years.",
        ),
    ]

    @api.constrains("client_retention_years")
    def _check_client_retention_years(self):
        for company in self:
            if not 1 <= company.client_retention_years <= 50:
                raise ValidationError(
                    self.env._(
                        "The client retention period must be between 1 and 50 years "
                        "(%(years)s given).",
                        years=company.client_retention_years,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The partner of a company is never a client: it gets no branch.
        with creating_non_client_partners():
            return super().create(vals_list)
