from odoo import models
from odoo.exceptions import AccessError, UserError


class MergePartnerAutomatic(models.TransientModel):
    """Odoo's partner merge, limited to branch administrators and to one branch.

    The seed makes merging unavailable to sales staff: a merge moves every
    document of one client to another, across branches if nothing stops it. The
    action is hidden from branch-restricted users (views/base_partner_merge_views.xml)
    and ``_merge``, which every merge path goes through (the wizard's manual and
    automatic modes, RPC), refuses:

    - any branch-restricted user;
    - a branch (or settings) administrator merging partners of different branches,
      "no branch" counting as a branch of its own: a transfer comes first.

    Merges run by the system (``sudo``) are left alone.
    """

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        if not self.env.su:
            self._semplio_check_merge(partner_ids)
        return super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)

    # The search for duplicates runs raw SQL over every partner, whatever the user's
    # branches: it is refused to branch-restricted users too.
    def action_start_manual_process(self):
        self._semplio_check_merge_allowed()
        return super().action_start_manual_process()

    def action_start_automatic_process(self):
        self._semplio_check_merge_allowed()
        return super().action_start_automatic_process()

    def action_update_all_process(self):
        self._semplio_check_merge_allowed()
        return super().action_update_all_process()

    def _semplio_check_merge_allowed(self):
        if not self.env.su and self.env.user._is_branch_restricted():
            raise AccessError(
                self.env._(
                    "Merging clients is reserved for branch administrators. Ask one of them "
                    "to merge these clients, or archive the duplicate."
                )
            )

    def _semplio_check_merge(self, partner_ids):
        self._semplio_check_merge_allowed()
        # sudo: the branch of each partner is read to compare them, even for partners of
        # another company; nothing else is read.
        partners = (
            self.env["res.partner"].sudo().with_context(active_test=False).browse(partner_ids)
        ).exists()
        branches = partners.commercial_partner_id.mapped("branch_id")
        without_branch = any(not partner.commercial_partner_id.branch_id for partner in partners)
        if len(branches) + without_branch > 1:
            names = branches.sorted("name").mapped("name")
            if without_branch:
                names.append(self.env._("no branch"))
            raise UserError(
                self.env._(
                    "These contacts belong to different branches (%(branches)s) and cannot be "
                    "merged. Transfer them to the same branch first, then merge them.",
                    branches=", ".join(names),
                )
            )
