"""The generic read-only table model: Qt's model checks and Python-side sorting."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from boardapp.ui.common.row_table_model import ROW_ROLE, VALUE_ROLE, Column, RowTableModel


@dataclass(frozen=True)
class Item:
    name: str
    due: date | None
    amount: int


ROWS = [
    Item("beta", date(2026, 3, 1), 20),
    Item("Alpha", None, 5),
    Item("gamma", date(2025, 1, 9), 1_500),
]
COLUMNS: list[Column[Item]] = [
    Column("Name", lambda r: r.name, tooltip=lambda r: f"{r.name}!"),
    Column("Due", lambda r: r.due),
    Column("Amount", lambda r: r.amount),
]


def model_with_rows() -> RowTableModel[Item]:
    model: RowTableModel[Item] = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    return model


def names(model: RowTableModel[Item]) -> list[str]:
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_passes_qt_model_tester(qtmodeltester: Any) -> None:
    model = model_with_rows()
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_display_formats_uk_dates_and_thousands() -> None:
    model = model_with_rows()
    assert model.data(model.index(0, 1)) == "01/03/2026"
    assert model.data(model.index(1, 1)) == ""
    assert model.data(model.index(2, 2)) == "1,500"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "beta!"
    assert model.data(model.index(2, 2), VALUE_ROLE) == 1500
    assert model.data(model.index(1, 0), ROW_ROLE) is ROWS[1]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Amount"
    assert model.rowCount(model.index(0, 0)) == 0


def test_sort_is_python_side_case_insensitive_blanks_last() -> None:
    model = model_with_rows()
    model.sort(0)
    assert names(model) == ["Alpha", "beta", "gamma"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["gamma", "beta", "Alpha"]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["beta", "gamma", "Alpha"]  # the blank date stays last


def test_sort_keeps_persistent_indexes_on_their_rows(qtbot: Any) -> None:
    model = model_with_rows()
    from PySide6.QtCore import QPersistentModelIndex

    held = QPersistentModelIndex(model.index(0, 2))  # beta, amount
    with qtbot.waitSignal(model.layoutChanged):
        model.sort(2, Qt.SortOrder.DescendingOrder)
    assert held.isValid() and held.row() == 1
    assert model.data(model.index(held.row(), 0)) == "beta"


def test_set_rows_keeps_the_current_sort() -> None:
    model = model_with_rows()
    model.sort(2, Qt.SortOrder.AscendingOrder)
    model.set_rows([*ROWS, Item("delta", None, 0)])
    assert names(model)[0] == "delta"
    assert model.data(QModelIndex()) is None
