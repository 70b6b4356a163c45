"""Duplicate detection against real Odoo: keys, find_duplicates, access, form, RPC, import."""

from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import SemplioCommon


def _ids(duplicates):
    return [dup["id"] for dup in duplicates]


@tagged("post_install", "-at_install")
class TestDuplicates(SemplioCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.fr = cls.env.ref("base.fr")
        # Numbers written without prefix are read in the company's country.
        cls.env.company.country_id = cls.fr
        cls.client_phone = Partner.create(
            {
                "name": "Menuiserie Lefèvre",
                "branch_id": cls.branch_paris.id,
                "phone": "01 42 68 53 00",
                "mobile": "06.12.34.56.78",
                "country_id": cls.fr.id,
                "street": "12 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "is_company": True,
            }
        )
        cls.client_vat = Partner.create(
            {
                "name": "Transports Quillet",
                "branch_id": cls.branch_paris.id,
                "vat": "FR 40 303 265 045",
                "company_registry": "303 265 045 00012",
                "is_company": True,
            }
        )
        cls.contact_vat = Partner.create(
            {"name": "Paul Quillet", "parent_id": cls.client_vat.id, "type": "contact"}
        )

    def find(self, vals, user=None, limit=5):
        Partner = self.env["res.partner"]
        return (Partner.with_user(user) if user else Partner).find_duplicates(vals, limit=limit)

    # ------------------------------------------------------------------
    # Normalisation and reasons
    # ------------------------------------------------------------------
    def test_name_matches_despite_accents_case_legal_form_and_word_order(self):
        duplicates = self.find({"name": "DUPONT boulangérie SARL"})
        self.assertEqual(duplicates[0]["id"], self.client_paris.id)
        self.assertEqual(duplicates[0]["name"], "Boulangerie Dupont")
        self.assertEqual(duplicates[0]["score"], 100)
        self.assertIn("Similar name (100%)", duplicates[0]["reasons"])
        self.assertEqual(duplicates[0]["branch"], self.branch_paris.display_name)

    def test_name_with_typo_is_found_with_its_similarity(self):
        duplicates = self.find({"name": "Menuiserie Lefevbre"})
        self.assertEqual(duplicates[0]["id"], self.client_phone.id)
        self.assertTrue(
            any(reason.startswith("Similar name (") for reason in duplicates[0]["reasons"])
        )
        self.assertLess(duplicates[0]["score"], 100)

    def test_initial_of_a_first_name_is_not_required(self):
        person = self.env["res.partner"].create({"name": "Jean Rouquette"})
        duplicates = self.find({"name": "J. Rouquette"})
        self.assertIn(person.id, _ids(duplicates))

    def test_glued_words_are_found_through_trigram_index(self):
        glued = self.env["res.partner"].create({"name": "Bati Pro", "is_company": True})
        duplicates = self.find({"name": "BATIPRO"})
        self.assertEqual(duplicates[0]["id"], glued.id)

    def test_email_matches_whatever_its_case(self):
        duplicates = self.find({"name": "Quelqu'un d'autre", "email": " Contact@Dupont.FR "})
        self.assertEqual(duplicates[0]["id"], self.client_paris.id)
        self.assertIn("Same email", duplicates[0]["reasons"])

    def test_phone_matches_in_any_format(self):
        for phone in ("+33 1 42 68 53 00", "0033142685300", "01.42.68.53.00"):
            duplicates = self.find({"name": "Atelier Bois", "phone": phone})
            self.assertEqual(_ids(duplicates)[:1], [self.client_phone.id], phone)
            self.assertIn("Same phone", duplicates[0]["reasons"])

    def test_mobile_matches_phone_field_of_candidate(self):
        duplicates = self.find({"name": "Lefèvre", "phone": "+33612345678"})
        self.assertEqual(duplicates[0]["id"], self.client_phone.id)
        self.assertIn("Same phone", duplicates[0]["reasons"])

    def test_foreign_country_number_uses_client_country(self):
        belgian = self.env["res.partner"].create(
            {
                "name": "Brasserie Vandenbroeck",
                "phone": "02 555 12 12",
                "country_id": self.env.ref("base.be").id,
            }
        )
        self.assertEqual(belgian.dup_phone_key, "+3225551212")

    def test_vat_matches_without_spaces_and_contacts_are_not_repeated(self):
        duplicates = self.find({"name": "Société sans rapport", "vat": "fr40303265045"})
        self.assertEqual(_ids(duplicates), [self.client_vat.id])
        self.assertIn("Same tax ID", duplicates[0]["reasons"])
        self.assertNotIn(self.contact_vat.id, _ids(duplicates))

    def test_company_registry_matches_without_spaces(self):
        duplicates = self.find({"name": "Autre nom", "company_registry": "30326504500012"})
        self.assertEqual(_ids(duplicates), [self.client_vat.id])
        self.assertIn("Same company registry", duplicates[0]["reasons"])

    def test_address_supports_similar_name(self):
        duplicates = self.find(
            {"name": "Menuiserie Lefebre", "street": "12 av. Foch", "zip": "75 016"}
        )
        self.assertEqual(duplicates[0]["id"], self.client_phone.id)
        self.assertIn("Similar address", duplicates[0]["reasons"])

    def test_unrelated_values_find_nothing(self):
        self.assertEqual(self.find({"name": "Xylophones Zébulon Qwerty"}), [])
        self.assertEqual(self.find({}), [])

    def test_limit_caps_results(self):
        Partner = self.env["res.partner"]
        Partner.create([{"name": f"Pressing Leclerc {n}"} for n in range(4)])
        self.assertEqual(len(self.find({"name": "Pressing Leclerc"}, limit=2)), 2)

    # ------------------------------------------------------------------
    # What is left out, what is kept
    # ------------------------------------------------------------------
    def test_record_itself_and_its_contacts_are_left_out(self):
        duplicates = self.find(
            {"id": self.client_paris.id, "name": "Boulangerie Dupont", "email": "contact@dupont.fr"}
        )
        self.assertNotIn(self.client_paris.id, _ids(duplicates))
        self.assertNotIn(self.contact_paris.id, _ids(duplicates))

    def test_new_contact_does_not_match_its_own_company(self):
        duplicates = self.find(
            {
                "name": "Marc Quillet",
                "vat": "FR40303265045",
                "parent_id": self.client_vat.id,
            }
        )
        self.assertNotIn(self.client_vat.id, _ids(duplicates))

    def test_archived_client_is_a_candidate(self):
        self.client_phone.action_archive()
        duplicates = self.find({"name": "Menuiserie Lefevre"})
        self.assertEqual(duplicates[0]["id"], self.client_phone.id)
        self.assertEqual(duplicates[0]["name"], "Menuiserie Lefèvre")

    def test_internal_users_partners_are_not_candidates(self):
        duplicates = self.find({"name": self.salesperson.name})
        self.assertNotIn(self.salesperson.partner_id.id, _ids(duplicates))

    # ------------------------------------------------------------------
    # Access: another branch's client is named only by its branch
    # ------------------------------------------------------------------
    def test_other_branch_client_hides_id_and_name_but_tells_branch(self):
        duplicates = self.find({"name": "Garage Martin SAS"}, user=self.salesperson)
        self.assertEqual(len(duplicates), 1)
        self.assertEqual(
            duplicates[0],
            {
                "id": False,
                "name": False,
                "branch": self.branch_lyon.display_name,
                "score": 100,
                "reasons": ["Similar name (100%)"],
            },
        )

    def test_own_branch_client_is_given_with_id_and_name(self):
        duplicates = self.find({"name": "Boulangerie Dupont"}, user=self.salesperson)
        self.assertEqual(duplicates[0]["id"], self.client_paris.id)
        self.assertEqual(duplicates[0]["name"], "Boulangerie Dupont")

    def test_branch_admin_sees_every_branch(self):
        duplicates = self.find({"name": "Garage Martin"}, user=self.branch_admin)
        self.assertEqual(duplicates[0]["id"], self.client_lyon.id)

    def test_archived_other_branch_client_stays_hidden(self):
        self.client_lyon.action_archive()
        duplicates = self.find({"name": "Garage Martin"}, user=self.salesperson)
        self.assertEqual((duplicates[0]["id"], duplicates[0]["name"]), (False, False))
        self.assertEqual(duplicates[0]["branch"], self.branch_lyon.display_name)

    def test_find_duplicates_runs_a_constant_number_of_queries(self):
        Partner = self.env["res.partner"].with_user(self.salesperson)
        Partner.create([{"name": f"Boulangerie Dupont {n}"} for n in range(3)])
        vals = {"name": "Boulangerie Dupont", "email": "contact@dupont.fr", "phone": "0142685300"}
        Partner.find_duplicates(vals)  # warm the caches (user, groups, rules)
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            duplicates = Partner.find_duplicates(vals)
        self.assertGreaterEqual(len(duplicates), 3)

    # ------------------------------------------------------------------
    # Keys kept current
    # ------------------------------------------------------------------
    def test_keys_follow_orm_write(self):
        self.client_lyon.write({"name": "Garage Martin Bellecour", "email": "Info@Martin.FR"})
        self.assertEqual(self.client_lyon.dup_name_key, "bellecour garage martin")
        self.assertIn("bellcour", self.client_lyon.dup_name_variants.split())
        self.assertEqual(self.client_lyon.dup_email_key, "info@martin.fr")
        self.assertEqual(self.find({"email": "info@martin.fr"})[0]["id"], self.client_lyon.id)

    def test_keys_follow_import(self):
        result = (
            self.env["res.partner"]
            .with_user(self.salesperson)
            .load(
                ["name", "email", "phone", "vat"],
                [["Imprimerie Vasseur SARL", "Compta@Vasseur.fr", "06 98 76 54 32", "FR 123"]],
            )
        )
        self.assertFalse(result["messages"])
        partner = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(
            (
                partner.dup_name_key,
                partner.dup_email_key,
                partner.dup_phone_key,
                partner.dup_vat_key,
            ),
            ("imprimerie vasseur", "compta@vasseur.fr", "+33698765432", "FR123"),
        )

    def test_install_batch_computes_keys_of_existing_partners(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET dup_name_key = NULL, dup_phone_key = NULL WHERE id = %s",
            [self.client_phone.id],
        )
        self.env["res.partner"]._semplio_init_duplicate_keys(batch_size=500)
        self.assertEqual(self.client_phone.dup_name_key, "lefevre menuiserie")
        self.assertEqual(self.client_phone.dup_phone_key, "+33142685300")
        self.assertEqual(self.client_phone.dup_mobile_key, "+33612345678")

    def test_key_indexes_exist(self):
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'res_partner' "
            "AND indexname LIKE 'res_partner_dup_%%'"
        )
        indexes = dict(self.env.cr.fetchall())
        self.assertIn("gin_trgm_ops", indexes["res_partner_dup_name_key_trgm_idx"])
        self.assertIn("gin", indexes["res_partner_dup_name_variants_idx"])
        for column in ("email", "phone", "mobile", "vat", "registry"):
            self.assertIn("btree", indexes[f"res_partner_dup_{column}_key_idx"])

    # ------------------------------------------------------------------
    # Form
    # ------------------------------------------------------------------
    def test_form_warns_while_typing_and_still_saves(self):
        form = Form(self.env["res.partner"].with_user(self.salesperson))
        self.assertFalse(form.duplicate_warning_html)
        form.name = "Boulangerie Dupond"
        self.assertIn(
            f'href="/odoo/res.partner/{self.client_paris.id}"', form.duplicate_warning_html
        )
        self.assertIn("Boulangerie Dupont", form.duplicate_warning_html)
        form.name = "Garage Martin"
        warning = str(form.duplicate_warning_html)
        self.assertIn(self.branch_lyon.display_name, warning)
        self.assertIn("administrator can transfer", warning)
        self.assertNotIn(f"/odoo/res.partner/{self.client_lyon.id}", warning)
        partner = form.save()
        self.assertEqual(partner.branch_id, self.branch_paris)

    def test_form_warning_escapes_names(self):
        self.client_paris.name = "Boulangerie <b>Dupont</b>"
        form = Form(self.env["res.partner"])
        form.name = "Boulangerie Dupont"
        self.assertIn("&lt;b&gt;", str(form.duplicate_warning_html))

    def test_existing_client_button_opens_accessible_duplicates(self):
        twin = self.env["res.partner"].create(
            {"name": "Boulangerie Dupont", "branch_id": self.branch_paris.id}
        )
        self.env["res.partner"].create(
            {"name": "Boulangerie Dupont", "branch_id": self.branch_lyon.id}
        )
        twin = twin.with_user(self.salesperson)
        self.assertEqual(twin.duplicate_count, 1)
        action = twin.action_view_duplicates()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(self.env["res.partner"].search(action["domain"]), self.client_paris)

    def test_button_explains_when_duplicates_are_only_in_other_branches(self):
        lonely = self.env["res.partner"].create(
            {"name": "Garage Martin", "branch_id": self.branch_paris.id}
        )
        action = lonely.with_user(self.salesperson).action_view_duplicates()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(self.branch_lyon.display_name, action["params"]["message"])


