"""Safe deletion of clients: transactions block it, cancelled ones until the retention ends.

Odoo alone answers a deletion with a database error as soon as a document still
points at the partner. Here the rules of DESIGN.md ("Deletion") are checked up
front, for the whole recordset at once, with one grouped query per kind of
transaction whatever the number of clients:

1. a transaction that is not cancelled refuses the deletion (counts per kind,
   archiving suggested);
2. only cancelled documents: refused until ``client_retention_years`` after the
   most recent one, then removed together with the client;
3. no transaction: deleted.

A deletion of several clients is all or nothing and names every blocking client.
"""

from datetime import datetime

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

INVOICE_TYPES = (
    "out_invoice",
    "out_refund",
    "in_invoice",
    "in_refund",
    "out_receipt",
    "in_receipt",
)
KINDS = ("sales", "invoices", "payments", "journal_items")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def unlink(self):
        # Cancelled documents may be removed before the partners themselves: if a
        # later check or the final DELETE fails, none of it must stay deleted.
        with self.env.cr.savepoint():
            return super().unlink()

    # The name sorts before Odoo's own ``_unlink_except_*`` / ``_unlink_if_*`` guards,
    # which run in alphabetical order: this one gives the complete explanation first.
    @api.ondelete(at_uninstall=False)
    def _unlink_check_client_transactions(self):
        if not self:
            return
        report = self._semplio_transaction_report()
        today = fields.Date.context_today(self)
        blockers = []
        purge = self.browse()
        for partner in self:
            stats = report[partner.id]
            if any(stats["open"].values()):
                blockers.append(partner._semplio_open_transactions_reason(stats["open"]))
            elif any(stats["cancelled"].values()):
                years = partner._semplio_retention_years()
                deletable_from = stats["last_date"] + relativedelta(years=years)
                if today < deletable_from:
                    blockers.append(
                        partner._semplio_retention_reason(stats["last_date"], years, deletable_from)
                    )
                else:
                    purge |= partner
        if blockers:
            raise UserError(self._semplio_refusal_message(blockers))
        if purge:
            purge._semplio_delete_cancelled_documents()

    # ------------------------------------------------------------------
    # Counting: one grouped query per kind, for any number of clients
    # ------------------------------------------------------------------
    def _semplio_transaction_sources(self, scope_ids):
        """Where transactions live, per kind; override to add a kind of document.

        Each source is ``(kind, model, domain, partner fields, state field,
        cancelled state, date fields)``. A document belongs to a client when one of
        its partner fields points at the client or one of its contacts. Journal
        items only count outside the invoices and payments already counted.
        """
        return [
            (
                "sales",
                "sale.order",
                [],
                ["partner_id", "partner_invoice_id", "partner_shipping_id"],
                "state",
                "cancel",
                ["date_order"],
            ),
            (
                "invoices",
                "account.move",
                [
                    (
                        "move_type",
                        "in",
                        self.env["account.move"].get_invoice_types(include_receipts=True),
                    )
                ],
                ["partner_id", "commercial_partner_id"],
                "state",
                "cancel",
                ["invoice_date", "date"],
            ),
            ("payments", "account.payment", [], ["partner_id"], "state", "canceled", ["date"]),
            (
                "journal_items",
                "account.move.line",
                [
                    ("move_id.origin_payment_id", "=", False),
                    "|",
                    ("move_id.move_type", "=", "entry"),
                    ("move_id.commercial_partner_id", "not in", scope_ids),
                ],
                ["partner_id"],
                "parent_state",
                "cancel",
                ["date"],
            ),
        ]

    def _semplio_deletion_scope(self):
        """Map every partner deleted with ``self`` (contacts, addresses, archived
        ones included) to the records of ``self`` it belongs to.

        ``res.partner`` has no ``parent_path``: the tree is walked one level a
        query, so the number of queries follows the depth of the hierarchy (two or
        three levels), never the number of clients.
        """
        owners = {partner.id: {partner.id} for partner in self}
        # sudo: contacts of a client the user may delete are counted even when the
        # user cannot read them (other company); nothing of them is returned.
        Partner = self.sudo().with_context(active_test=False)
        expanded = set()
        parents = self.ids
        while parents:
            expanded.update(parents)
            children = Partner.search_fetch([("parent_id", "in", parents)], ["parent_id"])
            for child in children:
                # A contact deleted with its company belongs to both.
                owners.setdefault(child.id, set()).update(owners[child.parent_id.id])
            parents = [child_id for child_id in children.ids if child_id not in expanded]
        return owners

    def _semplio_transaction_report(self):
        """Per partner of ``self``: counts of open and cancelled transactions per
        kind, and the date of the most recent cancelled document."""
        owners = self._semplio_deletion_scope()
        scope_ids = list(owners)
        report = {
            partner.id: {
                "open": dict.fromkeys(KINDS, 0),
                "cancelled": dict.fromkeys(KINDS, 0),
                "last_date": None,
            }
            for partner in self
        }
        sources = self._semplio_transaction_sources(scope_ids)
        for kind, model, domain, partner_fields, state_field, cancelled, date_fields in sources:
            partner_domain = ["|"] * (len(partner_fields) - 1) + [
                (fname, "in", scope_ids) for fname in partner_fields
            ]
            # sudo: a client is deleted for every company and every salesperson at
            # once, so documents the user cannot read count too; only numbers and
            # dates come out of this query.
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    partner_domain + domain,
                    groupby=[*partner_fields, state_field],
                    aggregates=["__count", *(f"{fname}:max" for fname in date_fields)],
                )
            )
            for group in groups:
                partners = group[: len(partner_fields)]
                state = group[len(partner_fields)]
                count = group[len(partner_fields) + 1]
                dates = [
                    self._semplio_as_date(value)
                    for value in group[len(partner_fields) + 2 :]
                    if value
                ]
                clients = set()
                for partner in partners:
                    clients |= owners.get(partner.id, set())
                for client_id in clients:
                    stats = report[client_id]
                    if state == cancelled:
                        stats["cancelled"][kind] += count
                        stats["last_date"] = max(filter(None, [*dates, stats["last_date"]]))
                    else:
                        stats["open"][kind] += count
        return report

    def _semplio_as_date(self, value):
        """The date of a document; for an order's UTC date-time, the later of its UTC
        and local dates, so that no time zone ever shortens the retention period."""
        if isinstance(value, datetime):
            return max(value.date(), fields.Datetime.context_timestamp(self, value).date())
        return value

    def _semplio_retention_years(self):
        self.ensure_one()
        # sudo: the client's company may not be one of the user's; only its
        # retention setting is read.
        company = self.sudo().company_id or self.env.company
        return company.client_retention_years

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------
    def _semplio_kind_labels(self):
        return {
            "sales": self.env._("sales"),
            "invoices": self.env._("invoices and credit notes"),
            "payments": self.env._("payments"),
            "journal_items": self.env._("journal items"),
        }

    def _semplio_open_transactions_reason(self, counts):
        labels = self._semplio_kind_labels()
        details = ", ".join(
            self.env._("%(kind)s: %(count)s", kind=labels[kind], count=counts[kind])
            for kind in KINDS
            if counts[kind]
        )
        return self.env._(
            "%(client)s has transactions that are not cancelled (%(details)s).",
            client=self.display_name,
            details=details,
        )

    def _semplio_format_date(self, date):
        # The user's format, followed by the ISO date, which no locale makes ambiguous.
        return f"{format_date(self.env, date)} ({fields.Date.to_string(date)})"

    def _semplio_retention_reason(self, last_date, years, deletable_from):
        return self.env._(
            "%(client)s only has cancelled documents, the most recent one dated %(last)s: "
            "it must be kept for the legal retention period of %(years)s years and can be "
            "deleted from %(date)s.",
            client=self.display_name,
            last=self._semplio_format_date(last_date),
            years=years,
            date=self._semplio_format_date(deletable_from),
        )

    def _semplio_refusal_message(self, reasons):
        if len(self) == 1:
            header = self.env._("This client cannot be deleted, nothing was deleted.")
        else:
            header = self.env._(
                "Nothing was deleted: %(blocked)s of the %(total)s selected clients cannot be "
                "deleted.",
                blocked=len(reasons),
                total=len(self),
            )
        advice = self.env._(
            "Archive these clients instead (Action > Archive): they disappear from lists and "
            "searches but keep their history, and can be restored at any time. A client with "
            "only cancelled documents can be deleted once its retention period is over."
        )
        return "\n".join([header, *(f"- {reason}" for reason in reasons), advice])

    # ------------------------------------------------------------------
    # Removing the cancelled documents once the retention period is over
    # ------------------------------------------------------------------
    def _semplio_delete_cancelled_documents(self):
        """Delete the cancelled documents of ``self`` the way Odoo deletes them
        (its own checks included), or refuse with what to do instead."""
        scope_ids = list(self._semplio_deletion_scope())
        # sudo: the client's deletion is allowed, and its cancelled documents of every
        # company go with it, whatever the user's accounting rights; Odoo's own
        # deletion checks still run on each document.
        env = self.sudo().with_context(active_test=False).env
        batches = [
            env["account.payment"].search(
                [("partner_id", "in", scope_ids), ("state", "=", "canceled")]
            ),
            env["account.move"].search(
                [
                    ("state", "=", "cancel"),
                    "|",
                    "|",
                    ("partner_id", "in", scope_ids),
                    ("commercial_partner_id", "in", scope_ids),
                    "&",
                    ("move_type", "=", "entry"),
                    ("line_ids.partner_id", "in", scope_ids),
                ]
            ),
            env["sale.order"].search(
                [
                    ("state", "=", "cancel"),
                    "|",
                    "|",
                    ("partner_id", "in", scope_ids),
                    ("partner_invoice_id", "in", scope_ids),
                    ("partner_shipping_id", "in", scope_ids),
                ]
            ),
        ]
        current = None
        try:
            with self.env.cr.savepoint():
                for documents in batches:
                    current = documents
                    # A payment takes its journal entry with it: skip what is gone.
                    documents.exists().unlink()
                current = env["account.move.line"].search(
                    [("partner_id", "in", scope_ids)], limit=5
                )
                if current:
                    raise UserError(
                        self.env._("These journal items belong to documents of other partners.")
                    )
        except (UserError, psycopg2.IntegrityError) as error:
            documents = current.exists()
            reason = error.args[0] if isinstance(error, UserError) else str(error.pgerror or "")
            raise UserError(
                self.env._(
                    "Nothing was deleted: the retention period of %(clients)s is over, but Odoo "
                    "refuses to delete their cancelled documents %(documents)s:\n%(reason)s\n"
                    "Ask an accountant to delete these documents (or to remove the client "
                    "from them), then delete the client again; or archive the client instead.",
                    clients=", ".join(self.mapped("display_name")),
                    documents=", ".join(documents[:10].mapped("display_name")),
                    reason=reason,
                )
            ) from error
