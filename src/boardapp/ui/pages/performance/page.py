"""Performance: the scorecard, the figures grid with the chosen measure's trend beside it, and links.

Top: each measure's latest figure beside its target and floor, its RAG (chip with its word; the
tooltip says why), direction against the previous period and the same period last year, and the
latest published England / region / statistical-neighbour comparators. Below: the figures grid
(months × measures: type, or paste a block from Excel) beside the trend chart, and the actions and
findings linked to the measure. Every edit is one entry on the undo stack.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from boardapp.domain.rules import ValidationError
from boardapp.ui.common import msgbox
from boardapp.ui.common.delegates import BragDelegate
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.linked_actions import LinkedActionsPanel
from boardapp.ui.common.table_page import TablePage, fit_columns_to_header_and_content, make_table
from boardapp.ui.pages.performance.figures_model import FiguresModel
from boardapp.ui.pages.performance.figures_view import FiguresView
from boardapp.ui.pages.performance.scorecard_model import ScorecardModel
from boardapp.ui.pages.performance.trend_chart import TrendChart

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.performance.measures import MeasureRow
    from boardapp.services.performance.queries import ScorecardRow
    from boardapp.services.performance.values import FigureChange
    from boardapp.ui.common.context import AppContext

_REFRESH_ON = ("performance", "people", "themes", "board", "comparators", "inspections")


def _button(text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class PerformancePage(TablePage):
    """The scorecard (top), the figures grid and trend chart, and the links (bottom)."""

    title = "Performance"
    blurb = ("Each measure's latest figure against its target and floor: Green meets the target, Amber misses it "
             "but is within the floor, Red is beyond the floor. Type or paste figures into the grid below.")
    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register

    def write_controls(self) -> list[Any]:
        """The commands that write, and the figures table's in-place editing (gated while read-only)."""
        return [self.add_button, self.edit_button, self.retire_button, self.up_button, self.down_button,
                self.links_button, self.figures]

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        self._measures: dict[int, MeasureRow] = {}
        self._fitted = False
        self.dialog: Any = None
        super().__init__(ctx, parent)
        ctx.changed.connect(self._on_changed)

    # -- building -------------------------------------------------------------------------------
    def build(self) -> None:
        self.body.addLayout(self._build_toolbar())
        self.table, _plain = make_table("Performance scorecard", [])
        self.model = ScorecardModel(self.table)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ScorecardModel.RAG_COLUMN, BragDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._measure_chosen)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.empty = EmptyState(
            "No measures yet", "Add the measures the board watches — each with its unit, whether higher or lower "
            "is better, a target and a floor — then type or paste their monthly figures.",
            [("Add a measure…", self.add_measure)], name="No measures yet")
        self.switch = EmptySwitch(self.table, self.empty)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.switch)
        split.addWidget(self._build_tabs())
        split.setSizes([300, 360])
        self.splitter = split
        self.body.addWidget(split, 1)
        self._update_buttons()

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_button = _button("&Add measure…", "Add a measure", self.add_measure)
        self.edit_button = _button("Edi&t…", "Edit the chosen measure", self.edit_selected)
        self.retire_button = _button("&Retire", "Retire the chosen measure", self.retire_selected)
        self.up_button = _button("Move &up", "Move the chosen measure up", lambda: self.move_selected(-1))
        self.down_button = _button("Move do&wn", "Move the chosen measure down", lambda: self.move_selected(1))
        self.links_button = _button("&Links…", "Link the chosen measure to actions and findings", self.edit_links)
        for b in (self.add_button, self.edit_button, self.retire_button, self.up_button, self.down_button,
                  self.links_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.show_retired = QCheckBox("Show retired measures")
        self.show_retired.setAccessibleName("Show retired measures")
        self.show_retired.toggled.connect(lambda _on: self.refresh())
        bar.addWidget(self.show_retired)
        return bar

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setAccessibleName("Figures, trend and links")
        figures = QWidget()
        layout = QVBoxLayout(figures)
        layout.setContentsMargins(0, 4, 0, 0)
        self.figures_hint = QLabel("Type a figure (93.3, 1,234, 95%), a DfE mark (c x z u low: not published) or "
                                   "nothing; Ctrl+V pastes a block copied from Excel at the chosen cell.")
        self.figures_hint.setObjectName("muted")
        self.figures_hint.setWordWrap(True)
        layout.addWidget(self.figures_hint)
        self.figures_message = QLabel("")
        self.figures_message.setAccessibleName("Figures message")
        self.figures_message.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.figures_message.setWordWrap(True)
        self.figures_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures_message.hide()
        layout.addWidget(self.figures_message)
        side = QSplitter(Qt.Orientation.Horizontal)
        side.setChildrenCollapsible(False)
        self.figures_model = FiguresModel(self._write_figures, self)
        self.figures_model.refused.connect(self._show_figures_problem)
        self.figures = FiguresView(self.figures_model, self._write_figures)
        self.figures.refused.connect(self._show_figures_problem)
        self.figures.selectionModel().currentChanged.connect(self._figure_cell_chosen)
        self.chart = TrendChart()
        side.addWidget(self.figures)
        side.addWidget(self.chart)
        side.setSizes([560, 700])
        layout.addWidget(side, 1)
        tabs.addTab(figures, "Fi&gures and trend")  # Alt+F is the File menu
        links = QWidget()
        links_layout = QHBoxLayout(links)
        links_layout.setContentsMargins(0, 4, 0, 0)
        self.linked_panel = LinkedActionsPanel("Actions linked to this measure", "Actions linked to the chosen measure")
        self.linked_panel.action_requested.connect(self.action_requested)
        links_layout.addWidget(self.linked_panel, 1)
        self.findings_label = QLabel("")
        self.findings_label.setAccessibleName("Findings this measure evidences")
        self.findings_label.setWordWrap(True)
        self.findings_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        links_layout.addWidget(self.findings_label, 1)
        tabs.addTab(links, "Linked actions and fi&ndings")
        self.tabs = tabs
        return tabs

    # -- data -----------------------------------------------------------------------------------
    def load(self, session: "Session") -> None:
        from boardapp.services.performance.measures import list_measures
        from boardapp.services.performance.queries import scorecard
        from boardapp.services.performance.values import values_grid

        keep = self.selected_measure()
        retired = self.show_retired.isChecked()
        self._measures = {m.id: m for m in list_measures(session=session)}
        rows = scorecard(session=session, include_retired=retired)
        self.model.set_rows(rows)
        self.switch.set_empty(not rows)
        self.figures_model.set_grid(values_grid(session=session, today=self.ctx.today(), include_retired=retired))
        if not self._fitted and rows:
            fit_columns_to_header_and_content(self.table, stretch=1, maximum=100)
            self.figures.scrollToBottom()
            self._fitted = True
        self.select_measure(keep.id if keep is not None else None)

    def _on_changed(self, kind: str) -> None:
        if kind in _REFRESH_ON:
            self.mark_stale()

    # -- selection ------------------------------------------------------------------------------
    def selected_measure(self) -> "ScorecardRow | None":
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_measure(self, kpi_id: int | None) -> None:
        row = self.model.row_of(kpi_id) if kpi_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._show_measure(self.selected_measure())

    def _measure_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_measure(self.model.row_at(current.row()) if current.isValid() else None)

    def _figure_cell_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Choosing a cell of the grid charts its measure (the scorecard follows)."""
        if not current.isValid():
            return
        kpi_id = self.figures_model.measure_at(current.column()).id
        chosen = self.selected_measure()
        if chosen is None or chosen.id != kpi_id:
            row = self.model.row_of(kpi_id)
            if row >= 0:
                self.table.selectRow(row)

    def _show_measure(self, measure: "ScorecardRow | None") -> None:
        from boardapp.services.performance.links import finding_choices, kpi_links
        from boardapp.services.performance.queries import kpi_series
        from boardapp.services.plan.queries import actions_for_kpi

        self._update_buttons()
        if measure is None:
            self.chart.set_series(None)
            self.linked_panel.set_actions([])
            self.findings_label.setText("")
            return
        with self.ctx.session() as session:
            self.chart.set_series(kpi_series(measure.id, session=session))
            self.linked_panel.set_actions(actions_for_kpi(measure.id, session=session))
            linked = kpi_links(measure.id, session=session).finding_ids
            findings = [f for f in finding_choices(session=session) if f.id in linked] if linked else []
        from html import escape

        self.findings_label.setText(
            "<b>Findings this measure evidences</b><br>" + ("<br>".join(
                f"<i>{escape(f.label)}</i>: {escape(f.text)}" for f in findings) or "None linked yet (Links…)."))
        column = self.figures_model.column_of(measure.id)
        if column >= 0:
            current = self.figures.currentIndex()
            if not current.isValid() or current.column() != column:
                row = current.row() if current.isValid() else self.figures_model.rowCount() - 1
                self.figures.setCurrentIndex(self.figures_model.index(max(row, 0), column))

    def _update_buttons(self) -> None:
        m = self.selected_measure() if hasattr(self, "model") else None
        for b in (self.edit_button, self.retire_button, self.links_button):
            b.setEnabled(m is not None)
        definition = self._measures.get(m.id) if m is not None else None
        self.retire_button.setText("&Restore" if definition is not None and definition.retired else "&Retire")
        row = self.model.row_of(m.id) if m is not None else -1
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    # -- edits ----------------------------------------------------------------------------------
    def add_measure(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        m = self.selected_measure()
        if m is not None:
            self._open_dialog(self._measures.get(m.id))

    def _open_dialog(self, row: "MeasureRow | None") -> None:
        from boardapp.ui.pages.performance.measure_dialog import MeasureDialog

        dialog = MeasureDialog(self.ctx, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_id))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.window().activateWindow()
        self.table.setFocus()

    def _saved(self, kpi_id: int | None) -> None:
        self.refresh()
        if kpi_id is not None:
            self.select_measure(kpi_id)

    def retire_selected(self) -> None:
        from boardapp.ui.pages.performance.commands import RetireMeasureCommand

        m = self.selected_measure()
        definition = self._measures.get(m.id) if m is not None else None
        if definition is not None:
            self._run(RetireMeasureCommand(self.ctx, definition, not definition.retired), "Retire measure")

    def move_selected(self, step: int) -> None:
        from boardapp.ui.pages.performance.commands import ReorderMeasuresCommand

        m = self.selected_measure()
        if m is None:
            return
        order = [r.id for r in self.model.rows()]
        i = order.index(m.id)
        j = i + step
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        if self._run(ReorderMeasuresCommand(self.ctx, order, f"Move measure {m.code} {'up' if step < 0 else 'down'}"),
                     "Move measure"):
            self.select_measure(m.id)

    def edit_links(self) -> None:
        from boardapp.ui.pages.performance.links_dialog import LinksDialog

        m = self.selected_measure()
        if m is None:
            return
        dialog = LinksDialog(self.ctx, m.id, m.code, m.title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _write_figures(self, changes: list["FigureChange"], text: str) -> bool:
        from boardapp.ui.pages.performance.commands import SetFiguresCommand

        self.figures_message.hide()
        return self._run(SetFiguresCommand(self.ctx, changes, text), text)

    def _show_figures_problem(self, message: str) -> None:
        self.figures_message.setText(message)
        self.figures_message.show()

    def _run(self, command: Any, title: str) -> bool:
        from boardapp.services.performance.measures import ConflictError, NotFoundError
        from boardapp.ui.common.undo import run_command

        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            msgbox.warning(self, title, f"Nothing was changed. {exc.field.replace('_', ' ')}: {exc.message}")
            return False
        except (ConflictError, NotFoundError) as exc:
            msgbox.warning(self, title, f"Nothing was changed: {exc}")
            self.refresh()
            return False
        return True
