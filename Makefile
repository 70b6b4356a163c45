# semplio_clients: `make run` serves Odoo with the module and its demo data,
# `make test` runs the whole suite against a throwaway database.
# Settings: ODOO_SRC, DB, HTTP_PORT, PG* (see README.md).
SHELL := /bin/bash
export ODOO_SRC DB HTTP_PORT TESTS DB_TEST KEEP_DB

.PHONY: run test setup lint bench pot

run:
	@scripts/run.sh

test:
	@scripts/test.sh

setup:
	@scripts/bootstrap.sh >/dev/null

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/pylint --rcfile=.pylintrc semplio_clients

pot:
	@scripts/export_pot.sh
