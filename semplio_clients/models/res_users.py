from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .res_partner import creating_non_client_partners

BRANCH_ADMIN_GROUP = "semplio_clients.group_branch_admin"


class ResUsers(models.Model):
    _inherit = "res.users"

    branch_ids = fields.Many2many(
        "semplio.branch",
        "semplio_branch_res_users_rel",
        "user_id",
        "branch_id",
        string="Branches",
        help="Branches this user works for: a branch-restricted user sees only "
        "their clients (and partners without a branch).",
    )
    branch_id = fields.Many2one(
        "semplio.branch",
        string="Current Branch",
        domain="[('id', 'in', branch_ids)]",
        help="Branch given to the clients this user creates. One of the user's branches.",
    )

    is_branch_restricted = fields.Boolean(
        compute="_compute_is_branch_restricted",
        help="Internal user who only sees the clients of their branches.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["branch_ids", "branch_id", "is_branch_restricted"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # A user switches their current branch among their own from their preferences;
        # the constraint below keeps it within branch_ids.
        return super().SELF_WRITEABLE_FIELDS + ["branch_id"]

    @api.constrains("branch_id", "branch_ids")
    def _check_branch_in_branches(self):
        for user in self:
            # Archived branches stay the user's: they keep seeing those clients.
            branches = user.with_context(active_test=False).branch_ids
            if user.branch_id and user.branch_id not in branches:
                raise ValidationError(
                    self.env._(
                        "The current branch of %(user)s must be one of their branches "
                        "(%(branches)s): add %(branch)s to their branches or choose another one.",
                        user=user.name,
                        branches=", ".join(branches.mapped("display_name")) or self.env._("none"),
                        branch=user.branch_id.display_name,
                    )
                )

    @api.onchange("branch_ids")
    def _onchange_branch_ids(self):
        if self.branch_id not in self.branch_ids:
            self.branch_id = self.branch_ids[:1]

    @api.depends_context("uid")
    @api.depends("groups_id", "share")
    def _compute_is_branch_restricted(self):
        # Read by the record rules (security/semplio_clients_rules.xml).
        for user in self:
            user.is_branch_restricted = user._is_branch_restricted()

    def _is_branch_restricted(self):
        """True for internal users who only see their branches' clients.

        Portal and public users keep Odoo's own rules; branch administrators
        (and settings administrators, who imply the group) see every branch.
        """
        self.ensure_one()
        return not (self._is_superuser() or self.share or self._has_group(BRANCH_ADMIN_GROUP))

    def _semplio_allowed_branches(self):
        """Active branches this user may attach a client to."""
        self.ensure_one()
        if self._is_branch_restricted():
            return self.sudo().branch_ids.filtered("active")
        return self.env["semplio.branch"].sudo().search([])

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("branch_ids") or vals.get("branch_id") for vals in vals_list
        ):
            self._semplio_check_branch_admin()
        # The partner of a user is never a client: no branch for it.
        with creating_non_client_partners():
            users = super().create(vals_list)
        users._semplio_clear_internal_partner_branch()
        self.env.registry.clear_cache()
        return users

    def write(self, vals):
        if not self.env.su:
            if "branch_ids" in vals or ("branch_id" in vals and self != self.env.user):
                self._semplio_check_branch_admin()
        if "branch_ids" in vals and "branch_id" not in vals:
            # Removing their current branch moves users to their first remaining one.
            res = True
            for branch_id, users in self._semplio_follow_branches(vals["branch_ids"]).items():
                res = super(ResUsers, users).write(dict(vals, branch_id=branch_id)) and res
        else:
            res = super().write(vals)
        if {"branch_ids", "groups_id", "share"} & set(vals):
            # Record rules read the user's branches and groups: drop cached domains.
            self.env.registry.clear_cache()
            self._semplio_clear_internal_partner_branch()
        return res

    def _semplio_follow_branches(self, commands):
        """Group users by the current branch they keep once ``commands`` apply."""
        field = self._fields["branch_ids"]
        groups = {}
        for user in self.with_context(active_test=False):
            new_ids = [bid for bid in field.convert_to_cache(commands, user, validate=False) if bid]
            current = user.branch_id.id
            target = current if current in new_ids else (new_ids[0] if new_ids else False)
            groups.setdefault(target, self.browse())
            groups[target] |= user.with_env(self.env)
        return groups

    def _semplio_check_branch_admin(self):
        if not self.env.user._has_group(BRANCH_ADMIN_GROUP):
            raise AccessError(
                self.env._(
                    "Only a branch administrator can change the branches of a user. "
                    "You can only switch your own current branch among your branches, "
                    "from your preferences."
                )
            )

    def _semplio_clear_internal_partner_branch(self):
        # sudo: partners of internal users carry no branch whoever creates the user;
        # this only removes a branch, it reveals nothing.
        partners = self.filtered(lambda u: not u.share).partner_id.sudo()
        partners.filtered("branch_id").write({"branch_id": False})
