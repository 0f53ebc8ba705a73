"""Exports: read back in they change nothing; no formula can run in them; the calendar's events are stable."""
from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from boardapp.exchange.plan import UNCHANGED
from boardapp.exchange.values import DANGEROUS_STARTS


def _export(db: Path, what: str, fmt: str, out: Path) -> int:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.exporter import export

    engine = open_workspace(db)
    try:
        with session_scope(engine) as session:
            return export(what, fmt, out, session=session, today=date(2024, 9, 11))
    finally:
        engine.dispose()


@pytest.mark.parametrize(("what", "fmt"), [("actions", "xlsx"), ("actions", "csv"), ("risks", "xlsx"),
                                           ("risks", "csv")])
def test_export_then_import_is_unchanged(tmp_path: Path, demo_path: Path, plan_of, what: str, fmt: str) -> None:
    out = tmp_path / f"{what}.{fmt}"
    count = _export(demo_path, what, fmt, out)
    plan = plan_of(out, db=demo_path)
    assert plan.kind == what
    assert (plan.count(UNCHANGED), len(plan.rows)) == (count, count)
    assert plan.rejected == () and plan.warnings == ()


def test_the_actions_csv_has_the_columns_and_iso_dates(tmp_path: Path, demo_path: Path) -> None:
    out = _export_path = tmp_path / "actions.csv"
    _export(demo_path, "actions", "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {"Ref", "Title", "Theme", "Owner", "Due", "Revised due", "Status", "BRAG", "Progress",
            "Latest update"} <= set(rows[0])
    assert all(date.fromisoformat(r["Due"]) for r in rows)
    assert _export_path.exists()


def test_the_xlsx_has_a_frozen_heading_filter_real_dates_text_refs_and_brag_fills(tmp_path: Path,
                                                                                 demo_path: Path) -> None:
    import openpyxl

    out = tmp_path / "actions.xlsx"
    count = _export(demo_path, "actions", "xlsx", out)
    sheet = openpyxl.load_workbook(out).active
    heading = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{count + 1}"
    due, brag, ref = (heading.index(n) + 1 for n in ("Due", "BRAG", "Ref"))
    assert isinstance(sheet.cell(2, due).value, (date,))
    assert sheet.cell(2, ref).data_type == "s"
    cell = sheet.cell(2, brag)
    assert cell.value in ("Blue", "Green", "Amber", "Red") and cell.fill.fgColor.rgb.endswith(
        {"Blue": "0070C0", "Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}[cell.value])
    assert sheet.column_dimensions["B"].width > 30


def test_no_formula_survives_into_an_export(tmp_path: Path, demo_path: Path, plan_of) -> None:
    import openpyxl

    titles = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"]
    with closing(sqlite3.connect(demo_path)) as connection, connection:
        ids = [i for (i,) in connection.execute("SELECT id FROM action ORDER BY id LIMIT 6")]
        for action_id, title in zip(ids, titles):
            connection.execute("UPDATE action SET title = ?, how = ? WHERE id = ?", (title, title, action_id))
    xlsx, text = tmp_path / "a.xlsx", tmp_path / "a.csv"
    _export(demo_path, "actions", "xlsx", xlsx)
    _export(demo_path, "actions", "csv", text)
    sheet = openpyxl.load_workbook(xlsx).active
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(DANGEROUS_STARTS), cell.coordinate
    for row in csv.reader(text.read_text(encoding="utf-8-sig").splitlines()):
        for value in row:
            assert not value.startswith(DANGEROUS_STARTS), value
    plan = plan_of(xlsx, db=demo_path)  # the importer takes the apostrophe off again
    assert plan.count(UNCHANGED) == len(plan.rows)


def test_the_calendar_has_one_event_each_with_stable_uids(tmp_path: Path, demo_path: Path) -> None:
    from icalendar import Calendar

    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    _export(demo_path, "calendar", "ics", first)
    _export(demo_path, "calendar", "ics", second)
    events = [Calendar.from_ical(p.read_bytes()).walk("VEVENT") for p in (first, second)]
    uids = [[str(e["UID"]) for e in found] for found in events]
    assert uids[0] == uids[1] and len(set(uids[0])) == len(uids[0])
    with closing(sqlite3.connect(demo_path)) as connection:
        open_actions = connection.execute(
            "SELECT count(*) FROM action WHERE deleted_at IS NULL AND status <> 'COMPLETE'").fetchone()[0]
        meetings = connection.execute("SELECT count(*) FROM meeting WHERE deleted_at IS NULL").fetchone()[0]
        visits = connection.execute("SELECT count(*) FROM inspection WHERE deleted_at IS NULL").fetchone()[0]
    kinds = [u.split("-")[0] for u in uids[0]]
    assert (kinds.count("action"), kinds.count("meeting"), kinds.count("inspection")) == (open_actions, meetings, visits)
    meeting = next(e for e in events[0] if str(e["UID"]).startswith("meeting-"))
    assert meeting["DTSTART"].dt.tzinfo is not None or isinstance(meeting["DTSTART"].dt, date)
