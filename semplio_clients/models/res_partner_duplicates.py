"""Duplicate detection on partners: stored normalised keys, indexed search, form warning.

The matching rules (normalisation, scoring) live in ``tools/matching.py`` and
need no ORM. This file stores their keys on ``res.partner`` so that PostgreSQL
finds the candidates through indexes (a trigram index on the name key, b-tree
indexes on the email, phone, VAT and registry keys): Odoo serves with several
worker processes, so the database is the one shared truth and no index is ever
kept in process memory.
"""

import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, create_index, index_exists

from ..tools import matching

_logger = logging.getLogger(__name__)

#: Stored key fields, in the order the install-time batch writes them.
DUPLICATE_KEY_FIELDS = (
    "dup_name_key",
    "dup_name_variants",
    "dup_email_key",
    "dup_phone_key",
    "dup_mobile_key",
    "dup_vat_key",
    "dup_registry_key",
)

#: Index name -> (method, expression, where). The name key gets a GIN trigram
#: index (fuzzy retrieval with ``%`` and ranking with ``similarity()``); the
#: name's token variants a GIN array index (typo-tolerant token retrieval); the
#: identifiers partial b-tree indexes (exact retrieval; most partners have no
#: VAT or registry).
_TRIGRAM_INDEX = ("res_partner_dup_name_key_trgm_idx", "gin", "dup_name_key gin_trgm_ops", "")
_VARIANTS_EXPRESSION = "string_to_array(dup_name_variants, ' ')"
_VARIANTS_INDEX = ("res_partner_dup_name_variants_idx", "gin", _VARIANTS_EXPRESSION, "")
_BTREE_INDEXES = (
    _VARIANTS_INDEX,
    *(
        (f"res_partner_{column}_idx", "btree", column, f"{column} IS NOT NULL")
        for column in DUPLICATE_KEY_FIELDS[2:]
    ),
)
#: Used instead of the trigram index where pg_trgm cannot be enabled (exact name keys only).
_NAME_BTREE_INDEX = ("res_partner_dup_name_key_idx", "btree", "dup_name_key", "")

#: Rows read, normalised and written back per batch by the install-time computation.
_INIT_BATCH_SIZE = 20000

#: Candidates the database returns from the name indexes, per requested result.
_NAME_CANDIDATES_PER_RESULT = 3
#: Partners sharing the query's name tokens that are ranked by similarity at most:
#: bounds the work for very common names ("Jean Martin") on a million partners.
_NAME_POOL = 300
#: Name tokens used to retrieve candidates at most (the longest ones).
_MAX_QUERY_TOKENS = 4
#: pg_trgm similarity from which a one-word name is a candidate through ``%``:
#: high enough for the GIN scan to skip the long posting lists.
_SINGLE_WORD_TRIGRAM_FLOOR = 0.5


def _token_variants(token):
    """The token and, from 4 letters, every string obtained by deleting one letter.

    Two tokens within one typo of each other (a letter inserted, deleted,
    replaced, or two neighbours swapped) always share a variant: that is how
    the GIN array index finds typos with exact lookups only (no scan).
    """
    variants = {token}
    if len(token) >= 4:
        variants.update(token[:index] + token[index + 1 :] for index in range(len(token)))
    return variants


def name_variants(name_key):
    """Space-separated variants of every token of a name key (stored, GIN-indexed)."""
    variants = set()
    for token in (name_key or "").split():
        variants |= _token_variants(token)
    return " ".join(sorted(variants))


#: Candidates sharing an identifier (email, phone, VAT, registry) kept at most.
_KEY_CANDIDATES = 50

#: Number of potential duplicates shown in the form and behind the button.
DUPLICATE_LIMIT = 5


