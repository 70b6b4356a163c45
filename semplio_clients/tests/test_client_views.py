"""The Clients screens as seen over RPC: action, menus, list columns, search, form checks."""

import json

from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from ..models.res_partner_search import phone_digit_forms, phone_query_digits
from .common import SemplioCommon

SEED_COLUMNS = ["complete_name", "email", "phone", "city", "branch_id"]


@tagged("post_install", "-at_install")
class TestClientViews(SemplioCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls.env.ref("semplio_clients.action_semplio_clients")
        cls.Partner = cls.env["res.partner"]
        # National numbers are read with the company's country when the client has none.
        cls.company.country_id = cls.env.ref("base.fr")
        cls.mobile_client = cls.Partner.create(
            {"name": "Fleuriste Rose", "branch_id": cls.branch_paris.id, "phone": "0647281953"}
        )
        cls.spaced_client = cls.Partner.create(
            {
                "name": "Cave Bacchus",
                "branch_id": cls.branch_paris.id,
                "mobile": "06 47 28 19 53",
            }
        )
        cls.international_client = cls.Partner.create(
            {
                "name": "Librairie Hugo",
                "branch_id": cls.branch_lyon.id,
                "phone": "+33 6 47 28 19 53",
            }
        )
        cls.belgian_client = cls.Partner.create(
            {
                "name": "Friterie Bruxelles",
                "branch_id": cls.branch_lyon.id,
                "country_id": cls.env.ref("base.be").id,
                "phone": "02 647 28 19",
            }
        )
        cls.same_number = cls.mobile_client | cls.spaced_client | cls.international_client

    def _views(self, user=None):
        env = self.env(user=user) if user else self.env
        return env["res.partner"].get_views(
            [(view.view_id.id, view.view_mode) for view in self.action.view_ids]
            + [(self.action.search_view_id.id, "search")]
        )["views"]

    def _search_view_node(self, xpath):
        arch = etree.fromstring(self._views()["search"]["arch"])
        nodes = arch.xpath(xpath)
        self.assertEqual(len(nodes), 1, xpath)
        return nodes[0]

    def _filter_domain(self, name, user=None):
        node = self._search_view_node(f"//filter[@name='{name}']")
        uid = (user or self.env.user).id
        return safe_eval(node.get("domain"), {"uid": uid})

    def _field_domain(self, field, value):
        node = self._search_view_node(f"//field[@name='{field}']")
        domain = node.get("filter_domain")
        if not domain:
            return [(field, "ilike", value)]
        return safe_eval(domain, {"self": value})

    def _search_clients(self, domain, user=None):
        context = safe_eval(self.action.context)
        env = self.env(user=user) if user else self.env
        return (
            env["res.partner"]
            .with_context(**context)
            .search(safe_eval(self.action.domain or "[]") + domain)
        )

    # ------------------------------------------------------------------
    # Action and menus
    # ------------------------------------------------------------------
    def test_action_opens_list_kanban_form_of_partners(self):
        self.assertEqual(self.action.res_model, "res.partner")
        self.assertEqual(self.action.view_mode.split(",")[:3], ["list", "kanban", "form"])
        self.assertEqual(safe_eval(self.action.context)["res_partner_search_mode"], "customer")
        self.assertEqual(
            self.action.view_ids.mapped("view_id"),
            self.env.ref("semplio_clients.res_partner_view_list_semplio_clients")
            | self.env.ref("base.res_partner_kanban_view")
            | self.env.ref("base.view_partner_form"),
        )

    def test_clients_menus_open_the_action_in_sales_and_contacts(self):
        sale_menu = self.env.ref("semplio_clients.menu_semplio_clients_sale")
        contacts_menu = self.env.ref("semplio_clients.menu_semplio_clients_contacts")
        for menu in sale_menu | contacts_menu:
            self.assertEqual(menu.action, self.action)
            self.assertEqual(menu.name, "Clients")
        self.assertEqual(sale_menu.parent_id, self.env.ref("sale.sale_order_menu"))
        self.assertEqual(contacts_menu.parent_id, self.env.ref("contacts.menu_contacts"))
        Menu = self.env["ir.ui.menu"].with_user(self.salesperson)
        visible = Menu._visible_menu_ids()
        self.assertIn(sale_menu.id, visible)
        self.assertIn(contacts_menu.id, visible)
        # The web client only shows menus under active apps.
        apps = {menu["xmlid"] for menu in Menu.load_web_menus(False).values() if menu.get("xmlid")}
        self.assertIn("sale.sale_menu_root", apps)
        self.assertIn("semplio_clients.menu_semplio_clients_sale", apps)
        self.assertIn("semplio_clients.menu_semplio_clients_contacts", apps)
        self.assertNotIn("sale.res_partner_menu", apps, "Odoo's Customers: the Clients menu")

    def test_client_created_over_rpc_is_listed(self):
        client = self.Partner.with_user(self.salesperson).create({"name": "Client RPC"})
        self.assertIn(client, self._search_clients([], user=self.salesperson))

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def test_list_first_columns_are_the_seed_columns(self):
        arch = etree.fromstring(self._views(self.salesperson)["list"]["arch"])
        columns = [
            node.get("name")
            for node in arch.xpath("./field")
            if node.get("column_invisible") not in ("True", "1")
        ]
        self.assertEqual(columns[:5], SEED_COLUMNS)
        optional = {node.get("name") for node in arch.xpath("./field[@optional]")}
        expected = {"country_id", "user_id"}
        if "sale_amount_total" in self.Partner._fields:
            expected.add("sale_amount_total")
        self.assertLessEqual(expected, optional)

    # ------------------------------------------------------------------
    # Search
    # ------------------------------------------------------------------
    def test_phone_search_matches_any_format(self):
        for query in ("0647281953", "06 47 28 19 53", "+33 6 47 28 19 53", "0033647281953"):
            with self.subTest(query=query):
                found = self._search_clients(self._field_domain("phone_search", query))
                self.assertEqual(found & (self.same_number | self.belgian_client), self.same_number)

    def test_odoo_phone_search_of_contacts_matches_any_format_too(self):
        if "phone_mobile_search" not in self.Partner._fields:
            self.skipTest("sms is not installed: no Odoo phone search to improve")
        for query in ("06 47 28 19 53", "+33 6 47 28 19 53", "47 28 19"):
            with self.subTest(query=query):
                found = self.Partner.search([("phone_mobile_search", "ilike", query)])
                self.assertLessEqual(self.same_number, found)

    def test_phone_search_matches_a_fragment(self):
        for query in ("47 28 19", "28.19.53", "+33 6 47"):
            with self.subTest(query=query):
                found = self._search_clients(self._field_domain("phone_search", query))
                self.assertLessEqual(self.same_number, found)
        found = self._search_clients(self._field_domain("phone_search", "647 28 19"))
        self.assertIn(self.belgian_client, found, "fragment of a Belgian national number")

    def test_phone_query_keeps_digits_in_the_stored_forms(self):
        self.assertEqual(phone_query_digits("+33 (0)6 47 28 19 53"), "33647281953")
        self.assertEqual(phone_query_digits("0033 6 47"), "33647")
        self.assertEqual(phone_query_digits("06.47.28"), "064728")
        self.assertEqual(phone_query_digits("abc"), "")
        self.assertEqual(phone_digit_forms("06 47 28 19 53", "FR"), ["0647281953", "33647281953"])
        self.assertEqual(phone_digit_forms("not a number", "FR"), [])

    def test_phone_search_follows_number_changes(self):
        self.belgian_client.phone = "+33 6 47 28 19 53"
        found = self._search_clients(self._field_domain("phone_search", "06 47 28 19 53"))
        self.assertIn(self.belgian_client, found)
        self.belgian_client.phone = False
        found = self._search_clients(self._field_domain("phone_search", "06 47 28 19 53"))
        self.assertNotIn(self.belgian_client, found)

    def test_phone_search_without_digits_falls_back_to_text(self):
        self.mobile_client.phone = "FLEURS"
        found = self._search_clients(self._field_domain("phone_search", "fleurs"))
        self.assertEqual(found, self.mobile_client)

    def test_name_search_and_default_search_still_find_clients(self):
        names = self.Partner.with_user(self.salesperson).name_search("Fleuriste")
        self.assertEqual([name for _id, name in names], ["Fleuriste Rose"])
        found = self._search_clients(self._field_domain("name", "Bacchus"))
        self.assertEqual(found, self.spaced_client)

    def test_search_by_city_and_branch(self):
        found = self._search_clients(self._field_domain("city", "Lyon"))
        self.assertIn(self.client_lyon, found)
        self.assertNotIn(self.client_paris, found)
        found = self._search_clients(self._field_domain("branch_id", "Lyon"))
        self.assertIn(self.client_lyon, found)
        self.assertIn(self.international_client, found)
        self.assertNotIn(self.client_paris, found)

    def test_my_branches_filter_lists_the_user_branches_clients(self):
        user = self.two_branch_user
        found = self._search_clients(self._filter_domain("my_branches", user), user=user)
        self.assertIn(self.client_paris, found)
        self.assertIn(self.client_lyon, found)
        self.assertNotIn(self.shared_partner, found)
        found = self._search_clients(self._filter_domain("my_branches"))
        self.assertNotIn(self.client_marseille, found)

    def test_archived_filter_lists_archived_clients_only(self):
        self.client_lyon.action_archive()
        found = self._search_clients(self._filter_domain("inactive"))
        self.assertIn(self.client_lyon, found)
        self.assertNotIn(self.client_paris, found)
        self.assertNotIn(self.client_lyon, self._search_clients([]))

    def test_with_and_without_sales_filters(self):
        order = self.env["sale.order"].create({"partner_id": self.client_paris.id})
        draft = self.env["sale.order"].create({"partner_id": self.client_lyon.id})
        order.action_confirm()
        with_sales = self._search_clients(self._filter_domain("with_sales"))
        without_sales = self._search_clients(self._filter_domain("without_sales"))
        self.assertIn(self.client_paris, with_sales)
        self.assertNotIn(self.client_paris, without_sales)
        self.assertEqual(draft.state, "draft")
        self.assertIn(self.client_lyon, without_sales)
        self.assertNotIn(self.client_lyon, with_sales)

    def test_group_by_branch_city_country(self):
        for name, field in (
            ("group_branch", "branch_id"),
            ("group_city", "city"),
            ("group_country", "country_id"),
        ):
            node = self._search_view_node(f"//filter[@name='{name}']")
            self.assertEqual(safe_eval(node.get("context"))["group_by"], field)
        groups = self.Partner._read_group([("id", "in", self.same_number.ids)], ["branch_id"])
        self.assertEqual({branch for (branch,) in groups}, {self.branch_paris, self.branch_lyon})

    # ------------------------------------------------------------------
    # Form
    # ------------------------------------------------------------------
    def test_form_shows_branch_read_only_for_restricted_users(self):
        client = self.client_paris
        self.assertFalse(client.with_user(self.salesperson).can_edit_branch)
        self.assertTrue(client.with_user(self.branch_admin).can_edit_branch)
        self.assertFalse(
            self.contact_paris.with_user(self.branch_admin).can_edit_branch,
            "a company's contact follows its company's branch",
        )
        arch = etree.fromstring(self._views(self.salesperson)["form"]["arch"])
        nodes = arch.xpath("//field[@name='branch_id']")
        self.assertEqual(len(nodes), 1)
        self.assertEqual(nodes[0].get("readonly"), "not can_edit_branch")
        for field in ("street", "street2", "zip", "city", "state_id", "country_id", "comment"):
            self.assertTrue(arch.xpath(f"//field[@name='{field}']"), field)

    def test_user_of_several_branches_picks_one_of_them_on_a_new_client_only(self):
        Partner = self.Partner.with_user(self.two_branch_user)
        self.assertTrue(Partner.new({"name": "Nouveau"}).can_edit_branch)
        self.assertFalse(self.client_lyon.with_user(self.two_branch_user).can_edit_branch)
        self.assertFalse(self.Partner.with_user(self.salesperson).new({}).can_edit_branch)
        arch = etree.fromstring(self._views(self.two_branch_user)["form"]["arch"])
        (node,) = arch.xpath("//field[@name='branch_id']")
        self.assertEqual(node.get("domain"), "[('user_ids', 'in', uid)]")

    def test_name_is_required(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Partner.create({"email": "sans.nom@example.com"})

    def test_invalid_email_is_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "not valid"):
            self.Partner.with_user(self.salesperson).create(
                {"name": "Mauvais Email", "email": "jean.dupont"}
            )
        for email in ("contact @ dupont", "jean@dupont", "jean@@dupont.fr", "a@b.fr, faux"):
            with self.subTest(email=email), self.assertRaises(ValidationError):
                self.client_paris.with_user(self.salesperson).email = email

    def test_french_user_reads_the_seed_vocabulary_and_errors(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["semplio_clients"], ["fr_FR"], overwrite=True
        )
        french = self.env(context=dict(self.env.context, lang="fr_FR"))
        self.assertEqual(
            french["res.partner"].fields_get(["branch_id"])["branch_id"]["string"], "Succursale"
        )
        self.assertEqual(self.action.with_env(french).name, "Clients")
        search = french["res.partner"].get_views([(self.action.search_view_id.id, "search")])
        arch = etree.fromstring(search["views"]["search"]["arch"])
        labels = {node.get("name"): node.get("string") for node in arch.xpath("//filter")}
        self.assertEqual(labels["my_branches"], "Mes succursales")
        self.assertEqual(labels["with_sales"], "Avec ventes")
        self.assertEqual(labels["without_sales"], "Sans ventes")
        self.assertEqual(labels["group_branch"], "Succursale")
        with self.assertRaisesRegex(ValidationError, "n'est pas valide"):
            french["res.partner"].create({"name": "Client", "email": "pas-un-email"})

    def test_valid_or_empty_email_is_accepted(self):
        for email in (False, "", "jean@dupont.fr", "Jean <jean@dupont.fr>", "a@b.fr, c@d.fr"):
            with self.subTest(email=email):
                self.client_paris.email = email
                self.assertEqual(self.client_paris.email, email)

    # ------------------------------------------------------------------
    # Archiving
    # ------------------------------------------------------------------
    def test_salesperson_archives_and_restores_several_clients(self):
        clients = (self.mobile_client | self.spaced_client).with_user(self.salesperson)
        clients.action_archive()
        self.assertFalse(any(clients.mapped("active")))
        clients.action_unarchive()
        self.assertTrue(all(clients.mapped("active")))

    def test_archived_client_is_not_proposed_for_a_new_sale_and_keeps_history(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.client_paris.id, "user_id": self.salesperson.id}
        )
        order.action_confirm()
        self.client_paris.action_archive()
        SaleOrder = self.env["sale.order"].with_user(self.salesperson)
        # What the customer field of a new order proposes (many2one autocomplete).
        proposed = self.Partner.with_user(self.salesperson).name_search("Boulangerie Dupont")
        self.assertNotIn(self.client_paris.id, [pid for pid, _name in proposed])
        self.assertEqual(
            SaleOrder.search([("partner_id", "=", self.client_paris.id)]),
            order,
            "the archived client's orders stay",
        )
        self.assertEqual(order.with_user(self.salesperson).partner_id.name, "Boulangerie Dupont")


@tagged("post_install", "-at_install")
class TestClientRpcErrors(HttpCase):
    """Errors a web client or an integrator receives over JSON-RPC."""

    def _create_over_rpc(self, vals):
        self.authenticate("admin", "admin")
        return self.url_open(
            "/web/dataset/call_kw/res.partner/create",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "res.partner",
                        "method": "create",
                        "args": [vals],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_missing_name_gets_a_clear_error(self):
        error = self._create_over_rpc({"email": "x@example.com"})["error"]
        self.assertIn("require a name", error["data"]["message"])

    @mute_logger("odoo.http")
    def test_invalid_email_gets_a_clear_error(self):
        error = self._create_over_rpc({"name": "Client", "email": "pas-un-email"})["error"]
        self.assertEqual(error["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn("pas-un-email", error["data"]["message"])
