"""Speed of ``res.partner.find_duplicates`` at 100,000 and 1,000,000 clients.

Creates its own database with semplio_clients (``odoo-bin -i``, or ``createdb -T``
from ``--template`` when given), bulk-inserts French-looking clients with SQL
(``INSERT ... SELECT generate_series``) spread over 20 branches, computes their
duplicate keys with ``_semplio_init_duplicate_keys`` (the install-time batch,
timed), then times about 200 queries as a branch-restricted salesperson:

- ``find_duplicates``: the project (indexed SQL candidates + engine scoring +
  access check);
- baseline (a): Odoo's ``search([("name", "ilike", q)], limit=5)``;
- baseline (b): a full rapidfuzz scan, ``process.extract`` over every name key
  loaded once in memory (load time reported apart).

Queries are variants of clients in the database (typos, missing accents,
swapped words, legal forms added or removed, some with the same email or
phone) plus names absent from it. Prints p50 / p95 per method and size and the
ratios to ``find_duplicates``. Targets: p95 <= 50 ms at 100k, <= 150 ms at 1M.

Run:  .venv/bin/python bench/dup_speed.py            (100k then 1M, ~15 min)
      .venv/bin/python bench/dup_speed.py --sizes 100000 --queries 100
The database is dropped at the end unless ``--keep``.
"""

import argparse
import functools
import os
import random
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS_MS = {100_000: 50, 1_000_000: 150}

ACTIVITIES = [
    "Boulangerie", "Pâtisserie", "Garage", "Menuiserie", "Plomberie", "Électricité",
    "Transports", "Cabinet", "Pharmacie", "Librairie", "Boucherie", "Fromagerie",
    "Imprimerie", "Charcuterie", "Restaurant", "Café", "Hôtel", "Agence", "Atelier",
    "Ferronnerie", "Maçonnerie", "Couverture", "Peinture", "Carrosserie", "Coiffure",
    "Fleuriste", "Cave", "Épicerie", "Brasserie", "Auto-école", "Clinique Vétérinaire",
    "Studio", "Conseil", "Informatique", "Bâtiment", "Terrassement", "Paysagiste",
    "Opticien", "Cordonnerie", "Poissonnerie", "Traiteur", "Pressing", "Serrurerie",
    "Vitrerie", "Chauffage", "Architecture", "Expertise Comptable", "Ambulances",
    "Taxi", "Déménagements",
]  # fmt: skip
SURNAMES = [
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David",
    "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
    "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc",
    "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
    "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel",
    "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Lemaire",
    "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
    "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard",
    "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard",
    "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier",
    "Philippe", "Bourgeois", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq",
    "Guillaume", "Lecomte", "Lopez", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier",
    "Sanchez", "Dupuis", "Moulin", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher",
    "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Poirier", "Marty", "Aubry", "Guyot",
    "Carré", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly",
    "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien",
    "Prévost", "Millet", "Perrot", "Le Roux", "Cousin", "Germain", "Breton", "Besson",
    "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
    "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier",
    "Michaud", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier",
    "Chauvin", "Da Silva", "Bouchet", "Lemaître", "Bénard", "Maréchal", "Humbert",
    "Reynaud", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon", "Lejeune",
    "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
]  # fmt: skip
# Syllables for less common surnames ("Ber" + "thelot" = "Berthelot"): real client
# files hold tens of thousands of distinct surnames, not two hundred.
SYLLABLES = [
    "Ber", "Char", "Dan", "Fon", "Gar", "Lan", "Mar", "Mon", "Pel", "Ram", "Ros",
    "Ter", "Val", "Vil", "Bou", "Cha", "Dela", "Gou", "Jac", "Lec", "Mau", "Pou",
    "Qui", "Sau", "Tou", "Bri", "Cou", "Fer", "Gri", "Hen", "Lau", "Mer", "Nor",
    "Pas", "Rou", "Sim", "Tis", "Ver", "Bel", "Cor",
]  # fmt: skip
ENDINGS = [
    "thelot", "pentier", "vin", "taine", "nier", "glade", "chand", "tagne", "letier",
    "bert", "sier", "rier", "lard", "quet", "mont", "ville", "court", "eau", "ault",
    "elin", "onnet", "ard", "ier", "ot", "ain", "enne", "iot", "ard", "iez", "oux",
]  # fmt: skip
FIRST_NAMES = [
    "Jean", "Marie", "Pierre", "Michel", "André", "Philippe", "Nathalie", "Isabelle",
    "Sylvie", "Catherine", "Françoise", "Christophe", "Stéphane", "Sébastien", "Julien",
    "Nicolas", "Céline", "Sandrine", "Valérie", "Laurent", "Frédéric", "Éric", "David",
    "Olivier", "Thierry", "Patrick", "Aurélie", "Émilie", "Camille", "Léa", "Chloé",
    "Manon", "Hélène", "Jérôme", "Guillaume", "Antoine", "Thomas", "Lucas", "Hugo",
    "Louis", "Gabriel", "Arthur", "Jules", "Inès", "Sarah", "Anne", "Claire", "Agnès",
    "Benoît", "Gérard", "Josiane", "Régis", "Noémie", "Maëlle", "Gaëlle", "Loïc",
    "Hervé", "Yannick", "Brigitte", "Dominique",
]  # fmt: skip
QUALIFIERS = ["", "", "", " et Fils", " du Centre", " de la Gare", " des Halles", " Frères"]
LEGAL_FORMS = ["SARL", "SAS", "SA", "EURL", "SCI", "SASU"]
CITIES = [
    ("Paris", "750"), ("Lyon", "690"), ("Marseille", "130"), ("Toulouse", "310"),
    ("Nantes", "440"), ("Lille", "590"), ("Bordeaux", "330"), ("Rennes", "350"),
    ("Strasbourg", "670"), ("Montpellier", "340"), ("Nice", "060"), ("Grenoble", "380"),
]  # fmt: skip


