"""Benchmark: the deletion check of many clients at once uses a constant number of queries.

The check of ``res.partner`` deletion (semplio_clients/models/res_partner_deletion.py)
runs one grouped query per kind of transaction. This script checks 10 clients and
then 1,000 clients (a share of them with sales, invoices, payments and journal items,
open or cancelled, on the client or on one of its contacts) in the same run, and
prints the query count and time of both next to a per-client baseline (one
``search_count`` per client and kind, what a naive ``for partner in self`` would do).

Data is generated with SQL ``INSERT ... SELECT generate_series`` (documents are
clones of one template row made through the ORM) inside one transaction that is
rolled back at the end: the database is left as it was.

Usage (the database must have semplio_clients installed, e.g. a test database kept
with ``KEEP_DB=1 DB_TEST=semplio_bench make test``, or ``--create``)::

    .venv/bin/python bench/bench_deletion.py --db semplio_bench [--clients 1000] \
        [--background 100000] [--create] [--drop]
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="semplio_bench_deletion", help="database to use")
    parser.add_argument("--clients", type=int, default=1000, help="clients checked at once")
    parser.add_argument("--small", type=int, default=10, help="clients of the small check")
    parser.add_argument(
        "--background", type=int, default=100000, help="other partners in the database"
    )
    parser.add_argument(
        "--documents", type=int, default=20, help="documents per kind for each busy client"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs, the median is shown")
    parser.add_argument(
        "--create", action="store_true", help="create the database (odoo-bin -i, minutes)"
    )
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--odoo-src", default=os.environ.get("ODOO_SRC", "/opt/odoo-18.0"))
    parser.add_argument("--config", default=os.path.join(ROOT, ".venv", "odoo.conf"))
    return parser.parse_args()


def create_database(args):
    subprocess.run(
        [
            sys.executable,
            os.path.join(args.odoo_src, "odoo-bin"),
            "-c",
            args.config,
            "-d",
            args.db,
            "-i",
            "semplio_clients",
            "--without-demo=",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
        check=True,
    )


def clone_rows(cr, table, template_id, count, overrides):
    """Insert ``count`` copies of row ``template_id`` of ``table``; ``overrides`` maps
    column names to SQL expressions of ``n`` (1..count)."""
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND column_name <> 'id'""",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    select = ", ".join(overrides.get(col, f'"{col}"') for col in columns)
    names = ", ".join(f'"{col}"' for col in columns)
    cr.execute(
        f"""INSERT INTO "{table}" ({names})
            SELECT {select} FROM "{table}", generate_series(1, %s) AS n WHERE id = %s""",
        [count, template_id],
    )


