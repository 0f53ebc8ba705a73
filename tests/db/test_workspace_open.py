"""Opening a workspace: what a user sees for missing, damaged, newer and network files."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path, PurePosixPath

import pytest
from sqlalchemy import Engine

from boardapp import __version__
from boardapp.db import filesystem, opening, workspace
from boardapp.db.backup import automatic_backup
from boardapp.db.workspace import (
    CorruptWorkspaceError,
    MissingWorkspaceError,
    NetworkShareError,
    NewerSchemaError,
    NotAWorkspaceError,
    WorkspaceError,
    fs_type_from_mount_output,
    fs_type_from_mountinfo,
    inspect_workspace,
    open_workspace,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(path: Path, rows: int = 400) -> None:
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO person (name, role, organisation, email, is_member, version) "
        "VALUES (?, 'Officer', 'Council', '', 0, 1)",
        [(f"Person {i} " + "x" * 150,) for i in range(rows)],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_a_missing_file_is_refused_unless_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "board.db"
    with pytest.raises(MissingWorkspaceError, match="does not exist"):
        open_workspace(path)
    assert not path.exists()

    engine = open_workspace(path, create=True)
    engine.dispose()
    assert path.is_file()


def test_an_opened_workspace_uses_wal_full_sync_and_foreign_keys(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_file_that_is_not_a_database_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "minutes.db"
    path.write_bytes(b"%PDF-1.7 these are the minutes, not a workspace\n" * 50)
    with pytest.raises(NotAWorkspaceError, match="not an SQLite database file"):
        open_workspace(path)
    assert isinstance(NotAWorkspaceError(path, "x"), CorruptWorkspaceError)


def test_garbage_inside_a_workspace_is_reported_with_the_newest_backup(workspace_path: Path) -> None:
    _fill(workspace_path)
    backup = automatic_backup(workspace_path, "manual")
    with workspace_path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(bytes(range(256)) * 64)

    with pytest.raises(CorruptWorkspaceError) as caught:
        open_workspace(workspace_path)

    assert caught.value.newest_backup == backup
    message = str(caught.value)
    assert "is damaged" in message and str(backup) in message and "restore it" in message
    assert "boardapp " not in message  # the window shows it too: no command-line syntax there
    assert caught.value.cli_hint == f"boardapp restore --db {workspace_path} --from {backup}"


def test_a_truncated_workspace_is_reported_even_without_a_backup(workspace_path: Path) -> None:
    _fill(workspace_path)
    os.truncate(workspace_path, workspace_path.stat().st_size // 2)

    with pytest.raises(CorruptWorkspaceError, match="No backup of it was found") as caught:
        open_workspace(workspace_path)
    assert caught.value.newest_backup is None


def test_a_workspace_from_a_newer_app_is_refused_and_left_untouched(workspace_path: Path) -> None:
    conn = sqlite3.connect(workspace_path)
    conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(workspace_path)

    with pytest.raises(NewerSchemaError) as caught:
        open_workspace(workspace_path)

    message = str(caught.value)
    assert "0042" in message and "0002" in message and __version__ in message
    assert "newer boardapp" in message
    assert _digest(workspace_path) == before


def test_an_sqlite_file_from_another_program_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(NotAWorkspaceError, match="no boardapp schema version"):
        open_workspace(path)


def test_an_empty_file_is_refused_not_made_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(NotAWorkspaceError, match="empty"):
        open_workspace(path)
    assert path.stat().st_size == 0


def test_an_sqlite_file_with_no_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bare.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    with pytest.raises(NotAWorkspaceError, match="empty SQLite database"):
        open_workspace(path)


def test_a_folder_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="is a folder"):
        open_workspace(tmp_path)


@pytest.mark.parametrize("fs_type", ["nfs4", "cifs", "smb3", "fuse.sshfs", "9p", "remote"])
def test_a_workspace_on_a_network_share_is_refused(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch, fs_type: str
) -> None:
    monkeypatch.setattr(filesystem, "filesystem_type", lambda _path: fs_type)
    with pytest.raises(NetworkShareError, match=rf"network share \({fs_type}\).*Copy the workspace"):
        open_workspace(workspace_path)
    with pytest.raises(NetworkShareError):
        open_workspace(workspace_path.with_name("new.db"), create=True)
    assert not workspace_path.with_name("new.db").exists()


def test_a_local_filesystem_is_accepted(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filesystem, "filesystem_type", lambda _path: "ext4")
    open_workspace(workspace_path).dispose()


MOUNTINFO = """\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
35 22 0:31 / /home rw,relatime shared:2 - btrfs /dev/sda3 rw
40 35 0:45 / /home/sec/Board\\040Share rw,relatime shared:3 - cifs //fileserver/board rw,vers=3.1.1
41 22 0:46 / /mnt/nas rw,relatime shared:4 - nfs4 nas:/export rw
42 41 0:47 / /mnt/nas/local-cache rw,relatime shared:5 - ext4 /dev/sdb1 rw
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/sec/Documents/workspace.db", "btrfs"),
        ("/home/sec/Board Share/workspace.db", "cifs"),
        ("/home/sec/Board Shared/workspace.db", "btrfs"),
        ("/mnt/nas/board/workspace.db", "nfs4"),
        ("/mnt/nas/local-cache/workspace.db", "ext4"),
        ("/tmp/workspace.db", "ext4"),
    ],
)
def test_linux_mount_table_gives_the_deepest_mount(path: str, expected: str) -> None:
    assert fs_type_from_mountinfo(PurePosixPath(path), MOUNTINFO) == expected


