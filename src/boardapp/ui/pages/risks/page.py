"""Risks: the register scored likelihood × impact (read-only here)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import TablePage, fit_columns, make_table

if TYPE_CHECKING:
    from sqlmodel import Session

COLUMNS: list[Column[Any]] = [
    Column("Ref", lambda r: r.ref),
    Column("Risk", lambda r: r.title, tooltip=lambda r: r.description or r.title),
    Column("Likelihood", lambda r: r.likelihood),
    Column("Impact", lambda r: r.impact),
    Column("Score", lambda r: r.score, tooltip=lambda r: f"{r.likelihood} × {r.impact} = {r.score}"),
    Column("Rating", lambda r: r.rating.label if r.rating else "", sort_key=lambda r: r.score),
    Column("Owner", lambda r: r.owner_name),
    Column("Status", lambda r: r.status.capitalize()),
    Column("Mitigation", lambda r: r.mitigation, tooltip=lambda r: r.mitigation),
]


class RisksPage(TablePage):
    title = "Risks"
    blurb = "The improvement programme's risk register. Score = likelihood × impact (each 1–5); highest first."

    def build(self) -> None:
        self.table, self.model = make_table("Risk register", COLUMNS)
        fit_columns(self.table, (60, 300, 80, 70, 60, 80, 170, 80))
        self.body.addWidget(self.table, 1)

    def load(self, session: "Session") -> None:
        from boardapp.services.risks.queries import list_risks

        self.model.set_rows(sorted(list_risks(session=session), key=lambda r: (r.status != "OPEN", -r.score, r.ref)))
