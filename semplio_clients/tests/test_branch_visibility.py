"""Rule: a branch-restricted user reaches only their branches' clients and orders.

Partners without a branch stay visible to everyone; branch administrators see
every branch; portal users keep Odoo's portal rules. Each ORM path is tried for
each role of ``SemplioCommon``.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SemplioCommon


@tagged("post_install", "-at_install")
class TestBranchVisibility(SemplioCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        SaleOrder = cls.env["sale.order"]
        product = cls.env["product.product"].create({"name": "Baguette", "list_price": 1.2})
        cls.orders = {
            partner: SaleOrder.create(
                {
                    "partner_id": partner.id,
                    # No salesperson: Sales "Own documents" users see such orders too,
                    # so only the branch rule decides.
                    "user_id": False,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            for partner in (
                cls.client_paris,
                cls.contact_paris,
                cls.client_lyon,
                cls.client_marseille,
                cls.shared_partner,
            )
        }
        cls.all_orders = SaleOrder.browse([o.id for o in cls.orders.values()])

    def _visible_orders(self, user):
        return self.all_orders.browse(
            [o.id for p, o in self.orders.items() if p in self.expected[user]]
        )

    # Search, count, read ----------------------------------------------------
    def test_each_role_searches_only_its_branches(self):
        for user, expected in self.expected.items():
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                domain = [("id", "in", self.partners.ids)]
                self.assertEqual(Partner.search(domain), expected)
                self.assertEqual(Partner.search_count(domain), len(expected))
                # Archived foreign clients are not reachable either.
                self.assertEqual(
                    Partner.with_context(active_test=False).search(
                        [("branch_id", "=", self.branch_marseille.id)]
                    ),
                    self.client_marseille if self.client_marseille in expected else Partner,
                )

    def test_reading_foreign_client_by_id_is_refused(self):
        for user, expected in self.expected.items():
            for partner in self.partners - expected:
                with self.subTest(user=user.login, partner=partner.name):
                    with self.assertRaises(AccessError):
                        partner.with_user(user).read(["name", "email"])
                    with self.assertRaises(AccessError):
                        _name = self.env["res.partner"].with_user(user).browse(partner.id).name
            for partner in expected:
                self.assertEqual(partner.with_user(user).name, partner.name)

    def test_read_group_counts_only_own_branches(self):
        for user, expected in self.expected.items():
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                domain = [("id", "in", self.partners.ids)]
                groups = Partner._read_group(domain, ["branch_id"], ["__count"])
                self.assertEqual(
                    dict(groups),
                    {
                        branch: len(expected.filtered(lambda p, b=branch: p.branch_id == b))
                        for branch in [*expected.branch_id, self.env["semplio.branch"]]
                        if expected.filtered(lambda p, b=branch: p.branch_id == b)
                    },
                )
                public = Partner.read_group(domain, ["branch_id"], ["branch_id"])
                self.assertEqual(
                    sum(g["branch_id_count"] for g in public),
                    len(expected),
                )

    def test_name_search_finds_only_visible_clients(self):
        for user, expected in self.expected.items():
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                for partner in self.partners:
                    found = [pid for pid, _name in Partner.name_search(partner.name, limit=20)]
                    self.assertEqual(partner.id in found, partner in expected)

    def test_export_only_visible_clients(self):
        export_group = self.env.ref("base.group_allow_export")
        for user in self.expected:
            user.groups_id = [Command.link(export_group.id)]
        for user, expected in self.expected.items():
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                rows = Partner.search([("id", "in", self.partners.ids)]).export_data(
                    ["name", "branch_id", "email"]
                )["datas"]
                self.assertEqual(sorted(r[0] for r in rows), sorted(expected.mapped("name")))
                foreign = self.partners - expected
                if foreign:
                    with self.assertRaises(AccessError):
                        Partner.browse(foreign.ids).export_data(["name"])

    # Write, unlink ---------------------------------------------------------
    def test_foreign_client_cannot_be_written_or_deleted(self):
        for user, expected in self.expected.items():
            for partner in self.partners - expected:
                with self.subTest(user=user.login, partner=partner.name):
                    with self.assertRaises(AccessError):
                        partner.with_user(user).write({"email": "spy@example.com"})
                    with self.assertRaises(AccessError):
                        partner.with_user(user).unlink()
        self.assertTrue(all(p.exists() for p in self.partners))
        self.assertNotIn("spy@example.com", self.partners.mapped("email"))

    def test_own_client_can_be_edited_and_deleted(self):
        client = self.env["res.partner"].with_user(self.salesperson).create({"name": "Brief"})
        client.write({"phone": "+33 1 23 45 67 89", "comment": "Note"})
        self.assertEqual(client.comment, "<p>Note</p>")
        client.unlink()
        self.assertFalse(client.exists())

    # Sale orders --------------------------------------------------------------
    def test_sale_orders_follow_branch_rule(self):
        for user in self.expected:
            with self.subTest(user=user.login):
                SaleOrder = self.env["sale.order"].with_user(user)
                visible = self._visible_orders(user)
                self.assertEqual(SaleOrder.search([("id", "in", self.all_orders.ids)]), visible)
                self.assertEqual(
                    SaleOrder.search_count([("id", "in", self.all_orders.ids)]), len(visible)
                )
                groups = SaleOrder._read_group(
                    [("id", "in", self.all_orders.ids)], ["branch_id"], ["__count"]
                )
                self.assertEqual(sum(count for _b, count in groups), len(visible))
                lines = self.env["sale.order.line"].with_user(user)
                self.assertEqual(
                    lines.search([("order_id", "in", self.all_orders.ids)]).order_id, visible
                )
                for order in self.all_orders - visible:
                    with self.assertRaises(AccessError):
                        order.with_user(user).read(["name", "partner_id"])
                    # Reading the customer through the order is refused too.
                    with self.assertRaises(AccessError):
                        _name = order.with_user(user).partner_id.name
                # A visible order only ever shows clients the user may read.
                for values in visible.with_user(user).read(["partner_id", "partner_invoice_id"]):
                    for field in ("partner_id", "partner_invoice_id"):
                        self.assertIn(values[field][0], self.expected[user].ids)

    def test_sales_analysis_shows_only_own_branches(self):
        self.env.flush_all()  # sale.report is an SQL view over the orders
        for user, expected in self.expected.items():
            with self.subTest(user=user.login):
                groups = (
                    self.env["sale.report"]
                    .with_user(user)
                    ._read_group(
                        [("partner_id", "in", self.partners.ids)],
                        ["partner_id"],
                        ["__count"],
                    )
                )
                self.assertEqual({partner for partner, _count in groups}, set(expected))

    def test_order_cannot_use_a_foreign_client_or_address(self):
        SaleOrder = self.env["sale.order"].with_user(self.salesperson)
        with self.assertRefused(AccessError, "branch that is not yours"):
            SaleOrder.create({"partner_id": self.client_lyon.id})
        with self.assertRefused(AccessError, "branch that is not yours"):
            SaleOrder.create(
                {
                    "partner_id": self.client_paris.id,
                    "partner_invoice_id": self.client_lyon.id,
                }
            )
        order = self.orders[self.client_paris].with_user(self.salesperson)
        for field in ("partner_id", "partner_shipping_id", "partner_invoice_id"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                order.write({field: self.client_marseille.id})
        self.assertEqual(order.partner_id, self.client_paris)
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.client_lyon.id)])
            - self.orders[self.client_lyon]
        )

    def test_portal_customer_still_sees_own_orders(self):
        portal = new_test_user(
            self.env,
            login="portal_dupont",
            groups="base.group_portal",
            partner_id=self.client_paris.id,
        )
        self.assertFalse(portal._is_branch_restricted())
        order = self.orders[self.client_paris]
        order.message_subscribe(partner_ids=self.client_paris.ids)
        self.assertEqual(
            self.env["sale.order"].with_user(portal).search([("id", "in", self.all_orders.ids)]),
            order,
        )
        self.assertEqual(order.with_user(portal).name, order.name)

    # Multi-company ---------------------------------------------------------------
    def test_multi_company_rules_still_apply(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["res.partner"].create(
            {"name": "Other Co client", "company_id": other.id, "branch_id": False}
        )
        self.assertFalse(
            self.env["res.partner"].with_user(self.branch_admin).search([("id", "=", foreign.id)])
        )
