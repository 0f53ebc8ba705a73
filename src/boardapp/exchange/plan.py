"""An import worked out before anything is written: frozen rows the preview, the CLI and the writer share.

Every row of the sheet's table ends as one :class:`PlannedRow` — to create, to update
(matched by ref), unchanged, or rejected — with its problems named by sheet row and
field. The plan's ``batch`` is what the service writes (valid rows only); whether a
rejected row stops the whole import (the default) or is skipped is the caller's choice.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from boardapp.exchange.headers import TableLayout

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning or a rejection: the sheet row (as Excel numbers it), the field, what is wrong."""

    row: int | None
    field: str | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an existing row that the import changes, as the preview shows it."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class PlannedRow:
    row: int
    outcome: str
    ref: str
    title: str
    shown: Mapping[str, str]  # field → the value as the preview shows it
    changes: tuple[Change, ...] = ()
    warnings: tuple[Problem, ...] = ()
    rejection: Problem | None = None


@dataclass(frozen=True)
class ImportPlan:
    kind: str
    file_name: str
    sheet: str
    sheets: tuple[str, ...]
    layout: TableLayout
    rows: tuple[PlannedRow, ...]
    warnings: tuple[Problem, ...]  # every warning, sheet-level ones (hidden columns) first
    skipped: Mapping[str, int] = field(default_factory=dict)  # blank, formulas, id_only, note → count
    new_people: tuple[str, ...] = ()
    new_themes: tuple[str, ...] = ()
    batch: Any = None  # services' ActionImport or RiskImport (valid rows only)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def rejected(self) -> tuple[Problem, ...]:
        return tuple(r.rejection for r in self.rows if r.rejection is not None)

    @property
    def changes_anything(self) -> bool:
        return self.count(CREATE) + self.count(UPDATE) > 0

    def summary(self) -> dict[str, Any]:
        """The JSON of ``boardapp import --json`` (exactly these keys)."""
        return {
            "kind": self.kind,
            "sheet": self.sheet,
            "header_row": self.layout.header_row,
            "create": self.count(CREATE),
            "update": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "rejected": [p.as_json() for p in self.rejected],
            "warnings": [p.as_json() for p in self.warnings],
        }

    def skipped_text(self) -> str:
        names = {"blank": "blank", "formulas": "formulas only", "id_only": "an ID only", "note": "notes"}
        parts = [f"{n} {names.get(k, k)}" for k, n in self.skipped.items() if n]
        return ", ".join(parts)


class NoTableFound(ValueError):
    """No sheet holds a table of the kind asked for; nothing is imported."""
