"""The other commands that write, on a disk that fills part-way: ``demo``, ``backup``, ``restore``, ``export``.

Each runs in a child under ``RLIMIT_FSIZE`` (``fault_zygote.py``) at limits spread over the size of
the file it writes; every time the one line names the file that could not be written as a disk
problem (never SQLite's bare "disk I/O error", never the temporary file's name), and the workspace
is whole and unchanged.
"""
from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from boardapp.cli import main as cli_main
from test_fault_injection import Zygote, _assert_clear_disk_message

FRACTIONS = (0.05, 0.3, 0.6, 0.9)


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zygote]:
    started = Zygote(tmp_path_factory.mktemp("zygote-home"))
    yield started
    started.close()


def _summary(db: Path) -> tuple[str, int, int]:
    with closing(sqlite3.connect(db)) as conn:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM action").fetchone()[0],
                conn.execute("SELECT count(*) FROM auditentry").fetchone()[0])


def test_a_demo_build_that_fills_the_disk_names_the_workspace(zygote: Zygote, tmp_path: Path,
                                                              demo_path: Path) -> None:
    size = demo_path.stat().st_size
    db = tmp_path / "fresh.db"
    for fraction in FRACTIONS:
        limit = int(size * fraction)
        code, output = zygote.run(limit, op="cli", argv=["demo", "--db", str(db), "--wait", "0"])
        assert code == 1, output
        message = _assert_clear_disk_message(output, db, limit)
        assert ".building" not in message
        assert not db.exists()  # the demo is built beside it and renamed in only when whole


def test_a_backup_that_fills_the_disk_names_the_backup_and_leaves_no_file(zygote: Zygote, tmp_path: Path,
                                                                          demo_path: Path) -> None:
    size = demo_path.stat().st_size
    before = _summary(demo_path)
    out = tmp_path / "copy.db"
    for fraction in FRACTIONS[1:]:
        limit = int(size * fraction)
        code, output = zygote.run(limit, op="cli", argv=["backup", "--db", str(demo_path), "--out", str(out)])
        assert code == 1, output
        _assert_clear_disk_message(output, out, limit)
        assert not out.exists() and _summary(demo_path) == before


def test_a_restore_that_fills_the_disk_keeps_the_workspace(zygote: Zygote, tmp_path: Path, demo_path: Path) -> None:
    backup = tmp_path / "saved.db"
    assert cli_main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    assert cli_main(["demo", "--db", str(demo_path), "--force", "--actions", "60"]) == 0  # the workspace moves on
    before = _summary(demo_path)
    size = demo_path.stat().st_size
    for fraction in FRACTIONS[1:]:
        limit = int(size * fraction)
        code, output = zygote.run(limit, op="cli", argv=["restore", "--db", str(demo_path), "--from", str(backup),
                                                         "--wait", "0"])
        assert code == 1, output
        _assert_clear_disk_message(output, demo_path, limit)
        assert _summary(demo_path) == before  # the workspace as it was: not half-restored
    code, output = zygote.run(None, op="cli", argv=["restore", "--db", str(demo_path), "--from", str(backup)])
    assert code == 0, output
    assert _summary(demo_path)[1] == 120


def test_a_restore_with_no_room_for_the_backup_first_says_nothing_was_restored(
    zygote: Zygote, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A restore backs the workspace up before replacing it: with no room for that backup the line says
    no backup was made and nothing was restored, naming the workspace, and the file is byte for byte as it was."""
    from boardapp.db.backup_store import list_backups, store_dir

    backup = tmp_path / "saved.db"
    assert cli_main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    with closing(sqlite3.connect(demo_path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = demo_path.with_name(demo_path.name + "-wal")
    before = (demo_path.read_bytes(), wal.read_bytes() if wal.exists() else b"")
    monkeypatch.setenv("BOARDAPP_HOME", str(zygote.home))  # where the runs keep their backups
    for fraction in FRACTIONS[1:]:
        limit = int(len(before[0]) * fraction)
        code, output = zygote.run(limit, op="cli", argv=["restore", "--db", str(demo_path), "--from", str(backup),
                                                         "--wait", "0"])
        assert code == 1, output
        message = _assert_clear_disk_message(output, demo_path, limit)
        assert "no backup was made" in message and "nothing was restored" in message, message
        assert message.endswith(f"{demo_path} was left as it was"), message
        assert (demo_path.read_bytes(), wal.read_bytes() if wal.exists() else b"") == before
        assert list_backups(demo_path) == [] and not list(store_dir(demo_path).glob("*.partial"))


def test_an_xlsx_export_that_fills_the_disk_says_so_in_one_line_and_leaves_no_file(zygote: Zygote, tmp_path: Path,
                                                                                   demo_path: Path) -> None:
    """openpyxl streams the sheet into a temporary file: the disk filling there is our one line naming the
    export, never also an "Exception ignored in ..." traceback from the stream it left open, and neither
    the export nor openpyxl's temporary file is left half-written."""
    exports, temporary = tmp_path / "exports", tmp_path / "temporary"
    exports.mkdir()
    temporary.mkdir()
    whole = tmp_path / "whole.xlsx"
    argv = ["export", "--db", str(demo_path), "--what", "actions", "--format", "xlsx"]
    assert zygote.run(None, op="cli", argv=[*argv, "--out", str(whole)], tmpdir=str(temporary)) == \
        (0, f"{whole} (120 actions)\n")
    with zipfile.ZipFile(whole) as workbook:
        sheet_size = workbook.getinfo("xl/worksheets/sheet1.xml").file_size  # the largest file the export writes
    out = exports / "actions.xlsx"
    for fraction in FRACTIONS[1:]:
        limit = int(sheet_size * fraction)
        code, output = zygote.run(limit, op="cli", argv=[*argv, "--out", str(out)], tmpdir=str(temporary))
        assert code == 1, output
        _assert_clear_disk_message(output, out, limit)
        assert "Exception ignored" not in output and len(output.splitlines()) == 1, output
        assert list(exports.iterdir()) == [] and list(temporary.iterdir()) == []
