"""Trackers in the shapes boards send: what the importer finds, and every warning and rejection by row."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker_files import Sheet, messages, rejections, write_csv, write_workbook
from boardapp.exchange.plan import CREATE, REJECTED


def messy_tracker(path: Path) -> Path:
    """Title rows, an 'Updated:' line, the table in column C, merged sections, fills, formulas, notes."""
    sheet = Sheet("Improvement plan")
    sheet.put("C1", "Northshire Children's Services Improvement Plan 2024-25")
    sheet.put("C2", "Updated: 3 September 2024")
    sheet.table("C4", [
        ["No.", "What?", "Who?", "When?", "RAG", "Progress update"],
        ["Theme 1: Leadership and management"],
        [1.1, "Appoint a permanent DCS ", "Vasu/Thiru", "31/03/2025", "G", "Interviews held"],
        [1.2, "Refresh the QA framework", "Jo\u00a0Bloggs\u00a0", date(2024, 12, 31), None, "Draft shared"],
        [1.3, "Audit programme", "jo  bloggs", "March 2025", "Amber", None],
        ["Theme 2: The front door"],
        [2.1, "Review MASH thresholds", "Ann Lee and Bob Roe", "Q3 2024/25", "Red", "Behind"],
        [2.2, "Impossible date", "Ann Lee", "31/02/2024", "Red", None],
        [2.3, "US date", "Ann Lee", "03/31/2025", "Red", None],
        [2.4, "Out-of-hours rota", "Ann Lee", "TBC", "Blue", "Done"],
    ])
    sheet.merges += ["C5:H5", "C9:H9"]
    sheet.fills["G7"] = "FFC7CE"  # Excel's light red "Bad" style, no text
    for row in range(15, 40):
        sheet.put(f"C{row}", f"=C{row - 1}+0.1")  # pre-filled numbering down the sheet
    sheet.put("C41", "Key: B = complete, R = needs attention now")
    sheet.put("C42", "© Northshire Council 2024")
    sheet.hidden.append("E")
    legend = Sheet("Read me").put("A1", "How to fill in the tracker").put("A2", "Blue = complete")
    return write_workbook(path, legend, sheet, active=0)


def test_the_messy_tracker_is_understood_row_by_row(tmp_path: Path, plan_of) -> None:
    plan = plan_of(messy_tracker(tmp_path / "tracker.xlsx"))
    assert (plan.kind, plan.sheet, plan.layout.header_row, plan.layout.first_col) == ("actions", "Improvement plan", 4, 3)
    assert plan.layout.mapping == {"ref": 3, "title": 4, "owner": 5, "due_date": 6, "brag": 7, "latest_update": 8}
    assert (plan.count(CREATE), plan.count(REJECTED)) == (5, 2)
    rows = {r.row: r for r in plan.rows}
    assert [rows[n].ref for n in (6, 7, 8, 10, 13)] == ["1.1", "1.2", "1.3", "2.1", "2.4"]
    assert rows[6].shown["owner"] == "Vasu" and rows[10].shown["owner"] == "Ann Lee"
    assert rows[6].shown["theme"] == rows[8].shown["theme"] == "Theme 1: Leadership and management"
    assert rows[10].shown["theme"] == "Theme 2: The front door"
    assert rows[7].shown["brag"] == "Red"  # only the fill says so
    assert rows[13].shown["brag"] == "Blue" and rows[13].shown["status"] == "Complete"
    assert rows[6].shown["title"] == "Appoint a permanent DCS"
    assert plan.new_people == ("Vasu", "Jo Bloggs", "Ann Lee")  # 'jo  bloggs' is the same person
    assert plan.skipped == {"formulas": 25, "note": 2}
    assert rejections(plan) == [
        (11, "due_date", "F11 'When?': '31/02/2024' is not a real date (February 2024 has no day 31)"),
        (12, "due_date", "F12 'When?': '03/31/2025' reads only month first (US order); write dates day first, "
                         "e.g. 31/03/2025"),
    ]
    assert messages(plan) == [
        (4, "owner", "column E ('Who?') is hidden in the sheet; it was read"),
        (6, "owner", "E6 'Who?': 2 owners named ('Vasu/Thiru'): Vasu is the owner"),
        (8, "due_date", "F8 'When?': 'March 2025' is a month, not a date: read as its last day, 31/03/2025"),
        (10, "owner", "E10 'Who?': 2 owners named ('Ann Lee and Bob Roe'): Ann Lee is the owner"),
        (10, "due_date", "F10 'When?': 'Q3 2024/25' is a quarter, not a date: read as its last day, 31/12/2024"),
        (13, "due_date", "F13 'When?': 'TBC' is not a date: recorded as due today (11/09/2024) until a date is set"),
    ]


def test_two_row_headings_and_a_status_column_with_only_fills(tmp_path: Path, plan_of) -> None:
    sheet = Sheet().table("B3", [
        ["Ref", "Action", "Lead officer", "Timescale", "Progress", None, "Status"],
        [None, None, None, None, "RAG", "Commentary", None],
        ["A1", "Recruit IROs", "Kim", "30/11/2024", None, "Two appointed", "In progress"],
        ["A2", "Caseload review", "Kim", "31.03.25", None, "", "Complete"],
    ])
    sheet.merges.append("F3:G3")
    sheet.fills.update({"F5": "FFC000", "F6": "0070C0"})
    plan = plan_of(write_workbook(tmp_path / "two-rows.xlsx", sheet))
    assert (plan.layout.header_row, plan.layout.header_rows) == (3, 2)
    assert plan.layout.mapping == {"ref": 2, "title": 3, "owner": 4, "due_date": 5, "brag": 6, "latest_update": 7,
                                   "status": 8}
    assert [(r.shown["brag"], r.shown["status"]) for r in plan.rows] == [("Amber", "In progress"), ("Blue", "Complete")]
    assert plan.rows[1].shown["due_date"] == "31/03/2025"
    assert messages(plan) == []


def test_a_status_column_and_no_brag_column_takes_the_rating_from_the_words_or_fill(tmp_path: Path, plan_of) -> None:
    sheet = Sheet().table("A1", [
        ["Ref", "Task Description", "Responsible", "Deadline", "Status"],
        [1, "One", "Kim", "01/12/2024", "Red"],
        [2, "Two", "Kim", "01/12/2024", "Complete"],
        [3, "Three", "Kim", "01/12/2024", "Ongoing"],
        [4, "Four", "Kim", "01/12/2024", "Wibble"],
    ])
    sheet.fills["E4"] = "92D050"
    plan = plan_of(write_workbook(tmp_path / "status.xlsx", sheet))
    assert [(r.shown["brag"], r.shown["status"]) for r in plan.rows] == [
        ("Red", "Not started"), ("Blue", "Complete"), ("Green", "In progress"), ("Green", "Not started")]
    assert messages(plan) == [
        (3, "brag", "no BRAG given: Blue"),
        (5, "status", "E5 'Status': 'Wibble' is not a status this importer knows (Not started, In progress, "
                      "On hold, Complete)"),
        (5, "brag", "no BRAG given: Green"),
    ]


def test_refs_stored_as_numbers_keep_their_written_form(tmp_path: Path, plan_of) -> None:
    sheet = Sheet().table("A1", [["Ref", "Action", "Due"], [1.1, "a", "01/12/2024"], [2.1, "b", "01/12/2024"],
                                 [3, "c", "01/12/2024"], ["T4.2", "d", "01/12/2024"]])
    sheet.formats["A3"] = "0.00"  # 2.10 as Excel shows it
    plan = plan_of(write_workbook(tmp_path / "refs.xlsx", sheet))
    assert [r.ref for r in plan.rows] == ["1.1", "2.10", "3", "T4.2"]


def test_rows_of_ids_formulas_and_blanks_are_skipped_not_imported(tmp_path: Path, plan_of) -> None:
    sheet = Sheet().table("A1", [["ID", "Action", "Owner", "Due date"], [1, "Real", "Kim", "01/12/2024"],
                                 [2], [None, None, None, None], [4, "=B2", None, None]])
    for row in range(6, 12):
        sheet.put(f"A{row}", f"=A{row - 1}+1")
    plan = plan_of(write_workbook(tmp_path / "skips.xlsx", sheet))
    assert [r.row for r in plan.rows] == [2]  # row 5's title is a formula with no saved value: an ID only
    assert plan.skipped == {"id_only": 2, "formulas": 6}


def test_the_theme_column_wins_over_a_section_row(tmp_path: Path, plan_of) -> None:
    sheet = Sheet().table("A1", [["Ref", "Action", "Workstream", "Due"], ["Children in care"],
                                 [1, "a", "Care leavers", "01/12/2024"], [2, "b", None, "01/12/2024"]])
    plan = plan_of(write_workbook(tmp_path / "themes.xlsx", sheet))
    assert [r.shown["theme"] for r in plan.rows] == ["Care leavers", "Children in care"]


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ","),
                                                     ("cp1252", ";")])
def test_csv_in_each_encoding_and_separator(tmp_path: Path, plan_of, encoding: str, delimiter: str) -> None:
    path = write_csv(tmp_path / "t.csv", [
        ["Action Ref", "Action", "Owner", "Target date", "BRAG", "Remarks"],
        ["1", "Fund £5,000 for José's team", "Zoë Hart", "31 Mar 25", "A", "Agreed; awaiting sign-off"],
    ], encoding=encoding, delimiter=delimiter)
    plan = plan_of(path)
    (row,) = plan.rows
    assert row.title == "Fund £5,000 for José's team"
    assert (row.shown["owner"], row.shown["due_date"], row.shown["brag"]) == ("Zoë Hart", "31/03/2025", "Amber")
    assert row.shown["latest_update"] == "Agreed; awaiting sign-off"
    assert plan.sheet == "t"


def test_every_sheet_is_scanned_and_a_named_sheet_is_used(tmp_path: Path, plan_of) -> None:
    risks = Sheet("Risks").table("A1", [["Risk ref", "Risk", "Likelihood", "Impact", "Owner"],
                                        ["R1", "Staff leave", 4, 5, "Kim"]])
    actions = Sheet("Actions").table("A1", [["Ref", "Action", "Owner", "Due"], [1, "Do it", "Kim", "01/12/2024"]])
    path = write_workbook(tmp_path / "both.xlsx", Sheet("Cover").put("A1", "Board papers"), risks, actions)
    assert (plan_of(path).kind, plan_of(path).sheet) in (("risks", "Risks"),)  # the better table wins
    assert (plan_of(path, kind="actions").sheet, plan_of(path, kind="actions").count(CREATE)) == ("Actions", 1)
    assert plan_of(path, sheet="actions").kind == "actions"


def test_a_workbook_without_a_table_of_that_kind_says_so(tmp_path: Path, plan_of) -> None:
    from boardapp.exchange.plan import NoTableFound

    path = write_workbook(tmp_path / "cover.xlsx", Sheet("Cover").put("A1", "Board papers"))
    with pytest.raises(NoTableFound, match=r"no actions found in cover.xlsx"):
        plan_of(path, kind="actions")
