"""Benchmark: a branch user's Clients list costs at most 1.5 times the administrator's.

Builds (or reuses) a database with semplio_clients installed without demo data,
adds 20 branches and 1,000,000 clients spread over them with SQL
(``INSERT ... SELECT generate_series``, cloning one partner made by the ORM so
every column is filled as in real life: ``complete_name``, ``active``,
``commercial_partner_id``, ``parent_path``, ...), then ANALYZEs.

It then loads the Clients list as the web client does: ``web_search_read`` with
the Clients action's domain and context, 80 rows, default order, and the count
up to ``count_limit`` (10,001) that comes with it. Once as the administrator
(baseline: no branch rule) and once as a branch-restricted salesperson of one
branch (the global record rule adds ``branch_id IS NULL OR branch_id IN (...)``),
several runs each, median. Printed: both medians, their ratio (target <= 1.5),
and the EXPLAIN ANALYZE of the branch user's list and count queries.

With ``--without-branch-index`` it also measures without the ``branch_id`` index
(dropped inside a transaction that is rolled back), to show what it is worth.

Usage::

    .venv/bin/python bench/bench_branch_list.py [--db semplio_bench_branch] \
        [--partners 1000000] [--branches 20] [--runs 7] [--without-branch-index] [--drop]

The database is created with ``odoo-bin -i semplio_clients --without-demo=all``
when it does not exist; data is generated once and kept (``--regenerate`` to
redo it); ``--drop`` drops the database at the end.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INDEX = "res_partner__branch_id_index"  # Odoo's index of the indexed branch_id
MARK = "bench-branch"  # res_partner.ref of the generated clients

WORDS = (
    "Boulangerie Garage Pharmacie Cabinet Librairie Fromagerie Menuiserie Atelier "
    "Boucherie Fleuriste Brasserie Imprimerie Pressing Quincaillerie Epicerie Salon"
).split()
NAMES = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
    "Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard"
).split()
CITIES = "Paris Lyon Marseille Toulouse Nice Nantes Strasbourg Montpellier Bordeaux Lille".split()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="semplio_bench_branch", help="database to use")
    parser.add_argument("--partners", type=int, default=1_000_000, help="clients to generate")
    parser.add_argument("--branches", type=int, default=20, help="branches to spread them over")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per user (median)")
    parser.add_argument("--limit", type=int, default=80, help="rows of the list")
    parser.add_argument(
        "--without-branch-index",
        action="store_true",
        help=f"also measure without {INDEX} (before/after)",
    )
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--odoo-src", default=os.environ.get("ODOO_SRC", "/opt/odoo-18.0"))
    parser.add_argument("--config", default=os.path.join(ROOT, ".venv", "odoo.conf"))
    return parser.parse_args()


def database_exists(name):
    out = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() == "1"


def create_database(args):
    print(f"Creating {args.db} with semplio_clients (no demo data), a few minutes ...", flush=True)
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
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
        check=True,
    )


def ensure_users(env, args):
    """Branches BR01..BRnn, a salesperson of BR01 and the administrator."""
    Branch = env["semplio.branch"].with_context(active_test=False)
    branches = Branch.search([("code", "=like", "BR%")], order="code")
    missing = [
        {"name": f"Bench branch {i:02d}", "code": f"BR{i:02d}"}
        for i in range(len(branches) + 1, args.branches + 1)
    ]
    branches |= Branch.create(missing)
    user = env["res.users"].search([("login", "=", "bench_branch_user")])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench branch user",
                "login": "bench_branch_user",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("base.group_partner_manager").id,
                            env.ref("sales_team.group_sale_salesman_all_leads").id,
                        ]
                    )
                ],
                "branch_ids": [Command.set(branches[:1].ids)],
                "branch_id": branches[0].id,
            }
        )
    admin = env.ref("base.user_admin")
    assert user._is_branch_restricted() and not admin._is_branch_restricted()
    return branches, user, admin


def generate(env, args, branches):
    """Clone one ORM-made client ``args.partners`` times over the branches."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM res_partner WHERE ref = %s", [MARK])
    existing = cr.fetchone()[0]
    if existing and not args.regenerate:
        print(f"Reusing {existing:,} generated clients.")
        return
    if existing:
        cr.execute("DELETE FROM res_partner WHERE ref = %s", [MARK])
    template = env["res.partner"].create(
        {
            "name": "Bench template",
            "is_company": True,
            "email": "bench@example.com",
            "phone": "+33 1 23 45 67 89",
            "city": "Paris",
            "country_id": env.ref("base.fr").id,
            "branch_id": branches[0].id,
            "customer_rank": 1,
        }
    )
    env.flush_all()
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_partner' AND column_name <> 'id'"""
    )
    columns = [row[0] for row in cr.fetchall()]
    # n: 1..N; names and cities vary so that the default order (complete_name) and
    # the branches are shuffled as in a real base.
    name = (
        f"(ARRAY{WORDS!r})[1 + n %% {len(WORDS)}] || ' ' || "
        f"(ARRAY{NAMES!r})[1 + (n / 7) %% {len(NAMES)}] || ' ' || substr(md5(n::text), 1, 6)"
    )
    overrides = {
        "name": name,
        "complete_name": name,
        "ref": repr(MARK),
        "email": "'client' || n || '@example.com'",
        "city": f"(ARRAY{CITIES!r})[1 + (n / 3) %% {len(CITIES)}]",
        "branch_id": f"(ARRAY{branches.ids!r})[1 + (hashint4(n) & 2147483647) %% {len(branches)}]",
        # Each client is its own commercial entity, as Odoo computes it.
        "commercial_partner_id": "s.id",
    }
    select = ", ".join(overrides.get(col, f't."{col}"') for col in columns)
    names = ", ".join(f'"{col}"' for col in columns)
    started = time.perf_counter()
    cr.execute(
        f"""INSERT INTO res_partner (id, {names})
            SELECT s.id, {select}
              FROM (SELECT nextval('res_partner_id_seq') AS id, n
                      FROM generate_series(1, %s) AS n) AS s,
                   res_partner AS t
             WHERE t.id = %s""",
        [args.partners, template.id],
    )
    cr.execute("DELETE FROM res_partner WHERE id = %s", [template.id])
    cr.commit()  # keep the data even if a later step fails (--regenerate redoes it)
    print(f"Generated {args.partners:,} clients in {time.perf_counter() - started:.0f} s")


