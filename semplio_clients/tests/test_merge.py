"""Odoo's partner merge: not for branch-restricted users, one branch at a time."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SemplioCommon


@tagged("post_install", "-at_install")
class TestMerge(SemplioCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_paris_twin = cls.env["res.partner"].create(
            {
                "name": "Boulangerie Dupont SARL",
                "branch_id": cls.branch_paris.id,
                "email": "contact@dupont.fr",
            }
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.client_paris_twin.id})
        # Odoo's merge wizard needs "Contact Creation", which settings administrators
        # do not get by default.
        cls.settings_admin.groups_id |= cls.env.ref("base.group_partner_manager")

    def _merge(self, user, partners, destination=None):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({})
        )
        wizard.write(
            {
                "partner_ids": [Command.set(partners.ids)],
                "dst_partner_id": (destination or partners[0]).id,
            }
        )
        return wizard.action_merge()

    def _merge_action_ids(self, user):
        bindings = self.env["ir.actions.actions"].with_user(user).get_bindings("res.partner")
        return {action["id"] for action in bindings.get("action", [])}

    def test_merge_action_not_offered_to_branch_restricted_users(self):
        merge = self.env.ref("base.action_partner_merge")
        for user in (self.salesperson, self.sales_manager, self.no_branch_user):
            with self.subTest(user=user.login):
                self.assertNotIn(merge.id, self._merge_action_ids(user))
        self.assertIn(merge.id, self._merge_action_ids(self.branch_admin))
        self.assertIn(merge.id, self._merge_action_ids(self.settings_admin))

    def test_branch_restricted_user_cannot_merge(self):
        partners = self.client_paris | self.client_paris_twin
        for user in (self.salesperson, self.two_branch_user, self.invoicing_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as refusal:
                self._merge(user, partners)
            self.assertIn("reserved for branch administrators", refusal.exception.args[0])
        self.assertEqual(partners.exists(), partners)
        self.assertEqual(self.order.partner_id, self.client_paris_twin)

    def test_branch_admin_cannot_merge_clients_of_different_branches(self):
        partners = self.client_paris | self.client_lyon
        with self.assertRaises(UserError) as refusal:
            self._merge(self.branch_admin, partners)
        self.assertIn("different branches (Lyon, Paris)", refusal.exception.args[0])
        self.assertEqual(partners.exists(), partners)

    def test_settings_admin_cannot_merge_clients_of_different_branches(self):
        partners = self.client_marseille | self.client_lyon
        with self.assertRaises(UserError) as refusal:
            self._merge(self.settings_admin, partners)
        self.assertIn("different branches (Lyon, Marseille)", refusal.exception.args[0])
        self.assertEqual(partners.exists(), partners)

    def test_client_and_partner_without_branch_cannot_be_merged(self):
        partners = self.client_paris | self.shared_partner
        with self.assertRaises(UserError) as refusal:
            self._merge(self.settings_admin, partners)
        self.assertIn("(Paris, no branch)", refusal.exception.args[0])
        self.assertEqual(partners.exists(), partners)

    def test_branch_restricted_user_cannot_search_duplicates(self):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.salesperson)
            .create({"group_by_email": True})
        )
        for action in ("action_start_manual_process", "action_start_automatic_process"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(wizard, action)()
        self.assertTrue(self.client_paris_twin.exists())

    def test_sales_manager_cannot_merge_clients_of_their_branch(self):
        twin = self.client_lyon.copy({"name": "Garage Martin SA"})
        with self.assertRaises(AccessError):
            self._merge(self.sales_manager, self.client_lyon | twin)
        self.assertTrue(twin.exists())

    def test_contact_counts_with_its_company_branch(self):
        partners = self.contact_paris | self.client_lyon
        with self.assertRaises(UserError):
            self._merge(self.branch_admin, partners)

    def test_branch_admin_merges_clients_of_one_branch(self):
        self._merge(
            self.branch_admin, self.client_paris | self.client_paris_twin, self.client_paris
        )
        self.assertFalse(self.client_paris_twin.exists())
        self.assertEqual(self.order.partner_id, self.client_paris)
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)
