"""Funding: grants and their lines, allocated / spent / remaining in pounds."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import TablePage, align_right, fit_columns, heading, make_table, select_first

if TYPE_CHECKING:
    from sqlmodel import Session


def _money(pence: int) -> str:
    from boardapp.services.funding.queries import format_pence

    return format_pence(pence)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else ""


GRANT_COLUMNS: list[Column[Any]] = [
    Column("Grant", lambda r: r.name),
    Column("Funder", lambda r: r.funder),
    Column("From", lambda r: r.start_date),
    Column("To", lambda r: r.end_date),
    Column("Allocated", lambda r: r.allocated_pence, align=align_right(), fmt=_money),
    Column("Spent", lambda r: r.spent_pence, align=align_right(), fmt=_money),
    Column("Remaining", lambda r: r.remaining_pence, align=align_right(), fmt=_money),
    Column("Spent %", lambda r: _share(r.spent_pence, r.allocated_pence), align=align_right(),
           sort_key=lambda r: r.spent_pence / r.allocated_pence if r.allocated_pence else 0),
]
LINE_COLUMNS: list[Column[Any]] = [
    Column("Purpose", lambda r: r.purpose),
    Column("Allocated", lambda r: r.allocated_pence, align=align_right(), fmt=_money),
    Column("Spent", lambda r: r.spent_pence, align=align_right(), fmt=_money),
    Column("Remaining", lambda r: r.allocated_pence - r.spent_pence, align=align_right(), fmt=_money),
    Column("Spent %", lambda r: _share(r.spent_pence, r.allocated_pence), align=align_right(),
           sort_key=lambda r: r.spent_pence / r.allocated_pence if r.allocated_pence else 0),
]


class FundingPage(TablePage):
    title = "Funding"
    blurb = "Grants for the improvement programme and how each is allocated and spent."

    def build(self) -> None:
        self.grants, self.grant_model = make_table("Grants", GRANT_COLUMNS)
        fit_columns(self.grants, (300, 200, 90, 90, 110, 110, 110))
        self.grants.setMaximumHeight(160)
        self.lines, self.line_model = make_table("Lines of the chosen grant", LINE_COLUMNS)
        fit_columns(self.lines, (380, 120, 120, 120))
        self.totals = QLabel("")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.addWidget(self.grants)
        self.body.addWidget(heading("Lines", "sectionTitle"))
        self.body.addWidget(self.lines, 1)
        self.body.addWidget(self.totals)
        self.grants.selectionModel().currentRowChanged.connect(self._grant_chosen)

    def load(self, session: "Session") -> None:
        from boardapp.services.funding.queries import list_grants

        self.grant_model.set_rows(list_grants(session=session))
        self.line_model.set_rows([])
        self.totals.setText("" if self.grant_model.rowCount() else "No grants are recorded.")
        select_first(self.grants)

    def _grant_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        grant = self.grant_model.row_at(current.row())
        self.line_model.set_rows(list(grant.lines))
        unallocated = grant.unallocated_pence
        extra = f" · not yet given to a line: {_money(unallocated)}" if unallocated else ""
        self.totals.setText(
            f"{grant.name}: allocated {_money(grant.allocated_pence)} · spent {_money(grant.spent_pence)} "
            f"· remaining {_money(grant.remaining_pence)}{extra}"
        )
