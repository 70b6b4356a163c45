import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval


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

    @api.depends("code", "name")
    def _compute_display_name(self):
        for branch in self:
            branch.display_name = f"[{branch.code}] {branch.name}" if branch.code else branch.name

    @api.model
    def _search_display_name(self, operator, value):
        # Found by code or name, and by the "[CODE] Name" it is displayed (and exported) as,
        # so an import can name the branch either way.
        if operator in ("ilike", "=ilike", "like", "=like", "=") and value:
            match = re.fullmatch(r"\[(.+?)\]\s*(.+)", value.strip())
            if match:
                return [("code", operator, match[1]), ("name", operator, match[2])]
            return ["|", ("name", operator, value), ("code", operator, value)]
        return super()._search_display_name(operator, value)

    @api.model_create_multi
    def create(self, vals_list):
        branches = super().create(vals_list)
        if any(vals.get("user_ids") for vals in vals_list):
            self._semplio_fix_current_branch(branches.user_ids)
            # Record rules read the users' branches: drop their cached domains.
            self.env.registry.clear_cache()
        return branches

    def write(self, vals):
        old_users = self.user_ids if "user_ids" in vals else None
        res = super().write(vals)
        if old_users is not None:
            self._semplio_fix_current_branch(old_users | self.user_ids)
        if "user_ids" in vals or "active" in vals:
            # Record rules read the user's branches: drop their cached domains.
            self.env.registry.clear_cache()
        return res

    @api.model
    def _semplio_fix_current_branch(self, users):
        """Keep each user's current branch one of theirs once their branches changed.

        Users removed from their current branch move to their first remaining one;
        users who had none get their first branch.
        """
        # sudo: a branch administrator may not have the right to edit users; only the
        # current branch of the users whose branches they just changed is corrected.
        users = users.sudo().with_context(active_test=False)
        for user in users.filtered(lambda u: u.branch_ids and u.branch_id not in u.branch_ids):
            user.branch_id = user.branch_ids.filtered("active")[:1] or user.branch_ids[:1]
        for user in users.filtered(lambda u: u.branch_id and not u.branch_ids):
            user.branch_id = False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_clients(self):
        # sudo: the count must include clients the administrator's rules would hide
        # (other companies); only a number is reported.
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("branch_id", "in", self.ids)])
        )
        if partners:
            raise UserError(
                self.env._(
                    "%(branches)s still have %(count)s clients or contacts: transfer them to "
                    "another branch first, or archive the branch instead.",
                    branches=", ".join(self.mapped("display_name")),
                    count=partners,
                )
            )

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def action_view_clients(self):
        """Open the Clients list restricted to this branch, new clients defaulting to it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "semplio_clients.action_semplio_clients"
        )
        eval_context = {
            "uid": self.env.uid,
            "context": self.env.context,
            "allowed_company_ids": self.env.companies.ids,
            "active_id": self.id,
        }
        context = safe_eval(action.get("context") or "{}", eval_context)
        # A default "my branches" filter would hide the very branch opened here.
        context = {
            key: value
            for key, value in context.items()
            if not (key.startswith("search_default_") and "branch" in key)
        }
        action["domain"] = expression.AND(
            [safe_eval(action.get("domain") or "[]", eval_context), [("branch_id", "=", self.id)]]
        )
        action["context"] = dict(context, default_branch_id=self.id)
        action["display_name"] = self.env._("Clients of %(branch)s", branch=self.display_name)
        return action
