"""Benchmark: every sales-history counter of a client with 10,000 orders and invoices in one read.

The client form shows the history smart buttons (semplio_clients/models/
res_partner_sales_history.py). This script times one ``read`` of all their
fields, from a cold cache, on a client with ``--documents`` sale orders and as
many posted invoices (and half as many payments), against Odoo's own
``sale_order_count`` and ``total_invoiced`` read the same way in the same run,
and prints the medians, the ratio and the query counts. Target: at most 100 ms.

Data: the benchmark database is a copy (``createdb -T``) of a database with
semplio_clients installed (``--template``, e.g. the one kept by ``KEEP_DB=1
DB_TEST=semplio_history make test``). In it, one confirmed order (with its
lines), one posted invoice (with its journal items) and one payment are made
through the ORM for a new client and its contact; they are then cloned with SQL
``INSERT ... SELECT generate_series`` (new names and dates, one order in ten
cancelled, half the orders and invoices on the contact). The copy is dropped at
the end unless ``--keep``.

Usage::

    .venv/bin/python bench/bench_history.py --template semplio_history \
        [--db semplio_bench_history] [--documents 10000] [--runs 30] [--keep]
"""

import argparse
import os
import statistics
import subprocess
import time

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

OUR_FIELDS = [
    "semplio_sale_count",
    "semplio_quotation_count",
    "sale_amount_total",
    "semplio_invoice_count",
    "semplio_invoice_amount_total",
    "semplio_invoice_amount_due",
    "payment_count",
    "semplio_payment_amount_total",
]
ODOO_FIELDS = ["sale_order_count", "total_invoiced"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--template", required=True, help="database with semplio_clients")
    parser.add_argument("--db", default="semplio_bench_history", help="benchmark database")
    parser.add_argument("--documents", type=int, default=10000, help="orders and invoices")
    parser.add_argument("--runs", type=int, default=30, help="timed runs, the median is shown")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--config", default=os.path.join(ROOT, ".venv", "odoo.conf"))
    return parser.parse_args()


def clone_rows(cr, table, source_id, count, overrides):
    """Insert ``count`` copies of row ``source_id`` of ``table``.

    ``overrides`` maps column names to SQL expressions of ``g`` (1..count) and of
    ``src`` (the source row). Returns the new ids, in ``g`` order.
    """
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = %s AND column_name <> 'id'"
        " ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    values = [overrides.get(column, f'src."{column}"') for column in columns]
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)}'
        f' FROM "{table}" src, generate_series(1, %s) g WHERE src.id = %s ORDER BY g RETURNING id',
        [count, source_id],
    )
    return [row[0] for row in cr.fetchall()]


