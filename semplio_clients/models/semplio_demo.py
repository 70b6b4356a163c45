"""Demo sales, invoices and payments, created through the ORM at install.

Branches, users, clients and products are plain XML records
(demo/semplio_clients_demo.xml); documents go through Odoo's own flow
(confirmation, invoicing, posting, payment registration) so that every amount,
state and reconciliation is what a real user would get.
"""

from datetime import datetime, time, timedelta

from odoo import api, fields, models

DEMO_CLIENT_COUNT = 30
DEMO_PRODUCTS = ("installation", "maintenance", "training", "licence")


class SemplioDemo(models.AbstractModel):
    _name = "semplio.demo"
    _description = "Semplio demo data"

    @api.model
    def _demo_ref(self, name):
        return self.env.ref(f"semplio_clients.{name}")

    @api.model
    def _create_demo_sales(self):
        """Give the demo clients sales in every state, invoices and payments.

        Clients cycle through six scenarios (index modulo 6): a prospect with no
        document; paid invoice and an open quotation; partly paid invoice and a
        sent quotation; locked order with an unpaid invoice and a cancelled order;
        paid invoice, refunded invoice (credit note) and an order of a contact;
        order not yet invoiced, quotation, cancelled order and a paid invoice.
        Dates grow with the client's index so invoices are posted in date order.
        """
        products = [
            self._demo_ref(f"demo_product_{name}").product_variant_id for name in DEMO_PRODUCTS
        ]
        salespeople = {
            self._demo_ref(f"demo_branch_{city}"): self._demo_ref(f"demo_user_{city}_sales")
            for city in ("paris", "lyon", "marseille")
        }
        today = fields.Date.context_today(self)
        for index in range(1, DEMO_CLIENT_COUNT + 1):
            client = self._demo_ref(f"demo_client_{index:02d}")
            scenario = index % 6
            if scenario == 0:
                continue
            start = today - timedelta(days=200 - 6 * index)
            helper = _DemoClient(self, client, salespeople[client.branch_id], products, index)
            if scenario == 1:
                order = helper.order(start, confirm=True)
                invoice = helper.invoice(order, start + timedelta(days=1))
                helper.pay(invoice, start + timedelta(days=10))
                helper.order(start + timedelta(days=3))
            elif scenario == 2:
                order = helper.order(start, confirm=True)
                invoice = helper.invoice(order, start + timedelta(days=1))
                helper.pay(invoice, start + timedelta(days=10), ratio=0.4)
                helper.order(start + timedelta(days=3)).action_quotation_sent()
            elif scenario == 3:
                order = helper.order(start, confirm=True)
                order.action_lock()
                helper.invoice(order, start + timedelta(days=1))
                helper.order(start + timedelta(days=2))._action_cancel()
            elif scenario == 4:
                order = helper.order(start, confirm=True)
                invoice = helper.invoice(order, start + timedelta(days=1))
                helper.pay(invoice, start + timedelta(days=8))
                refunded = helper.order(start + timedelta(days=2), confirm=True)
                invoice = helper.invoice(refunded, start + timedelta(days=3))
                invoice._reverse_moves(
                    [
                        {
                            "invoice_date": start + timedelta(days=4),
                            "date": start + timedelta(days=4),
                        }
                    ],
                    cancel=True,
                )
                helper.order(start + timedelta(days=5), confirm=True, by_contact=True)
            else:
                order = helper.order(start, confirm=True)
                invoice = helper.invoice(order, start + timedelta(days=1))
                helper.pay(invoice, start + timedelta(days=12))
                helper.order(start + timedelta(days=2), confirm=True, by_contact=True)
                helper.order(start + timedelta(days=3))
                helper.order(start + timedelta(days=4))._action_cancel()


class _DemoClient:
    """Creates the documents of one demo client (plain helper, not a model)."""

    def __init__(self, demo, client, salesperson, products, index):
        self.env = demo.env
        self.client = client
        self.salesperson = salesperson
        self.products = products
        self.index = index
        self.count = 0

    def order(self, date, confirm=False, by_contact=False):
        self.count += 1
        partner = self.client
        if by_contact and self.client.child_ids:
            partner = self.client.child_ids[0]
        lines = []
        for offset in range(1 + (self.index + self.count) % 3):
            product = self.products[(self.index + self.count + offset) % len(self.products)]
            lines.append(
                fields.Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": 1 + (self.index * 3 + self.count + offset) % 5,
                    }
                )
            )
        order = self.env["sale.order"].create(
            {"partner_id": partner.id, "user_id": self.salesperson.id, "order_line": lines}
        )
        if confirm:
            order.action_confirm()
        # Confirmation stamps today's date: put the order back on its own date.
        order.date_order = datetime.combine(date, time(10, 0))
        return order

    def invoice(self, order, date):
        invoice = order._create_invoices()
        invoice.invoice_date = date
        invoice.action_post()
        return invoice

    def pay(self, invoice, date, ratio=1.0):
        amount = invoice.currency_id.round(invoice.amount_residual * ratio)
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": date, "amount": amount})
        )
        return wizard._create_payments()
