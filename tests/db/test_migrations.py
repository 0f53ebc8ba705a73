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
                # By name, not position: a column added by a later migration sits at the end of its table.
                "columns": sorted(tuple(c[1:]) for c in conn.execute(f"PRAGMA table_info('{table}')")),
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
    assert stored_revision(workspace_path) == schema_version.head_revision() == "0002"


_ADD_PERSON_PHONE = '''
"""Person gets a phone number (batch: the person table is recreated)."""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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
    (location / "versions" / "0003_person_phone.py").write_text(_ADD_PERSON_PHONE, encoding="utf-8")
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", location)
    monkeypatch.setattr(schema_version, "HEAD_REVISION", "0003")
    return location


def _insert_meeting_with_attendance(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("INSERT INTO person (id, name, role, organisation, email, is_member, version) "
                 "VALUES (1, 'Alex Example', 'Chair', '', '', 1, 1)")
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

    assert stored_revision(workspace_path) == "0003"
    backups = list(backups_dir(workspace_path).glob("workspace.before-upgrade-0002-*.db"))
    assert len(backups) == 1
    assert verify_backup(backups[0]) == "0002"
    conn = sqlite3.connect(workspace_path)
    # Recreating the parent table must not cascade-delete the children.
    assert conn.execute("SELECT person_id, code FROM attendance").fetchall() == [(1, "Y")]
    assert conn.execute("SELECT name, phone FROM person").fetchall() == [("Alex Example", "")]
    assert conn.execute("SELECT chair_id FROM meeting").fetchall() == [(1,)]
    conn.close()


def test_a_failed_upgrade_leaves_the_file_as_it_was(
    workspace_path: Path, app_with_a_second_migration: Path
) -> None:
    broken = app_with_a_second_migration / "versions" / "0003_person_phone.py"
    # The table is recreated with the new column, then the script fails.
    failing = _ADD_PERSON_PHONE.replace(
        "\n\n\ndef downgrade", '\n    op.execute("SELECT no_such_function()")\n\n\ndef downgrade'
    )
    broken.write_text(failing, encoding="utf-8")
    _insert_meeting_with_attendance(workspace_path)

    from boardapp.db.workspace import WorkspaceError

    with pytest.raises(WorkspaceError, match=r"upgrading .* failed .*before-upgrade-0002"):
        open_workspace(workspace_path)
    assert stored_revision(workspace_path) == "0002"
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

    assert script.parent == location / "versions" and script.name == "0003_nothing_changed.py"
    body = script.read_text(encoding="utf-8")
    assert "down_revision: str | None = '0002'" in body
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


def _at_revision(path: Path, revision: str) -> None:
    """A workspace file migrated to ``revision`` only (to test the next migration's data carry-over)."""
    from alembic import command

    engine = migrate.migration_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(migrate.alembic_config(connection), revision)
    finally:
        engine.dispose()


def test_0002_carries_the_old_data_into_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _at_revision(path, "0001")
    conn = sqlite3.connect(path)
    conn.executescript("""
        INSERT INTO person (id, name, role, organisation, email, version) VALUES
            (1, 'Chair Person', 'Independent Chair', '', '', 1), (2, 'Owner Only', 'Head of Service', '', '', 1);
        INSERT INTO board (id, name, council, chair_id, default_marking, version) VALUES
            (1, 'Board', 'Council', 1, 'OFFICIAL', 1);
        INSERT INTO kpi (id, code, title, unit, polarity, target, amber_tolerance, red_tolerance,
                         statistical_neighbours, england, version) VALUES
            (1, 'K02', 'Re-referrals', '%', 'LOWER_IS_BETTER', 20, 1, 4, 21.5, 22.4, 1),
            (2, 'K01', 'Screened in a day', '%', 'HIGHER_IS_BETTER', 95, 2, 8, NULL, NULL, 1);
        INSERT INTO risk (id, ref, title, description, likelihood, impact, mitigation, owner_id, status,
                          updated_at, version) VALUES (1, 'R01', 'Workforce', '', 4, 5, 'Recruit', 2, 'OPEN',
                          '2024-09-01 09:00:00', 1);
        INSERT INTO inspection (id, kind, number, start_date, end_date, focus_area, status, published_date,
                                summary, version) VALUES
            (1, 'MONITORING_VISIT', 5, '2024-07-30', '2024-07-31', 'Front door', 'COMPLETED', '2024-09-02', '', 1),
            (2, 'MONITORING_VISIT', 6, '2024-11-12', '2024-11-13', 'Children in care', 'PLANNED', NULL, '', 1);
        INSERT INTO meeting (id, title, meeting_date, place, status, version) VALUES
            (1, 'Improvement Board', '2024-08-20', 'Room 1', 'HELD', 1);
        INSERT INTO attendance (meeting_id, person_id, code, deputy_name) VALUES (1, 1, 'Y', '');
        INSERT INTO agendaitem (id, meeting_id, item_order, title, minutes, paper_path, version) VALUES
            (1, 1, 1, 'Welcome', 'The chair welcomed members.', '', 1), (2, 1, 2, 'Action log', '', '', 1);
        INSERT INTO decision (id, meeting_id, text, version) VALUES (7, 1, 'Agreed A', 1), (9, 1, 'Agreed B', 1);
        INSERT INTO action (id, ref, title, description, how, due_date, status, brag, progress, success_measure,
                            evidence_of_impact, created_at, updated_at, version) VALUES
            (1, 'T1.1', 'Recruit', '', '', '2024-12-31', 'IN_PROGRESS', 'AMBER', 40, '', '',
             '2024-01-01 09:00:00', '2024-01-01 09:00:00', 1);
        INSERT INTO auditentry (at, who, entity, entity_id, field, old, new) VALUES
            ('2024-01-01 09:00:00', 'sec', 'action', 1, 'created', NULL, 'T1.1');
    """)
    conn.commit()
    conn.close()

    open_workspace(path).dispose()  # upgrades to head behind a backup

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT code, floor, frequency FROM kpi ORDER BY code").fetchall() == [
            ("K01", 87.0, "MONTHLY"), ("K02", 24.0, "MONTHLY")]  # the old red lines, both polarities
        assert conn.execute("SELECT kpi_id, england, neighbours FROM comparator").fetchall() == [(1, 22.4, 21.5)]
        assert conn.execute("SELECT inherent_likelihood, inherent_impact, residual_likelihood, residual_impact "
                            "FROM risk").fetchall() == [(4, 5, 4, 5)]
        assert conn.execute("SELECT number, status, letter_published FROM inspection ORDER BY number").fetchall() == [
            (5, "COMPLETED", 1), (6, "EXPECTED", 0)]
        assert conn.execute("SELECT notes, purpose FROM agendaitem ORDER BY id").fetchall() == [
            ("The chair welcomed members.", "DISCUSSION"), ("", "DISCUSSION")]
        assert conn.execute("SELECT id, number FROM decision ORDER BY id").fetchall() == [(7, 1), (9, 2)]
        assert conn.execute("SELECT name, is_member FROM person ORDER BY id").fetchall() == [
            ("Chair Person", 1), ("Owner Only", 0)]
        assert conn.execute("SELECT meeting_frequency, la_code FROM board").fetchall() == [("MONTHLY", "")]
        assert conn.execute("SELECT entity_ref FROM auditentry").fetchall() == [("T1.1",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