def client_list(env, user, limit):
    """What the web client sends to open the Clients list: returns (seconds, length)."""
    action = env["ir.actions.act_window"]._for_xml_id("semplio_clients.action_semplio_clients")
    eval_context = {"uid": user.id, "allowed_company_ids": [env.company.id], "context": {}}
    context = safe_eval(action.get("context") or "{}", eval_context)
    context = {k: v for k, v in context.items() if not k.startswith("search_default_")}
    domain = safe_eval(action.get("domain") or "[]", eval_context)
    Partner = env(user=user.id, su=False, context=dict(context, bin_size=True))["res.partner"]
    spec = {
        "display_name": {},
        "name": {},
        "email": {},
        "phone": {},
        "city": {},
        "branch_id": {"fields": {"display_name": {}}},
    }
    env.invalidate_all()
    started = time.perf_counter()
    result = Partner.web_search_read(domain, spec, limit=limit, count_limit=10001)
    elapsed = time.perf_counter() - started
    return elapsed, result, Partner, domain


def measure(env, user, args):
    client_list(env, user, args.limit)  # warm caches (rules, registry)
    times = []
    for _run in range(args.runs):
        elapsed, result, _partner, _domain = client_list(env, user, args.limit)
        times.append(elapsed)
    return statistics.median(times), times, result


def explain(env, user, args):
    _elapsed, _result, Partner, domain = client_list(env, user, args.limit)
    plans = []
    for title, query in (
        ("list", Partner._search(domain, limit=args.limit, order=Partner._order).select()),
        (
            "count",
            SQL(
                "SELECT COUNT(*) FROM (%s) t",
                Partner._search(domain, limit=10001).select(SQL("1")),
            ),
        ),
    ):
        env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
        plans.append((title, "\n".join(row[0] for row in env.cr.fetchall())))
    return plans


def run_case(env, args, user, admin, label):
    admin_median, admin_times, admin_result = measure(env, admin, args)
    user_median, user_times, user_result = measure(env, user, args)
    ratio = user_median / admin_median
    print(f"\n== {label}")
    print(
        f"administrator: median {admin_median * 1000:.1f} ms "
        f"(runs {', '.join(f'{t * 1000:.1f}' for t in admin_times)}), "
        f"{len(admin_result['records'])} rows, count {admin_result['length']}"
    )
    print(
        f"branch user:   median {user_median * 1000:.1f} ms "
        f"(runs {', '.join(f'{t * 1000:.1f}' for t in user_times)}), "
        f"{len(user_result['records'])} rows, count {user_result['length']}"
    )
    verdict = "OK" if ratio <= 1.5 else "OVER TARGET"
    print(f"ratio branch user / administrator: {ratio:.2f} (target <= 1.5: {verdict})")
    for title, plan in explain(env, user, args):
        print(f"\n-- EXPLAIN ANALYZE, branch user's {title} query:\n{plan}")
    return ratio


def main():
    args = parse_args()
    if not database_exists(args.db):
        create_database(args)
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        branches, user, admin = ensure_users(env, args)
        generate(env, args, branches)
        env.flush_all()
        cr.commit()
        cr.execute("ANALYZE res_partner")
        cr.execute("SELECT count(*) FROM res_partner")
        total = cr.fetchone()[0]
        print(f"{total:,} partners, {len(branches)} branches; {args.runs} runs per user.")
        if args.without_branch_index:
            cr.execute(f"DROP INDEX IF EXISTS {INDEX}")
            cr.execute("ANALYZE res_partner")
            run_case(env, args, user, admin, f"without {INDEX}")
            cr.rollback()
            env.invalidate_all()
            cr.execute("ANALYZE res_partner")
        run_case(env, args, user, admin, f"as installed (with {INDEX})")
        cr.rollback()
    if args.drop:
        registry.delete(args.db)
        subprocess.run(["dropdb", "--if-exists", args.db], check=True)
        print(f"\nDropped {args.db}.")


if __name__ == "__main__":
    main()
