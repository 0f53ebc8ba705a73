"""The values grid (periods × measures) and the one use-case that writes figures into it.

``set_figures`` writes any number of cells in one transaction (a typed cell or a pasted block
alike) and hands back what the cells held before, so one undo puts the whole block back.
A figure is a number, or "not published" (value None with the DfE mark), or nothing (the
cell is cleared). ``expected``: what the caller believes the cells hold now (an undo or redo):
if any cell was changed elsewhere since, nothing is written and ConflictError names it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from boardapp.db.models import Kpi, KpiValue
from boardapp.domain.kpi_values import SUPPRESSION_MARKS
from boardapp.services.audit import record_change
from boardapp.services.performance.measures import ENTITY, MeasureRow, NotFoundError, list_measures
from boardapp.services.transaction import ConflictError, write_transaction

#: How many months back the grid shows at least (two years, as the board reads trends).
GRID_MONTHS = 24


@dataclass(frozen=True, slots=True)
class Cell:
    """What one (measure, period) holds: a value, a not-published mark, or nothing (both empty)."""

    value: float | None = None
    mark: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None and not self.mark

    def text(self) -> str:
        return self.mark if self.value is None else f"{self.value:g}"


EMPTY = Cell()


@dataclass(frozen=True, slots=True)
class FigureChange:
    """Set the cell of measure ``kpi_id`` for ``period`` (the first of its month) to ``cell``."""

    kpi_id: int
    period: date
    cell: Cell


@dataclass(frozen=True, slots=True)
class ValuesGrid:
    """Rows are months (oldest first), columns the live measures in scorecard order."""

    periods: tuple[date, ...]
    measures: tuple[MeasureRow, ...]
    cells: dict[tuple[int, date], Cell]

    def cell(self, kpi_id: int, period: date) -> Cell:
        return self.cells.get((kpi_id, period), EMPTY)


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    out, current = [], month_start(first)
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


def values_grid(*, session: Session, today: date, include_retired: bool = False) -> ValuesGrid:
    """The grid up to ``today``'s month, back to the earliest figure or ``GRID_MONTHS`` months, whichever is older."""
    measures = tuple(list_measures(session=session, include_retired=include_retired))
    ids = [m.id for m in measures]
    cells: dict[tuple[int, date], Cell] = {}
    stmt = select(KpiValue).where(col(KpiValue.kpi_id).in_(ids)) if ids else None
    for v in session.exec(stmt) if stmt is not None else ():
        cell = Cell(v.value, v.mark)
        if not cell.empty:
            cells[(v.kpi_id, month_start(v.period))] = cell
    last = month_start(today)
    first = min([add_months(last, -(GRID_MONTHS - 1))] + [p for _k, p in cells])
    last = max([last] + [p for _k, p in cells])
    return ValuesGrid(tuple(months_between(first, last)), measures, cells)


def _current(session: Session, keys: Iterable[tuple[int, date]]) -> dict[tuple[int, date], KpiValue]:
    wanted = set(keys)
    ids = {k for k, _p in wanted}
    if not ids:
        return {}
    stmt = select(KpiValue).where(col(KpiValue.kpi_id).in_(ids))
    return {(v.kpi_id, v.period): v for v in session.exec(stmt) if (v.kpi_id, v.period) in wanted}


def _check(change: FigureChange, codes: dict[int, str]) -> None:
    if change.kpi_id not in codes:
        raise NotFoundError(f"measure {change.kpi_id} no longer exists")
    cell = change.cell
    if cell.mark and (cell.value is not None or cell.mark not in SUPPRESSION_MARKS):
        raise ValueError(f"{cell.mark!r} is not a DfE mark for a figure that is not published")


def set_figures(changes: Sequence[FigureChange], *, session: Session, who: str,
                expected: Sequence[FigureChange] | None = None) -> list[FigureChange]:
    """Write the cells (one transaction, an AuditEntry each); return what they held before."""
    changes = [FigureChange(c.kpi_id, month_start(c.period), c.cell) for c in changes]
    with write_transaction(session):
        codes = dict(session.exec(select(Kpi.id, Kpi.code)).all())
        for change in changes:
            _check(change, codes)  # type: ignore[arg-type]
        rows = _current(session, [(c.kpi_id, c.period) for c in changes])
        before = [FigureChange(c.kpi_id, c.period, _cell(rows.get((c.kpi_id, c.period)))) for c in changes]
        if expected is not None:
            now = {(b.kpi_id, b.period): b.cell for b in before}
            for e in expected:
                if now.get((e.kpi_id, month_start(e.period)), e.cell) != e.cell:
                    raise ConflictError(
                        f"{codes.get(e.kpi_id, 'a measure')} for {e.period:%b %Y} was changed since "
                        "(it now holds something else); nothing was changed")
        for change, old in zip(changes, before):
            if change.cell == old.cell:
                continue
            row = rows.get((change.kpi_id, change.period))
            field = f"value {change.period:%Y-%m}"
            record_change(session, who=who, entity=ENTITY, entity_id=change.kpi_id, field=field,
                          old=old.cell.text() or None, new=change.cell.text() or None)
            if change.cell.empty and row is not None and not row.note:
                session.delete(row)
            elif row is None:
                session.add(KpiValue(kpi_id=change.kpi_id, period=change.period, value=change.cell.value,
                                     mark=change.cell.mark))
            else:
                row.value, row.mark = change.cell.value, change.cell.mark
                session.add(row)
    return before


def _cell(row: KpiValue | None) -> Cell:
    return EMPTY if row is None else Cell(row.value, row.mark)
