"""Writing published comparators: one import is one transaction, and can be taken back.

What an import sets comes worked out from the DfE's files (``exchange.dfe_comparators``): per
measure and published period, England, the council's region, the mean of its statistical
neighbours that published a value (and how many did), and, when asked (``--own``), the council's
own published value. That value is kept on the comparator row; it also becomes the measure's value
for the month the period ends *only where the board has entered none*: a value the board entered
is never overwritten (a differing one is named in a warning).

Undo: ``undo_comparator_import`` puts back exactly what the import replaced (the window's undo
stack holds what it needs, so a CLI import can be undone from the window only in the session that
made it); ``remove_comparator_import`` removes an import by its source label at any later time (it
deletes the rows and values that import wrote; comparators it had replaced are not brought back).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from boardapp.db.models import Comparator, Kpi, KpiValue
from boardapp.services.audit import record_change
from boardapp.services.transaction import ConflictError, write_transaction


class ComparatorImportError(ValueError):
    """The files, the LA code or the mapping cannot be imported; the message names what (nothing was written)."""


@dataclass(frozen=True, slots=True)
class PublishedPeriod:
    """What one published period sets for one measure."""

    period: str
    period_end: date | None
    own: float | None
    england: float | None
    region: float | None
    region_name: str
    neighbours: float | None
    neighbours_used: int

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "own": self.own, "england": self.england, "region": self.region,
                "neighbours": self.neighbours, "neighbours_used": self.neighbours_used}


@dataclass(frozen=True, slots=True)
class MeasureComparators:
    measure: str  # the measure's code (Kpi.code)
    column: str  # the indicator column of the EES file
    periods: tuple[PublishedPeriod, ...]
    kpi_id: int | None = None  # set by check_comparator_import


@dataclass(frozen=True)
class ComparatorImport:
    """An import worked out and not yet written: what ``--json`` prints and the dialog previews."""

    la: str
    la_name: str
    source: str  # the files it came from, as the comparator rows will say
    own: bool
    measures: tuple[MeasureComparators, ...]
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "la": self.la,
            "measures": [{"measure": m.measure, "column": m.column, "periods": [p.to_json() for p in m.periods]}
                         for m in self.measures],
            "warnings": list(self.warnings),
        }

    @property
    def period_count(self) -> int:
        return sum(len(m.periods) for m in self.measures)


def own_value_note(period: str, source: str) -> str:
    """The note on a measure value that an import added from the council's own published figure."""
    return f"DfE published {period} ({source})"


def _month(day: date) -> date:
    return date(day.year, day.month, 1)


def _figure(value: float | None) -> str:
    return "not published" if value is None else f"{value:g}"


def _kpis_by_code(session: Session) -> dict[str, Kpi]:
    return {k.code: k for k in session.exec(select(Kpi))}


def check_comparator_import(data: ComparatorImport, *, session: Session) -> ComparatorImport:
    """``data`` with each measure's id, and warnings for own published values the board's own values keep out.

    ComparatorImportError naming the measure if a code is not one of the workspace's measures."""
    kpis = _kpis_by_code(session)
    by_upper = {code.upper(): k for code, k in kpis.items()}
    measures = []
    seen: set[str] = set()
    for m in data.measures:
        kpi = kpis.get(m.measure) or by_upper.get(m.measure.strip().upper())
        if kpi is None:
            known = ", ".join(sorted(kpis)) or "none yet"
            raise ComparatorImportError(f"unknown measure {m.measure!r}: the workspace's measures are {known}")
        if kpi.code in seen:
            raise ComparatorImportError(f"measure {kpi.code} is mapped to more than one column")
        seen.add(kpi.code)
        measures.append(replace(m, measure=kpi.code, kpi_id=kpi.id))
    warnings = list(data.warnings)
    if data.own:
        ids = [m.kpi_id for m in measures]
        entered = {(v.kpi_id, v.period): v for v in session.exec(select(KpiValue).where(col(KpiValue.kpi_id).in_(ids)))}
        for m in measures:
            for p in m.periods:
                if p.own is None or p.period_end is None:
                    continue
                board = entered.get((m.kpi_id, _month(p.period_end)))
                if board is not None and board.value != p.own:
                    warnings.append(f"{m.measure} {p.period}: the board's own value for {p.period_end:%m/%Y} "
                                    f"({_figure(board.value)}) is kept; the DfE published {p.own:g}")
    return replace(data, measures=tuple(measures), warnings=tuple(warnings))


