"""Reads of the performance scorecard: each measure with its latest value, RAG, direction and comparators.

Comparators (England / region / statistical neighbours) come from the Comparator table, one row
per published period (an EES reporting year or quarter), filled by the DfE comparators import;
the scorecard shows the latest published period's and the trend chart all of them as steps.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from boardapp.db.models import Kpi, KpiValue, Theme
from boardapp.domain.enums import Direction
from boardapp.domain.kpi import Rag, kpi_direction, kpi_rag, rag_reason
from boardapp.services.performance.comparators import (
    ComparatorRow, all_comparator_series, comparator_series, latest_comparators,
)
from boardapp.services.rows import KpiRow


@dataclass(frozen=True, slots=True)
class KpiPoint:
    period: date
    value: float
    note: str


@dataclass(frozen=True, slots=True)
class ScorecardRow:
    """One measure on the scorecard."""

    id: int
    code: str
    title: str
    unit: str
    polarity: str
    target: float | None
    floor: float | None
    comparator_period: str
    england: float | None
    region: float | None
    neighbours: float | None
    theme_id: int | None
    theme_code: str
    latest_period: date | None
    latest_value: float | None
    previous_value: float | None
    rag: Rag | None
    rag_reason: str
    direction: Direction | None
    previous_period: date | None = None
    year_ago_value: float | None = None
    year_direction: Direction | None = None  # against the same period a year before
    region_name: str = ""
    frequency: str = "MONTHLY"
    period_note: str = ""

    @property
    def off_target(self) -> bool:
        return self.rag in (Rag.AMBER, Rag.RED)


@dataclass(frozen=True, slots=True)
class KpiSeries:
    """A measure's values in period order, with its lines and comparators, for a chart."""

    kpi_id: int
    code: str
    title: str
    unit: str
    target: float | None
    points: tuple[KpiPoint, ...]
    floor: float | None = None
    polarity: str = "HIGHER_IS_BETTER"
    comparators: tuple[ComparatorRow, ...] = ()


def _values_by_kpi(session: Session, since: date | None = None) -> dict[int, list[KpiPoint]]:
    stmt = select(KpiValue).order_by(KpiValue.kpi_id, KpiValue.period)
    if since is not None:
        stmt = stmt.where(KpiValue.period >= since)
    values: dict[int, list[KpiPoint]] = defaultdict(list)
    for v in session.exec(stmt):
        if v.value is not None:  # "not published" (a DfE suppression mark) is no value, never zero
            values[v.kpi_id].append(KpiPoint(v.period, v.value, v.note))
    return values


def _year_before(period: date) -> date:
    return date(period.year - 1, period.month, 1)


def scorecard(*, session: Session, include_retired: bool = False) -> list[ScorecardRow]:
    """Every live measure in scorecard order, with its latest values, RAG against target and direction."""
    values = _values_by_kpi(session)
    comparators = latest_comparators(session)
    stmt = (select(Kpi, Theme.code).outerjoin(Theme, Theme.id == Kpi.theme_id).order_by(Kpi.sort_order, Kpi.code))
    if not include_retired:
        stmt = stmt.where(col(Kpi.retired_at).is_(None))
    rows = []
    for k, theme_code in session.exec(stmt):
        assert k.id is not None
        series = values.get(k.id, [])
        latest = series[-1] if series else None
        previous = series[-2] if len(series) > 1 else None
        latest_value = latest.value if latest else None
        previous_value = previous.value if previous else None
        year_ago = None
        if latest is not None:
            wanted = _year_before(latest.period)
            year_ago = next((p.value for p in series if date(p.period.year, p.period.month, 1) == wanted), None)
        comparator = comparators.get(k.id)
        rows.append(ScorecardRow(
            id=k.id, code=k.code, title=k.title, unit=k.unit, polarity=k.polarity, target=k.target, floor=k.floor,
            comparator_period=comparator.period if comparator else "",
            england=comparator.england if comparator else None, region=comparator.region if comparator else None,
            neighbours=comparator.neighbours if comparator else None, theme_id=k.theme_id,
            theme_code=theme_code or "", latest_period=latest.period if latest else None,
            latest_value=latest_value, previous_value=previous_value,
            rag=kpi_rag(latest_value, k.target, k.polarity, k.floor),
            rag_reason=rag_reason(latest_value, k.target, k.polarity, k.floor),
            direction=kpi_direction(previous_value, latest_value, k.polarity),
            previous_period=previous.period if previous else None, year_ago_value=year_ago,
            year_direction=kpi_direction(year_ago, latest_value, k.polarity) if year_ago is not None else None,
            region_name=comparator.region_name if comparator else "", frequency=k.frequency,
            period_note=k.period_note,
        ))
    return rows


def _series(k: Kpi, points: Iterable[KpiPoint], comparators: Iterable[ComparatorRow]) -> KpiSeries:
    return KpiSeries(k.id, k.code, k.title, k.unit, k.target, tuple(points), floor=k.floor,  # type: ignore[arg-type]
                     polarity=k.polarity, comparators=tuple(comparators))


def kpi_series(kpi_id: int, *, session: Session, since: date | None = None) -> KpiSeries:
    """One measure's values (from ``since`` when given); LookupError if it does not exist."""
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise LookupError(f"measure {kpi_id} does not exist")
    points = _values_by_kpi(session, since).get(kpi_id, [])
    return _series(kpi, points, comparator_series(session, kpi_id))


def all_series(*, session: Session, since: date | None = None) -> list[KpiSeries]:
    """Every live measure's values in scorecard order: the pack's charts in one query."""
    values = _values_by_kpi(session, since)
    comparators = all_comparator_series(session)
    stmt = select(Kpi).where(col(Kpi.retired_at).is_(None)).order_by(Kpi.sort_order, Kpi.code)
    return [_series(k, values.get(k.id, ()), comparators.get(k.id, ())) for k in session.exec(stmt)]  # type: ignore[arg-type]


def list_kpis(*, session: Session) -> list[KpiRow]:
    """Every measure, by code (the action editor's link list)."""
    return [KpiRow(k.id, k.code, k.title, k.unit, k.polarity, k.target) for k in session.exec(select(Kpi).order_by(Kpi.code))]  # type: ignore[arg-type]
