"""Single cells as the importer reads them: dates, BRAG, status, progress, owners, scores, refs, headings."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from boardapp.exchange.colours import brag_of_colour
from boardapp.exchange.date_cells import DateRejected, read_date
from boardapp.exchange.fields import ACTIONS, RISKS, match_field
from boardapp.exchange.values import clean_text, read_brag, read_level, read_owner, read_progress, read_status, written_ref


@pytest.mark.parametrize(("cell", "expected"), [
    ("31/03/2025", date(2025, 3, 31)), ("31.03.25", date(2025, 3, 31)), ("31-03-2025", date(2025, 3, 31)),
    ("31 March 2025", date(2025, 3, 31)), ("31 Mar 25", date(2025, 3, 31)), ("1/4/2025", date(2025, 4, 1)),
    (datetime(2025, 3, 31), date(2025, 3, 31)), (date(2025, 3, 31), date(2025, 3, 31)),
    ("2025-03-31 00:00:00", date(2025, 3, 31)),
])
def test_day_first_dates(cell: object, expected: date) -> None:
    reading = read_date(cell)
    assert (reading.value, reading.warning) == (expected, None)


@pytest.mark.parametrize(("cell", "expected", "warning"), [
    ("March 2025", date(2025, 3, 31), "'March 2025' is a month, not a date: read as its last day, 31/03/2025"),
    ("Feb 2024", date(2024, 2, 29), "'Feb 2024' is a month, not a date: read as its last day, 29/02/2024"),
    ("Mar-25", date(2025, 3, 31), "'Mar-25' is a month, not a date: read as its last day, 31/03/2025"),
    ("Q3 2024/25", date(2024, 12, 31), "'Q3 2024/25' is a quarter, not a date: read as its last day, 31/12/2024"),
    ("Q4 2024/25", date(2025, 3, 31), "'Q4 2024/25' is a quarter, not a date: read as its last day, 31/03/2025"),
    ("Q1 24-25", date(2024, 6, 30), "'Q1 24-25' is a quarter, not a date: read as its last day, 30/06/2024"),
    ("2024/25", date(2025, 3, 31), "'2024/25' is a financial year, not a date: read as its last day, 31/03/2025"),
    ("by 30/06/2025", date(2025, 6, 30), "'by 30/06/2025' read as 30/06/2025"),
    ("Ongoing", None, "'Ongoing' is not a date"), ("TBC", None, "'TBC' is not a date"),
    ("N/A", None, "'N/A' is not a date"), ("", None, "no date given"), (None, None, "no date given"),
])
def test_what_trackers_write_instead_of_a_date_is_a_warning(cell: object, expected: date | None, warning: str) -> None:
    reading = read_date(cell)
    assert (reading.value, reading.warning) == (expected, warning)


@pytest.mark.parametrize(("cell", "message"), [
    ("31/02/2024", "'31/02/2024' is not a real date (February 2024 has no day 31)"),
    ("03/31/2025", "'03/31/2025' reads only month first (US order); write dates day first, e.g. 31/03/2025"),
    ("soon", "'soon' is not a date (write it day first, e.g. 31/03/2025, or leave it empty)"),
    ("Q3 2024/26", "'Q3 2024/26' is not a financial year (the second year must follow the first, e.g. 2024/25)"),
])
def test_a_date_that_cannot_be_right_rejects_the_row(cell: str, message: str) -> None:
    with pytest.raises(DateRejected) as caught:
        read_date(cell)
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "brag", "note"), [
    ("G", "GREEN", None), ("Red", "RED", None), ("b", "BLUE", None), ("AMBER", "AMBER", None),
    ("Amber/Green", "AMBER", "'Amber/Green' read as Amber (the lower of the two)"),
    ("Purple", None, "'Purple' is not a BRAG rating (Blue, Red, Amber, Green or B/R/A/G)"),
])
def test_brag_words_and_letters(text: str, brag: str | None, note: str | None) -> None:
    assert read_brag(text) == (brag, note)


@pytest.mark.parametrize(("rgb", "brag"), [
    ("FF0000", "RED"), ("C00000", "RED"), ("FFC7CE", "RED"), ("FFC000", "AMBER"), ("FFEB9C", "AMBER"),
    ("FFFF00", "AMBER"), ("00B050", "GREEN"), ("C6EFCE", "GREEN"), ("92D050", "GREEN"), ("0070C0", "BLUE"),
    ("00B0F0", "BLUE"), ("FFFFFF", None), ("D9D9D9", None), ("000000", None), ("DDEBF7", None), (None, None),
])
def test_fill_colours_as_brag(rgb: str | None, brag: str | None) -> None:
    assert brag_of_colour(rgb) == brag


def test_status_words() -> None:
    assert read_status("Completed")[0] == "COMPLETE" and read_status("not yet started")[0] == "NOT_STARTED"
    assert read_status("On hold")[0] == "ON_HOLD" and read_status("Ongoing")[0] == "IN_PROGRESS"
    assert read_status("Green") == (None, "GREEN", None)


@pytest.mark.parametrize(("cell", "fmt", "expected"), [
    (50, None, 50), ("75%", None, 75), (0.5, "0%", 50), (0.25, None, 25), (1, "0%", 100), ("100", None, 100),
])
def test_progress(cell: object, fmt: str | None, expected: int) -> None:
    assert read_progress(cell, fmt) == (expected, None)


def test_owners_two_in_a_cell_take_the_first() -> None:
    assert read_owner("Vasu/Thiru") == ("Vasu", "2 owners named ('Vasu/Thiru'): Vasu is the owner")
    assert read_owner("Jo Bloggs\u00a0") == ("Jo Bloggs", None)


@pytest.mark.parametrize(("cell", "expected", "warned"), [
    (4, 4, False), ("3 - Possible", 3, False), ("H", 4, True), ("Medium", 3, True), ("low", 2, True),
    ("Almost certain", 5, True), (7, None, True),
])
def test_likelihood_levels(cell: object, expected: int | None, warned: bool) -> None:
    value, note = read_level(cell, "likelihood")
    assert value == expected and (note is not None) == warned


def test_refs_and_text() -> None:
    assert written_ref(1.1) == "1.1" and written_ref(2.1, "0.00") == "2.10" and written_ref(3) == "3"
    assert clean_text("'=SUM(A1)") == "=SUM(A1)" and clean_text("'quoted") == "'quoted"
    assert clean_text("  two\u00a0 spaces \u00a0") == "two spaces"


@pytest.mark.parametrize(("kind", "heading", "field"), [
    (ACTIONS, "What?", "title"), (ACTIONS, "Action / Decision", "title"), (ACTIONS, "S.No", "ref"),
    (ACTIONS, "Lead officer", "owner"), (ACTIONS, "Due date (dd/mm/yyyy)", "due_date"),
    (ACTIONS, "Ofsted area", "theme"), (ACTIONS, "Task Category", "theme"), (ACTIONS, "RAG", "brag"),
    (ACTIONS, "Latest update date", None), (ACTIONS, "Evidence of impact", "evidence_of_impact"),
    (RISKS, "Inherent risk L", "inherent_likelihood"), (RISKS, "Residual Impact", "residual_impact"),
    (RISKS, "Current score", "residual_score"), (RISKS, "Likelihood", "likelihood"), (RISKS, "Risk", "title"),
    (RISKS, "Target score", "target"), (RISKS, "Existing controls", "controls"),
])
def test_headings(kind: str, heading: str, field: str | None) -> None:
    assert match_field(kind, heading) == field