class ResPartner(models.Model):
    """Normalised duplicate keys, ``find_duplicates`` and the form's warning."""

    _inherit = "res.partner"

    dup_name_key = fields.Char(
        string="Duplicate Name Key",
        compute="_compute_dup_name_key",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the name without accents, case, punctuation, legal form and "
        "word order, for the duplicate search.",
    )
    dup_name_variants = fields.Char(
        string="Duplicate Name Variants",
        compute="_compute_dup_name_key",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the words of the name key and their one-letter-less forms, so "
        "that the duplicate search finds names with a typo through an index.",
    )
    dup_email_key = fields.Char(
        string="Duplicate Email Key",
        compute="_compute_dup_email_key",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the email lowercased, for the duplicate search.",
    )
    dup_phone_key = fields.Char(
        string="Duplicate Phone Key",
        compute="_compute_dup_phone_keys",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the phone in international format (E.164), for the duplicate search.",
    )
    dup_mobile_key = fields.Char(
        string="Duplicate Mobile Key",
        compute="_compute_dup_phone_keys",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the mobile in international format (E.164), for the duplicate search.",
    )
    dup_vat_key = fields.Char(
        string="Duplicate Tax ID Key",
        compute="_compute_dup_vat_key",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the tax ID without spaces or punctuation, for the duplicate search.",
    )
    dup_registry_key = fields.Char(
        string="Duplicate Company Registry Key",
        compute="_compute_dup_registry_key",
        store=True,
        copy=False,
        prefetch=False,
        help="Technical: the company registry without spaces or punctuation, for the "
        "duplicate search.",
    )
    duplicate_warning_html = fields.Html(
        string="Potential Duplicates Warning",
        compute="_compute_duplicate_warning",
        sanitize=False,  # built below from escaped values only
        help="Clients that look like this one (name, email, phone, tax ID, address).",
    )
    duplicate_count = fields.Integer(
        string="Potential Duplicates",
        compute="_compute_duplicate_warning",
        help="Potential duplicates of this client that you can open.",
    )

    # ------------------------------------------------------------------
    # Schema: columns created before the ORM sees them, indexes
    # ------------------------------------------------------------------
    def _auto_init(self):
        """Create the key columns ourselves so the ORM does not recompute them.

        Left to the ORM, new stored computed columns are computed for every
        existing partner in Python, record by record, at install: far too slow
        and memory-hungry with a million partners. Created here, they are
        filled by :meth:`_semplio_init_duplicate_keys` in batches (post_init_hook).
        """
        for column in DUPLICATE_KEY_FIELDS:
            if not column_exists(self.env.cr, self._table, column):
                create_column(self.env.cr, self._table, column, "varchar")
                self.pool._semplio_dup_new_columns = True
        return super()._auto_init()

    def init(self):
        result = super().init()
        self._semplio_dup_create_indexes()
        if getattr(self.pool, "_semplio_dup_new_columns", False):
            self.pool._semplio_dup_new_columns = False
            module = self.env["ir.module.module"].search([("name", "=", "semplio_clients")])
            if module.state != "to install":
                # A module update added key columns: fill them now (at install,
                # the post_init_hook does it once every model is ready).
                self._semplio_init_duplicate_keys()
        return result

    @api.model
    def _semplio_dup_enable_trigram(self):
        """Enable pg_trgm if possible; return whether it is available."""
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cr.rowcount:
            return True
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.warning(
                "Duplicate detection: the PostgreSQL extension pg_trgm could not be enabled "
                "(%s). Similar names will not be found, only identical ones, emails, phones "
                "and tax IDs. Ask your database administrator to run "
                "'CREATE EXTENSION pg_trgm;' in this database (or to install the "
                "postgresql-contrib package), then update the module semplio_clients.",
                error,
            )
            return False
        # The registry looked for pg_trgm when it loaded: tell it that it is there now.
        self.pool.has_trigram = True
        return True

    @api.model
    def _semplio_dup_has_trigram(self):
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return bool(cr.rowcount)

    @api.model
    def _semplio_dup_indexes(self, trigram):
        return (_TRIGRAM_INDEX if trigram else _NAME_BTREE_INDEX, *_BTREE_INDEXES)

    @api.model
    def _semplio_dup_create_indexes(self):
        trigram = self._semplio_dup_enable_trigram()
        for name, method, expression, where in self._semplio_dup_indexes(trigram):
            create_index(self.env.cr, name, self._table, [expression], method=method, where=where)

    @api.model
    def _semplio_dup_drop_indexes(self):
        for name, *_rest in self._semplio_dup_indexes(self._semplio_dup_has_trigram()):
            if index_exists(self.env.cr, name):
                self.env.cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))

    # ------------------------------------------------------------------
    # Keys
    # ------------------------------------------------------------------
    @api.model
    def _semplio_dup_default_country_code(self):
        """Country for phone numbers written without prefix: the company's, else France.

        Read with SQL: ``res.company.country_id`` is computed from the company's
        address, which loads its whole partner record; this runs while typing.
        """
        self.env.cr.execute(
            SQL(
                """SELECT country.code FROM res_company company
                     JOIN res_partner partner ON partner.id = company.partner_id
                     JOIN res_country country ON country.id = partner.country_id
                    WHERE company.id = %s""",
                self.env.company.id,
            )
        )
        row = self.env.cr.fetchone()
        return (row and row[0]) or "FR"

    @api.depends("name")
    def _compute_dup_name_key(self):
        for partner in self:
            key = matching.normalize_name(partner.name)
            partner.dup_name_key = key or False
            partner.dup_name_variants = name_variants(key) or False

    @api.depends("email")
    def _compute_dup_email_key(self):
        for partner in self:
            partner.dup_email_key = matching.normalize_email(partner.email) or False

    def _semplio_phone_country_codes(self):
        """Country of each partner's phone numbers: its own, else its company's, else
        the current company's (else France). Shared by the duplicate keys and the
        phone search, so both read a number the same way."""
        default_code = self._semplio_dup_default_country_code()
        return {
            partner.id: (
                partner.country_id.code or partner.company_id.country_id.code or default_code
            )
            for partner in self
        }

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_dup_phone_keys(self):
        codes = self._semplio_phone_country_codes()
        for partner in self:
            code = codes[partner.id]
            partner.dup_phone_key = matching.normalize_phone(partner.phone, code) or False
            partner.dup_mobile_key = matching.normalize_phone(partner.mobile, code) or False

    @api.depends("vat")
    def _compute_dup_vat_key(self):
        for partner in self:
            partner.dup_vat_key = matching.normalize_vat(partner.vat) or False

    @api.depends("company_registry")
    def _compute_dup_registry_key(self):
        for partner in self:
            partner.dup_registry_key = matching.normalize_vat(partner.company_registry) or False

    @api.model
    def _semplio_init_duplicate_keys(self, batch_size=_INIT_BATCH_SIZE):
        """Compute the keys of every existing partner, in batches, with SQL.

        Called by the post_init_hook. Reads id and raw values by keyset
        pagination, normalises them with the engine, writes them back with one
        ``UPDATE ... FROM unnest(...)`` per batch. On a large table the key
        indexes are dropped first and rebuilt at the end: one index build is
        much faster than a million index insertions. Returns the number of
        partners written.
        """
        self.env.flush_all()
        cr = self.env.cr
        default_code = self._semplio_dup_default_country_code()
        cr.execute("SELECT count(*) FROM res_partner")
        rebuild_indexes = cr.fetchone()[0] > batch_size
        if rebuild_indexes:
            self._semplio_dup_drop_indexes()
        written, last_id = 0, 0
        while True:
            cr.execute(
                SQL(
                    """
                    SELECT p.id, p.name, p.email, p.phone, p.mobile, p.vat, p.company_registry,
                           COALESCE(pc.code, cc.code)
                      FROM res_partner p
                 LEFT JOIN res_country pc ON pc.id = p.country_id
                 LEFT JOIN res_company co ON co.id = p.company_id
                 LEFT JOIN res_partner cp ON cp.id = co.partner_id
                 LEFT JOIN res_country cc ON cc.id = cp.country_id
                     WHERE p.id > %s
                  ORDER BY p.id
                     LIMIT %s
                    """,
                    last_id,
                    batch_size,
                )
            )
            rows = cr.fetchall()
            if not rows:
                break
            last_id = rows[-1][0]
            columns = [[] for _i in range(len(DUPLICATE_KEY_FIELDS) + 1)]
            for pid, name, email, phone, mobile, vat, registry, code in rows:
                code = code or default_code
                name_key = matching.normalize_name(name)
                keys = (
                    name_key,
                    name_variants(name_key),
                    matching.normalize_email(email),
                    matching.normalize_phone(phone, code),
                    matching.normalize_phone(mobile, code),
                    matching.normalize_vat(vat),
                    matching.normalize_vat(registry),
                )
                if not any(keys):
                    continue
                columns[0].append(pid)
                for column, key in zip(columns[1:], keys, strict=True):
                    column.append(key or None)
            if columns[0]:
                cr.execute(
                    SQL(
                        """
                        UPDATE res_partner p
                           SET dup_name_key = v.name_key, dup_name_variants = v.name_variants,
                               dup_email_key = v.email_key, dup_phone_key = v.phone_key,
                               dup_mobile_key = v.mobile_key, dup_vat_key = v.vat_key,
                               dup_registry_key = v.registry_key
                          FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::varchar[],
                                      %s::varchar[], %s::varchar[], %s::varchar[],
                                      %s::varchar[])
                            AS v(id, name_key, name_variants, email_key, phone_key, mobile_key,
                                 vat_key, registry_key)
                         WHERE p.id = v.id
                        """,
                        *columns,
                    )
                )
                written += len(columns[0])
        if rebuild_indexes:
            self._semplio_dup_create_indexes()
        # What the ORM may have cached for these columns is stale now.
        self.invalidate_model(list(DUPLICATE_KEY_FIELDS))
        _logger.info("Duplicate detection: keys computed for %s partners", written)
        return written

    # ------------------------------------------------------------------
    # Search
    # ------------------------------------------------------------------
    @api.model
    def find_duplicates(self, vals, limit=DUPLICATE_LIMIT):
        """Return the potential duplicates of the partner described by ``vals``.

        ``vals`` holds any of name, email, phone, mobile, vat, company_registry,
        street, zip, city, country_id, parent_id, and ``id`` of a record to
        leave out. Returns a list, best first, of
        ``{"id", "name", "branch", "score", "reasons"}``; ``id`` and ``name``
        are False for partners the caller may not read (another branch), the
        branch is still told so the user can ask for a transfer.

        Left out besides ``id``: the company of the partner (``parent_id``, or
        the company of ``id``) and the contacts of ``id``, which share its
        phone, address and tax ID by design; partners of internal users and of
        companies (employees and our own companies, not clients). Archived
        partners and other branches' partners are candidates.

        A few SQL queries whatever the size of the database: one for the
        candidates, one for the access check, one for branch names.
        """
        vals = vals or {}
        limit = max(0, min(int(limit or 0), 50))
        if not limit:
            return []
        query = self._semplio_dup_query_keys(vals)
        if not any(query.values()):
            return []
        scored = []
        for row in self._semplio_dup_candidates(query, vals, limit):
            candidate = {
                "name_key": row["dup_name_key"] or "",
                "email": row["dup_email_key"] or "",
                "phones": [
                    phone for phone in (row["dup_phone_key"], row["dup_mobile_key"]) if phone
                ],
                "vat": row["dup_vat_key"] or "",
                "company_registry": row["dup_registry_key"] or "",
                "street_key": matching.normalize_street(row["street"]),
                "zip": matching.normalize_zip(row["zip"]),
            }
            score, codes = matching.score_pair(query, candidate)
            if score >= matching.DEFAULT_THRESHOLD:
                name_score = matching.name_similarity(query["name_key"], candidate["name_key"])
                scored.append((score, row, codes, name_score))
        scored.sort(key=lambda item: (-item[0], item[1]["id"]))
        scored = scored[:limit]
        if not scored:
            return []
        # The caller's own record rules decide what they may see (one SQL query).
        Partner = self.with_context(active_test=False)
        ids = [row["id"] for _score, row, _codes, _name in scored]
        readable = (
            set(Partner.search([("id", "in", ids)]).ids) if Partner.has_access("read") else set()
        )
        # sudo: the caller may not read another company's branch; only its name is
        # told, so that the user knows whom to ask for a transfer.
        branches = (
            self.env["semplio.branch"]
            .sudo()
            .browse({row["branch_id"] for _score, row, _codes, _name in scored if row["branch_id"]})
        )
        branch_names = {branch.id: branch.display_name for branch in branches}
        result = []
        for score, row, codes, name_score in scored:
            visible = row["id"] in readable
            result.append(
                {
                    "id": row["id"] if visible else False,
                    "name": (row["complete_name"] or row["name"] or "") if visible else False,
                    "branch": branch_names.get(row["branch_id"], False),
                    "score": int(score),
                    "reasons": [self._semplio_dup_reason(code, name_score) for code in codes],
                }
            )
        return result

    @api.model
    def _semplio_dup_query_keys(self, vals):
        """Normalised keys of ``vals``, as :func:`matching.score_pair` expects them."""
        code = False
        if vals.get("country_id"):
            code = self.env["res.country"].browse(int(vals["country_id"])).code
        if not code and (vals.get("phone") or vals.get("mobile")):
            code = self._semplio_dup_default_country_code()
        return matching.partner_keys(
            {key: value for key, value in vals.items() if isinstance(value, str)}, code
        )

    @api.model
    def _semplio_dup_candidates(self, query, vals, limit):
        """Fetch the candidate rows with one SQL query through the key indexes.

        Runs as SQL without record rules on purpose: archived partners and other
        branches' partners must be found too. Nothing read here reaches the
        caller unless the access check in :meth:`find_duplicates` allows it.
        """
        own_id = vals.get("id") if isinstance(vals.get("id"), int) else False
        parent_id = vals.get("parent_id") if isinstance(vals.get("parent_id"), int) else False
        own_ids = [pid for pid in (own_id, parent_id) if pid]
        # The partner's own family (see find_duplicates), left out by each source
        # so that it does not use up their LIMIT.
        excluded = SQL("TRUE")
        if own_ids:
            excluded = SQL(
                """%s AND p.id <> ALL(%s) AND p.id NOT IN (
                    SELECT o.commercial_partner_id FROM res_partner o
                     WHERE o.id = ANY(%s) AND o.commercial_partner_id IS NOT NULL)""",
                excluded,
                own_ids,
                own_ids,
            )
        if own_id:
            excluded = SQL("%s AND p.commercial_partner_id IS DISTINCT FROM %s", excluded, own_id)
        sources = self._semplio_dup_name_sources(query["name_key"], excluded, limit)
        key_filters = []
        if query["email"]:
            key_filters.append(SQL("p.dup_email_key = %s", query["email"]))
        if query["phones"]:
            key_filters.append(SQL("p.dup_phone_key = ANY(%s)", query["phones"]))
            key_filters.append(SQL("p.dup_mobile_key = ANY(%s)", query["phones"]))
        # Contacts carry their company's tax ID and registry (commercial fields):
        # only the company itself is a candidate for those.
        if query["vat"]:
            key_filters.append(
                SQL("(p.dup_vat_key = %s AND p.id = p.commercial_partner_id)", query["vat"])
            )
        if query["company_registry"]:
            key_filters.append(
                SQL(
                    "(p.dup_registry_key = %s AND p.id = p.commercial_partner_id)",
                    query["company_registry"],
                )
            )
        for key_filter in key_filters:
            sources.append(
                SQL(
                    "(SELECT p.id FROM res_partner p WHERE %s AND %s LIMIT %s)",
                    key_filter,
                    excluded,
                    _KEY_CANDIDATES,
                )
            )
        if not sources:
            return []
        # The SQL below reads what the ORM may still hold in memory (a record
        # created or written in this transaction).
        self.flush_model(
            [
                *DUPLICATE_KEY_FIELDS,
                "name",
                "complete_name",
                "branch_id",
                "street",
                "zip",
                "active",
                "commercial_partner_id",
            ]
        )
        cr = self.env.cr
        if self._semplio_dup_single_word_trigram(query["name_key"]):
            # ``%`` filters on pg_trgm.similarity_threshold: set for this transaction.
            cr.execute(
                SQL(
                    "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                    str(_SINGLE_WORD_TRIGRAM_FLOOR),
                )
            )
        cr.execute(
            SQL(
                """
                SELECT p.id, p.name, p.complete_name, p.branch_id, p.street, p.zip,
                       p.dup_name_key, p.dup_email_key, p.dup_phone_key, p.dup_mobile_key,
                       p.dup_vat_key, p.dup_registry_key
                  FROM (%s) AS candidate
                  JOIN res_partner p ON p.id = candidate.id
                 -- partners of internal users and of companies are not clients
                 WHERE NOT EXISTS (SELECT 1 FROM res_users u
                                    WHERE u.partner_id = p.id AND NOT u.share)
                   AND NOT EXISTS (SELECT 1 FROM res_company c WHERE c.partner_id = p.id)
                """,
                SQL(" UNION ").join(sources),
            )
        )
        return cr.dictfetchall()

    @api.model
    def _semplio_dup_name_sources(self, name_key, excluded, limit):
        """SQL sub-queries returning the ids of partners with a similar name.

        A trigram search (``%``) over a million names reads huge posting lists
        (every "Boulangerie ..." shares a dozen trigrams with "Boulangerie
        Martin") and rechecks thousands of rows: far too slow while typing. So
        candidates come from the GIN array index on token variants, which
        finds, with exact lookups, the partners whose words each agree with
        the query's words up to one typo (see :func:`_token_variants`):

        1. all the query's words (its 4 longest) agree: typos, accents, word
           order, legal forms;
        2. its identifying words agree (trade words such as "Boulangerie"
           left out): a trade word added or dropped.

        Each pool is capped (:data:`_NAME_POOL`) and ranked with pg_trgm's
        ``similarity()``. A one-word name also goes through the trigram index
        (``%``), for glued words and several typos in one word.
        """
        if not name_key:
            return []
        trigram = self._semplio_dup_has_trigram_cached()
        tokens = sorted(set(name_key.split()), key=lambda token: (-len(token), token))
        # Initials and two-letter words ("J. Martin") agree with longer words in
        # the engine's scoring: they cannot be required here.
        tokens = [token for token in tokens if len(token) > 2] or tokens
        generic = getattr(matching, "GENERIC_WORDS", frozenset())
        identifying = [token for token in tokens if token not in generic] or tokens
        per_source = limit * _NAME_CANDIDATES_PER_RESULT
        if trigram:
            rank = SQL("similarity(c.dup_name_key, %s) DESC, c.id", name_key)
        else:
            rank = SQL("(c.dup_name_key = %s) DESC, c.id", name_key)

        def words_agree(words):
            return SQL(" AND ").join(
                SQL(
                    "string_to_array(p.dup_name_variants, ' ') && %s::text[]",
                    sorted(_token_variants(word)),
                )
                for word in words[:_MAX_QUERY_TOKENS]
            )

        word_sets = [tokens[:_MAX_QUERY_TOKENS]]
        if identifying[:_MAX_QUERY_TOKENS] != word_sets[0]:
            word_sets.append(identifying[:_MAX_QUERY_TOKENS])
        sources = [
            SQL(
                """(SELECT c.id FROM (
                        SELECT p.id, p.dup_name_key FROM res_partner p
                         WHERE %s AND %s LIMIT %s) c
                  ORDER BY %s LIMIT %s)""",
                words_agree(words),
                excluded,
                _NAME_POOL,
                rank,
                per_source,
            )
            for words in word_sets
        ]
        if self._semplio_dup_single_word_trigram(name_key):
            # (odoo.tools.SQL keeps ``%%`` verbatim only in a piece without arguments.)
            sources.append(
                SQL(
                    """(SELECT p.id FROM res_partner p
                         WHERE %s %s AND %s
                      ORDER BY similarity(p.dup_name_key, %s) DESC, p.id
                         LIMIT %s)""",
                    SQL("p.dup_name_key %%"),
                    name_key,
                    excluded,
                    name_key,
                    per_source,
                )
            )
        return sources

    @api.model
    def _semplio_dup_single_word_trigram(self, name_key):
        """Whether the name key is one word long enough for the trigram search."""
        return bool(
            name_key
            and " " not in name_key
            and len(name_key) >= 5
            and self._semplio_dup_has_trigram_cached()
        )

    @api.model
    def _semplio_dup_has_trigram_cached(self):
        """Whether pg_trgm is enabled, as the registry knows it (no query)."""
        return bool(self.pool.has_trigram)

    @api.model
    def _semplio_dup_reason(self, code, name_score):
        """Human sentence for a reason code of the matching engine."""
        if code == "name":
            return self.env._("Similar name (%(percent)s%%)", percent=name_score)
        sentences = {
            "email": self.env._("Same email"),
            "phone": self.env._("Same phone"),
            "vat": self.env._("Same tax ID"),
            "company_registry": self.env._("Same company registry"),
            "address": self.env._("Similar address"),
        }
        return sentences.get(code, code)

    # ------------------------------------------------------------------
    # Form: live warning and smart button
    # ------------------------------------------------------------------
    def _semplio_dup_vals(self):
        """The values of this (possibly unsaved) partner that find_duplicates reads."""
        self.ensure_one()
        vals = {
            field: self[field] or False
            for field in (
                "name",
                "email",
                "phone",
                "mobile",
                "vat",
                "company_registry",
                "street",
                "zip",
                "city",
            )
        }
        vals.update(
            country_id=self.country_id.id,
            parent_id=self.parent_id._origin.id or self.parent_id.id or False,
            id=self._origin.id or False,
        )
        return vals

    @api.depends(
        "name",
        "email",
        "phone",
        "mobile",
        "vat",
        "company_registry",
        "street",
        "zip",
        "city",
        "country_id",
        "parent_id",
    )
    @api.depends_context("uid")
    def _compute_duplicate_warning(self):
        # One indexed search per partner: this field is only shown in the form
        # (one partner at a time), never in lists.
        for partner in self:
            if not (
                partner.name
                or partner.email
                or partner.phone
                or partner.mobile
                or partner.vat
                or partner.company_registry
            ):
                partner.duplicate_warning_html = False
                partner.duplicate_count = 0
                continue
            duplicates = self.find_duplicates(partner._semplio_dup_vals())
            partner.duplicate_count = len([dup for dup in duplicates if dup["id"]])
            partner.duplicate_warning_html = partner._semplio_dup_warning_html(duplicates)

    def _semplio_dup_warning_html(self, duplicates):
        """Render the warning: accessible duplicates as links, others by branch."""
        if not duplicates:
            return False
        items = []
        for dup in duplicates:
            details = self.env._(
                "%(score)s%% match: %(reasons)s",
                score=dup["score"],
                reasons=", ".join(dup["reasons"]),
            )
            if dup["id"]:
                items.append(
                    Markup(
                        '<li><a href="/odoo/res.partner/%s" target="_blank">%s</a> '
                        "<span>(%s)</span></li>"
                    )
                    % (dup["id"], dup["name"], details)
                )
            elif dup["branch"]:
                items.append(
                    Markup("<li>%s <span>(%s)</span></li>")
                    % (
                        self.env._(
                            "A similar client exists in the branch %(branch)s. A branch "
                            "administrator can transfer it to your branch.",
                            branch=dup["branch"],
                        ),
                        details,
                    )
                )
            else:
                items.append(
                    Markup("<li>%s <span>(%s)</span></li>")
                    % (
                        self.env._(
                            "A similar client exists that you cannot open. Ask an administrator."
                        ),
                        details,
                    )
                )
        title = self.env._(
            "Potential duplicates: check that this client does not exist yet. You can still save."
        )
        return Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (
            title,
            Markup("").join(items),
        )

    def action_view_duplicates(self):
        """Open the potential duplicates of this client that the user may read."""
        self.ensure_one()
        duplicates = self.find_duplicates(self._semplio_dup_vals())
        ids = [dup["id"] for dup in duplicates if dup["id"]]
        if not ids:
            hidden = [dup["branch"] for dup in duplicates if not dup["id"] and dup["branch"]]
            message = (
                self.env._(
                    "Similar clients exist in other branches (%(branches)s). A branch "
                    "administrator can transfer them to your branch.",
                    branches=", ".join(dict.fromkeys(hidden)),
                )
                if hidden
                else self.env._(
                    "No potential duplicate found for %(name)s.", name=self.display_name
                )
            )
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {"message": message, "type": "info", "sticky": False},
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Potential duplicates of %(name)s", name=self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", ids), ("active", "in", [True, False])],
            "context": {"active_test": False, "create": False},
        }
