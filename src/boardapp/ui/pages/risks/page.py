"""Risks: the register scored likelihood × impact, its 5×5 heat map, and add / edit / close / reopen.

The heat map counts the risks the list shows (live ones, or all with "Show closed"); choosing
a cell narrows the list to that cell, and choosing it again (or Esc) shows every cell. Every
edit is one entry on the undo stack; the page refreshes when ``ctx.changed("risks")`` says so.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QSplitter, QVBoxLayout,
    QWidget,
)

from boardapp.domain.enums import RiskStatus
from boardapp.domain.rules import ValidationError
from boardapp.ui.common import msgbox
from boardapp.ui.common.delegates import BragDelegate
from boardapp.ui.common.table_page import TablePage, fit_columns_to_header_and_content, heading, make_table
from boardapp.ui.pages.risks.heat_map import Cell, RiskHeatMap
from boardapp.ui.pages.risks.models import RiskTableModel, matches

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.risks.queries import RiskRow
    from boardapp.ui.common.context import AppContext

_REFRESH_ON = ("risks", "people", "themes", "board")


def _button(text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class RisksPage(TablePage):
    title = "Risks"
    blurb = ("The improvement programme's risk register. Score = likelihood × impact (each 1–5): Red 15–25, "
             "Amber 8–14, Green 1–7. Choose a heat-map cell to show only the risks in it.")

    def write_controls(self) -> list[Any]:
        """The commands that write (the shell's write gate disables them while read-only)."""
        return [self.new_button, self.edit_button, self.close_button, self.reopen_button]

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        self._all: list[RiskRow] = []
        self.dialog: Any = None
        self._fitted = False
        super().__init__(ctx, parent)
        ctx.changed.connect(self._on_changed)

    # -- building -------------------------------------------------------------------------------
    def build(self) -> None:
        self.body.addLayout(self._build_toolbar())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_heat_panel())
        self.splitter.addWidget(self._build_list_panel())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([350, 950])
        self.body.addWidget(self.splitter, 1)
        self._update_buttons()

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.new_button = _button("&New risk…", "Add a risk", self.new_risk)
        self.edit_button = _button("Edi&t…", "Edit the chosen risk", self.edit_selected)
        self.close_button = _button("C&lose risk", "Close the chosen risk", self.close_selected)
        self.reopen_button = _button("Re&open", "Reopen the chosen risk", self.reopen_selected)
        for b in (self.new_button, self.edit_button, self.close_button, self.reopen_button):
            bar.addWidget(b)
        bar.addStretch(1)
        search_label = QLabel("&Search:")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search risks")
        self.search.setPlaceholderText("ref, words, owner…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        search_label.setBuddy(self.search)
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        self.show_closed = QCheckBox("Sho&w closed risks")
        self.show_closed.setAccessibleName("Show closed risks")
        self.show_closed.toggled.connect(lambda _on: self.apply_filters())
        bar.addWidget(search_label)
        bar.addWidget(self.search)
        bar.addWidget(self.show_closed)
        return bar

    def _build_heat_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 8, 0)
        title = heading("Heat &map", "sectionTitle")
        layout.addWidget(title)
        switch = QHBoxLayout()
        self.residual_radio = QRadioButton("&Residual (with controls)")
        self.residual_radio.setAccessibleName("Heat map of residual scores")
        self.inherent_radio = QRadioButton("&Inherent (before controls)")
        self.inherent_radio.setAccessibleName("Heat map of inherent scores")
        self.residual_radio.setChecked(True)
        group = QButtonGroup(panel)
        group.addButton(self.residual_radio)
        group.addButton(self.inherent_radio)
        self.inherent_radio.toggled.connect(self._basis_changed)
        switch.addWidget(self.residual_radio)
        switch.addWidget(self.inherent_radio)
        switch.addStretch(1)
        layout.addLayout(switch)
        self.heat_map = RiskHeatMap()
        title.setBuddy(self.heat_map)
        self.heat_map.cell_chosen.connect(lambda _cell: self.apply_filters())
        layout.addWidget(self.heat_map)
        self.cell_label = QLabel("")
        self.cell_label.setAccessibleName("Heat map filter")
        self.cell_label.setWordWrap(True)
        self.all_cells_button = _button("Show &all cells", "Show the risks of every cell", lambda: self.heat_map.choose(None))
        row = QHBoxLayout()
        row.addWidget(self.cell_label, 1)
        row.addWidget(self.all_cells_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return panel

    def _build_list_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 0, 0, 0)
        self.overdue_label = QLabel("")
        self.overdue_label.setAccessibleName("Overdue reviews")
        self.overdue_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.overdue_label.setWordWrap(True)
        layout.addWidget(self.overdue_label)
        self.table, _plain = make_table("Risk register", [])
        self.model = RiskTableModel(self.ctx.today, self.table)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RiskTableModel.RATING_COLUMN, BragDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _index: self.edit_selected())
        from boardapp.ui.common.empty_state import EmptyState, EmptySwitch

        self.empty = EmptyState(
            "No risks yet", "Add the risks to the improvement programme: what could stop the plan, scored before "
            "and after controls, with an owner and a review date. The heat map and the pack's risk section follow.",
            [("Add the first risk…", self.new_risk)], name="No risks yet")
        self.no_match = EmptyState(
            "No risks to show", "", [("Show all risks", self.show_all)], name="No risks match", reads=("Show all risks",))
        self.filter_switch = EmptySwitch(self.table, self.no_match)  # the register has risks, the filters hide them
        self.switch = EmptySwitch(self.filter_switch, self.empty)
        layout.addWidget(self.switch, 3)
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Risks shown")
        self.count_label.setObjectName("muted")
        layout.addWidget(self.count_label)
        self.details = QLabel("")
        self.details.setAccessibleName("Details of the chosen risk")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(110)
        layout.addWidget(self.details, 1)
        return panel

    # -- data -----------------------------------------------------------------------------------
    def load(self, session: "Session") -> None:
        from boardapp.services.risks.queries import list_risks

        self._all = list_risks(session=session)
        self.switch.set_empty(not self._all)
        self.apply_filters()
        if not self._fitted and self.model.rowCount():
            # Once: later loads keep the widths the user chose. The title is capped so the scores,
            # rating and review stay in view beside the heat map at 1366×768.
            fit_columns_to_header_and_content(self.table, maximum=220, maximums={1: 200})
            self._fitted = True

    def _on_changed(self, kind: str) -> None:
        if kind in _REFRESH_ON:
            self.mark_stale()

    def inherent(self) -> bool:
        return self.inherent_radio.isChecked()

    def _basis_changed(self) -> None:
        self.heat_map.choose(None)
        self.apply_filters()

    def listed(self) -> list["RiskRow"]:
        """The risks that pass the status and search filters (what the heat map counts)."""
        words = self.search.text().casefold().split()
        closed = self.show_closed.isChecked()
        return [r for r in self._all if (closed or not r.closed) and matches(r, words)]

    def apply_filters(self) -> None:
        """Show the listed risks in the chosen cell (all cells when none is chosen); keep the selection."""
        from boardapp.services.risks.queries import heat_map_counts

        keep = self.selected_risk()
        listed = self.listed()
        inherent = self.inherent()
        self.heat_map.set_counts(heat_map_counts(listed, inherent=inherent))
        cell: Cell | None = self.heat_map.chosen()
        shown = [r for r in listed if cell is None or r.cell(inherent) == cell]
        self.model.set_rows(shown)
        basis = "inherent" if inherent else "residual"
        if cell is None:
            self.cell_label.setText(f"Showing every cell ({basis} scores).")
        else:
            self.cell_label.setText(f"Showing likelihood {cell[0]} × impact {cell[1]} = {cell[0] * cell[1]} "
                                    f"({basis}): {len(shown)} of {len(listed)}.")
        self.all_cells_button.setEnabled(cell is not None)
        self._explain_nothing_shown(bool(listed), cell)
        today = self.ctx.today()
        overdue = [r for r in self._all if r.review_overdue(today)]
        self.overdue_label.setText(
            "" if not overdue else
            f"{len(overdue)} review{'s are' if len(overdue) != 1 else ' is'} overdue (as at {today:%d/%m/%Y}): "
            + ", ".join(f"{r.ref} (due {r.review_date:%d/%m/%Y})" for r in overdue)
        )
        self.overdue_label.setVisible(bool(overdue))
        live = sum(1 for r in self._all if not r.closed)
        self.count_label.setText(f"{len(shown)} shown · {live} live · {len(self._all) - live} closed")
        self.select_risk(keep.id if keep is not None else None)

    def _explain_nothing_shown(self, listed: bool, cell: Cell | None) -> None:
        """When the filters hide every risk, say which filter and offer to show them all."""
        hidden = bool(self._all) and self.model.rowCount() == 0
        if hidden:
            if cell is not None and listed:
                why = f"No risk sits in likelihood {cell[0]} × impact {cell[1]} = {cell[0] * cell[1]}."
            elif self.search.text().strip():
                why = f"No {'' if self.show_closed.isChecked() else 'live '}risk matches “{self.search.text().strip()}”."
            else:
                why = "Every risk in the register is closed."
            self.no_match.set_text("No risks to show", why + " Show all risks clears the filters.")
        self.filter_switch.set_empty(hidden)

    def show_all(self) -> None:
        """Clear the heat-map cell and the search (and show closed risks if only those exist)."""
        self.search.clear()
        self.heat_map.choose(None)
        if not self.listed():
            self.show_closed.setChecked(True)
        self.apply_filters()
        self.table.setFocus()

    # -- selection ------------------------------------------------------------------------------
    def selected_risk(self) -> "RiskRow | None":
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_risk(self, risk_id: int | None) -> None:
        row = self.model.row_of(risk_id) if risk_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
        self._show_details(self.selected_risk())
        self._update_buttons()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(self.model.row_at(current.row()) if current.isValid() else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        r = self.selected_risk() if hasattr(self, "model") else None
        self.edit_button.setEnabled(r is not None)
        self.close_button.setEnabled(r is not None and not r.closed)
        self.reopen_button.setEnabled(r is not None and r.closed)

    def _show_details(self, r: "RiskRow | None") -> None:
        if r is None:
            self.details.setText("")
            return
        from html import escape

        def part(label: str, text: str) -> str:
            return f"<b>{label}:</b> {escape(text) if text else '<i>not recorded</i>'}"

        review = "not set" if r.review_date is None else f"{r.review_date:%d/%m/%Y}"
        if r.review_overdue(self.ctx.today()):
            review += " — <b style='color:#b3261e'>overdue</b>"
        lines = [
            f"<b>{escape(r.ref)} {escape(r.title)}</b> · owner {escape(r.owner_name or 'none')} · "
            f"inherent {r.inherent_likelihood} × {r.inherent_impact} = {r.inherent_score} ({r.inherent_rating.label}) · "
            f"residual {r.likelihood} × {r.impact} = {r.score} ({r.rating.label}) · "
            f"{RiskStatus(r.status).label} · review {review}",
            part("Cause", r.cause), part("Effect", r.effect), part("Controls in place", r.controls),
            part("Further mitigation", r.mitigation),
        ]
        self.details.setText("<br>".join(lines))

    # -- edits ----------------------------------------------------------------------------------
    def new_risk(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        r = self.selected_risk()
        if r is not None:
            self._open_dialog(r.id)

    def _open_dialog(self, risk_id: int | None) -> None:
        from boardapp.ui.pages.risks.dialog import RiskDialog

        dialog = RiskDialog(self.ctx, risk_id, self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.window().activateWindow()  # the window's shortcuts (Ctrl+Z, Alt+…) work again at once
        self.table.setFocus()

    def _saved(self, risk_id: int) -> None:
        self.refresh()
        if self.model.row_of(risk_id) < 0:  # a filter hides it: show it rather than lose it
            self.heat_map.choose(None)
            self.search.clear()
        self.select_risk(risk_id)

    def close_selected(self) -> None:
        from boardapp.ui.pages.risks.commands import CloseRiskCommand

        r = self.selected_risk()
        if r is not None and not r.closed:
            self._run(CloseRiskCommand(self.ctx, r), "Close risk")

    def reopen_selected(self) -> None:
        from boardapp.ui.pages.risks.commands import ReopenRiskCommand

        r = self.selected_risk()
        if r is not None and r.closed:
            self._run(ReopenRiskCommand(self.ctx, r), "Reopen risk")

    def _run(self, command: Any, title: str) -> bool:
        from boardapp.services.plan.commands import ConflictError, NotFoundError
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
