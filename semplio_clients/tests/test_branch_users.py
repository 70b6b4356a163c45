"""Rules on users and branches: who works where, who decides, what a branch is."""

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SemplioCommon


@tagged("post_install", "-at_install")
class TestBranchUsers(SemplioCommon):
    # Current branch --------------------------------------------------------
    def test_current_branch_must_be_one_of_the_users_branches(self):
        with self.assertRefused(ValidationError, "must be one of their branches"):
            self.salesperson.with_user(self.settings_admin).write(
                {"branch_id": self.branch_lyon.id}
            )
        self.env.invalidate_all()
        self.assertEqual(self.salesperson.branch_id, self.branch_paris)

    def test_user_switches_current_branch_from_preferences(self):
        me = self.two_branch_user.with_user(self.two_branch_user)
        self.assertIn("branch_id", me.SELF_WRITEABLE_FIELDS)
        me.write({"branch_id": self.branch_paris.id})
        self.assertEqual(self.two_branch_user.branch_id, self.branch_paris)
        client = self.env["res.partner"].with_user(self.two_branch_user).create({"name": "Now P"})
        self.assertEqual(client.branch_id, self.branch_paris)
        # The preferences form shows the field to the user, editable.
        fields = me.fields_get(["branch_id", "branch_ids"])
        self.assertFalse(fields["branch_id"]["readonly"])

    def test_user_cannot_switch_to_a_branch_that_is_not_theirs(self):
        me = self.salesperson.with_user(self.salesperson)
        with self.assertRefused(ValidationError, "must be one of their branches"):
            me.write({"branch_id": self.branch_lyon.id})
        # Not through a context key either.
        with self.assertRaises(ValidationError):
            me.with_context(semplio_defer_branch_check=True).write(
                {"branch_id": self.branch_marseille.id}
            )
        self.env.invalidate_all()
        self.assertEqual(self.salesperson.branch_id, self.branch_paris)

    def test_non_admin_cannot_change_branches_of_users(self):
        rights_manager = new_test_user(
            self.env, login="rights_manager", groups="base.group_user,base.group_erp_manager"
        )
        for actor in (self.salesperson, self.sales_manager, rights_manager):
            with self.subTest(actor=actor.login):
                with self.assertRaises(AccessError):
                    self.sales_manager.with_user(actor).write(
                        {"branch_ids": [Command.link(self.branch_paris.id)]}
                    )
                with self.assertRaises(AccessError):
                    actor.with_user(actor).write(
                        {"branch_ids": [Command.link(self.branch_marseille.id)]}
                    )
                with self.assertRaises(AccessError):
                    self.two_branch_user.with_user(actor).write({"branch_id": self.branch_paris.id})
                with self.assertRaises(AccessError):
                    self.branch_marseille.with_user(actor).write(
                        {"user_ids": [Command.link(actor.id)]}
                    )
        self.assertEqual(self.sales_manager.branch_ids, self.branch_lyon)
        self.assertEqual(self.two_branch_user.branch_id, self.branch_lyon)
        self.assertFalse(self.branch_marseille.user_ids)

    def test_admin_assigns_branches_and_visibility_follows_at_once(self):
        Partner = self.env["res.partner"].with_user(self.sales_manager)
        self.assertFalse(Partner.search([("id", "=", self.client_marseille.id)]))
        self.sales_manager.with_user(self.settings_admin).write(
            {"branch_ids": [Command.link(self.branch_marseille.id)]}
        )
        self.assertEqual(
            Partner.search([("id", "=", self.client_marseille.id)]), self.client_marseille
        )
        # From the branch form too (removing the user).
        self.branch_marseille.with_user(self.branch_admin).write(
            {"user_ids": [Command.unlink(self.sales_manager.id)]}
        )
        self.assertFalse(Partner.search([("id", "=", self.client_marseille.id)]))

    def test_removing_current_branch_moves_user_to_a_remaining_one(self):
        self.two_branch_user.with_user(self.settings_admin).write(
            {"branch_ids": [Command.unlink(self.branch_lyon.id)]}
        )
        self.assertEqual(self.two_branch_user.branch_id, self.branch_paris)
        self.branch_paris.with_user(self.branch_admin).write(
            {"user_ids": [Command.unlink(self.two_branch_user.id)]}
        )
        self.assertFalse(self.two_branch_user.branch_ids)
        self.assertFalse(self.two_branch_user.branch_id)

    def test_user_added_to_a_branch_gets_it_as_current_branch(self):
        self.branch_marseille.with_user(self.branch_admin).write(
            {"user_ids": [Command.link(self.no_branch_user.id)]}
        )
        self.assertEqual(self.no_branch_user.branch_id, self.branch_marseille)
        client = self.env["res.partner"].with_user(self.no_branch_user).create({"name": "First"})
        self.assertEqual(client.branch_id, self.branch_marseille)
        # Adding a second branch keeps the current one.
        self.branch_lyon.with_user(self.branch_admin).write(
            {"user_ids": [Command.link(self.no_branch_user.id)]}
        )
        self.assertEqual(self.no_branch_user.branch_id, self.branch_marseille)

    def test_roles_restriction(self):
        restricted = {
            self.salesperson: True,
            self.sales_manager: True,
            self.invoicing_user: True,
            self.two_branch_user: True,
            self.no_branch_user: True,
            self.branch_admin: False,
            self.settings_admin: False,
        }
        for user, expected in restricted.items():
            self.assertEqual(user.is_branch_restricted, expected, user.login)
        self.assertIn(
            self.env.ref("semplio_clients.group_branch_admin"),
            self.env.ref("base.group_system").implied_ids,
        )
        self.assertFalse(self.env.ref("base.user_admin").is_branch_restricted)

    def test_archived_branch_clients_stay_visible_to_its_users(self):
        self.branch_lyon.action_archive()
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.sales_manager)
            .search([("id", "=", self.client_lyon.id)]),
            self.client_lyon,
        )


