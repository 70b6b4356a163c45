"""The client screens in headless Chromium (tours in static/tests/tours/)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

CLIENTS_URL = "/odoo/action-semplio_clients.action_semplio_clients"


@tagged("post_install", "-at_install")
class TestClientTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Branch = cls.env["semplio.branch"]
        cls.branch_paris = Branch.create({"name": "Tour Paris", "code": "TPA"})
        cls.branch_lyon = Branch.create({"name": "Tour Lyon", "code": "TLY"})
        cls.branch_marseille = Branch.create({"name": "Tour Marseille", "code": "TMA"})
        salesman = "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman"
        cls.salesperson = new_test_user(
            cls.env, login="tour_salesperson", groups=salesman, name="Tour Salesperson"
        )
        cls.branch_admin = new_test_user(
            cls.env,
            login="tour_branch_admin",
            groups=salesman + ",semplio_clients.group_branch_admin",
            name="Tour Branch Admin",
        )
        for user in cls.salesperson | cls.branch_admin:
            user.write(
                {
                    "branch_ids": [Command.set(cls.branch_paris.ids)],
                    "branch_id": cls.branch_paris.id,
                }
            )
        cls.client_lyon = cls.env["res.partner"].create(
            {"name": "Tour Garage Lyonnais", "branch_id": cls.branch_lyon.id, "city": "Lyon"}
        )

    def test_salesperson_creates_finds_archives_and_restores_a_client(self):
        self.start_tour(CLIENTS_URL, "semplio_clients_salesperson_tour", login="tour_salesperson")
        client = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "=", "Tour Fromagerie Lefort")])
        )
        self.assertEqual(len(client), 1)
        self.assertTrue(client.active, "restored at the end of the tour")
        self.assertEqual(client.branch_id, self.branch_paris)
        self.assertEqual(client.create_uid, self.salesperson)

    def test_branch_admin_transfers_a_client(self):
        self.start_tour(
            CLIENTS_URL, "semplio_clients_admin_transfer_tour", login="tour_branch_admin"
        )
        self.assertEqual(self.client_lyon.branch_id, self.branch_marseille)

    def test_french_user_sees_the_seed_vocabulary(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["semplio_clients"], ["fr_FR"], overwrite=True
        )
        self.salesperson.lang = "fr_FR"
        self.env["res.partner"].create(
            {"name": "Tour Boucherie Parisienne", "branch_id": self.branch_paris.id}
        )
        self.start_tour(CLIENTS_URL, "semplio_clients_french_tour", login="tour_salesperson")
