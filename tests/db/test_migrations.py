"""The migrations produce exactly the schema of models.py, and an upgrade keeps the data."""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from boardapp.db import migrate, schema_version
from boardapp.db.backup import backups_dir, stored_revision, verify_backup
from boardapp.db.workspace import open_workspace

def _schema(path: Path) -> dict[str, object]:
    """Every table's columns, keys, indexes and CHECKs as SQLite itself reports them."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name <> 'alembic_version' ORDER BY name"
            )
        ]
        schema: dict[str, object] = {}
        for table in tables:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
            checks = sorted(
                (name, " ".join(body.split())) for name, body in re.findall(r"CONSTRAINT (\w+) CHECK \((.+)\)", sql)
            )
            indexes = sorted(
                (
                    name if not name.startswith("sqlite_autoindex") else "auto",
                    unique,
                    origin,
                    tuple(c[2] for c in conn.execute(f"PRAGMA index_info('{name}')")),
                )
                for _, name, unique, origin, _partial in conn.execute(f"PRAGMA index_list('{table}')")
            )
            schema[table] = {
                "columns": [tuple(c) for c in conn.execute(f"PRAGMA table_info('{table}')")],
                "foreign_keys": sorted(
                    (fk[2], fk[3], fk[4], fk[5], fk[6]) for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')")
                ),
                "indexes": indexes,
                "checks": checks,
            }
        schema["__objects__"] = sorted(
            conn.execute(
                "SELECT type, name, tbl_name FROM sqlite_master "
                "WHERE name <> 'alembic_version' AND name NOT LIKE 'sqlite_autoindex_alembic%'"
            ).fetchall()
        )
        return schema
    finally:
        conn.close()


def test_migrated_schema_matches_the_models_exactly(workspace_path: Path, tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{workspace_path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()

    from_models = tmp_path / "from_models.db"
    models_engine = create_engine(f"sqlite:///{from_models}")
    SQLModel.metadata.create_all(models_engine)
    models_engine.dispose()

    migrated, expected = _schema(workspace_path), _schema(from_models)
    assert migrated.keys() == expected.keys()
    for table in expected:
        assert migrated[table] == expected[table], table
    # The CHECKs really are there (compare_metadata cannot see them).
    action = expected["action"]
    assert isinstance(action, dict)
    assert ("action_progress", "progress BETWEEN 0 AND 100") in action["checks"]


def test_a_new_workspace_is_stamped_with_this_apps_head(workspace_path: Path) -> None:
    assert stored_revision(workspace_path) == schema_version.head_revision() == "0001"


_ADD_PERSON_PHONE = '''
"""Person gets a phone number (batch: the person table is recreated)."""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("phone")
'''


@pytest.fixture
def app_with_a_second_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This app's scripts plus a 0002 that recreates ``person`` (the parent of many tables)."""
    location = tmp_path / "scripts"
    shutil.copytree(migrate.SCRIPT_LOCATION, location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "0002_person_phone.py").write_text(_ADD_PERSON_PHONE, encoding="utf-8")
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", location)
    monkeypatch.setattr(schema_version, "HEAD_REVISION", "0002")
    return location


def _insert_meeting_with_attendance(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("INSERT INTO person (id, name, role, organisation, email, version) VALUES (1, 'Alex Example', 'Chair', '', '', 1)")
    conn.execute(
        "INSERT INTO meeting (id, title, meeting_date, place, status, chair_id, version) "
        "VALUES (1, 'Improvement Board', '2026-12-01', 'Room 1', 'PLANNED', 1, 1)"
    )
    conn.execute("INSERT INTO attendance (meeting_id, person_id, code, deputy_name) VALUES (1, 1, 'Y', '')")
    conn.commit()
    conn.close()


def test_an_upgrade_takes_a_verified_backup_and_keeps_every_row(
    workspace_path: Path, app_with_a_second_migration: Path
) -> None:
    _insert_meeting_with_attendance(workspace_path)

    open_workspace(workspace_path).dispose()

    assert stored_revision(workspace_path) == "0002"
    backups = list(backups_dir(workspace_path).glob("workspace.before-upgrade-0001-*.db"))
    assert len(backups) == 1
    assert verify_backup(backups[0]) == "0001"
    conn = sqlite3.connect(workspace_path)
    # Recreating the parent table must not cascade-delete the children.
    assert conn.execute("SELECT person_id, code FROM attendance").fetchall() == [(1, "Y")]
    assert conn.execute("SELECT name, phone FROM person").fetchall() == [("Alex Example", "")]
    assert conn.execute("SELECT chair_id FROM meeting").fetchall() == [(1,)]
    conn.close()


def test_a_failed_upgrade_leaves_the_file_as_it_was(
    workspace_path: Path, app_with_a_second_migration: Path
) -> None:
    broken = app_with_a_second_migration / "versions" / "0002_person_phone.py"
    # The table is recreated with the new column, then the script fails.
    failing = _ADD_PERSON_PHONE.replace(
        "\n\n\ndef downgrade", '\n    op.execute("SELECT no_such_function()")\n\n\ndef downgrade'
    )
    broken.write_text(failing, encoding="utf-8")
    _insert_meeting_with_attendance(workspace_path)

    from boardapp.db.workspace import WorkspaceError

    with pytest.raises(WorkspaceError, match=r"upgrading .* failed .*before-upgrade-0001"):
        open_workspace(workspace_path)
    assert stored_revision(workspace_path) == "0001"
    conn = sqlite3.connect(workspace_path)
    columns = [c[1] for c in conn.execute("PRAGMA table_info('person')")]
    conn.close()
    assert "phone" not in columns


def test_a_new_revision_is_autogenerated_empty_when_models_and_migrations_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = tmp_path / "scripts"
    shutil.copytree(migrate.SCRIPT_LOCATION, location, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", location)

    script = migrate.make_revision("nothing changed")

    assert script.parent == location / "versions" and script.name == "0002_nothing_changed.py"
    body = script.read_text(encoding="utf-8")
    assert "down_revision: str | None = '0001'" in body
    assert "op." not in body.replace("from alembic import op", "")


def test_head_revision_constant_matches_the_scripts() -> None:
    """Opening an up-to-date file trusts HEAD_REVISION instead of importing Alembic."""
    from boardapp.db.migrate import scripts_head_revision
    from boardapp.db.schema_version import HEAD_REVISION

    assert HEAD_REVISION == scripts_head_revision()


def test_opening_an_up_to_date_workspace_does_not_import_alembic(workspace_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from boardapp.db.workspace import open_workspace; "
        f"open_workspace({str(workspace_path)!r}).dispose(); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
