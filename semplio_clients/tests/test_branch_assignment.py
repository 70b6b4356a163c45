from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SemplioCommon


@tagged("post_install", "-at_install")
class TestBranchAssignment(SemplioCommon):
    def test_client_defaults_to_creator_current_branch(self):
        client = (
            self.env["res.partner"].with_user(self.two_branch_user).create({"name": "New client"})
        )
        self.assertEqual(client.branch_id, self.branch_lyon)

    def test_salesperson_cannot_create_client_in_foreign_branch(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.salesperson).create(
                {"name": "Escape", "branch_id": self.branch_lyon.id}
            )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Escape")]))

    def test_user_without_branch_cannot_create_client(self):
        with self.assertRaisesRegex(UserError, "not attached to any branch"):
            self.env["res.partner"].with_user(self.no_branch_user).create({"name": "Orphan"})

    def test_contact_follows_company_branch(self):
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)

    def test_salesperson_cannot_transfer_client(self):
        client = self.client_paris.with_user(self.salesperson)
        with self.assertRaises(UserError):
            client.write({"branch_id": self.branch_lyon.id})
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)

    def test_branch_admin_transfers_client_and_contacts_follow(self):
        self.client_paris.with_user(self.branch_admin).write({"branch_id": self.branch_lyon.id})
        self.assertEqual(self.client_paris.branch_id, self.branch_lyon)
        self.assertEqual(self.contact_paris.branch_id, self.branch_lyon)

    def test_salesperson_sees_only_own_branch_clients(self):
        visible = (
            self.env["res.partner"]
            .with_user(self.salesperson)
            .search(
                [("id", "in", (self.client_paris | self.client_lyon | self.shared_partner).ids)]
            )
        )
        self.assertEqual(visible, self.client_paris | self.shared_partner)