def build_data(env, count):
    """Create the client and its documents; return the client's id."""
    branch = env["semplio.branch"].search([], limit=1)
    client = env["res.partner"].create(
        {"name": "Client Benchmark Historique", "is_company": True, "branch_id": branch.id}
    )
    contact = env["res.partner"].create({"name": "Contact Benchmark", "parent_id": client.id})
    product = env["product.product"].create(
        {"name": "Bench service", "type": "service", "invoice_policy": "order", "list_price": 100}
    )
    order = env["sale.order"].create(
        {
            "partner_id": client.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
        }
    )
    order.action_confirm()
    invoice = order._create_invoices()
    invoice.action_post()
    payment = (
        env["account.payment.register"]
        .with_context(active_model="account.move", active_ids=invoice.ids)
        .create({"amount": invoice.amount_total / 2})
        ._create_payments()
    )
    env.flush_all()
    cr = env.cr
    partner_expr = f"CASE WHEN g %% 2 = 0 THEN {contact.id} ELSE src.partner_id END"
    clone_rows(
        cr,
        "sale_order",
        order.id,
        count - 1,
        {
            "name": "'BENCH/SO/' || g",
            "partner_id": partner_expr,
            "state": "CASE WHEN g %% 10 = 0 THEN 'cancel' ELSE src.state END",
            "date_order": "src.date_order - g * interval '1 hour'",
            "access_token": "NULL",
        },
    )
    move_ids = clone_rows(
        cr,
        "account_move",
        invoice.id,
        count - 1,
        {
            "name": "'BENCH/INV/' || g",
            "partner_id": partner_expr,
            "sequence_prefix": "'BENCH/INV/'",
            "sequence_number": "g",
            "payment_reference": "'BENCH/INV/' || g",
            "access_token": "NULL",
            "payment_state": "'not_paid'",
            "amount_residual": "src.amount_total",
            "amount_residual_signed": "src.amount_total_signed",
            "inalterable_hash": "NULL",
        },
    )
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
        " AND table_name = 'account_move_line' AND column_name NOT IN ('id', 'move_id')"
    )
    line_columns = [row[0] for row in cr.fetchall()]
    line_overrides = {
        "move_name": "m.name",
        "partner_id": "m.partner_id",
        "reconciled": "false",
        "full_reconcile_id": "NULL",
        "matching_number": "NULL",
    }
    select = ", ".join(line_overrides.get(c, f'l."{c}"') for c in line_columns)
    names = ", ".join(f'"{c}"' for c in line_columns)
    cr.execute(
        f"INSERT INTO account_move_line (move_id, {names}) SELECT m.id, {select}"
        " FROM account_move m, account_move_line l WHERE l.move_id = %s AND m.id = ANY(%s)",
        [invoice.id, move_ids],
    )
    clone_rows(
        cr,
        "account_payment",
        payment.id,
        count // 2 - 1,
        {"name": "'BENCH/PAY/' || g", "move_id": "NULL", "partner_id": partner_expr},
    )
    for table in ("sale_order", "account_move", "account_move_line", "account_payment"):
        cr.execute(f'ANALYZE "{table}"')
    return client.id


def time_read(env, partner_id, fields, runs):
    """Median and minimum (ms) of ``runs`` cold reads, and the queries of one read."""
    partner = env["res.partner"].browse(partner_id)
    timings = []
    queries = 0
    for run in range(runs + 3):
        env.invalidate_all()
        count0 = env.cr.sql_log_count
        start = time.perf_counter()
        values = partner.read(fields)[0]
        elapsed = (time.perf_counter() - start) * 1000
        queries = env.cr.sql_log_count - count0
        if run >= 3:  # warm-up: registry and rule caches
            timings.append(elapsed)
    return statistics.median(timings), min(timings), queries, values


def main():
    args = parse_args()
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    subprocess.run(["createdb", "-T", args.template, args.db], check=True)
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    try:
        registry = Registry(args.db)
        start = time.perf_counter()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner_id = build_data(env, args.documents)
        print(f"data: {args.documents} orders and invoices in {time.perf_counter() - start:.0f} s")
        with registry.cursor() as cr:
            # The administrator: a real user, record rules applied.
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            env = api.Environment(cr, admin.id, {})
            ours = time_read(env, partner_id, OUR_FIELDS, args.runs)
            theirs = time_read(env, partner_id, ODOO_FIELDS, args.runs)
        print(f"figures: {ours[3]}")
        print(f"odoo:    {theirs[3]}")
        print(f"{'read':<46} {'median ms':>10} {'min ms':>8} {'queries':>8}")
        print(
            f"{'semplio history counters (8 fields)':<46} {ours[0]:>10.1f} {ours[1]:>8.1f}"
            f" {ours[2]:>8}"
        )
        print(
            f"{'odoo sale_order_count + total_invoiced':<46} {theirs[0]:>10.1f}"
            f" {theirs[1]:>8.1f} {theirs[2]:>8}"
        )
        print(f"ratio semplio / odoo (median): {ours[0] / theirs[0]:.2f}")
        verdict = "OK" if ours[0] <= 100 else "ABOVE TARGET"
        print(f"target <= 100 ms: {verdict}")
    finally:
        Registry.delete(args.db)
        odoo.sql_db.close_db(args.db)
        if not args.keep:
            subprocess.run(["dropdb", "--if-exists", args.db], check=True)


if __name__ == "__main__":
    main()
