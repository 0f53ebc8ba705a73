"""Bounded input, one-line expected errors, tracebacks only in the log file, settings that cannot be saved
(issue 9, items 11, 12 and 22)."""
from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest

from cli_run import boardapp, one_line_error


def _qt_free(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "propagateSizeHints" not in line]


@pytest.mark.parametrize(("value", "expected"), [("100000000", "at most 200,000"), ("0", "at least 1"),
                                                 ("١", "expected a whole number")])
def test_demo_actions_are_bounded_with_a_clear_message(tmp_path: Path, value: str, expected: str) -> None:
    result = boardapp("demo", "--db", tmp_path / "ws.db", "--actions", value)
    assert result.returncode == 2 and expected in one_line_error(result)
    assert not (tmp_path / "ws.db").exists()


@pytest.mark.parametrize("value", ["99999999999999999999999", "١", "٣"])
def test_a_meeting_id_is_ascii_digits_within_range(workspace: Path, tmp_path: Path, value: str) -> None:
    result = boardapp("pack", "--db", workspace, "--out", tmp_path / "p.pdf", "--meeting", value)
    line = one_line_error(result)
    assert result.returncode == 2 and "--meeting" in line and "unexpected" not in line and "Overflow" not in line
    assert not (tmp_path / "p.pdf").exists()


def test_an_unknown_meeting_lists_the_ids_the_command_line_can_use(workspace: Path, tmp_path: Path) -> None:
    line = one_line_error(boardapp("pack", "--db", workspace, "--out", tmp_path / "p.pdf", "--meeting", "9999"))
    assert "no meeting with id 9999" in line and "Meetings view" not in line
    with sqlite3.connect(workspace) as conn:
        newest = conn.execute("SELECT id FROM meeting ORDER BY meeting_date DESC, id DESC").fetchone()[0]
    conn.close()
    assert f"{newest} (" in line


def test_the_pack_error_for_no_planned_meeting_quotes_no_command_line(engine: object) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.services.pack_data import PackError, resolve_meeting

    with session_scope(engine) as session:  # type: ignore[arg-type]
        with pytest.raises(PackError) as caught:
            resolve_meeting("next", session=session, today=date(2024, 9, 11))
    assert "boardapp" not in str(caught.value) and "--" not in str(caught.value) and "`" not in str(caught.value)


def test_smoke_on_a_damaged_file_prints_one_line_and_no_traceback(workspace: Path) -> None:
    with sqlite3.connect(workspace) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with workspace.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(bytes(range(256)) * 64)
    result = boardapp("--db", workspace, "--smoke")
    lines = _qt_free(result.stderr)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(lines) == 1 and "is damaged" in lines[0], result.stderr


def test_an_unwritable_config_folder_warns_and_smoke_still_exits(workspace: Path, tmp_path: Path) -> None:
    home = tmp_path / "home-is-a-file"
    home.write_text("not a folder")
    result = boardapp("--db", workspace, "--smoke", env={"BOARDAPP_HOME": str(home)}, timeout=90)
    assert result.returncode == 0, result.stderr
    assert '"actions"' in result.stdout and "Traceback" not in result.stderr
    assert [line for line in _qt_free(result.stderr) if "settings folder" in line and str(home) in line]


def test_an_unexpected_error_goes_to_the_log_file_and_the_line_says_where(tmp_path: Path) -> None:
    import os
    import subprocess

    script = ("import sys, boardapp.demo.build as b\n"
              "def broken(*a, **k): raise KeyError('theme')\n"
              "b.build_demo = broken\n"
              "from boardapp.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    home = tmp_path / "home"
    result = subprocess.run([sys.executable, "-c", script, "demo", "--db", str(tmp_path / "x.db")],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, "BOARDAPP_HOME": str(home)})
    line = one_line_error(result)
    log = home / "logs" / "boardapp.log"
    assert "unexpected KeyError" in line and str(log) in line
    assert "Traceback" in log.read_text() and "broken" in log.read_text()


def test_a_lone_surrogate_is_a_validation_error_naming_the_field(engine: object) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.domain.rules import ValidationError
    from boardapp.services.people.people import add_person  # noqa: F401  (import check only)
    from boardapp.services.plan.commands import create_action

    with session_scope(engine) as session:  # type: ignore[arg-type]
        with pytest.raises(ValidationError) as caught:
            create_action(session=session, who="Test", title="Broken \ud83d paste", due_date=date(2025, 1, 1))
        assert caught.value.field == "title"
        row = create_action(session=session, who="Test", title="Fixed paste", due_date=date(2025, 1, 1))
        assert row.title == "Fixed paste"  # the session is still usable


def test_a_failed_commit_rolls_back_and_the_session_stays_usable(engine: object) -> None:
    from sqlalchemy import event, text

    from boardapp.db.engine import session_scope
    from boardapp.services.risks.import_risks import ImportedRisks, undo_risk_import
    from boardapp.services.transaction import WriteRefusedError

    def disk_full(_conn: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with session_scope(engine) as session:  # type: ignore[arg-type]
        event.listen(engine, "commit", disk_full)
        try:
            with pytest.raises((WriteRefusedError, Exception)) as caught:
                undo_risk_import(ImportedRisks(), session=session, who="Test")
        finally:
            event.remove(engine, "commit", disk_full)
        assert "PendingRollback" not in type(caught.value).__name__
        assert session.execute(text("SELECT 1")).scalar() == 1  # usable: no PendingRollbackError
