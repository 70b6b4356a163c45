"""Rule: branch visibility and transfers hold through JSON-RPC and XML-RPC.

What an external client can do with each role's login and password: every escape
is refused with nothing written, every legitimate action succeeds.
"""

import xmlrpc.client

from odoo import Command
from odoo.tests import HttpCase, get_db_name, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import SemplioCommon

QUIET = ("odoo.http", "odoo.service.model", "odoo.addons.base.controllers.rpc")


@tagged("post_install", "-at_install")
class TestBranchRpc(SemplioCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = (
            cls.salesperson,
            cls.sales_manager,
            cls.invoicing_user,
            cls.two_branch_user,
            cls.no_branch_user,
            cls.branch_admin,
            cls.settings_admin,
        )
        export_group = cls.env.ref("base.group_allow_export")
        for user in cls.users:
            user.password = cls._password(user)
            user.groups_id = [Command.link(export_group.id)]
        # No salesperson: Sales "Own documents" users see such orders too.
        cls.order_paris = cls.env["sale.order"].create(
            {"partner_id": cls.client_paris.id, "user_id": False}
        )
        cls.order_lyon = cls.env["sale.order"].create(
            {"partner_id": cls.client_lyon.id, "user_id": False}
        )

    @staticmethod
    def _password(user):
        return f"{user.login}-Secret-42"

    def xmlrpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            get_db_name(), user.id, self._password(user), model, method, list(args), kwargs
        )

    def xmlrpc_refused(self, user, model, method, *args, **kwargs):
        with mute_logger(*QUIET), self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(user, model, method, *args, **kwargs)
        # Odoo's XML-RPC fault codes: 2 for a UserError (ValidationError), 4 for an AccessError.
        self.assertIn(caught.exception.faultCode, (2, 4), caught.exception.faultString)
        return caught.exception

    def call_kw(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def call_kw_refused(self, model, method, *args, **kwargs):
        with mute_logger(*QUIET), self.assertRaises(JsonRpcException) as caught:
            self.call_kw(model, method, *args, **kwargs)
        return str(caught.exception)

    def assert_unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(self.client_paris.branch_id, self.branch_paris)
        self.assertEqual(self.contact_paris.branch_id, self.branch_paris)
        self.assertEqual(self.client_lyon.branch_id, self.branch_lyon)
        self.assertEqual(self.client_marseille.branch_id, self.branch_marseille)
        self.assertEqual(self.order_paris.branch_id, self.branch_paris)
        self.assertFalse(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "like", "Escape%")])
        )

    # XML-RPC -------------------------------------------------------------------
    def test_xmlrpc_each_role_sees_only_its_branches(self):
        for user, expected in self.expected.items():
            with self.subTest(user=user.login):
                domain = [["id", "in", self.partners.ids]]
                rows = self.xmlrpc(user, "res.partner", "search_read", domain, fields=["name"])
                self.assertEqual({r["id"] for r in rows}, set(expected.ids))
                self.assertEqual(
                    self.xmlrpc(user, "res.partner", "search_count", domain), len(expected)
                )
                found = self.xmlrpc(user, "res.partner", "name_search", "Garage")
                self.assertEqual(bool(found), self.client_lyon in expected)
                groups = self.xmlrpc(
                    user, "res.partner", "read_group", domain, ["branch_id"], ["branch_id"]
                )
                self.assertEqual(sum(g["branch_id_count"] for g in groups), len(expected))
                for partner in self.partners - expected:
                    fault = self.xmlrpc_refused(user, "res.partner", "read", [partner.id], ["name"])
                    self.assertEqual(fault.faultCode, 4)
                    self.xmlrpc_refused(user, "res.partner", "export_data", [partner.id], ["name"])
                orders = self.xmlrpc(
                    user,
                    "sale.order",
                    "search_read",
                    [["id", "in", (self.order_paris | self.order_lyon).ids]],
                    fields=["partner_id"],
                )
                self.assertEqual(
                    {o["partner_id"][0] for o in orders},
                    {p.id for p in (self.client_paris | self.client_lyon) if p in expected},
                )

    def test_xmlrpc_escapes_are_refused_and_nothing_written(self):
        restricted = self.users[:5]
        for user in restricted:
            with self.subTest(user=user.login):
                # Transfer, single and multi-record (list multi-edit), even with forged context.
                for ids in ([self.client_paris.id], self.expected[user].ids):
                    self.xmlrpc_refused(
                        user,
                        "res.partner",
                        "write",
                        ids,
                        {"branch_id": self.branch_marseille.id},
                        context={"semplio_system_write": True, "tracking_disable": True},
                    )
                # Creating in a foreign, archived-looking or unknown branch.
                for branch_id in (self.branch_marseille.id, 999999):
                    self.xmlrpc_refused(
                        user, "res.partner", "create", {"name": "Escape", "branch_id": branch_id}
                    )
                # Writing a foreign client, moving a contact under a foreign company.
                self.xmlrpc_refused(
                    user, "res.partner", "write", [self.client_marseille.id], {"name": "Escape"}
                )
                self.xmlrpc_refused(
                    user,
                    "res.partner",
                    "write",
                    [self.contact_paris.id],
                    {"parent_id": self.client_marseille.id},
                )
                # A sale order's branch, or its customer in a foreign branch.
                self.xmlrpc_refused(
                    user, "sale.order", "write", [self.order_paris.id], {"branch_id": False}
                )
                self.xmlrpc_refused(
                    user,
                    "sale.order",
                    "create",
                    {"partner_id": self.client_marseille.id, "note": "Escape"},
                )
                # Their own or another user's branches.
                self.xmlrpc_refused(
                    user,
                    "res.users",
                    "write",
                    [user.id],
                    {"branch_ids": [(4, self.branch_marseille.id, 0)]},
                )
                self.xmlrpc_refused(
                    user, "res.users", "write", [user.id], {"branch_id": self.branch_marseille.id}
                )
                self.xmlrpc_refused(
                    user,
                    "res.users",
                    "write",
                    [self.salesperson.id, self.sales_manager.id],
                    {"branch_ids": [(6, 0, [])]},
                )
                self.assert_unchanged()
        self.assertEqual(self.salesperson.branch_ids, self.branch_paris)
        self.assertEqual(self.salesperson.branch_id, self.branch_paris)

    def test_xmlrpc_import_of_foreign_branch_is_refused(self):
        for user in (self.salesperson, self.two_branch_user):
            with self.subTest(user=user.login):
                result = self.xmlrpc(
                    user,
                    "res.partner",
                    "load",
                    ["name", "branch_id"],
                    [["Escape ok", ""], ["Escape new", "Marseille"]],
                )
                self.assertFalse(result["ids"])
                result = self.xmlrpc(
                    user,
                    "res.partner",
                    "load",
                    [".id", "branch_id"],
                    [[str(self.client_paris.id), "[MRS] Marseille"]],
                )
                self.assertFalse(result["ids"])
                self.assert_unchanged()

    def test_xmlrpc_legitimate_actions_succeed(self):
        # A salesperson creates a client in their branch, by default and by import.
        pid = self.xmlrpc(self.salesperson, "res.partner", "create", {"name": "Legit"})
        self.assertEqual(self.env["res.partner"].browse(pid).branch_id, self.branch_paris)
        result = self.xmlrpc(
            self.salesperson, "res.partner", "load", ["name", "branch_id"], [["Legit 2", "PAR"]]
        )
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        self.assertEqual(self.env["res.partner"].browse(result["ids"]).branch_id, self.branch_paris)
        # A user of two branches switches their current branch.
        self.xmlrpc(
            self.two_branch_user,
            "res.users",
            "write",
            [self.two_branch_user.id],
            {"branch_id": self.branch_paris.id},
        )
        self.assertEqual(self.two_branch_user.branch_id, self.branch_paris)
        # Administrators create anywhere and transfer; contacts and orders follow.
        for admin, branch in (
            (self.branch_admin, self.branch_lyon),
            (self.settings_admin, self.branch_marseille),
        ):
            pid = self.xmlrpc(
                admin, "res.partner", "create", {"name": "Admin's", "branch_id": branch.id}
            )
            self.assertEqual(self.env["res.partner"].browse(pid).branch_id, branch)
            self.xmlrpc(
                admin, "res.partner", "write", [self.client_paris.id], {"branch_id": branch.id}
            )
            self.env.invalidate_all()
            self.assertEqual(self.contact_paris.branch_id, branch)
            self.assertEqual(self.order_paris.branch_id, branch)
        # Settings administrators assign users to branches.
        self.xmlrpc(
            self.settings_admin,
            "res.users",
            "write",
            [self.no_branch_user.id],
            {"branch_ids": [(6, 0, self.branch_lyon.ids)], "branch_id": self.branch_lyon.id},
        )
        self.assertEqual(self.no_branch_user.branch_id, self.branch_lyon)

    # JSON-RPC (web client) -------------------------------------------------------
    def test_jsonrpc_call_kw_respects_branches(self):
        self.authenticate(self.salesperson.login, self._password(self.salesperson))
        result = self.call_kw(
            "res.partner",
            "web_search_read",
            [["id", "in", self.partners.ids]],
            specification={"name": {}, "branch_id": {"fields": {"display_name": {}}}},
        )
        self.assertEqual(
            {r["id"] for r in result["records"]}, set(self.expected[self.salesperson].ids)
        )
        self.assertIn(
            "AccessError",
            self.call_kw_refused(
                "res.partner", "web_read", [self.client_lyon.id], specification={"name": {}}
            ),
        )
        self.call_kw_refused(
            "res.partner",
            "web_save",
            [self.client_paris.id],
            {"branch_id": self.branch_lyon.id},
            specification={},
        )
        self.call_kw_refused(
            "res.partner",
            "web_save",
            [],
            {"name": "Escape", "branch_id": self.branch_lyon.id},
            specification={},
        )
        self.call_kw_refused(
            "sale.order", "web_read", [self.order_lyon.id], specification={"partner_id": {}}
        )
        groups = self.call_kw(
            "res.partner",
            "web_read_group",
            [["id", "in", self.partners.ids]],
            ["branch_id"],
            ["branch_id"],
        )
        self.assertEqual(
            sum(g["branch_id_count"] for g in groups["groups"]),
            len(self.expected[self.salesperson]),
        )
        self.assert_unchanged()
        # The web client's "Transfer to branch" is not offered to them.
        self.call_kw_refused(
            "semplio.branch.transfer",
            "create",
            {"branch_id": self.branch_lyon.id, "partner_ids": [self.client_paris.id]},
        )

        self.authenticate(self.branch_admin.login, self._password(self.branch_admin))
        wizard_id = self.call_kw(
            "semplio.branch.transfer",
            "create",
            {"branch_id": self.branch_lyon.id, "partner_ids": [self.client_paris.id]},
        )
        self.call_kw("semplio.branch.transfer", "action_transfer", [wizard_id])
        self.env.invalidate_all()
        self.assertEqual(self.client_paris.branch_id, self.branch_lyon)
        self.assertEqual(self.order_paris.branch_id, self.branch_lyon)

    def test_xmlrpc_duplicate_branch_code_gets_the_constraint_message(self):
        fault = self.xmlrpc_refused(
            self.branch_admin, "semplio.branch", "create", {"name": "Paris 2", "code": "PAR"}
        )
        self.assertIn("The code of a branch must be unique within its company.", fault.faultString)
        self.assertEqual(self.env["semplio.branch"].search_count([("code", "=", "PAR")]), 1)