def test_macos_mount_table_gives_the_share_type() -> None:
    text = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//sec@fileserver/Board on /Volumes/Board (smbfs, nodev, nosuid, mounted by sec)\n"
    )
    assert fs_type_from_mount_output(PurePosixPath("/Volumes/Board/ws.db"), text) == "smbfs"
    assert fs_type_from_mount_output(PurePosixPath("/Users/sec/ws.db"), text) == "apfs"


def test_this_machines_temp_folder_is_not_taken_for_a_share(tmp_path: Path) -> None:
    assert not workspace.is_network_filesystem(workspace.filesystem_type(tmp_path / "x.db"))


# --- open_and_read: the first read runs alongside quick_check, without the ORM -------------------

def _count_people(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM person").fetchone()[0])


def test_open_and_read_returns_what_was_read_on_a_connection_with_the_apps_pragmas(workspace_path: Path) -> None:
    _fill(workspace_path, rows=25)
    seen: dict[str, object] = {}

    def read(connection: sqlite3.Connection) -> int:
        seen["foreign_keys"] = connection.execute("PRAGMA foreign_keys").fetchone()[0]
        seen["journal"] = connection.execute("PRAGMA journal_mode").fetchone()[0]
        seen["in_transaction"] = connection.in_transaction
        return _count_people(connection)

    assert opening.open_and_read(workspace_path, read) == 25
    assert seen == {"foreign_keys": 1, "journal": "wal", "in_transaction": True}


def test_the_open_path_imports_no_orm(demo_template: Path) -> None:
    """Opening and reading the register (what the window does first) loads no SQLAlchemy, SQLModel or Alembic."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom datetime import date\n"
        "from boardapp.services.plan.first_read import read_first_snapshot\n"
        f"snap = read_first_snapshot({str(demo_template)!r}, date(2024, 9, 11))\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic', 'reportlab'))\n"
        "print(len(snap.rows), snap.plan is not None, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 50 and out[1] == "True" and out[2] == "[]"


def test_open_and_read_throws_the_read_away_when_the_file_fails_its_check(workspace_path: Path) -> None:
    _fill(workspace_path)
    backup = automatic_backup(workspace_path, "manual")
    with workspace_path.open("r+b") as handle:  # damage the people's pages, not the schema
        handle.seek(4096 * 3)
        handle.write(bytes(range(256)) * 64)
    reads: list[int] = []

    def read(connection: sqlite3.Connection) -> int:
        reads.append(1)
        try:
            return _count_people(connection)  # may succeed on a damaged file: the check decides
        except sqlite3.DatabaseError:
            return -1

    with pytest.raises(CorruptWorkspaceError) as caught:
        opening.open_and_read(workspace_path, read)
    assert caught.value.newest_backup == backup
    assert reads == [1]  # the read did run alongside the check


def test_open_and_read_reports_an_unreadable_file_as_open_workspace_does(tmp_path: Path) -> None:
    path = tmp_path / "minutes.db"
    path.write_bytes(b"%PDF-1.7 these are the minutes, not a workspace\n" * 50)
    with pytest.raises(NotAWorkspaceError, match="not an SQLite database file"):
        opening.open_and_read(path, _count_people)


def test_open_and_read_upgrades_an_old_workspace_behind_a_backup_before_reading(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardapp.db import upgrade

    _fill(workspace_path, rows=3)
    real_inspect = opening.inspect_workspace
    monkeypatch.setattr(opening, "inspect_workspace", lambda path, **kw: opening.WorkspaceStatus(
        path=Path(path), revision="0000", head="0001"))
    upgraded: list[tuple[Path, str | None]] = []

    def upgrade_in_turn(path: Path, revision: str | None) -> None:
        upgraded.append((Path(path), revision))
        monkeypatch.setattr(opening, "inspect_workspace", real_inspect)

    monkeypatch.setattr(upgrade, "upgrade_if_needed", upgrade_in_turn)
    assert opening.open_and_read(workspace_path, _count_people) == 3
    assert upgraded == [(workspace_path, "0000")]  # upgraded first (behind its backup), then read
