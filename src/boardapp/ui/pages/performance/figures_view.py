"""The values grid's view: type into a cell, paste a block copied from Excel (Ctrl+V), clear cells (Delete).

A paste is read whole before anything is written: every bad cell is named (month, measure, what is
wrong) and nothing is applied until all are good; then the block is ONE undoable edit.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from boardapp.domain.kpi_values import read_block, split_block
from boardapp.services.performance.values import EMPTY, Cell, FigureChange
from boardapp.ui.pages.performance.figures_model import FiguresModel, month_label

Writer = Callable[[list[FigureChange], str], bool]


class FiguresView(QTableView):
    """A QTableView over FiguresModel that knows Ctrl+V and Delete."""

    refused = Signal(str)  # a paste that was not applied, and why (every bad cell, one a line)

    def __init__(self, model: FiguresModel, writer: Writer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._figures = model
        self._writer = writer
        self.setAccessibleName("Figures by month and measure")
        self.setAccessibleDescription("Type a figure, a DfE mark (c, x, z, u, low) or nothing; Ctrl+V pastes a block "
                                      "copied from Excel at the chosen cell; Delete clears the chosen cells.")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().setDefaultSectionSize(64)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection_cells()
            return
        super().keyPressEvent(event)

    def _anchor(self) -> tuple[int, int] | None:
        selected = self.selectionModel().selectedIndexes()
        if selected:
            return min(i.row() for i in selected), min(i.column() for i in selected)
        current = self.currentIndex()
        return (current.row(), current.column()) if current.isValid() else None

    def paste_text(self, text: str) -> bool:
        """Paste a tab-separated block at the chosen cell (its top-left); False and ``refused`` if any cell is bad."""
        anchor = self._anchor()
        model = self._figures
        if anchor is None:
            if not model.rowCount() or not model.columnCount():
                self.refused.emit("There is no measure to paste figures into yet: add a measure first.")
                return False
            anchor = (0, 0)
        block = split_block(text)
        read = read_block(block, top=anchor[0], left=anchor[1], rows=model.row_labels(), columns=model.columns())
        if not read.ok:
            self.refused.emit("Nothing was pasted. Put these right and paste again:\n" + read.message())
            return False
        figures = read.figures
        changes = model.changes_for(sorted(figures), lambda r, c: Cell(figures[(r, c)].value, figures[(r, c)].mark))
        height = len(block)
        if not changes:
            return True
        first, last = model.period_at(anchor[0]), model.period_at(anchor[0] + height - 1)
        where = month_label(first) if first == last else f"{month_label(first)}–{month_label(last)}"
        if not self._writer(changes, f"Paste {len(changes)} figure{'s' if len(changes) != 1 else ''} ({where})"):
            return False
        self._select_block(anchor, height, max(len(r) for r in block))
        return True

    def _select_block(self, anchor: tuple[int, int], height: int, width: int) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        model = self._figures
        top_left = model.index(anchor[0], anchor[1])
        bottom_right = model.index(anchor[0] + height - 1, anchor[1] + width - 1)
        self.selectionModel().select(QItemSelection(top_left, bottom_right),
                                     QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear_selection_cells(self) -> bool:
        cells = sorted({(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()})
        changes = self._figures.changes_for(cells, lambda _r, _c: EMPTY)
        if not changes:
            return False
        return self._writer(changes, f"Clear {len(changes)} figure{'s' if len(changes) != 1 else ''}")

    def copy_selection(self) -> None:
        """Copy the chosen cells as a tab-separated block (what Excel pastes)."""
        selected = self.selectionModel().selectedIndexes()
        if not selected:
            return
        rows = sorted({i.row() for i in selected})
        columns = sorted({i.column() for i in selected})
        lines = ["\t".join(self._figures.cell_at(r, c).text() for c in columns) for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
