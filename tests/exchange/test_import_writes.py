"""Writing an import: all or nothing, --skip-invalid, re-import changes nothing, updates old → new, undo."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from tracker_files import Sheet, write_workbook
from boardapp.exchange.importer import RowsRejected
from boardapp.exchange.plan import CREATE, UNCHANGED, UPDATE


def _count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql).fetchone()[0]


def tracker(path: Path, rows: list[list[object]], heading: list[str] | None = None) -> Path:
    heading = heading or ["Ref", "Action", "Owner", "Theme", "Due", "BRAG", "Status", "Latest update"]
    return write_workbook(path, Sheet().table("A1", [heading, *rows]))


GOOD = [["1.1", "Appoint a DCS", "Kim Ng", "Leadership", "31/03/2025", "Green", "In progress", "Shortlist agreed"],
        ["1.2", "QA framework", "kim  ng", "Leadership", "31/12/2024", "Amber", "In progress", ""]]
BAD = ["1.3", "Wrong date", "Kim Ng", "Leadership", "31/02/2025", "Red", "In progress", ""]


def test_any_rejected_row_imports_nothing(tmp_path: Path, workspace_path: Path, import_file) -> None:
    path = tracker(tmp_path / "t.xlsx", [*GOOD, BAD])
    with pytest.raises(RowsRejected, match=r"1 row rejected, nothing imported \(row 4, due_date"):
        import_file(path)
    for table in ("action", "person", "theme", "actionupdate", "auditentry"):
        assert _count(workspace_path, f"SELECT count(*) FROM {table}") == 0


def test_skip_invalid_imports_the_valid_rows_once(tmp_path: Path, workspace_path: Path, import_file, plan_of) -> None:
    path = tracker(tmp_path / "t.xlsx", [*GOOD, BAD])
    plan = import_file(path, skip_invalid=True)
    assert (plan.count(CREATE), len(plan.rejected)) == (2, 1)
    assert _count(workspace_path, "SELECT count(*) FROM action") == 2
    assert _count(workspace_path, "SELECT count(*) FROM person") == 1  # 'kim  ng' is Kim Ng
    assert _count(workspace_path, "SELECT count(*) FROM theme") == 1
    assert _count(workspace_path, "SELECT count(*) FROM actionupdate") == 1  # only row 2 had an update
    assert _count(workspace_path, "SELECT count(*) FROM auditentry WHERE field = 'created' AND entity = 'action'") == 2
    again = plan_of(path)
    assert (again.count(CREATE), again.count(UPDATE), again.count(UNCHANGED)) == (0, 0, 2)
    import_file(tracker(tmp_path / "t2.xlsx", GOOD))
    assert _count(workspace_path, "SELECT count(*) FROM action") == 2
    assert _count(workspace_path, "SELECT count(*) FROM actionupdate") == 1


def test_a_matched_row_updates_only_what_the_sheet_has_and_differs(tmp_path: Path, workspace_path: Path,
                                                                  import_file, plan_of) -> None:
    import_file(tracker(tmp_path / "first.xlsx", GOOD))
    with closing(sqlite3.connect(workspace_path)) as connection, connection:
        connection.execute("UPDATE action SET success_measure = 'Permanent DCS in post', progress = 40 "
                           "WHERE ref = '1.1'")
    later = tracker(tmp_path / "later.xlsx", [["1.1", "Appoint a DCS", "Ann Lee", "Red", "30/06/2025", "Offer made"]],
                    heading=["Ref", "Action", "Owner", "RAG", "Revised due", "Commentary"])
    plan = plan_of(later)
    (row,) = plan.rows
    assert row.outcome == UPDATE
    assert [(c.label, c.old, c.new) for c in row.changes] == [
        ("Revised due", "", "30/06/2025"), ("BRAG", "Green", "Red"), ("Owner", "Kim Ng", "Ann Lee"),
        ("Latest update", "Shortlist agreed", "Offer made (a progress update dated 11/09/2024)"),
    ]
    assert plan.new_people == ("Ann Lee",)
    import_file(later)
    with closing(sqlite3.connect(workspace_path)) as connection:
        brag, progress, measure, revised = connection.execute(
            "SELECT brag, progress, success_measure, revised_due_date FROM action WHERE ref = '1.1'").fetchone()
        updates = connection.execute("SELECT a.update_date, a.narrative, a.brag FROM actionupdate a JOIN action b "
                                     "ON b.id = a.action_id WHERE b.ref = '1.1' ORDER BY a.id").fetchall()
        audit = connection.execute("SELECT field, old, new FROM auditentry WHERE entity_ref = '1.1' AND field <> "
                                   "'created' ORDER BY id").fetchall()
    assert (brag, progress, measure, revised) == ("RED", 40, "Permanent DCS in post", "2025-06-30")
    assert updates[-1] == ("2024-09-11", "Offer made", "RED")
    assert ("brag", "GREEN", "RED") in audit and ("revised_due_date", None, "2025-06-30") in audit
    assert plan_of(later).count(UNCHANGED) == 1


def test_an_edit_since_the_preview_stops_the_import(tmp_path: Path, workspace_path: Path, import_file,
                                                   plan_of) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.importer import apply_plan
    from boardapp.services.plan.commands import ConflictError

    import_file(tracker(tmp_path / "first.xlsx", GOOD))
    plan = plan_of(tracker(tmp_path / "later.xlsx", [["1.1", "Appoint a DCS", "Kim Ng", "Leadership",
                                                      "31/03/2025", "Red", "In progress", ""]]))
    with closing(sqlite3.connect(workspace_path)) as connection, connection:
        connection.execute("UPDATE action SET brag = 'AMBER' WHERE ref = '1.1'")
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as session, pytest.raises(ConflictError, match="brag changed since the preview"):
            apply_plan(plan, session=session, who="t")
    finally:
        engine.dispose()
    assert _count(workspace_path, "SELECT count(*) FROM action WHERE ref = '1.1' AND brag = 'AMBER'") == 1


def test_undo_takes_the_whole_import_back_out(tmp_path: Path, workspace_path: Path, import_file) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.importer import apply_plan, find_table, make_plan, read_workbook
    from boardapp.services.plan.import_actions import undo_action_import

    import_file(tracker(tmp_path / "first.xlsx", GOOD[:1]))
    before = _count(workspace_path, "SELECT count(*) FROM person")
    workbook = read_workbook(tracker(tmp_path / "second.xlsx", [
        ["1.1", "Appoint a DCS", "Ann Lee", "Leadership", "31/03/2025", "Red", "In progress", "Offer made"],
        ["2.1", "New one", "Bo Diaz", "Front door", "30/11/2024", "Green", "Not started", ""]]))
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as session:
            plan = make_plan(workbook, find_table(workbook), session=session, today=date(2024, 9, 11))
            result = apply_plan(plan, session=session, who="t")
            assert _count(workspace_path, "SELECT count(*) FROM action") == 2
            undo_action_import(result, session=session, who="t")
    finally:
        engine.dispose()
    with closing(sqlite3.connect(workspace_path)) as connection:
        assert connection.execute("SELECT ref, brag FROM action").fetchall() == [("1.1", "GREEN")]
        assert connection.execute("SELECT narrative FROM actionupdate").fetchall() == [("Shortlist agreed",)]
        assert connection.execute("SELECT title FROM theme").fetchall() == [("Leadership",)]
    assert _count(workspace_path, "SELECT count(*) FROM person") == before


def test_a_risk_register_with_inherent_and_residual_scores(tmp_path: Path, workspace_path: Path, import_file,
                                                          plan_of) -> None:
    sheet = Sheet("Risk register").put("A1", "Improvement programme risk register").table("A3", [
        ["Risk ref", "Risk description", "Cause", "Inherent risk", None, None, "Existing controls",
         "Residual risk", None, None, "Risk owner", "Status", "Next review"],
        [None, None, None, "L", "I", "Score", None, "L", "I", "Score", None, None, None],
        ["R1", "Workforce instability", "Agency reliance", 4, 5, "=D5*E5", "Recruitment drive", "H", 4, 99,
         "Kim Ng", "In progress", "31/10/2024"],
        ["R2", "Data quality", "Legacy system", 3, 3, 9, "Audit", 2, 3, 6, "Ann Lee", "Tolerated", None],
    ])
    sheet.merges += ["D3:F3", "H3:J3"]
    path = write_workbook(tmp_path / "risks.xlsx", sheet)
    plan = plan_of(path)
    assert (plan.kind, plan.layout.header_row, plan.layout.header_rows) == ("risks", 3, 2)
    assert plan.layout.mapping == {
        "ref": 1, "description": 2, "cause": 3, "inherent_likelihood": 4, "inherent_impact": 5, "inherent_score": 6,
        "controls": 7, "residual_likelihood": 8, "residual_impact": 9, "residual_score": 10, "owner": 11,
        "status": 12, "review_date": 13}
    first = plan.rows[0].shown
    assert (first["title"], first["residual_likelihood"], first["status"], first["review_date"]) == (
        "Workforce instability", "4", "Open", "31/10/2024")
    assert [(p.row, p.field, p.message) for p in plan.warnings] == [
        (5, "residual_likelihood", "H5 'Residual risk › L': 'H' read as likelihood 4 of 5"),
        (5, "residual_score", "J5 'Residual risk › Score': score 99 is not likelihood × impact (4 × 4 = 16); "
                              "recomputed"),
    ]
    import_file(path)
    with closing(sqlite3.connect(workspace_path)) as connection:
        assert connection.execute("SELECT ref, inherent_likelihood, inherent_impact, residual_likelihood, "
                                  "residual_impact, status FROM risk ORDER BY ref").fetchall() == [
            ("R1", 4, 5, 4, 4, "OPEN"), ("R2", 3, 3, 2, 3, "MONITORING")]
    assert plan_of(path).count(UNCHANGED) == 2
