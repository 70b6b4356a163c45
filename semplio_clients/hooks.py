def post_init_hook(env):
    """Compute what the module stores for partners that existed before it."""
    partner_model = env["res.partner"]
    if hasattr(partner_model, "_semplio_init_duplicate_keys"):
        partner_model._semplio_init_duplicate_keys()
