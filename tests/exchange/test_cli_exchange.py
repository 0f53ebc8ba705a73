"""``boardapp import`` and ``boardapp export`` as a user meets them: exact JSON keys, exit codes, one-line errors."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tracker_files import Sheet, write_workbook
from boardapp.cli import main

KEYS = ["kind", "sheet", "header_row", "create", "update", "unchanged", "rejected", "warnings"]


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _actions(db: Path) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("SELECT count(*) FROM action").fetchone()[0]


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "tracker.xlsx", Sheet("Plan").put("A1", "Our plan").table("A3", [
        ["Ref", "Action", "Owner", "Due", "RAG"],
        ["1", "Good", "Kim Ng", "31/03/2025", "G"],
        ["2", "Bad date", "Kim Ng", "31/02/2025", "R"],
        ["3", "Two owners", "Kim/Ann", "Ongoing", "A"],
    ]))


def test_a_rejected_row_imports_nothing_and_exits_1(capsys, workspace_path: Path, tracker: Path) -> None:
    code, out, err = run(capsys, "import", "--db", workspace_path, tracker, "--json")
    assert code == 1 and err == ""
    result = json.loads(out)
    assert list(result) == KEYS
    assert (result["kind"], result["sheet"], result["header_row"]) == ("actions", "Plan", 3)
    assert (result["create"], result["update"], result["unchanged"]) == (2, 0, 0)
    assert result["rejected"] == [{"row": 5, "field": "due_date",
                                   "message": "D5 'Due': '31/02/2025' is not a real date (February 2025 has no day 31)"}]
    assert {"row": 6, "field": "owner", "message": "C6 'Owner': 2 owners named ('Kim/Ann'): Kim is the owner"} \
        in result["warnings"]
    assert all(set(w) == {"row", "field", "message"} for w in result["warnings"])
    assert _actions(workspace_path) == 0


def test_skip_invalid_then_the_same_file_again_changes_nothing(capsys, workspace_path: Path, tracker: Path) -> None:
    code, out, _ = run(capsys, "import", "--db", workspace_path, tracker, "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)["create"] == 2 and _actions(workspace_path) == 2
    code, out, _ = run(capsys, "import", "--db", workspace_path, tracker, "--skip-invalid", "--json")
    assert code == 0 and (json.loads(out)["create"], json.loads(out)["unchanged"]) == (0, 2)
    assert _actions(workspace_path) == 2


def test_dry_run_writes_nothing(capsys, workspace_path: Path, tracker: Path) -> None:
    code, out, _ = run(capsys, "import", "--db", workspace_path, tracker, "--dry-run", "--skip-invalid")
    assert code == 0 and "2 to create, 0 to update, 0 unchanged, 1 rejected (dry run: nothing was written)" in out
    assert "rejected row 5 (due_date)" in out and _actions(workspace_path) == 0


def test_kind_and_sheet_are_honoured_and_missing_tables_named(capsys, workspace_path: Path, tracker: Path) -> None:
    code, _, err = run(capsys, "import", "--db", workspace_path, tracker, "--kind", "risks")
    assert code == 1 and err.strip() == "boardapp: no risks found in tracker.xlsx (no row of headings such as Ref, " \
                                        "Action, Owner, Due)"
    code, _, err = run(capsys, "import", "--db", workspace_path, tracker, "--sheet", "Nope")
    assert code == 1 and err.strip() == "boardapp: tracker.xlsx has no sheet 'Nope' (it has 'Plan')"


def test_a_refused_file_is_one_line(capsys, workspace_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, err = run(capsys, "import", "--db", workspace_path, path)
    assert (code, out) == (1, "") and err.strip() == "boardapp: photo.png is not a spreadsheet (the importer reads " \
                                                     ".xlsx and .csv files)"


@pytest.mark.parametrize(("what", "fmt"), [("actions", "xlsx"), ("actions", "csv"), ("risks", "xlsx"),
                                           ("risks", "csv"), ("calendar", "ics")])
def test_export_replaces_an_existing_file(capsys, demo_path: Path, tmp_path: Path, what: str, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    out.write_text("old")
    code, printed, err = run(capsys, "export", "--db", demo_path, "--what", what, "--format", fmt, "--out", out)
    assert (code, err) == (0, "") and printed.startswith(f"{out} (")
    assert out.read_bytes() != b"old" and not list(tmp_path.glob(".out*"))


def test_export_in_a_format_the_thing_has_not_is_a_usage_error(capsys, demo_path: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "--db", demo_path, "--what", "calendar", "--format", "csv",
                       "--out", tmp_path / "c.csv")
    assert code == 2 and err.strip() == "boardapp export: calendar can be exported as ics, not csv (see boardapp " \
                                        "export --help)"