def generate(env, args):
    """Clients (each with one contact), background partners and documents."""
    cr = env.cr
    Partner = env["res.partner"]
    clients = Partner.create([{"name": f"Bench client {i}"} for i in range(args.clients)])
    contacts = Partner.create(
        [{"name": f"Bench contact {i}", "parent_id": c.id} for i, c in enumerate(clients)]
    )
    template = Partner.create({"name": "Bench background"})
    env.flush_all()
    clone_rows(
        cr,
        "res_partner",
        template.id,
        args.background,
        {"name": "'Bench background ' || n", "complete_name": "'Bench background ' || n"},
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id "
        "WHERE name LIKE 'Bench background %%' AND id <> %s",
        [template.id],
    )

    # One template document per kind, cloned for a tenth of the clients: half of
    # them on the client, half on its contact; a third cancelled.
    product = env["product.product"].create({"name": "Bench product"})
    order = env["sale.order"].create(
        {"partner_id": clients[0].id, "order_line": [Command.create({"product_id": product.id})]}
    )
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": clients[0].id,
            "invoice_date": date(2020, 1, 1),
            "invoice_line_ids": [Command.create({"name": "x", "quantity": 1, "price_unit": 1})],
        }
    )
    payment = env["account.payment"].create(
        {"payment_type": "inbound", "partner_type": "customer", "partner_id": clients[0].id}
    )
    env.flush_all()
    busy = clients[::10]
    partner_ids = [p.id for c in busy for p in (c, c.child_ids[:1])]
    n = args.documents * len(partner_ids)
    partner_of = f"(ARRAY{partner_ids})[1 + (n %% {len(partner_ids)})]"
    cancelled = "CASE WHEN n %% 3 = 0 THEN {cancel} ELSE {open} END"
    clone_rows(
        cr,
        "sale_order",
        order.id,
        n,
        {
            "name": "'BENCH/' || n",
            "partner_id": partner_of,
            "partner_invoice_id": partner_of,
            "partner_shipping_id": partner_of,
            "state": cancelled.format(cancel="'cancel'", open="'draft'"),
            "date_order": "now() - n * interval '1 hour'",
        },
    )
    clone_rows(
        cr,
        "account_move",
        invoice.id,
        n,
        {
            "name": "NULL",
            "partner_id": partner_of,
            "commercial_partner_id": partner_of,
            "state": cancelled.format(cancel="'cancel'", open="'draft'"),
            "invoice_date": "current_date - n",
            "date": "current_date - n",
        },
    )
    clone_rows(
        cr,
        "account_payment",
        payment.id,
        n,
        {
            "move_id": "NULL",
            "partner_id": partner_of,
            "state": cancelled.format(cancel="'canceled'", open="'draft'"),
            "date": "current_date - n",
        },
    )
    line = invoice.line_ids[:1]
    clone_rows(
        cr,
        "account_move_line",
        line.id,
        n,
        {
            "partner_id": partner_of,
            "parent_state": cancelled.format(cancel="'cancel'", open="'posted'"),
        },
    )
    cr.execute("ANALYZE res_partner, sale_order, account_move, account_payment, account_move_line")
    env.invalidate_all()
    return clients, contacts


def measure(env, partners, check, runs):
    """Median time (ms) and query count of ``check(partners)`` on a cold cache."""
    times, queries = [], None
    for _ in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        check(partners)
        times.append((time.perf_counter() - start) * 1000)
        queries = env.cr.sql_log_count - before
    times.sort()
    return times[len(times) // 2], queries


def project_check(partners):
    """The guard itself: it raises the refusal when some clients are blocked."""
    try:
        partners._unlink_check_client_transactions()
    except UserError:
        pass


def baseline_check(partners):
    """One count per client and kind, as a loop over the records would do."""
    env = partners.env
    for partner in partners:
        scope = [("partner_id", "child_of", partner.id)]
        for model in ("sale.order", "account.move", "account.payment", "account.move.line"):
            env[model].sudo().search_count(scope)


def main():
    args = parse_args()
    if args.create:
        create_database(args)
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            start = time.perf_counter()
            clients, _contacts = generate(env, args)
            print(
                f"data: {args.clients} clients (+1 contact each), {args.background} other "
                f"partners, {args.documents} documents per kind for each of "
                f"{len(clients[::10])} busy clients ({time.perf_counter() - start:.1f} s)"
            )
            # The small set holds busy clients too, so both checks do the same work.
            small = clients[: args.small]
            rows = []
            for label, check in (("project", project_check), ("baseline", baseline_check)):
                for partners in (small, clients):
                    ms, queries = measure(env, partners, check, args.runs)
                    rows.append((label, len(partners), ms, queries))
            print(f"{'check':<10}{'clients':>8}{'queries':>9}{'median ms':>11}")
            for label, count, ms, queries in rows:
                print(f"{label:<10}{count:>8}{queries:>9}{ms:>11.1f}")
            project_small, project_big = rows[0], rows[1]
            baseline_big = rows[3]
            print(
                f"queries, {args.clients} vs {args.small} clients: "
                f"{project_big[3]} vs {project_small[3]} "
                f"({'constant' if project_big[3] == project_small[3] else 'NOT constant'})"
            )
            print(
                f"time for {args.clients} clients, project / baseline: "
                f"{project_big[2]:.1f} / {baseline_big[2]:.1f} ms = "
                f"{project_big[2] / baseline_big[2]:.3f}"
            )
        finally:
            cr.rollback()
    if args.drop:
        subprocess.run(["dropdb", "--if-exists", args.db], check=False)


if __name__ == "__main__":
    main()
