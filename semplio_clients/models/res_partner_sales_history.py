"""Sales history of a client: counters, totals and document lists.

Every figure covers the client and all its contacts and addresses (archived
ones included) and only the current company's documents. All figures of a
recordset come from a constant number of grouped queries, whatever the number
of clients or documents: one hierarchy lookup, then one grouped query per kind
of document (sale orders, invoices, payments). Each document is then credited
to every partner of the recordset among its partner's ancestors, as Odoo does
for ``sale_order_count``.
"""

from collections import defaultdict
from decimal import Decimal

from odoo import api, fields, models
from odoo.tools import SQL

SALE_STATES_QUOTATION = ("draft", "sent")
CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")
COUNTED_PAYMENT_STATES = ("in_process", "paid")
INVOICING_GROUPS = "account.group_account_invoice,account.group_account_readonly"


class ResPartner(models.Model):
    _inherit = "res.partner"

    semplio_currency_id = fields.Many2one(
        "res.currency",
        string="History Currency",
        compute="_compute_semplio_currency_id",
        help="Currency of the sales history amounts: the current company's currency.",
    )
    semplio_sale_count = fields.Integer(
        string="Confirmed Sales",
        compute="_compute_semplio_history_figures",
        help="Confirmed sale orders (locked or not) of the client and its contacts.",
    )
    semplio_quotation_count = fields.Integer(
        string="Open Quotations",
        compute="_compute_semplio_history_figures",
        help="Quotations, sent or not, of the client and its contacts.",
    )
    sale_amount_total = fields.Monetary(
        string="Sales Total",
        compute="_compute_semplio_history_figures",
        currency_field="semplio_currency_id",
        help="Total, taxes included, of the confirmed sale orders of the client and its "
        "contacts, in the company's currency (each order converted at its own rate, then "
        "rounded). Quotations and cancelled orders are not counted.",
    )
    semplio_invoice_count = fields.Integer(
        string="Posted Invoices",
        compute="_compute_semplio_history_figures",
        help="Posted customer invoices and credit notes of the client and its contacts.",
    )
    semplio_invoice_amount_total = fields.Monetary(
        string="Invoiced Total",
        compute="_compute_semplio_history_figures",
        currency_field="semplio_currency_id",
        help="Posted customer invoices minus credit notes, taxes included, in the "
        "company's currency.",
    )
    semplio_invoice_amount_due = fields.Monetary(
        string="Amount Due",
        compute="_compute_semplio_history_figures",
        currency_field="semplio_currency_id",
        help="What the client still owes on its posted invoices, net of unused credit "
        "notes, in the company's currency.",
    )
    payment_count = fields.Integer(
        string="Payments",
        compute="_compute_semplio_history_figures",
        help="Validated customer payments (in process or paid) of the client and its contacts.",
    )
    semplio_payment_amount_total = fields.Monetary(
        string="Paid Total",
        compute="_compute_semplio_history_figures",
        currency_field="semplio_currency_id",
        help="Validated customer payments minus refunds paid back, in the company's currency.",
    )
    semplio_history_sale_ids = fields.Many2many(
        "sale.order",
        string="Sales History",
        compute="_compute_semplio_history_sale_ids",
        groups=f"sales_team.group_sale_salesman,{INVOICING_GROUPS}",
        help="Quotations and sale orders of the client and its contacts, in every state.",
    )
    semplio_history_invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices History",
        compute="_compute_semplio_history_invoice_ids",
        groups=INVOICING_GROUPS,
        help="Customer invoices and credit notes of the client and its contacts, in every state.",
    )
    semplio_history_payment_ids = fields.Many2many(
        "account.payment",
        string="Payments History",
        compute="_compute_semplio_history_payment_ids",
        groups=INVOICING_GROUPS,
        help="Customer payments of the client and its contacts, in every state.",
    )

    # ------------------------------------------------------------------
    # Helpers shared by every figure
    # ------------------------------------------------------------------
    def _semplio_history_scope(self):
        """Map every partner of ``self`` and its descendants (archived included) to
        the ids of ``self`` its documents count for: itself and its ancestors
        within ``self``.

        One hierarchy lookup (one query per level of contacts) with ``parent_id``
        fetched along, so the walk up the tree reads nothing more.
        """
        partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        scope_ids = set(partners._ids)
        self_ids = set(self._ids)
        credited = {}
        for partner in partners:
            credited[partner.id] = ids = []
            node = partner
            while node and node.id in scope_ids:
                if node.id in self_ids:
                    ids.append(node.id)
                node = node.parent_id
        return credited

    @api.depends_context("company")
    def _compute_semplio_currency_id(self):
        self.semplio_currency_id = self.env.company.currency_id

    # ------------------------------------------------------------------
    # Figures: one hierarchy lookup, one grouped query per kind of document
    # ------------------------------------------------------------------
    @api.model
    def _get_semplio_sale_domain(self):
        """Hook: extra conditions on the sale orders that the history takes into account."""
        return []

    @api.depends_context("company", "uid")
    def _compute_semplio_history_figures(self):
        figures = defaultdict(lambda: defaultdict(float))
        if self.ids:
            credited = self._semplio_history_scope()
            self._semplio_add_sale_figures(credited, figures)
            self._semplio_add_invoice_figures(credited, figures)
        currency = self.env.company.currency_id
        for partner in self:
            values = figures[partner.id]
            partner.semplio_sale_count = int(values["sale_count"])
            partner.semplio_quotation_count = int(values["quotation_count"])
            partner.sale_amount_total = currency.round(values["sale_total"])
            partner.semplio_invoice_count = int(values["invoice_count"])
            partner.semplio_invoice_amount_total = currency.round(values["invoice_total"])
            partner.semplio_invoice_amount_due = currency.round(values["invoice_due"])
            partner.payment_count = int(values["payment_count"])
            partner.semplio_payment_amount_total = currency.round(values["payment_total"])

    def _semplio_add_sale_figures(self, credited, figures):
        """Counts and company-currency total of the sale orders, in one grouped query.

        Sale figures follow the user's sale order rules (branch, "own documents"),
        as Odoo's ``sale_order_count`` does: the figures match the list the
        buttons open. Each confirmed order is converted to the company's currency
        with the rate stored on it (``currency_rate``, taken at its order date)
        and rounded to the currency's precision before being summed, as an
        accountant converts document by document.
        """
        SaleOrder = self.env["sale.order"]
        if not SaleOrder.has_access("read"):
            return
        company = self.env.company
        query = SaleOrder._search(
            [
                *self._get_semplio_sale_domain(),
                ("partner_id", "in", list(credited)),
                ("company_id", "=", company.id),
                ("state", "in", ("sale", *SALE_STATES_QUOTATION)),
            ]
        )
        table = SaleOrder._table
        partner_sql = SaleOrder._field_to_sql(table, "partner_id", query)
        confirmed = SQL("%s = 'sale'", SaleOrder._field_to_sql(table, "state", query))
        in_company_currency = SQL(
            "%s = %s", SaleOrder._field_to_sql(table, "currency_id", query), company.currency_id.id
        )
        query.groupby = partner_sql
        rows = self.env.execute_query(
            query.select(
                partner_sql,
                SQL("COUNT(*) FILTER (WHERE %s)", confirmed),
                SQL("COUNT(*) FILTER (WHERE NOT %s)", confirmed),
                # Orders in the company's currency need no conversion (rate 1);
                # the others are converted and rounded one by one.
                SQL(
                    "COALESCE(SUM(%(amount)s) FILTER (WHERE %(confirmed)s AND %(same)s), 0)"
                    " + COALESCE(SUM(ROUND(%(amount)s / COALESCE(NULLIF(%(rate)s, 0), 1)"
                    " / %(rounding)s) * %(rounding)s)"
                    " FILTER (WHERE %(confirmed)s AND (%(same)s) IS NOT TRUE), 0)",
                    amount=SaleOrder._field_to_sql(table, "amount_total", query),
                    rate=SaleOrder._field_to_sql(table, "currency_rate", query),
                    confirmed=confirmed,
                    same=in_company_currency,
                    # numeric, not float: PostgreSQL rounds numerics half away
                    # from zero, as Odoo's float_round does.
                    rounding=Decimal(repr(company.currency_id.rounding)),
                ),
            )
        )
        for partner_id, sale_count, quotation_count, total in rows:
            for client_id in credited[partner_id]:
                figures[client_id]["sale_count"] += sale_count
                figures[client_id]["quotation_count"] += quotation_count
                figures[client_id]["sale_total"] += float(total)

    def _semplio_add_invoice_figures(self, credited, figures):
        """Invoice and payment figures, one grouped query per model.

        Computed with sudo: a salesperson without invoicing rights may not read
        payments at all, yet must see the client's figures without an access
        error. Only documents of ``self`` and its descendants are summed, and
        ``self`` has been read with the user's rights, so they belong to a branch
        the user works for; the company is filtered explicitly since sudo also
        lifts the multi-company rules. Only aggregated figures leave this method.
        """
        company = self.env.company
        invoice_groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", list(credited)),
                    ("company_id", "=", company.id),
                    ("move_type", "in", CUSTOMER_MOVE_TYPES),
                    ("state", "=", "posted"),
                ],
                ["partner_id"],
                ["__count", "amount_total_signed:sum", "amount_residual_signed:sum"],
            )
        )
        for partner, count, total, due in invoice_groups:
            for client_id in credited[partner.id]:
                figures[client_id]["invoice_count"] += count
                figures[client_id]["invoice_total"] += total
                figures[client_id]["invoice_due"] += due
        payment_groups = (
            self.env["account.payment"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", list(credited)),
                    ("company_id", "=", company.id),
                    ("partner_type", "=", "customer"),
                    ("state", "in", COUNTED_PAYMENT_STATES),
                ],
                ["partner_id"],
                ["__count", "amount_company_currency_signed:sum"],
            )
        )
        for partner, count, total in payment_groups:
            for client_id in credited[partner.id]:
                figures[client_id]["payment_count"] += count
                figures[client_id]["payment_total"] += total

    # ------------------------------------------------------------------
    # Document lists of the "Sales History" tab (user's own rights)
    # ------------------------------------------------------------------
    def _semplio_set_history(self, field_name, model, domain, order):
        """Give each record of ``self`` the documents of itself and its descendants.

        One search for the whole recordset, with the user's own rights.
        """
        credited = self._semplio_history_scope()
        documents = self.env[model].search_fetch(
            [
                *domain,
                ("partner_id", "in", list(credited)),
                ("company_id", "=", self.env.company.id),
            ],
            ["partner_id"],
            order=order,
        )
        by_client = defaultdict(list)
        for document in documents:
            for client_id in credited[document.partner_id.id]:
                by_client[client_id].append(document.id)
        for partner in self:
            partner[field_name] = documents.browse(by_client[partner.id])

    @api.depends_context("company", "uid")
    def _compute_semplio_history_sale_ids(self):
        self.semplio_history_sale_ids = False
        if not self.ids:
            return
        self._semplio_set_history(
            "semplio_history_sale_ids",
            "sale.order",
            self._get_semplio_sale_domain(),
            "date_order desc, id desc",
        )

    @api.depends_context("company", "uid")
    def _compute_semplio_history_invoice_ids(self):
        self.semplio_history_invoice_ids = False
        if not self.ids:
            return
        self._semplio_set_history(
            "semplio_history_invoice_ids",
            "account.move",
            [("move_type", "in", CUSTOMER_MOVE_TYPES)],
            "invoice_date desc, id desc",
        )

    @api.depends_context("company", "uid")
    def _compute_semplio_history_payment_ids(self):
        self.semplio_history_payment_ids = False
        if not self.ids:
            return
        self._semplio_set_history(
            "semplio_history_payment_ids",
            "account.payment",
            [("partner_type", "=", "customer")],
            "date desc, id desc",
        )

    # ------------------------------------------------------------------
    # Smart button actions
    # ------------------------------------------------------------------
    def _semplio_document_domain(self):
        return [
            ("partner_id", "child_of", self.ids),
            ("company_id", "=", self.env.company.id),
        ]

    def action_view_semplio_sales(self):
        """Open the client's quotations and orders, filtered on confirmed ones."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.act_res_partner_2_sale_order")
        action["domain"] = self._semplio_document_domain()
        action["search_view_id"] = [
            self.env.ref("sale.sale_order_view_search_inherit_quotation").id,
            "search",
        ]
        action["context"] = {"default_partner_id": self.id, "search_default_sales": 1}
        action["display_name"] = self.env._("Sales of %(client)s", client=self.display_name)
        return action

    def action_view_semplio_invoices(self):
        """Open the client's customer invoices and credit notes, filtered on posted ones."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [
            ("move_type", "in", CUSTOMER_MOVE_TYPES),
            *self._semplio_document_domain(),
        ]
        action["context"] = {
            "default_move_type": "out_invoice",
            "default_partner_id": self.id,
            "move_type": "out_invoice",
            "journal_type": "sale",
            "search_default_posted": 1,
        }
        action["display_name"] = self.env._("Invoices of %(client)s", client=self.display_name)
        return action

    def action_view_semplio_payments(self):
        """Open the client's customer payments."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_account_payments")
        action["domain"] = [
            ("partner_type", "=", "customer"),
            *self._semplio_document_domain(),
        ]
        action["context"] = {
            "default_partner_id": self.id,
            "default_payment_type": "inbound",
            "default_partner_type": "customer",
            "default_move_journal_types": ("bank", "cash"),
        }
        action["display_name"] = self.env._("Payments of %(client)s", client=self.display_name)
        return action
