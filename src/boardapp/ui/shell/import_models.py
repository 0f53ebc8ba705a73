"""The preview's tables: rows to create, each change old → new, unchanged rows, rejections and warnings.

All are :class:`RowTableModel` over frozen rows of the plan (``exchange.plan``), so they
sort in Python and pass ``qtmodeltester`` like every other table of the app.
"""
from __future__ import annotations

from dataclasses import dataclass

from boardapp.exchange.fields import ACTIONS, LABELS, RISKS
from boardapp.exchange.plan import CREATE, REJECTED, UNCHANGED, UPDATE, ImportPlan, PlannedRow, Problem
from boardapp.ui.common.row_table_model import Column, RowTableModel


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One field of one updated row, as the 'To update' table lists it."""

    row: int
    ref: str
    field: str
    old: str
    new: str


def _shown(key: str) -> object:
    return lambda r: r.shown.get(key, "")


ACTION_COLUMNS: tuple[Column[PlannedRow], ...] = (
    Column("Row", lambda r: r.row),
    Column("Ref", lambda r: r.ref),
    Column("Action", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Owner", _shown("owner")),  # type: ignore[arg-type]
    Column("Theme", _shown("theme")),  # type: ignore[arg-type]
    Column("Due", _shown("due_date")),  # type: ignore[arg-type]
    Column("BRAG", _shown("brag")),  # type: ignore[arg-type]
    Column("Status", _shown("status")),  # type: ignore[arg-type]
    Column("Latest update", _shown("latest_update"), tooltip=lambda r: r.shown.get("latest_update", "")),
    Column("Warnings", lambda r: len(r.warnings) or "", tooltip=lambda r: "\n".join(p.message for p in r.warnings)),
)
RISK_COLUMNS: tuple[Column[PlannedRow], ...] = (
    Column("Row", lambda r: r.row),
    Column("Ref", lambda r: r.ref),
    Column("Risk", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Owner", _shown("owner")),  # type: ignore[arg-type]
    Column("Inherent L × I", lambda r: f"{r.shown.get('inherent_likelihood', '')} × {r.shown.get('inherent_impact', '')}"),
    Column("Residual L × I", lambda r: f"{r.shown.get('residual_likelihood', '')} × {r.shown.get('residual_impact', '')}"),
    Column("Status", _shown("status")),  # type: ignore[arg-type]
    Column("Review", _shown("review_date")),  # type: ignore[arg-type]
    Column("Warnings", lambda r: len(r.warnings) or "", tooltip=lambda r: "\n".join(p.message for p in r.warnings)),
)
CHANGE_COLUMNS: tuple[Column[ChangeLine], ...] = (
    Column("Row", lambda c: c.row),
    Column("Ref", lambda c: c.ref),
    Column("Field", lambda c: c.field),
    Column("Now", lambda c: c.old, tooltip=lambda c: c.old),
    Column("Becomes", lambda c: c.new, tooltip=lambda c: c.new),
)
def _field_label(field: str | None) -> str:
    """A problem's field as the user reads it ('Due', not 'due_date')."""
    if not field:
        return ""
    return LABELS[ACTIONS].get(field) or LABELS[RISKS].get(field) or field.replace("_", " ").capitalize()


PROBLEM_COLUMNS: tuple[Column[Problem], ...] = (
    Column("Row", lambda p: p.row),
    Column("Field", lambda p: _field_label(p.field)),
    Column("Problem", lambda p: p.message, tooltip=lambda p: p.message),
)


class PreviewModels:
    """The five tables of one plan (made for one kind: actions and risks show different columns)."""

    def __init__(self, kind: str = "actions", parent: object = None) -> None:
        self.kind = kind
        columns = RISK_COLUMNS if kind == "risks" else ACTION_COLUMNS
        self.create: RowTableModel[PlannedRow] = RowTableModel(columns, parent)
        self.update: RowTableModel[ChangeLine] = RowTableModel(CHANGE_COLUMNS, parent)
        self.unchanged: RowTableModel[PlannedRow] = RowTableModel(columns, parent)
        self.rejected: RowTableModel[Problem] = RowTableModel(PROBLEM_COLUMNS, parent)
        self.warnings: RowTableModel[Problem] = RowTableModel(PROBLEM_COLUMNS, parent)

    def all(self) -> tuple[RowTableModel, ...]:  # type: ignore[type-arg]
        return (self.create, self.update, self.unchanged, self.rejected, self.warnings)

    def show(self, plan: ImportPlan | None) -> None:
        if plan is None:
            for model in self.all():
                model.set_rows([])
            return
        self.create.set_rows([r for r in plan.rows if r.outcome == CREATE])
        self.update.set_rows([ChangeLine(r.row, r.ref, c.label, c.old, c.new)
                              for r in plan.rows if r.outcome == UPDATE for c in r.changes])
        self.unchanged.set_rows([r for r in plan.rows if r.outcome == UNCHANGED])
        self.rejected.set_rows([r.rejection for r in plan.rows if r.outcome == REJECTED and r.rejection])
        self.warnings.set_rows(list(plan.warnings))
