/** @odoo-module **/
/**
 * Deleting a client cannot be undone (its cancelled documents may go with it once
 * the legal retention period is over): the confirmation of the list and form views
 * says so, and points to archiving, which can be undone.
 */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { FormController } from "@web/views/form/form_controller";
import { ListController } from "@web/views/list/list_controller";

export function clientDeleteConfirmationBody() {
    return _t(
        "Deleting a client is irreversible: it cannot be restored afterwards. To hide a client while keeping its history, archive it instead. Do you really want to delete it?"
    );
}

function withIrreversibleWarning(controller, props) {
    if (controller.props.resModel !== "res.partner") {
        return props;
    }
    return { ...props, body: clientDeleteConfirmationBody() };
}

patch(ListController.prototype, {
    get deleteConfirmationDialogProps() {
        return withIrreversibleWarning(this, super.deleteConfirmationDialogProps);
    },
});

patch(FormController.prototype, {
    get deleteConfirmationDialogProps() {
        return withIrreversibleWarning(this, super.deleteConfirmationDialogProps);
    },
});
