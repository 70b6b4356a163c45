import contextlib
import contextvars

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Set while Odoo creates the partner of a user or of a company: such a partner is
# not a client and gets no branch, even when a branch-restricted user (e.g. an
# "Access Rights" manager) creates the user. A context key could be forged by any
# RPC caller; a context variable cannot.
_NON_CLIENT_CREATION = contextvars.ContextVar("semplio_non_client_creation", default=False)


@contextlib.contextmanager
def creating_non_client_partners():
    """Within this block, new partners are users' or companies' partners: no branch."""
    token = _NON_CLIENT_CREATION.set(True)
    try:
        yield
    finally:
        _NON_CLIENT_CREATION.reset(token)


class ResPartner(models.Model):
    """Attach every client to a branch and keep that attachment under control.

    The branch is a commercial field: a company's contacts and addresses carry
    their company's branch (Odoo's commercial sync copies it, as superuser).
    Only branch administrators choose a foreign branch or transfer a client;
    every path into the ORM (forms, list edit, import, RPC) goes through
    ``create``/``write`` below, so the rule holds for all of them. Nothing here
    trusts a context key: RPC callers choose their context.
    """

    _inherit = "res.partner"

    branch_id = fields.Many2one(
        "semplio.branch",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Branch the client belongs to. Only a branch administrator can transfer "
        "a client to another branch.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["branch_id"]

    @api.model
    def default_get(self, fields_list):
        # Not a field default: that would also stamp the installer's branch on every
        # partner existing when the module is installed.
        values = super().default_get(fields_list)
        if "branch_id" in fields_list and "branch_id" not in values:
            values["branch_id"] = self._default_branch_id().id
        return values

    @api.model
    def _default_branch_id(self):
        if self.env.context.get("semplio_no_default_branch") or _NON_CLIENT_CREATION.get():
            return self.env["semplio.branch"]
        branch = self.env.user.branch_id
        return branch if branch.active else self.env["semplio.branch"]

    # ------------------------------------------------------------------
    # Partners that are never clients
    # ------------------------------------------------------------------
    def _semplio_non_client_partners(self):
        """Partners of internal users and of companies: they never belong to a branch."""
        if not self.ids:
            return self.browse()
        # sudo: users and companies may be out of the caller's reach; only the ids of
        # their partners are read, to keep a branch off them.
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids), ("share", "=", False)])
        )
        companies = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)])
        )
        return self.browse((users.partner_id | companies.partner_id).ids)

    def _semplio_clear_non_client_branch(self):
        partners = self._semplio_non_client_partners().filtered("branch_id")
        if partners:
            # sudo: a system correction (commercial sync, user creation), not a transfer.
            partners.sudo().write({"branch_id": False})

    # ------------------------------------------------------------------
    # Checks shared by create and write
    # ------------------------------------------------------------------
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
                self.env._(
                    "The branch you chose (id %(id)s) does not exist: pick an existing branch.",
                    id=branch_id,
                )
            )
        if not branch.active:
            raise UserError(
                self.env._(
                    "The branch %(branch)s is archived and takes no new client: "
                    "pick an active branch.",
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
    def _semplio_company_branch(self, parent_id):
        """Branch a contact gets under ``parent_id``: its commercial entity's branch."""
        # sudo: the parent may be out of reach (that is what the callers check);
        # only its branch is read.
        parent = self.sudo().browse(parent_id).exists()
        if not parent:
            raise UserError(
                self.env._(
                    "The company you chose (id %(id)s) does not exist: pick an existing one.",
                    id=parent_id,
                )
            )
        return parent.commercial_partner_id.branch_id.with_env(self.env)

    @api.model
    def _semplio_check_parent(self, parent_id):
        """A contact follows its company's branch: that branch must be one of the user's."""
        branch = self._semplio_company_branch(parent_id)
        user = self.env.user
        if branch and user._is_branch_restricted() and branch not in user.branch_ids:
            raise AccessError(
                self.env._(
                    "This company belongs to the branch %(branch)s, which is not one of yours: "
                    "you cannot add or move contacts under it. Ask a branch administrator.",
                    branch=branch.display_name,
                )
            )
        return branch

    def _semplio_check_move(self, vals):
        """Moving contacts under another company must not change their branch.

        The commercial sync would give them the new company's branch: for a
        branch-restricted user that is a transfer, which only administrators do.
        """
        branch = self._semplio_check_parent(vals["parent_id"])
        if not self.env.user._is_branch_restricted():
            return
        is_company = vals.get("is_company")
        moved = self.filtered(
            lambda p: (
                not (p.is_company if is_company is None else is_company) and p.branch_id != branch
            )
        )
        if moved:
            raise UserError(
                self.env._(
                    "Moving %(contacts)s under this company would move them from the branch "
                    "%(old)s to %(new)s. Only a branch administrator can transfer contacts "
                    "to another branch: ask your administrator.",
                    contacts=", ".join(moved[:5].mapped("display_name")),
                    old=", ".join(moved.branch_id.mapped("display_name")) or self.env._("none"),
                    new=branch.display_name or self.env._("none"),
                )
            )

    def _semplio_check_transfer(self, branch_id):
        """Only branch administrators change a client's branch, to an active branch."""
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
        contacts = moved.filtered(lambda p: p.commercial_partner_id not in moved | p)
        if contacts:
            raise UserError(
                self.env._(
                    "%(contacts)s belong to their company's branch: transfer the company "
                    "(%(companies)s) instead, its contacts follow.",
                    contacts=", ".join(contacts[:5].mapped("display_name")),
                    companies=", ".join(contacts.commercial_partner_id[:5].mapped("display_name")),
                )
            )
        if branch_id:
            non_clients = moved._semplio_non_client_partners()
            if non_clients:
                raise UserError(
                    self.env._(
                        "%(partners)s are partners of users or companies, not clients: they "
                        "never belong to a branch.",
                        partners=", ".join(non_clients[:5].mapped("display_name")),
                    )
                )
        self._semplio_check_branch_choice(branch_id)

    # ------------------------------------------------------------------
    # ORM entry points
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._semplio_prepare_create(vals_list)
        return super().create(vals_list)

    @api.model
    def _semplio_prepare_create(self, vals_list):
        """Fill and check the branch of each new partner before it is written."""
        restricted = self.env.user._is_branch_restricted()
        non_client = _NON_CLIENT_CREATION.get()
        default_parent = self.env.context.get("default_parent_id")
        default_branch = None
        checked_branches = set()  # an import of many rows checks each branch once
        for vals in vals_list:
            parent_id = vals.get("parent_id", default_parent)
            if parent_id and not vals.get("is_company"):
                # The commercial sync copies the company's branch anyway; taking it
                # now avoids a default that would be refused.
                vals["branch_id"] = self._semplio_check_parent(parent_id).id
                continue
            if parent_id:
                self._semplio_check_parent(parent_id)
            if "branch_id" not in vals:
                if default_branch is None:
                    default_branch = self.default_get(["branch_id"]).get("branch_id") or False
                vals["branch_id"] = default_branch
            if restricted and not vals["branch_id"] and not non_client:
                raise UserError(self._semplio_no_branch_message())
            if vals["branch_id"] not in checked_branches:
                self._semplio_check_branch_choice(vals["branch_id"])
                checked_branches.add(vals["branch_id"])

    @api.model
    def _semplio_no_branch_message(self):
        branch = self.env.user.branch_id
        if branch and not branch.active:
            return self.env._(
                "Your current branch %(branch)s is archived, so new clients cannot be "
                "attached to it. Pick another branch in your preferences or ask a branch "
                "administrator.",
                branch=branch.display_name,
            )
        if self.env.user.branch_ids:
            return self.env._(
                "A client must belong to a branch: pick one of your branches (%(branches)s).",
                branches=", ".join(self.env.user.branch_ids.mapped("display_name")),
            )
        return self.env._(
            "You are not attached to any branch, so you cannot create clients. "
            "Ask a branch administrator to add you to a branch."
        )

    def write(self, vals):
        if not self.env.su:
            if "branch_id" in vals:
                self._semplio_check_transfer(vals["branch_id"])
            if vals.get("parent_id"):
                self._semplio_check_move(vals)
        res = super().write(vals)
        if vals.get("branch_id") or vals.get("parent_id"):
            self._semplio_clear_non_client_branch()
        return res
