"""Columns sized to their headers and contents: a header is never clipped (issue 9, item 18)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QHeaderView

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns_to_header_and_content, make_table


@dataclass(frozen=True)
class Visit:
    number: int
    letter: str
    strengths: int
    focus: str


COLUMNS: list[Column[Visit]] = [
    Column("No.", lambda r: r.number),
    Column("Letter published", lambda r: r.letter),
    Column("Strengths", lambda r: r.strengths),
    Column("Focus", lambda r: r.focus),
]
ROWS = [Visit(5, "01/08/2024", 3, "Care Leavers aged 18+ " * 8), Visit(4, "", 12, "The Front Door (MASH, Duty and EDT)")]


def test_headers_are_never_clipped_cells_fit_long_ones_are_capped(qtbot: Any) -> None:
    view, model = make_table("Visits", COLUMNS)
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    view.resize(900, 300)
    view.show()
    for column in range(4):
        view.setColumnWidth(column, 40)  # clipped, as the pages had it
    widths = fit_columns_to_header_and_content(view, maximum=300)
    header = view.horizontalHeader()
    for column in range(4):
        assert view.columnWidth(column) >= header.sectionSizeHint(column), COLUMNS[column].header
    assert view.columnWidth(1) >= view.sizeHintForColumn(1)  # "01/08/2024" fits
    assert widths[3] == 300  # the long focus text is capped (it elides, the tooltip has it)


def test_a_stretched_column_takes_the_room_left(qtbot: Any) -> None:
    view, model = make_table("Visits", COLUMNS)
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    view.resize(900, 300)
    view.show()
    fit_columns_to_header_and_content(view, stretch=3)
    header = view.horizontalHeader()
    assert header.sectionResizeMode(3) == QHeaderView.ResizeMode.Stretch and not header.stretchLastSection()
    assert sum(view.columnWidth(c) for c in range(4)) == view.viewport().width()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive  # the user can still resize it
