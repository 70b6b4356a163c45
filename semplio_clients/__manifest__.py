{
    "name": "Semplio Clients",
    "summary": "Clients attached to branches: visibility, transfers, sales history, "
    "safe deletion and duplicate detection",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/semplio/semplio_clients",
    "author": "Semplio",
    "license": "LGPL-3",
    "depends": ["contacts", "sale", "sale_management"],
    "external_dependencies": {"python": ["rapidfuzz", "phonenumbers"]},
    "data": [
        "security/semplio_clients_groups.xml",
        "security/ir.model.access.csv",
        "security/semplio_clients_rules.xml",
        "views/semplio_branch_views.xml",
        "views/res_users_views.xml",
        "views/res_partner_views.xml",
        "views/res_partner_history_views.xml",
        "views/res_partner_duplicate_views.xml",
        "views/res_config_settings_views.xml",
        "views/base_partner_merge_views.xml",
        "views/sale_order_views.xml",
        "wizards/semplio_branch_transfer_views.xml",
        "views/semplio_clients_menus.xml",
    ],
    "demo": [
        "demo/semplio_clients_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "semplio_clients/static/src/**/*",
        ],
        "web.assets_tests": [
            "semplio_clients/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
}
