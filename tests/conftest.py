"""Make ``semplio_clients.tools`` importable by the repository-level tests.

``semplio_clients/__init__.py`` imports the Odoo models, which only load as
``odoo.addons.semplio_clients`` inside a registry. The ORM-free tools do not
need that, so a bare package object pointing at the addon directory is
registered under ``semplio_clients``: ``from semplio_clients.tools import
matching`` then loads the tools alone, in plain pytest and in the pytest-odoo
session of ``make test`` alike.
"""

import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if "semplio_clients" not in sys.modules:
    _package = types.ModuleType("semplio_clients")
    _package.__path__ = [str(ROOT / "semplio_clients")]
    _package.__file__ = str(ROOT / "semplio_clients" / "__init__.py")
    sys.modules["semplio_clients"] = _package


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Load the Odoo registry only when pytest runs with an Odoo database.

    Overrides pytest-odoo's fixture of the same name for the repository-level
    tests: in a plain ``pytest tests/`` run there is no database, and the ORM-free
    tests need none; inside ``make test`` the registry is loaded as pytest-odoo
    would, so repository-level tests that need Odoo still get it.
    """
    import odoo  # noqa: PLC0415  (pytest-odoo imports it already; only needed here)

    if not odoo.tools.config["db_name"]:
        yield
        return
    import pytest_odoo  # noqa: PLC0415

    with pytest_odoo._worker_db_name() as db_name:
        odoo.modules.registry.Registry(db_name)
        yield
