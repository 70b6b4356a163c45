/** @odoo-module **/
/**
 * The confirmation before deleting a client says it is irreversible, in the list
 * and in the form (started by semplio_clients/tests/test_deletion.py). The
 * deletion is cancelled each time: the test checks the client is still there.
 */

import { registry } from "@web/core/registry";

const CLIENT = "Tour Confiserie Irréversible";

function deleteFromActionMenu() {
    return [
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Choose Delete",
            trigger: ".o-dropdown--menu .o_menu_item:contains(/^\\s*Delete\\s*$/)",
            run: "click",
        },
        {
            content: "The confirmation says the deletion is irreversible",
            trigger: ".modal .modal-body:contains(irreversible):contains(archive it instead)",
        },
        {
            content: "Keep the client",
            trigger: ".modal .modal-footer button:contains(No, keep it)",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("semplio_clients_delete_confirmation_tour", {
    steps: () => [
        {
            content: "Search the client",
            trigger: ".o_searchview_input",
            run: `edit ${CLIENT}`,
        },
        {
            content: "Run the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Select the client, alone in the list once the search is done",
            trigger: `.o_data_row:only-child:has(td:contains(${CLIENT})) .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "The client is selected",
            trigger: ".o_data_row .o_list_record_selector input:checked",
        },
        ...deleteFromActionMenu(),
        {
            content: "Unselect the client",
            trigger: ".o_list_unselect_all",
            run: "click",
        },
        {
            content: "Nothing is selected any more",
            trigger: ".o_list_renderer:not(:has(.o_list_record_selector input:checked))",
        },
        {
            content: "Open the client",
            trigger: `.o_data_row td.o_data_cell:contains(${CLIENT})`,
            run: "click",
        },
        {
            content: "The form is open",
            trigger: `.o_form_view .o_field_widget[name=name]:contains(${CLIENT}), .o_form_view .o_field_widget[name=name] input`,
        },
        ...deleteFromActionMenu(),
    ],
});