DOMAINS = "ARRAY['gmail.com','orange.fr','free.fr','sfr.fr','wanadoo.fr']"


def sql_array(values):
    return "ARRAY[" + ",".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def pick(array_sql, size):
    return f"({array_sql})[1 + floor(random() * {size})::int]"


def insert_partners(cr, count, branch_ids, company_id, fr_id):
    """Insert ``count`` clients with SQL only (no ORM): names, emails, phones, streets."""
    surnames = SURNAMES + [s + e for s in SYLLABLES for e in ENDINGS]
    sur = pick(sql_array(surnames), len(surnames))
    sur2 = pick(sql_array(surnames), len(surnames))
    first = pick(sql_array(FIRST_NAMES), len(FIRST_NAMES))
    act = pick(sql_array(ACTIVITIES), len(ACTIVITIES))
    qual = pick(sql_array(QUALIFIERS), len(QUALIFIERS))
    legal = pick(sql_array(LEGAL_FORMS), len(LEGAL_FORMS))
    city = pick(sql_array([c for c, _z in CITIES]), len(CITIES))
    branches = "(ARRAY[" + ",".join(map(str, branch_ids)) + "])"
    cr.execute("SELECT COALESCE(max(id), 0) FROM res_partner")
    start = cr.fetchone()[0] + 1
    cr.execute(
        f"""
        INSERT INTO res_partner (
            id, name, complete_name, email, phone, street, zip, city, country_id,
            branch_id, commercial_partner_id, company_id, active, is_company, type, lang,
            autopost_bills, create_date, write_date, create_uid, write_uid)
        SELECT g, n.name, n.name, n.email, n.phone, n.street, n.zip, n.city, {fr_id},
               {branches}[1 + (g % {len(branch_ids)})], g, {company_id}, true, n.is_company,
               'contact', 'fr_FR', 'ask', now(), now(), 1, 1
          FROM generate_series({start}, {start + count - 1}) g
          CROSS JOIN LATERAL (
            SELECT CASE WHEN r < 0.45 THEN {first} || ' ' || s1
                        WHEN r < 0.75 THEN {act} || ' ' || s1 || {qual}
                        WHEN r < 0.90 THEN {legal} || ' ' || {act} || ' ' || s1
                        ELSE s1 || ' ' || s2 || ' ' || {legal} END AS name,
                   CASE WHEN random() < 0.6
                        THEN lower(translate(s1, ' éèêëàâîïôöûùüçÉ', '-eeeeaaiioouuucE'))
                             || g || '@' || {pick(DOMAINS, 5)}
                   END AS email,
                   CASE WHEN random() < 0.7
                        THEN '0' || (1 + floor(random() * 7))::int
                             || lpad(floor(random() * 100000000)::bigint::text, 8, '0')
                   END AS phone,
                   (1 + floor(random() * 150))::int || ' '
                        || {pick("ARRAY['rue','avenue','boulevard','place','chemin','impasse']", 6)}
                        || ' ' || {sur} AS street,
                   lpad((1 + floor(random() * 95))::int::text, 2, '0')
                        || lpad(floor(random() * 1000)::int::text, 3, '0') AS zip,
                   {city} AS city,
                   r >= 0.45 AS is_company
              FROM (SELECT random() AS r, {sur} AS s1, {sur2} AS s2, g AS gg) v
          ) n
        """
    )
    cr.execute("SELECT setval('res_partner_id_seq', (SELECT max(id) FROM res_partner))")
    return start


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


