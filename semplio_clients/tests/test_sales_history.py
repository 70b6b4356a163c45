"""Sales history figures: exact amounts, scope, access rights and query counts."""

from odoo import Command, fields
from odoo.tests import Form, tagged

from .common import SemplioCommon

FIGURES = [
    "semplio_sale_count",
    "semplio_quotation_count",
    "sale_amount_total",
    "semplio_invoice_count",
    "semplio_invoice_amount_total",
    "semplio_invoice_amount_due",
    "payment_count",
    "semplio_payment_amount_total",
]


class SalesHistoryCommon(SemplioCommon):
    """Documents of every kind and state for the Paris client and its contacts.

    Amounts (company currency, a 20% tax on every line):
    - orders: 240 confirmed (client), 180 confirmed and locked (contact), 12
      confirmed (archived contact), 1200 cancelled, 600 quotation, 60 sent
      quotation -> 3 sales, 2 quotations, total 432.00;
    - invoices: 240 (the first order's, paid in full), 360 (contact, 100 paid),
      credit note -60, draft 1198.80 and cancelled 932.40 not counted
      -> 3 documents, total 540.00, due 200.00;
    - payments: 240 and 100 posted, 55 draft -> 2 payments, 340.00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.company.currency_id
        cls.tax = cls.env["account.tax"].create(
            {
                "name": "Semplio 20%",
                "amount": 20.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": cls.company.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Semplio service",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 100.0,
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        cls.archived_contact = cls.env["res.partner"].create(
            {"name": "Former Employee", "parent_id": cls.client_paris.id}
        )
        cls.order_confirmed = cls._order(cls.client_paris, 2, 100.0, "sale")
        cls.order_locked = cls._order(cls.contact_paris, 1, 150.0, "sale")
        cls.order_locked.action_lock()
        cls._order(cls.archived_contact, 1, 10.0, "sale")
        cls.archived_contact.active = False
        cls.order_cancelled = cls._order(cls.client_paris, 1, 1000.0, "cancel")
        cls.quotation = cls._order(cls.client_paris, 1, 500.0, "draft")
        cls._order(cls.contact_paris, 1, 50.0, "sent")

        cls.invoice_paid = cls.order_confirmed._create_invoices()
        cls.invoice_paid.action_post()
        cls.invoice_partial = cls._invoice(cls.contact_paris, 300.0)
        cls.credit_note = cls._invoice(cls.client_paris, 50.0, move_type="out_refund")
        cls._invoice(cls.client_paris, 999.0, post=False)
        cls._invoice(cls.client_paris, 777.0, post=False).button_cancel()
        cls.payment_full = cls._pay(cls.invoice_paid, 240.0)
        cls.payment_partial = cls._pay(cls.invoice_partial, 100.0)
        cls.env["account.payment"].create(
            {
                "partner_id": cls.client_paris.id,
                "partner_type": "customer",
                "payment_type": "inbound",
                "amount": 55.0,
            }
        )

        # Lyon documents: never part of a Paris figure.
        cls._order(cls.client_lyon, 1, 5000.0, "sale", user=cls.sales_manager)
        cls._invoice(cls.client_lyon, 4000.0)

    @classmethod
    def _order(cls, partner, quantity, price, state, user=None, **values):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": (user or cls.salesperson).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                        }
                    )
                ],
                **values,
            }
        )
        if state in ("sale", "cancel"):
            order.action_confirm()
        if state == "cancel":
            order._action_cancel()
        if state == "sent":
            order.action_quotation_sent()
        return order

    @classmethod
    def _invoice(cls, partner, price, move_type="out_invoice", post=True, **values):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": price,
                            "tax_ids": [Command.set(cls.tax.ids)],
                        }
                    )
                ],
                **values,
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, amount):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": fields.Date.today()})
            ._create_payments()
        )

    def assertFigures(self, partner, expected):
        partner.invalidate_recordset(FIGURES)
        values = partner.read(list(expected))[0]
        self.assertEqual({name: values[name] for name in expected}, expected)


@tagged("post_install", "-at_install")
class TestSalesHistoryAmounts(SalesHistoryCommon):
    def test_history_totals_confirmed_sales_invoices_and_payments_exactly(self):
        self.assertFigures(
            self.client_paris,
            {
                "semplio_sale_count": 3,
                "semplio_quotation_count": 2,
                "sale_amount_total": 432.0,
                "semplio_invoice_count": 3,
                "semplio_invoice_amount_total": 540.0,
                "semplio_invoice_amount_due": 200.0,
                "payment_count": 2,
                "semplio_payment_amount_total": 340.0,
            },
        )
        self.assertEqual(self.order_locked.state, "sale")
        self.assertTrue(self.order_locked.locked)
        self.assertEqual(
            self.invoice_paid.payment_state, self.invoice_paid._get_invoice_in_payment_state()
        )
        self.assertEqual(self.invoice_partial.payment_state, "partial")

    def test_contact_figures_cover_only_the_contact(self):
        self.assertFigures(
            self.contact_paris,
            {
                "semplio_sale_count": 1,
                "semplio_quotation_count": 1,
                "sale_amount_total": 180.0,
                "semplio_invoice_count": 1,
                "semplio_invoice_amount_total": 360.0,
                "semplio_invoice_amount_due": 260.0,
            },
        )

    def test_client_and_its_contact_read_together_each_get_their_own_figures(self):
        partners = self.client_paris | self.contact_paris | self.client_lyon
        partners.invalidate_recordset(FIGURES)
        totals = {p["id"]: p["sale_amount_total"] for p in partners.read(["sale_amount_total"])}
        self.assertEqual(
            totals,
            {
                self.client_paris.id: 432.0,
                self.contact_paris.id: 180.0,
                self.client_lyon.id: 6000.0,
            },
        )

    def test_new_confirmed_order_and_payment_update_the_figures(self):
        order = self._order(self.contact_paris, 3, 33.33, "sale")
        self.assertEqual(order.amount_total, 119.99)
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice, 19.99)
        self.assertFigures(
            self.client_paris,
            {
                "semplio_sale_count": 4,
                "sale_amount_total": 551.99,
                "semplio_invoice_count": 4,
                "semplio_invoice_amount_total": 659.99,
                "semplio_invoice_amount_due": 300.0,
                "payment_count": 3,
                "semplio_payment_amount_total": 359.99,
            },
        )

    def test_full_credit_note_cancels_the_invoice_amount(self):
        self.invoice_partial._reverse_moves(cancel=True)
        # 360 invoiced and 360 credited: the full reversal takes the invoice's
        # place in the reconciliation, so the 100 already paid becomes an
        # outstanding payment (still counted) and nothing is due on either.
        self.assertFigures(
            self.client_paris,
            {
                "semplio_invoice_count": 4,
                "semplio_invoice_amount_total": 180.0,
                "semplio_invoice_amount_due": -60.0,
                "payment_count": 2,
            },
        )

    def test_foreign_currency_converted_at_each_document_date_and_rounded_per_document(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        usd_company = self.currency
        self.assertNotEqual(eur, usd_company, "the test company must not work in EUR")
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": eur.id,
                    "name": "2024-03-01",
                    "rate": 0.7,
                    "company_id": self.company.id,
                },
                {
                    "currency_id": eur.id,
                    "name": "2024-06-01",
                    "rate": 0.8,
                    "company_id": self.company.id,
                },
            ]
        )
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": eur.id})
        client = self.env["res.partner"].create(
            {"name": "Client Euro", "branch_id": self.branch_paris.id}
        )
        # 100 EUR at 0.7 EUR per company unit = 142.857... -> 142.86, twice: 285.72
        # (one rounding of the sum would give 285.71); 100 EUR at 0.8 = 125.00.
        for date in ("2024-03-10 10:00:00", "2024-03-20 10:00:00", "2024-06-10 10:00:00"):
            order = self._order(client, 1, 100.0 / 1.2, "sale", pricelist_id=pricelist.id)
            order.date_order = date
            self.assertEqual((order.currency_id, order.amount_total), (eur, 100.0))
        invoice = self._invoice(client, 250.0, currency_id=eur.id, invoice_date="2024-06-15")
        self.assertEqual(invoice.amount_total, 300.0)
        self.assertFigures(
            client,
            {
                "sale_amount_total": 410.72,
                "semplio_invoice_amount_total": 375.0,
                "semplio_invoice_amount_due": 375.0,
            },
        )

    def test_only_the_current_company_documents_count(self):
        other_company = self.env["res.company"].create({"name": "Semplio Belgique"})
        self.env.user.company_ids |= other_company
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client_paris.id,
                "company_id": other_company.id,
                "order_line": [Command.create({"product_id": self.product.id, "price_unit": 70.0})],
            }
        )
        order.action_confirm()
        self.assertFigures(self.client_paris, {"semplio_sale_count": 3, "sale_amount_total": 432.0})
        other = self.client_paris.with_company(other_company)
        self.assertEqual(
            (other.semplio_sale_count, other.sale_amount_total), (1, order.amount_total)
        )
        self.assertEqual(other.semplio_invoice_count, 0)

    def test_history_lists_every_document_of_the_client_and_its_contacts(self):
        client = self.client_paris.with_user(self.invoicing_user)
        self.assertEqual(len(client.semplio_history_sale_ids), 6)
        self.assertIn(self.order_cancelled, client.semplio_history_sale_ids)
        self.assertIn(self.quotation, client.semplio_history_sale_ids)
        invoices = client.semplio_history_invoice_ids
        self.assertEqual(len(invoices), 5)
        self.assertEqual(set(invoices.mapped("state")), {"posted", "draft", "cancel"})
        self.assertIn(self.credit_note, invoices)
        payments = client.semplio_history_payment_ids
        self.assertEqual(len(payments), 3)
        self.assertLessEqual(self.payment_full | self.payment_partial, payments)
        self.assertIn("draft", payments.mapped("state"))
        self.assertFalse(
            client.semplio_history_sale_ids.filtered(lambda o: o.branch_id != self.branch_paris)
        )


@tagged("post_install", "-at_install")
class TestSalesHistoryAccess(SalesHistoryCommon):
    def test_salesperson_without_invoicing_rights_reads_every_figure(self):
        self.assertFalse(self.salesperson.has_group("account.group_account_invoice"))
        client = self.client_paris.with_user(self.salesperson)
        self.assertFigures(
            client,
            {
                "semplio_sale_count": 3,
                "sale_amount_total": 432.0,
                "semplio_invoice_count": 3,
                "semplio_invoice_amount_total": 540.0,
                "semplio_invoice_amount_due": 200.0,
                "payment_count": 2,
                "semplio_payment_amount_total": 340.0,
            },
        )

    def test_salesperson_opens_the_client_form_without_access_error(self):
        client = self.client_paris.with_user(self.salesperson)
        form = Form(client, view="base.view_partner_form")
        self.assertEqual(form.sale_amount_total, 432.0)
        self.assertEqual(len(form.semplio_history_sale_ids), 6)
        view = client.get_views([(False, "form")])["views"]["form"]
        self.assertNotIn("semplio_history_payment_ids", view["arch"])
        self.assertNotIn("semplio_history_invoice_ids", view["arch"])
        spec = {name: {} for name in FIGURES}
        spec["semplio_history_sale_ids"] = {"fields": {"name": {}, "amount_total": {}, "state": {}}}
        values = client.web_read(spec)[0]
        self.assertEqual(values["sale_amount_total"], 432.0)
        self.assertEqual(len(values["semplio_history_sale_ids"]), 6)
        action = client.action_view_semplio_sales()
        self.assertEqual(
            len(self.env["sale.order"].with_user(self.salesperson).search(action["domain"])), 6
        )

    def test_invoicing_user_sees_invoice_and_payment_history(self):
        client = self.client_paris.with_user(self.invoicing_user)
        view = client.get_views([(False, "form")])["views"]["form"]
        self.assertIn("semplio_history_payment_ids", view["arch"])
        Form(client, view="base.view_partner_form")
        invoices = self.env["account.move"].with_user(self.invoicing_user)
        self.assertEqual(len(invoices.search(client.action_view_semplio_invoices()["domain"])), 5)
        payments = self.env["account.payment"].with_user(self.invoicing_user)
        self.assertEqual(len(payments.search(client.action_view_semplio_payments()["domain"])), 3)

    def test_paris_salesperson_figures_never_include_lyon_documents(self):
        Partner = self.env["res.partner"].with_user(self.salesperson)
        rows = Partner.search_read(
            [("id", "in", self.client_lyon.ids + self.client_paris.ids)], FIGURES
        )
        self.assertEqual([row["id"] for row in rows], self.client_paris.ids)
        self.assertEqual(rows[0]["sale_amount_total"], 432.0)
        self.assertEqual(rows[0]["semplio_invoice_amount_total"], 540.0)
        lyon = self.client_lyon.with_user(self.sales_manager)
        self.assertEqual(
            (lyon.sale_amount_total, lyon.semplio_invoice_amount_total), (6000.0, 4800.0)
        )

    def test_own_documents_salesperson_sales_figures_follow_sale_order_rules(self):
        # Sale figures match the list the button opens: a colleague's order of the
        # same client is neither listed nor totalled for an "own documents" user.
        self._order(self.client_paris, 1, 1000.0, "sale", user=self.invoicing_user)
        self.assertFigures(
            self.client_paris.with_user(self.salesperson), {"sale_amount_total": 432.0}
        )
        self.assertFigures(
            self.client_paris.with_user(self.invoicing_user), {"sale_amount_total": 1632.0}
        )


@tagged("post_install", "-at_install", "is_query_count")
class TestSalesHistoryQueries(SalesHistoryCommon):
    def _count_queries(self, partners):
        """Queries to read every figure of ``partners`` from a cold cache."""
        self.env.invalidate_all()
        partners.read(FIGURES)  # warm up record rules and registry caches
        self.env.invalidate_all()
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        partners.read(FIGURES)
        return self.cr.sql_log_count - count0

    def test_figures_of_80_clients_take_a_constant_number_of_queries(self):
        Partner = self.env["res.partner"]
        clients = Partner.create(
            [{"name": f"Client {i:02d}", "branch_id": self.branch_paris.id} for i in range(80)]
        )
        Partner.create(
            [{"name": f"Contact {i:02d}", "parent_id": c.id} for i, c in enumerate(clients)]
        )
        clients |= self.client_paris
        one = self._count_queries(self.client_paris)
        # Partner and company rows, two levels of contacts and their parents,
        # the currency, then one grouped query each for orders, invoices, payments.
        self.assertLessEqual(one, 10)
        with self.assertQueryCount(one):
            self.env.invalidate_all()
            clients.read(FIGURES)
        salesperson_clients = clients.with_user(self.salesperson)
        one_sales = self._count_queries(self.client_paris.with_user(self.salesperson))
        self.assertEqual(self._count_queries(salesperson_clients), one_sales)

    def test_figures_of_a_client_with_many_documents_take_as_many_queries_as_with_one(self):
        client = self.env["res.partner"].create(
            {"name": "Gros client", "branch_id": self.branch_paris.id}
        )
        self._order(client, 1, 10.0, "sale")
        few = self._count_queries(client)
        orders = self.env["sale.order"]
        for i in range(40):
            orders |= self._order(client, 1, 10.0 + i, "sale")
        invoices = orders[:20]._create_invoices()
        invoices.action_post()
        for invoice in invoices[:5]:
            self._pay(invoice, invoice.amount_total)
        self.assertEqual(self._count_queries(client), few)
        self.assertEqual(client.semplio_sale_count, 41)
