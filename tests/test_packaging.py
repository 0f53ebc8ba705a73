"""What an installed boardapp (wheel or PyInstaller bundle) needs is declared."""
from __future__ import annotations

import tomllib
from pathlib import Path

from boardapp.db import migrate

ROOT = Path(__file__).resolve().parents[1]


def _declared_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_in_the_source_tree_is_installed() -> None:
    """A sub-package missing from pyproject's list works in a dev checkout and vanishes when installed."""
    source = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts)
        for init in (source / "boardapp").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - _declared_packages() == set()


def test_the_migration_scripts_ship_with_the_package() -> None:
    location = migrate.SCRIPT_LOCATION
    assert (location / "env.py").is_file()
    assert (location / "script.py.mako").is_file()
    assert sorted(p.name for p in (location / "versions").glob("0*.py"))[0] == "0001_initial.py"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.mako" in config["tool"]["setuptools"]["package-data"]["boardapp.db.alembic"]


def test_the_installer_spec_bundles_the_migrations_and_both_programs() -> None:
    spec = (ROOT / "build_installer.spec").read_text(encoding="utf-8")
    compile(spec, "build_installer.spec", "exec")
    assert '"boardapp/db/alembic/versions"' in spec
    assert 'name="boardapp"' in spec and 'name="boardapp-cli"' in spec