def make_variant(rng, name):
    """A realistic re-typing of ``name``: typo, accents, word order, legal form."""
    words = name.split()
    kind = rng.choice(["typo", "accents", "swap", "legal", "legal_drop", "case"])
    if kind == "typo" and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        action = rng.choice(["drop", "swap", "double"])
        if action == "drop":
            return name[:i] + name[i + 1 :]
        if action == "swap":
            return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]
        return name[:i] + name[i] + name[i:]
    if kind == "accents":
        return fold(name)
    if kind == "swap" and len(words) > 1:
        return " ".join(words[1:] + words[:1])
    if kind == "legal":
        return f"{name} {rng.choice(LEGAL_FORMS)}"
    if kind == "legal_drop":
        return " ".join(w for w in words if w not in LEGAL_FORMS) or name
    return name.upper()


def build_queries(cr, rng, count):
    """Variants of existing clients (some with their email or phone) and absent names."""
    cr.execute(
        "SELECT id, name, email, phone FROM res_partner TABLESAMPLE SYSTEM (1) "
        "WHERE branch_id IS NOT NULL LIMIT %s",
        [count * 4],
    )
    rows = cr.fetchall()
    rng.shuffle(rows)
    queries = []
    for _pid, name, email, phone in rows[: int(count * 0.8)]:
        vals = {"name": make_variant(rng, name)}
        if email and rng.random() < 0.3:
            vals["email"] = email.upper()
        if phone and rng.random() < 0.3:
            vals["phone"] = f"+33 {phone[1]} {phone[2:4]} {phone[4:6]} {phone[6:8]} {phone[8:]}"
        queries.append(vals)
    while len(queries) < count:
        queries.append({"name": f"{rng.choice(ACTIVITIES)} Zorglub{rng.randrange(10**6)} Qwertz"})
    rng.shuffle(queries)
    return queries


def percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def odoo_ilike(partner_model, vals):
    """Baseline (a): what Odoo offers out of the box, a name ilike search."""
    return partner_model.search([("name", "ilike", vals["name"])], limit=5).ids


def timed(function, queries, env):
    samples = []
    for vals in queries:
        env.invalidate_all()
        started = time.perf_counter()
        function(vals)
        samples.append(time.perf_counter() - started)
    return samples


def run(args):
    sys.path.insert(0, args.odoo_src)
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = Registry(args.db)
    try:
        return measure(args, odoo, registry)
    finally:
        Registry.delete(args.db)
        odoo.sql_db.close_db(args.db)


