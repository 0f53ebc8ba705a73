"""Figures typed or pasted from Excel: UK numbers, % signs, DfE suppression marks, blanks; bad cells named."""
from __future__ import annotations

import pytest

from boardapp.domain.kpi_values import (
    BLANK, Column, Figure, FigureError, parse_figure, read_block, split_block,
)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [("95", "%", 95.0), ("93.3%", "%", 93.3), (" 93.3 % ", "%", 93.3), ("1,234.5", "number", 1234.5),
     ("12,345,678", "number", 12345678.0), ("0", "%", 0.0), (".5", "days", 0.5), ("100%", "%", 100.0),
     ("16.3", "children", 16.3), ("1\u00a0234", "number", None)],
)
def test_uk_numbers_and_percent_signs(text: str, unit: str, expected: float | None) -> None:
    if expected is None:  # a space as the thousands separator is not UK form: refused, not guessed
        with pytest.raises(FigureError):
            parse_figure(text, unit)
    else:
        assert parse_figure(text, unit) == Figure(expected)


@pytest.mark.parametrize("mark", ["c", "x", "z", "u", "low", "C", " LOW "])
def test_dfe_suppression_marks_are_not_published_never_zero(mark: str) -> None:
    figure = parse_figure(mark, "%")
    assert figure.value is None and figure.mark == mark.strip().lower() and not figure.blank


def test_blank_is_blank() -> None:
    assert parse_figure("", "%") is BLANK and parse_figure("  \t", "%").blank


@pytest.mark.parametrize(
    ("text", "unit", "words"),
    [("abc", "%", "is not a number"), ("93,5", "%", "comma as the decimal point"), ("101", "%", "more than 100%"),
     ("-2", "number", "negative"), ("12%", "days", "% sign but the measure is counted in days"),
     ("1,23,4", "number", "is not a number"), ("n/a", "%", "c, x, z, u, low")],
)
def test_bad_figures_say_what_is_wrong(text: str, unit: str, words: str) -> None:
    with pytest.raises(FigureError, match=words):
        parse_figure(text, unit)


def test_split_block_as_excel_copies_it() -> None:
    text = "93.3%\t1,234\tc\r\n\t20\t\r\n94\t\"1,5\"\tlow\r\n"
    assert split_block(text) == [["93.3%", "1,234", "c"], ["", "20", ""], ["94", "1,5", "low"]]
    assert split_block("42") == [["42"]]
    assert split_block("a\tb\nc") == [["a", "b"], ["c", ""]]  # ragged rows padded with blanks
    assert split_block("") == []


MONTHS = ["Jun 2024", "Jul 2024", "Aug 2024", "Sep 2024"]
MEASURES = [Column("K01 Referrals screened", "%"), Column("K07 Average caseload", "children"),
            Column("K08 Agency social workers", "%")]


def test_a_good_block_with_marks_blanks_and_thousands() -> None:
    block = split_block("93.3%\t16.1\tc\n\t1,002\t21%\n95\t\tlow\n")
    read = read_block(block, top=1, left=0, rows=MONTHS, columns=MEASURES)
    assert read.ok and read.message() == ""
    assert read.figures == {
        (1, 0): Figure(93.3), (1, 1): Figure(16.1), (1, 2): Figure(None, "c"),
        (2, 1): Figure(1002.0), (2, 2): Figure(21.0),
        (3, 0): Figure(95.0), (3, 2): Figure(None, "low"),
    }  # the blanks (2, 0) and (3, 1) are left as they are


def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_read() -> None:
    block = split_block("93.3%\tlots\t21\n\t17\t120%\n")
    read = read_block(block, top=2, left=0, rows=MONTHS, columns=MEASURES)
    assert not read.ok
    assert [(b.row, b.column) for b in read.bad] == [(2, 1), (3, 2)]
    assert read.message().splitlines() == [
        "Aug 2024, K07 Average caseload: “lots” is not a number (or one of the DfE marks c, x, z, u, low)",
        "Sep 2024, K08 Agency social workers: “120%” is more than 100%",
    ]


def test_a_block_too_big_for_the_grid_is_refused_whole() -> None:
    block = split_block("1\t2\n3\t4\n5\t6\n")
    read = read_block(block, top=2, left=2, rows=MONTHS, columns=MEASURES)
    assert not read.ok and not read.figures
    assert read.problem == ("The block does not fit: it has 3 rows but only 2 periods from Aug 2024 down and "
                            "2 columns but only 1 measure from K08 Agency social workers rightwards.")
    assert read_block([], top=0, left=0, rows=MONTHS, columns=MEASURES).problem


def test_many_bad_cells_are_summarised() -> None:
    block = [["bad"] * 3] * 4
    read = read_block(block, top=0, left=0, rows=MONTHS, columns=MEASURES)
    assert len(read.bad) == 12
    assert read.message(limit=5).splitlines()[-1] == "… and 7 more"
