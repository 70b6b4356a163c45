"""Shared fixtures: branches, users of every role and clients, built once per class."""

from contextlib import contextmanager

from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user


class SemplioCommon(TransactionCase):
    """Three branches (Paris, Lyon, Marseille) and one user per role.

    - ``salesperson``: Sales "Own documents", branch Paris.
    - ``sales_manager``: Sales Administrator, branch Lyon.
    - ``invoicing_user``: Sales "All documents" + Invoicing, branch Paris.
    - ``two_branch_user``: Sales "All documents", branches Paris and Lyon (current Lyon).
    - ``no_branch_user``: Sales "All documents", no branch.
    - ``branch_admin``: Sales "All documents" + Branch administrator, branch Paris.
    - ``settings_admin``: Settings administrator (implies Branch administrator).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Branch = cls.env["semplio.branch"]
        cls.company = cls.env.company
        # The demo branches (make run) use the same codes and names: set them aside.
        for demo_branch in Branch.search([("code", "in", ("PAR", "LYO", "MRS"))]):
            demo_branch.write({"code": f"DEMO-{demo_branch.code}", "active": False})
        Branch.flush_model()
        cls.branch_paris = Branch.create({"name": "Paris", "code": "PAR"})
        cls.branch_lyon = Branch.create({"name": "Lyon", "code": "LYO"})
        cls.branch_marseille = Branch.create({"name": "Marseille", "code": "MRS"})

        def user(login, groups, branches=(), current=None):
            new = new_test_user(
                cls.env, login=login, groups=groups, name=login.replace("_", " ").title()
            )
            if branches:
                new.write(
                    {
                        "branch_ids": [Command.set([b.id for b in branches])],
                        "branch_id": (current or branches[0]).id,
                    }
                )
            return new

        salesman = "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman"
        all_docs = (
            "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman_all_leads"
        )
        cls.salesperson = user("salesperson", salesman, [cls.branch_paris])
        cls.sales_manager = user(
            "sales_manager",
            "base.group_user,base.group_partner_manager,sales_team.group_sale_manager",
            [cls.branch_lyon],
        )
        cls.invoicing_user = user(
            "invoicing_user", all_docs + ",account.group_account_invoice", [cls.branch_paris]
        )
        cls.two_branch_user = user(
            "two_branch_user", all_docs, [cls.branch_paris, cls.branch_lyon], cls.branch_lyon
        )
        cls.no_branch_user = user("no_branch_user", all_docs)
        cls.branch_admin = user(
            "branch_admin", all_docs + ",semplio_clients.group_branch_admin", [cls.branch_paris]
        )
        cls.settings_admin = user(
            "settings_admin", "base.group_user,base.group_system,sales_team.group_sale_manager"
        )

        Partner = cls.env["res.partner"]
        cls.client_paris = Partner.create(
            {
                "name": "Boulangerie Dupont",
                "branch_id": cls.branch_paris.id,
                "email": "contact@dupont.fr",
                "city": "Paris",
            }
        )
        cls.contact_paris = Partner.create(
            {"name": "Jeanne Dupont", "parent_id": cls.client_paris.id}
        )
        cls.client_lyon = Partner.create(
            {
                "name": "Garage Martin",
                "branch_id": cls.branch_lyon.id,
                "city": "Lyon",
            }
        )
        cls.client_marseille = Partner.create(
            {
                "name": "Poissonnerie Marius",
                "branch_id": cls.branch_marseille.id,
                "city": "Marseille",
            }
        )
        cls.shared_partner = Partner.with_context(semplio_no_default_branch=True).create(
            {"name": "Shared Supplier"}
        )
        cls.partners = (
            cls.client_paris
            | cls.contact_paris
            | cls.client_lyon
            | cls.client_marseille
            | cls.shared_partner
        )
        # The visibility rule itself: which of ``partners`` each role may reach.
        paris = cls.client_paris | cls.contact_paris
        cls.expected = {
            cls.salesperson: paris | cls.shared_partner,
            cls.sales_manager: cls.client_lyon | cls.shared_partner,
            cls.invoicing_user: paris | cls.shared_partner,
            cls.two_branch_user: paris | cls.client_lyon | cls.shared_partner,
            cls.no_branch_user: cls.shared_partner,
            cls.branch_admin: cls.partners,
            cls.settings_admin: cls.partners,
        }

    @contextmanager
    def assertRefused(self, exception, pattern=None):
        """Expect ``exception`` (message matching ``pattern``), rolled back as a request would.

        Unlike ``assertRaisesRegex``, Odoo's ``assertRaises`` runs the block in a
        savepoint: whatever the refused call wrote before raising is undone, so
        "nothing written" checks see the database as a client would.
        """
        with self.assertRaises(exception) as caught:
            yield caught
        if pattern:
            self.assertRegex(str(caught.exception), pattern)