def measure(args, odoo, registry):
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    from odoo.addons.semplio_clients.tools import matching  # noqa: PLC0415

    rng = random.Random(args.seed)
    rows = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT setseed(%s)", [args.seed / 1000.0])
        company = env.ref("base.main_company")
        fr = env.ref("base.fr")
        company.partner_id.country_id = fr
        branches = env["semplio.branch"].search([("code", "=like", "B__")], order="code")
        if not branches:
            branches = env["semplio.branch"].create(
                [{"name": f"Succursale {n:02d}", "code": f"B{n:02d}"} for n in range(20)]
            )
        user = env["res.users"].search([("login", "=", "bench_salesperson")])
        if not user:
            user = env["res.users"].create(
                {
                    "name": "Bench Salesperson",
                    "login": "bench_salesperson",
                    "groups_id": [
                        (6, 0, [env.ref("sales_team.group_sale_salesman").id,
                                env.ref("base.group_partner_manager").id])
                    ],
                    "branch_ids": [(6, 0, branches[:1].ids)],
                    "branch_id": branches[0].id,
                }
            )  # fmt: skip
        env.flush_all()
        cr.commit()
        cr.execute("SELECT count(*) FROM res_partner")
        total = cr.fetchone()[0]
        for size in args.sizes:
            missing = size - total
            if missing > 0:
                started = time.perf_counter()
                insert_partners(cr, missing, branches.ids, company.id, fr.id)
                cr.commit()
                seconds = time.perf_counter() - started
                print(f"[{size:>9,}] inserted {missing:,} partners in {seconds:.1f} s")
                total = size
            started = time.perf_counter()
            written = 0 if args.no_init else env["res.partner"]._semplio_init_duplicate_keys()
            cr.commit()
            init_seconds = time.perf_counter() - started
            print(
                f"[{size:>9,}] _semplio_init_duplicate_keys: {written:,} partners "
                f"in {init_seconds:.1f} s"
            )
            cr.execute("ANALYZE res_partner")
            cr.commit()
            queries = build_queries(cr, rng, args.queries)
            Partner = env["res.partner"].with_user(user)
            # warm-up: caches, plans, pages
            for vals in queries[:10]:
                Partner.find_duplicates(vals)
                Partner.search([("name", "ilike", vals["name"])], limit=5)
            project = timed(Partner.find_duplicates, queries, env)
            ilike = timed(
                functools.partial(odoo_ilike, Partner),
                queries,
                env,
            )
            started = time.perf_counter()
            cr.execute("SELECT dup_name_key FROM res_partner WHERE dup_name_key IS NOT NULL")
            keys = [row[0] for row in cr.fetchall()]
            load_seconds = time.perf_counter() - started
            fuzzy = []
            for vals in queries:
                started = time.perf_counter()
                process.extract(
                    matching.normalize_name(vals["name"]), keys, scorer=fuzz.ratio, limit=5
                )
                fuzzy.append(time.perf_counter() - started)
            del keys
            found = sum(1 for vals in queries if Partner.find_duplicates(vals))
            rows.append((size, init_seconds, load_seconds, project, ilike, fuzzy, found))
            cr.rollback()
            report(rows[-1:], args.queries)
    return rows


def report(rows, queries):
    print()
    print(f"find_duplicates speed, {queries} queries per size, branch-restricted salesperson")
    header = (
        f"{'clients':>10} | {'method':<34} | {'p50 ms':>8} | {'p95 ms':>8} | {'p95 / project':>13}"
    )
    print(header)
    print("-" * len(header))
    for size, init_seconds, load_seconds, project, ilike, fuzzy, found in rows:
        _p50, p95 = percentiles(project)
        for label, samples in (
            ("find_duplicates (project)", project),
            ("name ilike search (Odoo)", ilike),
            ("rapidfuzz full scan", fuzzy),
        ):
            q50, q95 = percentiles(samples)
            print(f"{size:>10,} | {label:<34} | {q50:>8.1f} | {q95:>8.1f} | {q95 / p95:>12.1f}x")
        target = TARGETS_MS.get(size)
        verdict = "" if not target else (" OK" if p95 <= target else " MISSED")
        print(
            f"{'':>10} | target p95 <= {target} ms:{verdict}; queries with a candidate: "
            f"{found}/{queries}; key computation {init_seconds:.1f} s; "
            f"rapidfuzz name load {load_seconds:.1f} s"
        )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="semplio_dupspeed", help="benchmark database (created)")
    parser.add_argument(
        "--template", help="copy this database (module installed) instead of installing"
    )
    parser.add_argument("--sizes", default="100000,1000000", help="client counts, increasing")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use --db as it is (no creation)")
    parser.add_argument(
        "--no-init", action="store_true", help="with --reuse: keys already computed, skip them"
    )
    parser.add_argument("--odoo-src", default=os.environ.get("ODOO_SRC", "/opt/odoo-18.0"))
    parser.add_argument("--config", default=str(ROOT / ".venv" / "odoo.conf"))
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    if not Path(args.config).exists():
        sys.exit(
            f"No Odoo configuration at {args.config}: run `make setup` (or `make test`) first."
        )
    if not args.reuse:
        subprocess.run(["dropdb", "--if-exists", args.db], check=True)
        if args.template:
            subprocess.run(["createdb", "-T", args.template, args.db], check=True)
        else:
            print(f"Installing semplio_clients into {args.db} (a few minutes) ...")
            subprocess.run(
                [sys.executable, f"{args.odoo_src}/odoo-bin", "-c", args.config, "-d", args.db,
                 "-i", "semplio_clients", "--without-demo=all", "--stop-after-init",
                 "--log-level=warn", "--max-cron-threads=0"],
                check=True,
            )  # fmt: skip
    try:
        rows = run(args)
    finally:
        if not args.keep:
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)
    print("\n=== Summary ===")
    report(rows, args.queries)


if __name__ == "__main__":
    main()
