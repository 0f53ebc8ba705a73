"""`boardapp readiness --db PATH [--json]`: the JSON contract's exact keys, the summary, the errors."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from boardapp.cli import main

KEYS = {"next_visit", "findings_in_focus", "findings_without_action", "linked_actions", "on_track_share", "red",
        "overdue", "due_after_visit", "without_evidence", "before_visit_by_owner"}


def test_json_has_exactly_the_keys_of_the_issue(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readiness", "--db", str(demo_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == KEYS
    assert set(data["next_visit"]) == {"number", "kind", "start", "end", "focus_area", "days_to_go"}
    assert data["next_visit"]["number"] == 6 and data["next_visit"]["kind"] == "MONITORING_VISIT"
    assert data["next_visit"]["start"][4] == "-"  # ISO dates
    assert data["findings_in_focus"] >= 3 and 0 <= data["on_track_share"] <= 1
    assert all(isinstance(data[k], int) for k in KEYS - {"next_visit", "on_track_share", "before_visit_by_owner"})
    for group in data["before_visit_by_owner"]:
        assert set(group) == {"owner", "actions"} and group["actions"]


def test_the_summary_names_the_visit_and_every_figure(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readiness", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Monitoring visit 6 (")
    for caption in ("Findings in focus", "Findings with no action", "Linked actions", "On track (Blue or Green)",
                    "Red", "Overdue", "Due after the visit", "No evidence of impact", "Before the visit"):
        assert caption in out


def test_no_visit_expected_is_null(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with closing(sqlite3.connect(demo_path)) as conn:
        conn.execute("UPDATE inspection SET status = 'CANCELLED' WHERE status IN ('EXPECTED', 'SCHEDULED')")
        conn.commit()
    assert main(["readiness", "--db", str(demo_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["next_visit"] is None and data["before_visit_by_owner"] == [] and data["linked_actions"] == 0
    assert main(["readiness", "--db", str(demo_path)]) == 0
    assert "No monitoring visit or inspection is expected or scheduled" in capsys.readouterr().out


def test_a_missing_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readiness", "--db", str(tmp_path / "none.db"), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
