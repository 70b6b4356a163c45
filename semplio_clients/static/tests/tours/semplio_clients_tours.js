/** @odoo-module **/
/**
 * Client screens in a real browser (started by semplio_clients/tests/test_ui_tours.py).
 */

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

const CLIENT = "Tour Fromagerie Lefort";

/** Open the cog / "Actions" menu of the control panel and pick an item. */
function actionMenuItem(label) {
    return [
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: `Choose "${label}"`,
            trigger: `.o-dropdown--menu .o_menu_item:contains(/^\\s*${label}\\s*$/)`,
            run: "click",
        },
    ];
}

/**
 * A salesperson of the Paris branch creates a client (the branch is filled in
 * and read-only), finds it again by a fragment of its phone number typed with
 * spaces, archives it from the list and restores it from its form.
 */
tours.add("semplio_clients_salesperson_tour", {
    steps: () => [
        {
            content: "The client list is open",
            trigger: ".o_list_view .o_breadcrumb:contains(Clients)",
            // The first load of the web client may be slow on a busy machine.
            timeout: 30000,
        },
        {
            content: "Create a client",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the client's name",
            // A textarea, or an input when partner_autocomplete is installed.
            trigger:
                ".o_form_view .o_field_widget[name=name] textarea, .o_form_view .o_field_widget[name=name] input",
            run: `edit ${CLIENT}`,
        },
        {
            content: "The branch is the salesperson's and cannot be changed",
            trigger:
                ".o_form_view .o_field_widget[name=branch_id].o_readonly_modifier:contains(Paris)",
        },
        {
            content: "Type the phone number in international format",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run: "edit +33 6 47 28 19 53",
        },
        {
            content: "Type the city",
            trigger: ".o_form_view .o_field_widget[name=city] input",
            run: "edit Lille",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "The client is saved",
            trigger: `.o_form_view .o_breadcrumb .active:contains(${CLIENT})`,
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Clients)",
            run: "click",
        },
        {
            content: "Search a fragment of the phone number, typed with spaces",
            trigger: ".o_list_view .o_searchview_input",
            run: "edit 47 28 19",
        },
        {
            content: "Search in the phone numbers",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains(Phone)",
            run: "click",
        },
        {
            content: "The client is found, alone",
            trigger: `.o_list_view .o_data_row:only-child .o_data_cell[name=complete_name]:contains(${CLIENT})`,
        },
        {
            content: "Select it",
            trigger: `.o_data_row:contains(${CLIENT}) .o_list_record_selector input`,
            run: "click",
        },
        ...actionMenuItem("Archive"),
        {
            content: "Confirm the archiving",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The archived client left the list",
            trigger: `.o_list_view:not(:has(.o_data_row:contains(${CLIENT})))`,
        },
        {
            content: "Open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Show archived clients",
            trigger: ".o_filter_menu .o_menu_item:contains(Archived)",
            run: "click",
        },
        {
            content: "Open the archived client",
            trigger: `.o_data_row .o_data_cell[name=complete_name]:contains(${CLIENT})`,
            run: "click",
        },
        {
            content: "The form shows it archived",
            trigger: ".o_form_view .ribbon:contains(Archived)",
        },
        ...actionMenuItem("Unarchive"),
        {
            content: "The client is active again",
            trigger: `.o_form_view:not(:has(.ribbon)) .o_breadcrumb .active:contains(${CLIENT})`,
        },
        // The other way round: archive from the form, restore from the list.
        ...actionMenuItem("Archive"),
        {
            content: "Confirm the archiving",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The form shows it archived again",
            trigger: ".o_form_view .ribbon:contains(Archived)",
        },
        {
            content: "Back to the archived clients",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Clients)",
            run: "click",
        },
        {
            content: "Select the archived client",
            trigger: `.o_data_row:contains(${CLIENT}) .o_list_record_selector input`,
            run: "click",
        },
        ...actionMenuItem("Unarchive"),
        {
            content: "Restored: it left the archived clients",
            trigger: `.o_list_view:not(:has(.o_data_row:contains(${CLIENT})))`,
        },
    ],
});

/**
 * A branch administrator transfers a client of Lyon to Marseille from its form.
 */
tours.add("semplio_clients_admin_transfer_tour", {
    steps: () => [
        {
            content: "Search the client by name",
            trigger: ".o_list_view .o_searchview_input",
            timeout: 30000,
            run: "edit Tour Garage",
        },
        {
            content: "Search in the names",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains(Name)",
            run: "click",
        },
        {
            content: "Open the Lyon client",
            trigger: ".o_list_view .o_data_cell[name=complete_name]:contains(Tour Garage Lyonnais)",
            run: "click",
        },
        {
            content: "The branch is editable for an administrator",
            trigger: ".o_form_view .o_field_widget[name=branch_id] input",
            run: "edit Tour Marseille",
        },
        {
            content: "Pick Marseille",
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Tour Marseille)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_button_save:not(:visible)",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Clients)",
            run: "click",
        },
        {
            content: "The list shows the new branch",
            trigger:
                ".o_data_row:contains(Tour Garage Lyonnais) .o_data_cell[name=branch_id]:contains(Tour Marseille)",
        },
    ],
});

/**
 * A French-speaking salesperson sees the seed's vocabulary.
 */
tours.add("semplio_clients_french_tour", {
    steps: () => [
        {
            content: "The action is named Clients",
            trigger: ".o_list_view .o_breadcrumb:contains(Clients)",
            // The first load of the French web client may be slow on a busy machine.
            timeout: 30000,
        },
        {
            content: "The list has a Succursale column",
            trigger: ".o_list_view thead th[data-name=branch_id]:contains(Succursale)",
        },
        {
            content: "Open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "The filters speak French",
            trigger: ".o_filter_menu .o_menu_item:contains(Mes succursales)",
        },
        {
            content: "With sales",
            trigger: ".o_filter_menu .o_menu_item:contains(Avec ventes)",
        },
        {
            content: "Group by branch",
            trigger: ".o_group_by_menu .o_menu_item:contains(Succursale)",
            run: "click",
        },
        {
            content: "Grouped by branch",
            trigger: ".o_list_view .o_group_name:contains(Paris)",
        },
    ],
});
