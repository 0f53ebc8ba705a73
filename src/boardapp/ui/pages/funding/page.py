"""Funding: grants and other funding, their lines, totals, and the warnings a secretariat must see.

Lines adding up to more than their grant, and spend above a line's allocation, are shown in
words in a warning panel and in bold red in the tables (never by colour alone). Add, edit,
delete and restore grants and lines; each is one undo entry. "Show deleted" lists deleted
grants and lines so they can be restored after the undo history is gone.
"""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from boardapp.domain.money import format_pence
from boardapp.domain.rules import ValidationError
from boardapp.ui.common import msgbox
from boardapp.ui.common.table_page import TablePage, fit_columns_to_header_and_content, heading, make_table
from boardapp.ui.pages.funding.models import GrantTableModel, LineTableModel

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.funding.queries import GrantLineRow, GrantRow
    from boardapp.ui.common.context import AppContext

_REFRESH_ON = ("funding", "people", "board")
_WARNING_STYLE = ("QLabel { color: #7a1510; background: #fdecea; border: 1px solid #b3261e; border-radius: 4px;"
                  " padding: 6px; font-weight: bold; }")


def _button(text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class FundingPage(TablePage):
    title = "Funding"
    blurb = "Grants and other funding for the improvement programme: how each is allocated to lines and spent."

    def write_controls(self) -> list[Any]:
        """The commands that write (the shell's write gate disables them while read-only)."""
        return [self.new_grant_button, self.edit_grant_button, self.delete_grant_button, self.restore_grant_button,
                self.new_line_button, self.edit_line_button, self.delete_line_button, self.restore_line_button]

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        self._grants: list[GrantRow] = []
        self.dialog: Any = None
        self._fitted_grants = self._fitted_lines = False
        super().__init__(ctx, parent)
        ctx.changed.connect(self._on_changed)

    # -- building -------------------------------------------------------------------------------
    def build(self) -> None:
        bar = QHBoxLayout()
        self.new_grant_button = _button("New &grant…", "Add a grant", self.new_grant)
        self.edit_grant_button = _button("Ed&it grant…", "Edit the chosen grant", self.edit_grant)
        self.delete_grant_button = _button("&Delete grant", "Delete the chosen grant", self.delete_grant)
        self.restore_grant_button = _button("Restore gr&ant", "Restore the chosen deleted grant", self.restore_grant)
        for b in (self.new_grant_button, self.edit_grant_button, self.delete_grant_button, self.restore_grant_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.show_deleted = QCheckBox("Sho&w deleted")
        self.show_deleted.setAccessibleName("Show deleted grants and lines")
        self.show_deleted.toggled.connect(lambda _on: self.refresh())
        bar.addWidget(self.show_deleted)
        self.body.addLayout(bar)
        self.grants, _plain = make_table("Grants", [])
        self.grant_model = GrantTableModel(self.grants)
        self.grants.setModel(self.grant_model)
        self.grants.setMaximumHeight(150)
        self.grants.selectionModel().currentRowChanged.connect(self._grant_chosen)
        self.grants.activated.connect(lambda _i: self.edit_grant())
        from boardapp.ui.common.empty_state import EmptyState, EmptySwitch

        self.empty = EmptyState(
            "No funding recorded yet", "Add the grants that pay for the improvement programme (the DfE's, the "
            "council's own), then split each into lines with an owner: what it is for, allocated and spent.",
            [("Add the first grant…", self.new_grant)], name="No funding recorded yet")
        self.grants_switch = EmptySwitch(self.grants, self.empty)
        self.body.addWidget(self.grants_switch)
        self.warning = QLabel("")
        self.warning.setAccessibleName("Funding warnings")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(_WARNING_STYLE)
        self.warning.hide()
        self.body.addWidget(self.warning)
        lines_bar = QHBoxLayout()
        self.lines_title = heading("Line&s", "sectionTitle")
        lines_bar.addWidget(self.lines_title)
        lines_bar.addStretch(1)
        self.new_line_button = _button("&New line…", "Add a line to the chosen grant", self.new_line)
        self.edit_line_button = _button("Edi&t line…", "Edit the chosen line", self.edit_line)
        self.delete_line_button = _button("Delete &line", "Delete the chosen line", self.delete_line)
        self.restore_line_button = _button("&Restore line", "Restore the chosen deleted line", self.restore_line)
        for b in (self.new_line_button, self.edit_line_button, self.delete_line_button, self.restore_line_button):
            lines_bar.addWidget(b)
        self.body.addLayout(lines_bar)
        self.lines, _plain = make_table("Lines of the chosen grant", [])
        self.line_model = LineTableModel(self.lines)
        self.lines.setModel(self.line_model)
        self.lines_title.setBuddy(self.lines)
        self.lines.selectionModel().currentRowChanged.connect(lambda _c, _p: self._line_chosen())
        self.lines.activated.connect(lambda _i: self.edit_line())
        self.no_lines = EmptyState(
            "No lines yet", "Split the grant into lines: what each part pays for, who owns it, how much is "
            "allocated to it and spent to date, and the actions of the plan it pays for.",
            [("Add the first line…", self.new_line)], name="No lines yet")
        self.lines_switch = EmptySwitch(self.lines, self.no_lines)
        self.body.addWidget(self.lines_switch, 1)
        self.line_details = QLabel("")
        self.line_details.setAccessibleName("Details of the chosen line")
        self.line_details.setWordWrap(True)
        self.line_details.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.line_details)
        self.totals = QLabel("")
        self.totals.setAccessibleName("Totals of the chosen grant")
        self.totals.setWordWrap(True)
        self.body.addWidget(self.totals)
        self.all_totals = QLabel("")
        self.all_totals.setAccessibleName("Totals of all funding")
        self.all_totals.setObjectName("muted")
        self.body.addWidget(self.all_totals)
        self._update_buttons()

    # -- data -----------------------------------------------------------------------------------
    def load(self, session: "Session") -> None:
        from boardapp.services.funding.queries import list_grants

        keep_grant = self.selected_grant()
        keep_line = self.selected_line()
        self._grants = list_grants(session=session, include_deleted=self.show_deleted.isChecked())
        self.grant_model.set_rows(self._grants)
        self.grants_switch.set_empty(not self._grants)
        if not self._fitted_grants and self._grants:
            fit_columns_to_header_and_content(self.grants, maximum=200, maximums={0: 220})
            self._fitted_grants = True
        self._show_all_totals()
        self.select_grant(keep_grant.id if keep_grant else None, keep_line.id if keep_line else None)

    def _on_changed(self, kind: str) -> None:
        if kind in _REFRESH_ON:
            self.mark_stale()

    def _show_all_totals(self) -> None:
        from boardapp.services.funding.queries import funding_totals

        totals = funding_totals(self._grants)
        if not totals.grants:
            self.all_totals.setText("No grants are recorded yet: add one with New grant (Alt+G).")
            return
        self.all_totals.setText(
            f"All funding: {totals.grants} grant{'s' if totals.grants != 1 else ''}, "
            f"{format_pence(totals.allocated_pence)} in total · spent {format_pence(totals.spent_pence)} "
            f"({totals.spent_share or '0%'}) · remaining {format_pence(totals.remaining_pence)}"
        )

    # -- selection ------------------------------------------------------------------------------
    def selected_grant(self) -> "GrantRow | None":
        index = self.grants.currentIndex() if hasattr(self, "grant_model") else QModelIndex()
        return self.grant_model.row_at(index.row()) if index.isValid() else None

    def selected_line(self) -> "GrantLineRow | None":
        index = self.lines.currentIndex() if hasattr(self, "line_model") else QModelIndex()
        return self.line_model.row_at(index.row()) if index.isValid() and index.row() < self.line_model.rowCount() else None

    def select_grant(self, grant_id: int | None, line_id: int | None = None) -> None:
        row = self.grant_model.row_of(grant_id) if grant_id is not None else -1
        if row < 0 and self.grant_model.rowCount():
            row = 0
        if row >= 0:
            self.grants.selectRow(row)
        self._show_grant(self.selected_grant(), line_id)

    def _grant_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_grant(self.grant_model.row_at(current.row()) if current.isValid() else None)

    def _show_grant(self, grant: "GrantRow | None", line_id: int | None = None) -> None:
        if grant is None:
            self.line_model.set_rows([])
            self.lines_switch.set_empty(False)
            self.warning.hide()
            self.totals.setText("")
            self.lines_title.setText("Line&s")
            self._line_chosen()
            return
        lines = list(grant.lines) + (list(grant.deleted_lines) if self.show_deleted.isChecked() else [])
        self.line_model.set_rows(lines)
        self.lines_switch.set_empty(not lines and not grant.deleted)
        if not self._fitted_lines and lines:
            fit_columns_to_header_and_content(self.lines, maximum=320)
            self._fitted_lines = True
        self.lines_title.setText(f"Line&s of {grant.name.replace('&', '&&')}")
        self.warning.setText("\n".join(f"Warning: {w}" for w in grant.warnings))
        self.warning.setVisible(bool(grant.warnings) and not grant.deleted)
        unallocated = grant.unallocated_pence
        if unallocated > 0:
            given = f" · not yet given to a line: {format_pence(unallocated)}"
        elif unallocated < 0:
            given = f" · lines over the grant by {format_pence(-unallocated)}"
        else:
            given = ""
        self.totals.setText(
            f"<b>{escape(grant.name)}</b>: total {format_pence(grant.allocated_pence)} · given to lines "
            f"{format_pence(grant.lines_allocated_pence)}{given} · spent to date {format_pence(grant.spent_pence)} "
            f"({grant.spent_share or '0%'}) · remaining {format_pence(grant.remaining_pence)}"
        )
        row = self.line_model.row_of(line_id) if line_id is not None else -1
        if row < 0 and self.line_model.rowCount():
            row = 0
        if row >= 0:
            self.lines.selectRow(row)
        self._line_chosen()

    def _line_chosen(self) -> None:
        line = self.selected_line()
        if line is None:
            self.line_details.setText("")
        else:
            actions = "; ".join(f"{escape(a.ref)} {escape(a.title)}" for a in line.actions) or "none"
            state = (f"<b style='color:#b3261e'>overspent by {format_pence(line.overspent_pence)}</b>"
                     if line.overspent_pence else f"remaining {format_pence(line.remaining_pence)}")
            self.line_details.setText(
                f"<b>{escape(line.purpose)}</b>{' (deleted)' if line.deleted else ''} · owner "
                f"{escape(line.owner_name or 'none')} · allocated {format_pence(line.allocated_pence)} · spent to date "
                f"{format_pence(line.spent_pence)} ({line.spent_share or '0%'}) · {state}<br>"
                f"<b>Pays for:</b> {actions}"
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not hasattr(self, "line_model"):
            return
        grant = self.selected_grant()
        line = self.selected_line()
        live_grant = grant is not None and not grant.deleted
        self.edit_grant_button.setEnabled(live_grant)
        self.delete_grant_button.setEnabled(live_grant)
        self.restore_grant_button.setEnabled(grant is not None and grant.deleted)
        self.restore_grant_button.setVisible(self.show_deleted.isChecked())
        self.new_line_button.setEnabled(live_grant)
        self.edit_line_button.setEnabled(live_grant and line is not None and not line.deleted)
        self.delete_line_button.setEnabled(live_grant and line is not None and not line.deleted)
        self.restore_line_button.setEnabled(live_grant and line is not None and line.deleted)
        self.restore_line_button.setVisible(self.show_deleted.isChecked())

    # -- edits ----------------------------------------------------------------------------------
    def new_grant(self) -> None:
        from boardapp.ui.pages.funding.dialogs import GrantDialog

        self._open(GrantDialog(self.ctx, None, self), line=False)

    def edit_grant(self) -> None:
        from boardapp.ui.pages.funding.dialogs import GrantDialog

        grant = self.selected_grant()
        if grant is not None and not grant.deleted:
            self._open(GrantDialog(self.ctx, grant, self), line=False)

    def new_line(self) -> None:
        from boardapp.ui.pages.funding.dialogs import LineDialog

        grant = self.selected_grant()
        if grant is not None and not grant.deleted:
            self._open(LineDialog(self.ctx, grant, None, self), line=True)

    def edit_line(self) -> None:
        from boardapp.ui.pages.funding.dialogs import LineDialog

        grant, line = self.selected_grant(), self.selected_line()
        if grant is not None and line is not None and not line.deleted and not grant.deleted:
            self._open(LineDialog(self.ctx, grant, line, self), line=True)

    def _open(self, dialog: Any, *, line: bool) -> None:
        grant = self.selected_grant()
        if line:
            dialog.saved.connect(lambda line_id: self._saved(grant.id if grant else None, line_id))
        else:
            dialog.saved.connect(lambda grant_id: self._saved(grant_id, None))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.window().activateWindow()  # the window's shortcuts (Ctrl+Z, Alt+…) work again at once

    def _saved(self, grant_id: int | None, line_id: int | None) -> None:
        self.refresh()
        self.select_grant(grant_id, line_id)
        (self.lines if line_id is not None else self.grants).setFocus()

    def delete_grant(self) -> None:
        from boardapp.ui.pages.funding.commands import DeleteGrantCommand

        grant = self.selected_grant()
        if grant is None or grant.deleted:
            return
        lines = len(grant.lines)
        if not msgbox.question(self, "Delete grant",
                               f"Delete “{grant.name}” ({format_pence(grant.allocated_pence)}, "
                               f"{lines} line{'s' if lines != 1 else ''})?\n\nIt leaves the page and the pack; "
                               "Undo (Ctrl+Z) or Show deleted › Restore grant brings it back.", default_yes=False):
            return
        self._run(DeleteGrantCommand(self.ctx, grant), "Delete grant")

    def restore_grant(self) -> None:
        from boardapp.ui.pages.funding.commands import DeleteGrantCommand

        grant = self.selected_grant()
        if grant is not None and grant.deleted:
            self._run(DeleteGrantCommand(self.ctx, grant, restore=True), "Restore grant", grant.id)

    def delete_line(self) -> None:
        from boardapp.ui.pages.funding.commands import DeleteLineCommand

        line = self.selected_line()
        if line is None or line.deleted:
            return
        if not msgbox.question(self, "Delete line",
                               f"Delete the line “{line.purpose}” ({format_pence(line.allocated_pence)})?\n\n"
                               "Undo (Ctrl+Z) or Show deleted › Restore line brings it back.", default_yes=False):
            return
        self._run(DeleteLineCommand(self.ctx, line), "Delete line", line.grant_id)

    def restore_line(self) -> None:
        from boardapp.ui.pages.funding.commands import DeleteLineCommand

        line = self.selected_line()
        if line is not None and line.deleted:
            self._run(DeleteLineCommand(self.ctx, line, restore=True), "Restore line", line.grant_id, line.id)

    def _run(self, command: Any, title: str, grant_id: int | None = None, line_id: int | None = None) -> bool:
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
        if grant_id is not None:
            self.select_grant(grant_id, line_id)
        return True
