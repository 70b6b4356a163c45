"""Rule: only branch administrators transfer a client; contacts and history follow."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SemplioCommon


@tagged("post_install", "-at_install")
class TestBranchTransfer(SemplioCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        SaleOrder = cls.env["sale.order"]
        # No salesperson: Sales "Own documents" users see such orders too.
        cls.order_paris = SaleOrder.create({"partner_id": cls.client_paris.id, "user_id": False})
        cls.order_paris_contact = SaleOrder.create(
            {"partner_id": cls.contact_paris.id, "user_id": False}
        )
        cls.client_paris_2 = cls.env["res.partner"].create(
            {"name": "Fromagerie Durand", "branch_id": cls.branch_paris.id}
        )
        cls.restricted_users = (
            cls.salesperson,
            cls.sales_manager,
            cls.invoicing_user,
            cls.two_branch_user,
            cls.no_branch_user,
        )

    # Refusals ---------------------------------------------------------
    def test_restricted_users_cannot_transfer_client(self):
        for user in self.restricted_users[:4]:
            with self.subTest(user=user.login):
                client = self.client_paris.with_user(user)
                # A client they cannot see is refused as such; their own with a clear message.
                error, pattern = (
                    (UserError, "Only a branch administrator")
                    if self.branch_paris in user.branch_ids
                    else (AccessError, "Contact")
                )
                with self.assertRefused(error, pattern):
                    client.write({"branch_id": self.branch_lyon.id})
                with self.assertRefused(error, pattern):
                    client.write({"branch_id": False})
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)
        self.assertEqual(self.order_paris.branch_id, self.branch_paris)

    def test_list_multi_edit_transfer_refused_and_nothing_written(self):
        clients = (self.client_paris | self.client_paris_2).with_user(self.salesperson)
        with self.assertRaises(UserError):
            clients.write({"branch_id": self.branch_lyon.id, "city": "Changed"})
        self.assertEqual(clients.sudo().mapped("city"), ["Paris", False])
        self.assertEqual(clients.sudo().branch_id, self.branch_paris)

    def test_rewriting_same_branch_is_not_a_transfer(self):
        # The form may send the unchanged value: that is allowed.
        self.client_paris.with_user(self.salesperson).write(
            {"branch_id": self.branch_paris.id, "city": "Paris 11e"}
        )
        self.assertEqual(self.client_paris.city, "Paris 11e")

    def test_wizard_is_for_branch_administrators_only(self):
        Wizard = self.env["semplio.branch.transfer"]
        for user in self.restricted_users:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Wizard.with_user(user).create(
                    {"branch_id": self.branch_lyon.id, "partner_ids": self.client_paris.ids}
                )
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)

    def test_transfer_to_archived_branch_refused(self):
        self.branch_marseille.action_archive()
        with self.assertRefused(UserError, "archived"):
            self.client_paris.with_user(self.branch_admin).write(
                {"branch_id": self.branch_marseille.id}
            )
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)

    def test_contact_alone_cannot_be_transferred(self):
        with self.assertRefused(UserError, "transfer the company"):
            self.contact_paris.with_user(self.branch_admin).write(
                {"branch_id": self.branch_lyon.id}
            )
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)

    def test_order_branch_cannot_be_written(self):
        for user in (self.salesperson, self.branch_admin):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.order_paris.with_user(user).write({"branch_id": self.branch_lyon.id})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.order_paris.with_user(user).write({"branch_id": False})
        self.assertEqual(self.order_paris.branch_id, self.branch_paris)
        # On creation, a given branch is ignored: the order takes its client's.
        order = (
            self.env["sale.order"]
            .with_user(self.salesperson)
            .create({"partner_id": self.client_paris.id, "branch_id": False})
        )
        self.assertEqual(order.branch_id, self.branch_paris)

    # Legitimate transfers ----------------------------------------------
    def test_branch_admin_transfers_client_contacts_and_orders_follow(self):
        self.client_paris.with_user(self.branch_admin).write({"branch_id": self.branch_lyon.id})
        self.assertEqual(self.client_paris.branch_id, self.branch_lyon)
        self.assertEqual(self.contact_paris.branch_id, self.branch_lyon)
        orders = self.order_paris | self.order_paris_contact
        self.assertEqual(orders.branch_id, self.branch_lyon)
        # The whole history is now the new branch's, and no longer the old one's.
        Order = self.env["sale.order"]
        self.assertEqual(
            Order.with_user(self.sales_manager).search([("id", "in", orders.ids)]), orders
        )
        self.assertFalse(Order.with_user(self.salesperson).search([("id", "in", orders.ids)]))
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.sales_manager)
            .search([("id", "in", (self.client_paris | self.contact_paris).ids)]),
            self.client_paris | self.contact_paris,
        )

    def test_transfer_is_tracked_in_chatter(self):
        # Finish the set-up's pending work (made without tracking) as its commit would.
        self.env.cr.precommit.run()
        client = self.client_paris.with_context(tracking_disable=False)
        client.with_user(self.settings_admin).write({"branch_id": self.branch_marseille.id})
        self.env.cr.precommit.run()  # tracking values are written before the commit
        tracking = self.env["mail.tracking.value"].search(
            [
                ("field_id.name", "=", "branch_id"),
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", client.id),
            ]
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_char, self.branch_paris.display_name)
        self.assertEqual(tracking.new_value_char, self.branch_marseille.display_name)
        self.assertEqual(tracking.mail_message_id.author_id, self.settings_admin.partner_id)

    def test_bulk_transfer_wizard(self):
        Wizard = self.env["semplio.branch.transfer"].with_user(self.branch_admin)
        # Selecting a contact brings its company.
        wizard = Wizard.with_context(
            active_model="res.partner",
            active_ids=(self.contact_paris | self.client_paris_2).ids,
        ).create({"branch_id": self.branch_marseille.id})
        self.assertEqual(wizard.partner_ids, self.client_paris | self.client_paris_2)
        wizard.action_transfer()
        self.assertEqual(
            (self.client_paris | self.contact_paris | self.client_paris_2).branch_id,
            self.branch_marseille,
        )
        self.assertEqual(self.order_paris.branch_id, self.branch_marseille)

    def test_bulk_transfer_wizard_refuses_archived_branch(self):
        self.branch_lyon.action_archive()
        wizard = (
            self.env["semplio.branch.transfer"]
            .with_user(self.branch_admin)
            .create({"branch_id": self.branch_lyon.id, "partner_ids": self.client_paris.ids})
        )
        with self.assertRefused(UserError, "archived"):
            wizard.action_transfer()
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)

    def test_transfer_wizard_is_bound_to_partners_for_admins_only(self):
        action = self.env.ref("semplio_clients.action_semplio_branch_transfer")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        self.assertEqual(action.groups_id, self.env.ref("semplio_clients.group_branch_admin"))

    # Import -------------------------------------------------------------
    def test_import_cannot_change_branch_of_existing_client(self):
        columns = (
            (
                "branch_id/id",
                self._xmlid(self.branch_paris, "paris"),
                self._xmlid(self.branch_lyon, "lyon"),
            ),
            ("branch_id", "Paris", "[LYO] Lyon"),
        )
        for column, paris, lyon in columns:
            with self.subTest(column=column):
                result = (
                    self.env["res.partner"]
                    .with_user(self.salesperson)
                    .load(
                        [".id", "name", column],
                        [
                            [str(self.client_paris_2.id), "Renamed", paris],
                            [str(self.client_paris.id), "Renamed", lyon],
                        ],
                    )
                )
                self.assertFalse(result["ids"])
                self.assertIn("Only a branch administrator", str(result["messages"]))
        self.assertEqual(self.client_paris.name, "Boulangerie Dupont")
        self.assertEqual(self.client_paris_2.name, "Fromagerie Durand")
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)

    def test_import_by_admin_transfers_client(self):
        result = (
            self.env["res.partner"]
            .with_user(self.branch_admin)
            .load(
                [".id", "branch_id"],
                [[str(self.client_paris.id), "Lyon"]],
            )
        )
        self.assertEqual(result["ids"], [self.client_paris.id], result["messages"])
        self.assertEqual(self.client_paris.branch_id, self.branch_lyon)
        self.assertEqual(self.contact_paris.branch_id, self.branch_lyon)

    def _xmlid(self, record, name):
        self.env["ir.model.data"].create(
            {"module": "__import__", "name": name, "model": record._name, "res_id": record.id}
        )
        return f"__import__.{name}"
