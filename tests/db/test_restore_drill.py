"""The restore drill: create, back up, corrupt the live file, open (recovery offered), restore, compare rows."""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from boardapp.db.backup import restore_database
from boardapp.db.backup_store import list_backups, make_backup
from boardapp.db.errors import CorruptWorkspaceError
from boardapp.db.opening import inspect_workspace


def row_hashes(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: hashlib.sha256(repr(sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)).encode())
                .hexdigest() for t in tables}


def _corrupt(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(4096 * 2, size, 4096 * 7):
            handle.seek(offset)
            handle.write(b"\x13" * 512)


def test_restore_drill(demo_path: Path) -> None:
    good = row_hashes(demo_path)
    record = make_backup(demo_path, "manual")
    assert record is not None and row_hashes(record.path) == good

    _corrupt(demo_path)
    with pytest.raises(CorruptWorkspaceError) as caught:
        inspect_workspace(demo_path)
    assert caught.value.newest_backup == record.path  # the recovery offered is the newest good backup
    assert "boardapp restore" in caught.value.cli_hint  # the CLI adds it; the window's text quotes no command

    kept = restore_database(demo_path, caught.value.newest_backup)
    assert kept is not None and "damaged" in kept.name  # the damaged file is kept aside, not offered
    assert inspect_workspace(demo_path, thorough=True).revision == record.revision
    assert row_hashes(demo_path) == good
    assert [r.path for r in list_backups(demo_path)] == [record.path]
