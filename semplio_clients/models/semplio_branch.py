from odoo import api, fields, models


class SemplioBranch(models.Model):
    """A branch ("succursale") of the company: clients and sale orders belong to one.

    Branch-restricted users only see the clients of the branches they work for
    (``user_ids``); see ``security/semplio_clients_rules.xml``.
    """

    _name = "semplio.branch"
    _description = "Branch"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=False)
    code = fields.Char(
        required=True,
        help="Short code of the branch, unique within its company (shown in lists).",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)
    user_ids = fields.Many2many(
        "res.users",
        "semplio_branch_res_users_rel",
        "branch_id",
        "user_id",
        string="Users",
        domain=[("share", "=", False)],
        help="Internal users who work for this branch and see its clients.",
    )
    client_count = fields.Integer(compute="_compute_client_count", string="Clients")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a branch must be unique within its company.",
        ),
    ]

    def _compute_client_count(self):
        # Only top-level partners count as clients; their contacts follow them.
        groups = self.env["res.partner"]._read_group(
            [("branch_id", "in", self.ids), ("parent_id", "=", False)],
            ["branch_id"],
            ["__count"],
        )
        counts = {branch.id: count for branch, count in groups}
        for branch in self:
            branch.client_count = counts.get(branch.id, 0)

    @api.depends("code")
    def _compute_display_name(self):
        for branch in self:
            branch.display_name = f"[{branch.code}] {branch.name}" if branch.code else branch.name

    @api.model
    def _search_display_name(self, operator, value):
        if operator in ("ilike", "=ilike", "like", "=like", "=") and value:
            return ["|", ("name", operator, value), ("code", operator, value)]
        return super()._search_display_name(operator, value)

    def write(self, vals):
        res = super().write(vals)
        if "user_ids" in vals or "active" in vals:
            # Record rules read the user's branches: drop their cached domains.
            self.env.registry.clear_cache()
        return res

    def action_view_clients(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "semplio_clients.action_semplio_clients"
        )
        action["domain"] = [("branch_id", "=", self.id)]
        action["context"] = {"default_branch_id": self.id}
        action["display_name"] = self.env._("Clients of %(branch)s", branch=self.display_name)
        return action