@tagged("post_install", "-at_install")
class TestDuplicatesRpc(HttpCase):
    """Keys kept current and find_duplicates usable through XML-RPC and JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.fr")
        cls.branch = cls.env["semplio.branch"].create({"name": "Nantes", "code": "NTE"})
        cls.other_branch = cls.env["semplio.branch"].create({"name": "Lille", "code": "LIL"})
        cls.user = new_test_user(
            cls.env,
            login="dup_rpc_user",
            groups="base.group_user,base.group_partner_manager,sales_team.group_sale_salesman",
        )
        cls.user.write({"branch_ids": [(6, 0, cls.branch.ids)], "branch_id": cls.branch.id})
        cls.hidden = cls.env["res.partner"].create(
            {"name": "Cave Rolland", "branch_id": cls.other_branch.id}
        )

    def execute(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.user.id, "dup_rpc_user", model, method, list(args), kwargs
        )

    def test_keys_follow_xmlrpc_create_and_write(self):
        pid = self.execute("res.partner", "create", {"name": "Fromagerie Bréhat", "phone": "0298"})
        self.execute("res.partner", "write", [pid], {"phone": "02 98 76 54 32", "email": "A@B.fr"})
        partner = self.env["res.partner"].browse(pid)
        self.assertEqual(partner.dup_name_key, "brehat fromagerie")
        self.assertEqual(partner.dup_phone_key, "+33298765432")
        self.assertEqual(partner.dup_email_key, "a@b.fr")

    def test_find_duplicates_over_xmlrpc_hides_other_branch(self):
        duplicates = self.execute("res.partner", "find_duplicates", {"name": "cave rolland"})
        self.assertEqual(
            [(dup["id"], dup["name"], dup["branch"]) for dup in duplicates],
            [(False, False, "[LIL] Lille")],
        )

    def test_keys_follow_jsonrpc_write(self):
        self.authenticate("dup_rpc_user", "dup_rpc_user")
        own = self.env["res.partner"].create(
            {"name": "Cidrerie Kervella", "branch_id": self.branch.id}
        )
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/res.partner/write",
            {
                "model": "res.partner",
                "method": "write",
                "args": [[own.id], {"vat": "FR 11 222 333 444"}],
                "kwargs": {},
            },
        )
        self.assertEqual(own.dup_vat_key, "FR11222333444")
