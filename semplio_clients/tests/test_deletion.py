"""Deletion of clients (DESIGN.md "Deletion"), against real sales and accounting documents."""

import xmlrpc.client
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SemplioCommon

LAST_DOCUMENT = date(2014, 5, 20)
DAY_BEFORE_END = "2024-05-19 12:00:00"
END_OF_RETENTION = "2024-05-20 12:00:00"


class DeletionCommon(SemplioCommon):
    """Helpers that create each kind of transaction, in any state, at any date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Pain de campagne"})
        cls.misc_journal = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.income_account = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.company.id)], limit=1
        )
        cls.client_nice = cls.env["res.partner"].create(
            {"name": "Fleuriste Nissart", "branch_id": cls.branch_paris.id}
        )

    def _order(self, partner, when, cancel=False):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "date_order": datetime.combine(when, datetime.min.time()).replace(hour=10),
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        if cancel:
            order.action_cancel()
        return order

    def _invoice(self, partner, when, post=False, cancel=False, move_type="out_invoice"):
        invoice = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": when,
                "date": when,
                "invoice_line_ids": [
                    Command.create({"name": "Pain", "quantity": 1, "price_unit": 12.0})
                ],
            }
        )
        if post:
            invoice.action_post()
        if cancel:
            if invoice.state == "posted":
                invoice.button_draft()
            invoice.button_cancel()
        return invoice

    def _payment(self, partner, when, cancel=False):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": 12.0,
                "date": when,
            }
        )
        if cancel:
            payment.action_cancel()
        return payment

    def _entry(self, partner, when, cancel=False):
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.misc_journal.id,
                "date": when,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Avoir manuel",
                            "account_id": partner.property_account_receivable_id.id,
                            "partner_id": partner.id,
                            "debit": 5.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Avoir manuel",
                            "account_id": self.income_account.id,
                            "credit": 5.0,
                        }
                    ),
                ],
            }
        )
        if cancel:
            entry.button_cancel()
        return entry

    def _assert_refused(self, records, user, *fragments):
        """Deleting ``records`` as ``user`` is refused with ``fragments`` in the
        message, and nothing is deleted."""
        with self.assertRaises(UserError) as refusal:
            records.with_user(user).unlink()
        message = refusal.exception.args[0]
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(records.exists(), records, "nothing may be deleted")
        return message


@tagged("post_install", "-at_install")
class TestDeletionRules(DeletionCommon):
    # Rule 3 -------------------------------------------------------------
    def test_client_without_transactions_is_deleted(self):
        self.client_lyon.with_user(self.sales_manager).unlink()
        self.assertFalse(self.client_lyon.exists())

    def test_archived_client_without_transactions_is_deleted(self):
        self.client_paris.action_archive()
        self.client_paris.with_user(self.salesperson).unlink()
        self.assertFalse(self.client_paris.exists())

    # Rule 1 -------------------------------------------------------------
    def test_open_transactions_refuse_deletion_with_counts_per_kind(self):
        self._order(self.client_paris, date(2025, 1, 6))
        self._order(self.client_paris, date(2025, 1, 7))
        invoice = self._invoice(self.client_paris, date(2025, 1, 8), post=True)
        self._payment(self.client_paris, date(2025, 1, 9))
        self._entry(self.client_paris, date(2025, 1, 10))
        message = self._assert_refused(
            self.client_paris,
            self.invoicing_user,
            "Boulangerie Dupont",
            "sales: 2",
            "invoices and credit notes: 1",
            "payments: 1",
            "journal items: 1",
            "Archive",
        )
        self.assertIn("nothing was deleted", message)
        self.assertEqual(invoice.state, "posted")

    def test_draft_quotation_is_a_transaction(self):
        self._order(self.client_paris, date(2025, 1, 6))
        self._assert_refused(self.client_paris, self.salesperson, "sales: 1")

    def test_vendor_bill_and_credit_note_count_as_invoices(self):
        self._invoice(self.client_paris, date(2025, 1, 6), move_type="in_invoice")
        self._invoice(self.client_paris, date(2025, 1, 6), move_type="out_refund")
        self._assert_refused(self.client_paris, self.salesperson, "invoices and credit notes: 2")

    def test_open_and_cancelled_documents_refuse_as_open(self):
        self._order(self.client_paris, date(2010, 1, 6), cancel=True)
        self._invoice(self.client_paris, date(2025, 1, 8), post=True)
        message = self._assert_refused(
            self.client_paris, self.salesperson, "invoices and credit notes: 1"
        )
        self.assertNotIn("sales:", message)

    def test_contact_transactions_block_the_client(self):
        self._order(self.contact_paris, date(2025, 1, 6))
        self._assert_refused(self.client_paris, self.salesperson, "sales: 1")

    def test_archived_contact_transactions_block_the_client(self):
        self._invoice(self.contact_paris, date(2025, 1, 6))
        self.contact_paris.action_archive()
        self._assert_refused(self.client_paris, self.salesperson, "invoices and credit notes: 1")

    def test_contact_deletion_ignores_its_company_documents(self):
        """A contact is deleted alone: its company keeps its documents."""
        order = self._order(self.client_paris, date(2025, 1, 6))
        self.contact_paris.with_user(self.salesperson).unlink()
        self.assertFalse(self.contact_paris.exists())
        self.assertEqual(order.partner_id, self.client_paris)

    def test_contact_used_as_invoice_address_cannot_be_deleted(self):
        order = self._order(self.client_paris, date(2025, 1, 6))
        order.partner_invoice_id = self.contact_paris
        self._assert_refused(self.contact_paris, self.salesperson, "sales: 1")

    def test_documents_of_other_companies_count(self):
        other_company = self.env["res.company"].create({"name": "Semplio Nice"})
        self.env["sale.order"].create(
            {"partner_id": self.client_paris.id, "company_id": other_company.id}
        )
        self._assert_refused(self.client_paris, self.salesperson, "sales: 1")

    # Rule 2 -------------------------------------------------------------
    def _cancelled_history(self, partner):
        return (
            self._order(partner, date(2013, 2, 1), cancel=True),
            self._invoice(partner, LAST_DOCUMENT, cancel=True),
            self._payment(partner, date(2012, 3, 1), cancel=True),
            self._entry(partner, date(2011, 4, 1), cancel=True),
        )

    def test_cancelled_documents_refuse_deletion_until_retention_end(self):
        documents = self._cancelled_history(self.client_paris)
        with freeze_time(DAY_BEFORE_END):
            self._assert_refused(
                self.client_paris,
                self.salesperson,
                "Boulangerie Dupont only has cancelled documents",
                "2014-05-20",
                "10 years",
                "can be deleted from 05/20/2024 (2024-05-20)",
            )
        for document in documents:
            self.assertTrue(document.exists())

    def test_cancelled_documents_go_with_client_once_retention_is_over(self):
        order, invoice, payment, entry = self._cancelled_history(self.client_paris)
        with freeze_time(END_OF_RETENTION):
            self.client_paris.with_user(self.salesperson).unlink()
        self.assertFalse(self.client_paris.exists())
        for document in (order, invoice, payment, entry):
            self.assertFalse(document.exists(), document)

    def test_retention_boundary_for_each_kind_of_document(self):
        makers = {
            "sale": self._order,
            "invoice": self._invoice,
            "payment": self._payment,
            "journal item": self._entry,
        }
        for kind, make in makers.items():
            with self.subTest(kind=kind):
                client = self.env["res.partner"].create(
                    {"name": f"Client {kind}", "branch_id": self.branch_paris.id}
                )
                document = make(client, LAST_DOCUMENT, cancel=True)
                with freeze_time(DAY_BEFORE_END):
                    self._assert_refused(client, self.salesperson, "2024-05-20")
                with freeze_time(END_OF_RETENTION):
                    client.with_user(self.salesperson).unlink()
                self.assertFalse(client.exists())
                self.assertFalse(document.exists())

    def test_most_recent_cancelled_document_sets_the_date(self):
        self._order(self.client_paris, date(2014, 5, 19), cancel=True)
        self._payment(self.contact_paris, LAST_DOCUMENT, cancel=True)
        with freeze_time(DAY_BEFORE_END):
            self._assert_refused(self.client_paris, self.salesperson, "2024-05-20")

    def test_vendor_bill_date_counts_after_invoice_date(self):
        """Bills dated in the accounting after their invoice date: the later one counts."""
        bill = self._invoice(self.client_paris, date(2014, 5, 1), move_type="in_invoice")
        bill.date = LAST_DOCUMENT
        bill.button_cancel()
        with freeze_time(DAY_BEFORE_END):
            self._assert_refused(self.client_paris, self.salesperson, "2024-05-20")

    def test_retention_period_of_the_client_company(self):
        self.company.client_retention_years = 3
        self._invoice(self.client_paris, LAST_DOCUMENT, cancel=True)
        with freeze_time("2017-05-19"):
            self._assert_refused(self.client_paris, self.salesperson, "2017-05-20", "3 years")
        with freeze_time("2017-05-20"):
            self.client_paris.with_user(self.salesperson).unlink()
        self.assertFalse(self.client_paris.exists())

    def test_odoo_refusing_a_cancelled_document_gives_instructions(self):
        """Audit trail on: Odoo keeps every entry once posted, so the client stays."""
        self.company.check_account_audit_trail = True
        invoice = self._invoice(self.client_paris, LAST_DOCUMENT, post=True, cancel=True)
        with freeze_time(END_OF_RETENTION), mute_logger("odoo.sql_db"):
            message = self._assert_refused(
                self.client_paris,
                self.salesperson,
                "refuses to delete their cancelled documents",
                invoice.name,
                "audit trail",
                "archive the client instead",
            )
        self.assertIn("Nothing was deleted", message)
        self.assertEqual(invoice.exists().state, "cancel")

    # Bulk ---------------------------------------------------------------
    def test_bulk_deletion_is_all_or_nothing_and_names_blockers(self):
        self._order(self.client_lyon, date(2025, 1, 6))
        self._invoice(self.client_marseille, date(2024, 1, 6), cancel=True)
        clients = self.client_paris | self.client_lyon | self.client_marseille | self.client_nice
        message = self._assert_refused(
            clients,
            self.branch_admin,
            "2 of the 4 selected clients cannot be deleted",
            "Garage Martin has transactions that are not cancelled (sales: 1)",
            "Poissonnerie Marius only has cancelled documents",
        )
        self.assertNotIn("Boulangerie Dupont", message)
        self.assertNotIn("Fleuriste Nissart", message)

    def test_bulk_deletion_of_allowed_clients(self):
        self._invoice(self.client_marseille, date(2010, 1, 6), cancel=True)
        clients = self.client_paris | self.client_nice | self.client_marseille
        clients.with_user(self.branch_admin).unlink()
        self.assertFalse(clients.exists())

    def test_deletion_check_uses_constant_number_of_queries(self):
        Partner = self.env["res.partner"]
        few = Partner.create([{"name": f"Client {i}"} for i in range(3)])
        many = Partner.create([{"name": f"Client {i}"} for i in range(30)])
        self._order(few[0], date(2025, 1, 6))
        self._order(many[0], date(2025, 1, 6), cancel=True)
        self._invoice(many[1], date(2025, 1, 6))
        counts = []
        for partners in (few, many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners._semplio_transaction_report()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])

    # Access -------------------------------------------------------------
    def test_salesperson_cannot_delete_client_of_other_branch(self):
        with self.assertRaises(AccessError):
            self.client_lyon.with_user(self.salesperson).unlink()
        self.assertTrue(self.client_lyon.exists())


@tagged("post_install", "-at_install")
class TestDeletionRpc(DeletionCommon, HttpCase):
    def test_xmlrpc_unlink_refused_with_message_and_nothing_deleted(self):
        order = self._order(self.client_lyon, date(2025, 1, 6))
        clients = self.client_paris | self.client_lyon
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refusal:
            self.xmlrpc_object.execute(
                self.env.cr.dbname,
                self.branch_admin.id,
                "branch_admin",
                "res.partner",
                "unlink",
                clients.ids,
            )
        message = refusal.exception.faultString
        self.assertIn("Garage Martin has transactions that are not cancelled (sales: 1)", message)
        self.assertNotIn("Boulangerie Dupont", message)
        self.env.invalidate_all()
        self.assertEqual(clients.exists(), clients)
        self.assertEqual(order.exists().partner_id, self.client_lyon)

    def test_delete_confirmation_says_irreversible(self):
        """The list and form confirmations warn before a client is deleted."""
        client = self.env["res.partner"].create(
            {"name": "Tour Confiserie Irréversible", "branch_id": self.branch_paris.id}
        )
        self.start_tour(
            "/odoo/action-contacts.action_contacts?view_type=list",
            "semplio_clients_delete_confirmation_tour",
            login="salesperson",
        )
        self.assertTrue(client.exists())


@tagged("post_install", "-at_install")
class TestRetentionSetting(SemplioCommon):
    def _settings(self, years):
        return (
            self.env["res.config.settings"]
            .with_user(self.settings_admin)
            .create({"client_retention_years": years})
        )

    def test_retention_period_defaults_to_ten_years(self):
        self.assertEqual(self.env["res.company"].create({"name": "New"}).client_retention_years, 10)

    def test_retention_period_shown_in_sales_settings(self):
        arch = (
            self.env["res.config.settings"]
            .with_user(self.settings_admin)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="client_retention_years"', arch)
        self.assertIn("semplio_client_retention_years", arch)

    def test_retention_period_saved_from_settings(self):
        self._settings(12).execute()
        self.assertEqual(self.company.client_retention_years, 12)

    def test_retention_period_out_of_range_refused(self):
        for years in (-1, 0, 51):
            with self.subTest(years=years), self.assertRaises(ValidationError) as refusal:
                self._settings(years).execute()
            self.assertIn("between 1 and 50 years", refusal.exception.args[0])
            self.assertEqual(self.company.client_retention_years, 10)
