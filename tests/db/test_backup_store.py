"""The backup store: checked backups in the user data folder, listed in a manifest, thinned, never a bad one kept."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from boardapp.db import backup_store
from boardapp.db.backup import newest_backup, restore_database
from boardapp.db.backup_store import (
    MANIFEST, list_backups, make_backup, newest_good_backup, preview_backup, rejected_backups, store_dir,
)
from boardapp.db.errors import BackupError


def _actions(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM action WHERE deleted_at IS NULL").fetchone()[0])


def test_a_backup_is_checked_listed_and_lives_in_the_user_data_folder(
    demo_path: Path, _private_data_folder: Path
) -> None:
    record = make_backup(demo_path, "manual")
    assert record is not None
    assert record.path.parent == store_dir(demo_path)
    assert record.path.is_relative_to(_private_data_folder)
    assert record.path.parent.name.startswith("demo-")
    assert record.path.name.startswith("demo.manual-")
    assert record.checked and record.size == record.path.stat().st_size
    assert record.sha256 == hashlib.sha256(record.path.read_bytes()).hexdigest()
    assert record.counts["actions"] == _actions(demo_path) > 0
    assert record.counts["people"] > 0 and record.counts["changes"] >= 0
    manifest = json.loads((record.path.parent / MANIFEST).read_text())
    assert manifest["workspace"] == str(demo_path.absolute())
    assert [e["file"] for e in manifest["backups"]] == [record.path.name]
    assert list_backups(demo_path) == [record]
    assert newest_good_backup(demo_path) == record.path == newest_backup(demo_path)


def test_two_workspaces_of_the_same_name_keep_their_backups_apart(tmp_path: Path, demo_path: Path) -> None:
    other = tmp_path / "elsewhere" / "demo.db"
    other.parent.mkdir()
    with closing(sqlite3.connect(demo_path)) as src, closing(sqlite3.connect(other)) as dst:
        src.backup(dst)
    assert store_dir(other) != store_dir(demo_path)
    make_backup(other, "manual")
    assert list_backups(demo_path) == []


def test_a_backup_failing_its_check_is_removed_and_reported(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_copy = backup_store._copy

    def damaging_copy(source: Path, target: Path, progress: object) -> None:
        real_copy(source, target, None)  # type: ignore[arg-type]
        with target.open("r+b") as handle:  # scribble over the pages after the first few
            handle.seek(8 * 4096)
            handle.write(b"\xff" * 4096 * 4)

    monkeypatch.setattr(backup_store, "_copy", damaging_copy)
    with pytest.raises(BackupError, match="failed its check"):
        make_backup(demo_path, "automatic")
    folder = store_dir(demo_path)
    assert [p.name for p in folder.iterdir() if p.suffix in (".db", ".partial")] == []
    assert list_backups(demo_path) == [] and newest_good_backup(demo_path) is None
    assert rejected_backups(demo_path)[-1]["reason"] == "automatic"


def test_nothing_changed_means_no_new_backup(demo_path: Path) -> None:
    first = make_backup(demo_path, "automatic", skip_if_unchanged=True)
    assert first is not None
    assert make_backup(demo_path, "automatic", skip_if_unchanged=True) is None
    with closing(sqlite3.connect(demo_path)) as connection:
        connection.execute("INSERT INTO auditentry (at, who, entity, entity_id, entity_ref, field) "
                           "VALUES ('2024-09-11 10:00:00', 'Test', 'action', 1, 'A1', 'title')")
        connection.commit()
    assert make_backup(demo_path, "automatic", skip_if_unchanged=True) is not None
    assert len(list_backups(demo_path)) == 2


def test_a_listed_backup_whose_file_was_changed_is_not_offered(demo_path: Path) -> None:
    older = make_backup(demo_path, "manual")
    newer = make_backup(demo_path, "manual")
    assert older and newer
    with newer.path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"tampered")
    assert newest_good_backup(demo_path) == older.path


def test_every_backup_thins_the_folder_within_the_budget(demo_path: Path) -> None:
    size = demo_path.stat().st_size
    for _ in range(5):
        make_backup(demo_path, "automatic", budget=size * 3)
    kept = list_backups(demo_path)
    assert len(kept) == 3  # the newest three stay whatever the budget
    assert sorted(p.name for p in store_dir(demo_path).glob("*.db")) == sorted(r.path.name for r in kept)


def test_a_crashed_backup_leaves_nothing_that_looks_good(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(source: Path, target: Path, progress: object) -> None:
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_store, "_copy", crash)
    with pytest.raises(KeyboardInterrupt):
        make_backup(demo_path, "automatic")
    assert list_backups(demo_path) == [] and not list(store_dir(demo_path).glob("*.partial"))


def test_the_preview_reads_counts_and_latest_changes_without_writing(demo_path: Path) -> None:
    record = make_backup(demo_path, "manual")
    assert record is not None
    before = record.path.read_bytes()
    preview = preview_backup(record.path, latest=5)
    assert preview.counts == record.counts
    assert preview.board_name
    assert len(preview.latest) <= 5
    assert record.path.read_bytes() == before


def test_restore_backs_up_the_current_state_into_the_store_first(demo_path: Path) -> None:
    record = make_backup(demo_path, "manual")
    assert record is not None
    with closing(sqlite3.connect(demo_path)) as connection:
        connection.execute("UPDATE action SET title = 'changed after the backup'")
        connection.commit()
    kept = restore_database(demo_path, record.path)
    assert kept is not None and kept.parent == store_dir(demo_path)
    assert [r.reason for r in list_backups(demo_path)][0] == "before-restore"
    with closing(sqlite3.connect(kept)) as connection:
        assert connection.execute("SELECT DISTINCT title FROM action").fetchall() == [("changed after the backup",)]


def test_thinning_uses_the_day_it_is_told(demo_path: Path) -> None:
    from datetime import timedelta

    for _ in range(5):
        make_backup(demo_path, "automatic")
    # Seen from a month later, today's five are one old day's: the newest of the day stays, and the
    # newest three always stay.
    backup_store.prune(demo_path, today=date.today() + timedelta(days=30))
    assert len(list_backups(demo_path)) == 3
