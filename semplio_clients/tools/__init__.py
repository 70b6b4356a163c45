"""ORM-free helpers of semplio_clients (no ``odoo`` import), testable alone."""

from . import matching
