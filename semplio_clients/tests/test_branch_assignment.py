"""Rule: a new client is attached to its creator's branch; only administrators choose."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SemplioCommon


@tagged("post_install", "-at_install")
class TestBranchAssignment(SemplioCommon):
    def _partners_named(self, name):
        return self.env["res.partner"].with_context(active_test=False).search([("name", "=", name)])

    # Defaults -----------------------------------------------------------
    def test_client_defaults_to_creator_current_branch(self):
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.with_user(self.salesperson).create({"name": "New P"}).branch_id,
            self.branch_paris,
        )
        self.assertEqual(
            Partner.with_user(self.two_branch_user).create({"name": "New L"}).branch_id,
            self.branch_lyon,
        )
        self.assertEqual(
            Partner.with_user(self.sales_manager).default_get(["branch_id"])["branch_id"],
            self.branch_lyon.id,
        )

    def test_multi_branch_user_picks_any_of_their_branches(self):
        client = (
            self.env["res.partner"]
            .with_user(self.two_branch_user)
            .create({"name": "Paris by two", "branch_id": self.branch_paris.id})
        )
        self.assertEqual(client.branch_id, self.branch_paris)

    # Refusals -------------------------------------------------------------
    def test_salesperson_cannot_create_client_in_foreign_branch(self):
        for user in (
            self.salesperson,
            self.sales_manager,
            self.invoicing_user,
            self.two_branch_user,
        ):
            with self.subTest(user=user.login), self.assertRefused(AccessError, "Marseille"):
                self.env["res.partner"].with_user(user).create(
                    {"name": "Escape", "branch_id": self.branch_marseille.id}
                )
        self.assertFalse(self._partners_named("Escape"))

    def test_foreign_branch_refused_in_multi_create_writes_nothing(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.salesperson).create(
                [
                    {"name": "Escape ok"},
                    {"name": "Escape ko", "branch_id": self.branch_lyon.id},
                ]
            )
        self.assertFalse(self._partners_named("Escape ok") | self._partners_named("Escape ko"))

    def test_restricted_user_cannot_create_client_without_branch(self):
        Partner = self.env["res.partner"].with_user(self.salesperson)
        with self.assertRefused(UserError, "must belong to a branch"):
            Partner.create({"name": "Nowhere", "branch_id": False})
        # A context key from an RPC caller does not make a branch-less partner legal.
        with self.assertRefused(UserError, "must belong to a branch"):
            Partner.with_context(semplio_no_default_branch=True).create({"name": "Nowhere"})
        self.assertFalse(self._partners_named("Nowhere"))

    def test_user_without_branch_cannot_create_client(self):
        with self.assertRefused(UserError, "not attached to any branch"):
            self.env["res.partner"].with_user(self.no_branch_user).create({"name": "Orphan"})
        self.assertFalse(self._partners_named("Orphan"))

    def test_archived_branch_takes_no_new_client(self):
        self.branch_lyon.action_archive()
        for user in (self.branch_admin, self.settings_admin):
            with self.subTest(user=user.login), self.assertRefused(UserError, "archived"):
                self.env["res.partner"].with_user(user).create(
                    {"name": "Late", "branch_id": self.branch_lyon.id}
                )
        # The user whose current branch is archived gets no default and a clear message.
        with self.assertRefused(UserError, "Your current branch .* is archived"):
            self.env["res.partner"].with_user(self.sales_manager).create({"name": "Late"})
        self.assertFalse(self._partners_named("Late"))

    def test_unknown_branch_refused(self):
        with self.assertRefused(UserError, "does not exist"):
            self.env["res.partner"].with_user(self.branch_admin).create(
                {"name": "Ghost", "branch_id": 999999}
            )
        self.assertFalse(self._partners_named("Ghost"))

    def test_branch_admin_picks_any_active_branch(self):
        for user in (self.branch_admin, self.settings_admin):
            client = (
                self.env["res.partner"]
                .with_user(user)
                .create({"name": "Anywhere", "branch_id": self.branch_marseille.id})
            )
            self.assertEqual(client.branch_id, self.branch_marseille)
        client = self.env["res.partner"].with_user(self.branch_admin).create({"name": "Default"})
        self.assertEqual(client.branch_id, self.branch_paris)

    # Contacts follow their company ---------------------------------------
    def test_contact_follows_company_branch(self):
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)
        contact = (
            self.env["res.partner"]
            .with_user(self.two_branch_user)
            .create({"name": "Contact of Paris", "parent_id": self.client_paris.id})
        )
        # Not the user's current branch (Lyon): the company's.
        self.assertEqual(contact.branch_id, self.branch_paris)
        address = (
            self.env["res.partner"]
            .with_user(self.salesperson)
            .with_context(default_parent_id=self.client_paris.id)
            .create({"name": "Delivery", "type": "delivery"})
        )
        self.assertEqual(address.branch_id, self.branch_paris)

    def test_cannot_add_contact_under_foreign_company(self):
        with self.assertRefused(AccessError, "not one of yours"):
            self.env["res.partner"].with_user(self.salesperson).create(
                {"name": "Spy", "parent_id": self.client_lyon.id}
            )
        self.assertFalse(self._partners_named("Spy"))

    def test_cannot_move_contact_under_foreign_company(self):
        with self.assertRefused(AccessError, "not one of yours"):
            self.contact_paris.with_user(self.salesperson).write({"parent_id": self.client_lyon.id})
        self.assertEqual(self.contact_paris.parent_id, self.client_paris)
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)

    def test_restricted_user_cannot_move_contact_to_another_branch(self):
        # Both branches are the user's, but moving would transfer the contact.
        with self.assertRefused(UserError, "Only a branch administrator"):
            self.contact_paris.with_user(self.two_branch_user).write(
                {"parent_id": self.client_lyon.id}
            )
        with self.assertRefused(UserError, "Only a branch administrator"):
            self.contact_paris.with_user(self.salesperson).write(
                {"parent_id": self.shared_partner.id}
            )
        self.assertEqual(self.contact_paris.parent_id, self.client_paris)
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)

    def test_restricted_user_moves_contact_within_branch(self):
        other = (
            self.env["res.partner"]
            .with_user(self.salesperson)
            .create({"name": "Other Paris company", "is_company": True})
        )
        self.contact_paris.with_user(self.salesperson).write({"parent_id": other.id})
        self.assertEqual(self.contact_paris.commercial_partner_id, other)
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)

    def test_admin_moves_contact_and_it_follows_new_company(self):
        self.contact_paris.with_user(self.branch_admin).write({"parent_id": self.client_lyon.id})
        self.assertEqual(self.contact_paris.branch_id, self.branch_lyon)

    # Partners that are never clients --------------------------------------
    def test_internal_user_partner_gets_no_branch(self):
        # Created by an "Access Rights" manager who is branch-restricted.
        manager = new_test_user(
            self.env,
            login="rights_manager",
            groups="base.group_user,base.group_erp_manager,base.group_partner_manager",
        )
        manager.write({"branch_ids": [Command.set(self.branch_paris.ids)]})
        manager.branch_id = self.branch_paris
        self.assertTrue(manager._is_branch_restricted())
        self.assertFalse(manager.partner_id.branch_id)
        employee = (
            self.env["res.users"]
            .with_user(manager)
            .create({"name": "New Employee", "login": "new_employee"})
        )
        self.assertFalse(employee.partner_id.branch_id)
        # A client who becomes an internal user loses their branch.
        client_user = new_test_user(
            self.env, login="client_user", groups="base.group_user", partner_id=self.client_lyon.id
        )
        self.assertFalse(client_user.partner_id.branch_id)

    def test_admin_cannot_give_branch_to_user_or_company_partner(self):
        Partner = self.env["res.partner"].with_user(self.settings_admin)
        for partner in (self.salesperson.partner_id, self.company.partner_id):
            with self.subTest(partner=partner.name), self.assertRefused(UserError, "never"):
                Partner.browse(partner.id).write({"branch_id": self.branch_lyon.id})
            self.assertFalse(partner.branch_id)

    def test_company_partner_gets_no_branch(self):
        company = self.env["res.company"].with_user(self.settings_admin).create({"name": "Filiale"})
        self.assertFalse(company.partner_id.branch_id)

    def test_user_partner_moved_under_client_gets_no_branch(self):
        partner = self.env["res.partner"].browse(self.sales_manager.partner_id.id)
        # Only user managers edit the partner of an internal user (Odoo's rule).
        partner.with_user(self.settings_admin).write({"parent_id": self.client_paris.id})
        self.assertEqual(partner.commercial_partner_id, self.client_paris)
        self.assertFalse(partner.branch_id)