@tagged("post_install", "-at_install")
class TestBranchModel(SemplioCommon):
    def test_branch_code_unique_per_company(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(psycopg2.IntegrityError, "code_company_uniq"),
            self.cr.savepoint(),
        ):
            self.env["semplio.branch"].create({"name": "Paris bis", "code": "PAR"})
        message = {
            name: str(msg) for name, _sql, msg in self.env["semplio.branch"]._sql_constraints
        }["code_company_uniq"]
        self.assertEqual(message, "The code of a branch must be unique within its company.")
        # The same code in another company is fine.
        other = self.env["res.company"].create({"name": "Other Co"})
        self.env["semplio.branch"].create({"name": "Paris", "code": "PAR", "company_id": other.id})

    def test_client_count_and_button(self):
        self.env["res.partner"].create({"name": "Second Paris", "branch_id": self.branch_paris.id})
        # Contacts are not counted: they follow their company.
        self.assertEqual(self.branch_paris.client_count, 2)
        self.assertEqual(self.branch_lyon.client_count, 1)
        action = self.branch_paris.with_user(self.branch_admin).action_view_clients()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["context"]["default_branch_id"], self.branch_paris.id)
        clients = self.env["res.partner"].with_user(self.branch_admin).search(action["domain"])
        self.assertIn(self.client_paris, clients)
        self.assertEqual(clients.branch_id, self.branch_paris)

    def test_branch_found_by_code_name_or_display_name(self):
        Branch = self.env["semplio.branch"]
        for value in ("Lyon", "LYO", "[LYO] Lyon"):
            ids = [bid for bid, _n in Branch.name_search(value, operator="=")]
            self.assertEqual(ids, self.branch_lyon.ids, value)
        self.assertEqual(self.branch_lyon.display_name, "[LYO] Lyon")

    def test_branch_admin_screens(self):
        menu = self.env.ref("semplio_clients.menu_semplio_branch")
        self.assertEqual(menu.parent_id, self.env.ref("base.menu_users"))
        self.assertEqual(menu.action, self.env.ref("semplio_clients.action_semplio_branch"))
        self.assertEqual(menu.groups_id, self.env.ref("semplio_clients.group_branch_admin"))
        Branch = self.env["semplio.branch"]
        # Everyone reads branches; only branch administrators change them.
        self.assertTrue(Branch.with_user(self.salesperson).search([]))
        with self.assertRaises(AccessError):
            Branch.with_user(self.salesperson).create({"name": "Mine", "code": "MIN"})
        Branch.with_user(self.branch_admin).create({"name": "Nice", "code": "NCE"})

    def test_branch_with_clients_cannot_be_deleted(self):
        with self.assertRefused(UserError, "transfer them to another branch first"):
            self.branch_marseille.with_user(self.branch_admin).unlink()
        self.assertTrue(self.branch_marseille.exists())