@dataclass(frozen=True)
class AppliedComparators:
    """What an import wrote, and what it replaced: enough to take it back."""

    source: str
    #: (kpi_id, period) → the comparator row the import replaced (its column values), None if there was none
    replaced: dict[tuple[int, str], dict[str, Any] | None] = field(default_factory=dict)
    #: ids of the measure values the import added from the council's own published figures
    added_values: tuple[int, ...] = ()
    periods: int = 0


_FIELDS = ("period_end", "england", "region", "region_name", "neighbours", "neighbours_used", "own", "source")


def _values(row: Comparator) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _FIELDS}


def apply_comparator_import(data: ComparatorImport, *, session: Session, who: str) -> AppliedComparators:
    """Write the import in one transaction (all of it or nothing); returns what undo needs."""
    with write_transaction(session):
        data = check_comparator_import(data, session=session)
        replaced: dict[tuple[int, str], dict[str, Any] | None] = {}
        added: list[KpiValue] = []
        count = 0
        for m in data.measures:
            assert m.kpi_id is not None
            existing = {c.period: c for c in session.exec(select(Comparator).where(Comparator.kpi_id == m.kpi_id))}
            entered = {v.period for v in session.exec(select(KpiValue).where(KpiValue.kpi_id == m.kpi_id))}
            for p in m.periods:
                row = existing.get(p.period)
                replaced[(m.kpi_id, p.period)] = None if row is None else _values(row)
                if row is None:
                    row = Comparator(kpi_id=m.kpi_id, period=p.period)
                row.period_end = p.period_end
                row.england, row.region, row.region_name = p.england, p.region, p.region_name
                row.neighbours, row.neighbours_used = p.neighbours, p.neighbours_used
                if data.own:
                    row.own = p.own
                row.source = data.source
                session.add(row)
                count += 1
                if data.own and p.own is not None and p.period_end is not None and _month(p.period_end) not in entered:
                    value = KpiValue(kpi_id=m.kpi_id, period=_month(p.period_end), value=p.own,
                                     note=own_value_note(p.period, data.source))
                    session.add(value)
                    added.append(value)
                    entered.add(value.period)
            record_change(session, who=who, entity="kpi", entity_id=m.kpi_id, field="comparators", old=None,
                          new=f"{len(m.periods)} published periods from {m.column} ({data.source})")
        session.flush()
        return AppliedComparators(data.source, replaced, tuple(v.id for v in added if v.id is not None), count)


def undo_comparator_import(applied: AppliedComparators, *, session: Session, who: str) -> None:
    """Put back what the import replaced and remove the values it added (one transaction).

    ConflictError if a later import has replaced these comparators since (nothing is changed)."""
    with write_transaction(session):
        for (kpi_id, period), before in applied.replaced.items():
            row = session.exec(select(Comparator).where(Comparator.kpi_id == kpi_id,
                                                         Comparator.period == period)).first()
            if row is not None and row.source != applied.source:
                raise ConflictError(f"the comparators for {period} were imported again since; nothing was undone")
            if before is None:
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = Comparator(kpi_id=kpi_id, period=period)
            for name, value in before.items():
                setattr(row, name, value)
            session.add(row)
        for value_id in applied.added_values:
            value = session.get(KpiValue, value_id)
            if value is not None and value.note.endswith(f"({applied.source})"):
                session.delete(value)
        for kpi_id in sorted({k for k, _ in applied.replaced}):
            record_change(session, who=who, entity="kpi", entity_id=kpi_id, field="comparators",
                          old=applied.source, new="import undone")


def comparator_sources(*, session: Session) -> list[str]:
    """The source labels of the imports whose comparators the workspace holds, newest label last."""
    return sorted(set(session.exec(select(Comparator.source).where(Comparator.source != ""))))


def remove_comparator_import(source: str, *, session: Session, who: str) -> int:
    """Remove every comparator row and added measure value of the import labelled ``source`` (any time
    later, e.g. an import made from the command line); returns how many comparator rows went.

    Comparators that import had replaced are not brought back (the window's undo does that, in the
    session that imported). ComparatorImportError if no comparators carry that label."""
    with write_transaction(session):
        rows = list(session.exec(select(Comparator).where(Comparator.source == source)))
        if not rows:
            raise ComparatorImportError(f"no comparators were imported as {source!r}")
        kpi_ids = sorted({r.kpi_id for r in rows})
        for row in rows:
            session.delete(row)
        suffix = f"({source})"
        for value in session.exec(select(KpiValue).where(col(KpiValue.kpi_id).in_(kpi_ids))):
            if value.note.startswith("DfE published ") and value.note.endswith(suffix):
                session.delete(value)
        for kpi_id in kpi_ids:
            record_change(session, who=who, entity="kpi", entity_id=kpi_id, field="comparators", old=source,
                          new="import removed")
        return len(rows)
