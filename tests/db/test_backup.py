"""Backup and restore through the SQLite backup API: every row comes back, nothing is lost on the way."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from boardapp.db.backup import (
    backup_database,
    backups_dir,
    legacy_backups_dir,
    newest_backup,
    restore_database,
    stored_revision,
    verify_backup,
)
from boardapp.db import schema_version
from boardapp.db.errors import BackupError, NewerSchemaError, NotAWorkspaceError, WorkspaceError
from boardapp.db.models import Action, ActionUpdate, Meeting, MeetingAttendance, Person, Theme
from boardapp.db.workspace import open_workspace


def table_hashes(path: Path) -> dict[str, str]:
    """One hash per table over all its rows (in a stable order)."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        hashes = {}
        for table in tables:
            rows = sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            hashes[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return hashes
    finally:
        conn.close()


def _add_board_content(engine: Engine, *, actions: int = 30) -> None:
    with Session(engine) as session:
        chair = Person(name="Pat Fictional", role="Independent chair")
        theme = Theme(code="T1", title="The Front Door")
        session.add_all([chair, theme])
        session.flush()
        for n in range(1, actions + 1):
            action = Action(
                ref=f"T1.{n}", title=f"Screen contacts within one working day ({n})", theme_id=theme.id,
                owner_id=chair.id, due_date=date(2026, 3, 31), progress=n % 100, brag="AMBER",
                status="IN_PROGRESS",
            )
            session.add(action)
            session.flush()
            session.add(ActionUpdate(action_id=action.id, update_date=date(2026, 1, 5), brag="AMBER",
                                     progress=n % 100, narrative="Audit of 40 contacts completed"))
        meeting = Meeting(meeting_date=date(2026, 12, 1), place="Civic Centre", chair_id=chair.id)
        session.add(meeting)
        session.flush()
        session.add(MeetingAttendance(meeting_id=meeting.id, person_id=chair.id, code="Y"))
        session.commit()


@pytest.fixture
def filled_workspace(workspace_path: Path) -> Path:
    engine = open_workspace(workspace_path)
    _add_board_content(engine)
    engine.dispose()
    return workspace_path


def test_backup_then_restore_brings_back_every_row(filled_workspace: Path, tmp_path: Path) -> None:
    original = table_hashes(filled_workspace)
    out = backup_database(filled_workspace, tmp_path / "saved" / "board-backup.db")
    assert table_hashes(out) == original
    assert verify_backup(out) == schema_version.head_revision()

    engine = open_workspace(filled_workspace)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM action WHERE ref LIKE 'T1.1%'"))
        connection.execute(text("UPDATE person SET name = 'Changed after the backup'"))
    engine.dispose()
    changed = table_hashes(filled_workspace)
    assert changed != original

    kept = restore_database(filled_workspace, out)

    assert table_hashes(filled_workspace) == original
    assert kept is not None and kept.parent == backups_dir(filled_workspace)
    assert kept.name.startswith("workspace.before-restore-")
    assert table_hashes(kept) == changed
    open_workspace(filled_workspace).dispose()  # and it still passes every check on open


def test_a_restore_is_seen_by_an_engine_that_stays_open(filled_workspace: Path, tmp_path: Path) -> None:
    out = backup_database(filled_workspace, tmp_path / "b.db")
    engine = open_workspace(filled_workspace)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM actionupdate"))
        restore_database(filled_workspace, out)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM actionupdate")).scalar() == 30
    finally:
        engine.dispose()


def test_a_backup_is_one_self_contained_file(filled_workspace: Path, tmp_path: Path) -> None:
    engine = open_workspace(filled_workspace)  # open: the workspace has a live -wal beside it
    try:
        out = backup_database(filled_workspace, tmp_path / "b.db")
    finally:
        engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("b.db")) == ["b.db"]
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_backup_reports_its_progress(filled_workspace: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    backup_database(filled_workspace, tmp_path / "b.db", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_a_backup_is_refused_when_the_source_is_not_a_workspace(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    text_file = tmp_path / "notes.db"
    text_file.write_text("agenda: item 1\n" * 100)

    with pytest.raises(NotAWorkspaceError, match="no boardapp schema version; nothing was backed up"):
        backup_database(other, tmp_path / "out1.db")
    with pytest.raises(NotAWorkspaceError, match="not an SQLite database file"):
        backup_database(text_file, tmp_path / "out2.db")
    assert not (tmp_path / "out1.db").exists() and not (tmp_path / "out2.db").exists()


def test_a_backup_never_overwrites_a_file(filled_workspace: Path, tmp_path: Path) -> None:
    existing = tmp_path / "precious.db"
    existing.write_bytes(b"keep me")
    with pytest.raises(WorkspaceError, match="already exists"):
        backup_database(filled_workspace, existing)
    assert existing.read_bytes() == b"keep me"


def test_a_restore_from_something_that_is_not_a_backup_touches_nothing(
    filled_workspace: Path, tmp_path: Path
) -> None:
    before = table_hashes(filled_workspace)
    half = tmp_path / "half.db"
    half.write_bytes(filled_workspace.read_bytes()[: filled_workspace.stat().st_size // 2])

    with pytest.raises(BackupError, match="does not exist"):
        restore_database(filled_workspace, tmp_path / "missing.db")
    with pytest.raises(BackupError, match="not a usable backup"):
        restore_database(filled_workspace, half)

    assert table_hashes(filled_workspace) == before
    assert not backups_dir(filled_workspace).exists()


def test_a_backup_from_a_newer_app_is_not_restored(filled_workspace: Path, tmp_path: Path) -> None:
    out = backup_database(filled_workspace, tmp_path / "b.db")
    conn = sqlite3.connect(out)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError, match="0099"):
        restore_database(filled_workspace, out)


def test_a_damaged_workspace_is_moved_aside_and_replaced(filled_workspace: Path, tmp_path: Path) -> None:
    good = table_hashes(filled_workspace)
    out = backup_database(filled_workspace, tmp_path / "b.db")
    os.truncate(filled_workspace, filled_workspace.stat().st_size // 2)

    kept = restore_database(filled_workspace, out)

    assert kept is not None and ".damaged-" in kept.name
    assert table_hashes(filled_workspace) == good
    assert newest_backup(filled_workspace) != kept  # a damaged file is never offered


def test_restoring_to_a_new_place_keeps_nothing(filled_workspace: Path, tmp_path: Path) -> None:
    out = backup_database(filled_workspace, tmp_path / "b.db")
    target = tmp_path / "new-laptop" / "workspace.db"
    assert restore_database(target, out) is None
    assert stored_revision(target) == schema_version.head_revision()


def test_newest_backup_falls_back_to_the_folder_beside_the_workspace(filled_workspace: Path) -> None:
    folder = legacy_backups_dir(filled_workspace)  # where boardapp kept backups before the store
    assert newest_backup(filled_workspace) is None
    first = backup_database(filled_workspace, folder / "workspace.manual-20260101-090000.db")
    second = backup_database(filled_workspace, folder / "workspace.manual-20260102-090000.db")
    backup_database(filled_workspace, folder / "other.manual-20260103-090000.db")
    os.utime(first, (1_700_000_000, 1_700_000_000))
    os.utime(second, (1_700_000_100, 1_700_000_100))
    assert newest_backup(filled_workspace) == second
