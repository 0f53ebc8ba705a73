"""``boardapp backups`` and ``boardapp restore --from latest|FILE``; the backups taken before imports and bulk changes."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from boardapp.cli import main
from boardapp.db.backup_store import list_backups, make_backup


def test_backups_lists_what_the_app_made_as_json(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = make_backup(demo_path, "manual")
    second = make_backup(demo_path, "before-import")
    assert first and second
    assert main(["backups", "--db", str(demo_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["path"] for item in listed] == [str(second.path), str(first.path)]
    for item in listed:
        assert {"path", "created", "size", "actions", "checked", "sha256", "reason", "counts"} <= set(item)
        assert item["checked"] is True and item["actions"] == first.actions and item["size"] > 0


def test_backups_as_text_and_when_there_are_none(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backups", "--db", str(demo_path)]) == 0
    assert "no backups" in capsys.readouterr().out
    make_backup(demo_path, "manual")
    assert main(["backups", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "manual" in out and "actions" in out


def test_restore_latest_puts_back_the_newest_backup(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_backup(demo_path, "manual")
    with closing(sqlite3.connect(demo_path)) as connection:
        connection.execute("DELETE FROM actionupdate")
        connection.commit()
    assert main(["restore", "--db", str(demo_path), "--from", "latest"]) == 0
    assert "restored" in capsys.readouterr().out
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM actionupdate").fetchone()[0] > 0
    assert list_backups(demo_path)[0].reason == "before-restore"


def test_restore_latest_without_backups_is_one_clear_line(workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore", "--db", str(workspace_path), "--from", "latest"]) == 1
    err = capsys.readouterr().err
    assert "no checked backup" in err and len(err.strip().splitlines()) == 1


def test_an_import_is_preceded_by_a_backup(demo_path: Path, tmp_path: Path) -> None:
    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Ref,Action,Owner,Due date,BRAG\nX.1,Audit the front door,Pat Example,31/03/2025,Green\n")
    assert main(["import", "--db", str(demo_path), str(tracker), "--as", "Tester"]) == 0
    assert [r.reason for r in list_backups(demo_path)] == ["before-import"]


def test_a_bulk_change_is_preceded_by_a_backup(demo_path: Path) -> None:
    from boardapp.db.engine import make_engine, session_scope
    from boardapp.services.plan.commands import bulk_update_actions

    engine = make_engine(demo_path)
    try:
        with session_scope(engine) as session:
            ids = [r[0] for r in session.connection().exec_driver_sql(
                "SELECT id FROM action WHERE deleted_at IS NULL LIMIT 3")]
            bulk_update_actions(ids, {"brag": "RED"}, session=session, who="Tester")
    finally:
        engine.dispose()
    assert [r.reason for r in list_backups(demo_path)] == ["before-bulk-change"]
