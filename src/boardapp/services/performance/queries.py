"""Reads of the performance scorecard: each measure with its latest value, RAG and trend."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from boardapp.db.models import Comparator, Kpi, KpiValue, Theme
from boardapp.domain.enums import Direction
from boardapp.domain.kpi import Rag, kpi_direction, kpi_rag, rag_reason
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


@dataclass(frozen=True, slots=True)
class KpiSeries:
    """A measure's values in period order, for a chart."""

    kpi_id: int
    code: str
    title: str
    unit: str
    target: float | None
    points: tuple[KpiPoint, ...]


def _values_by_kpi(session: Session, since: date | None = None) -> dict[int, list[KpiPoint]]:
    stmt = select(KpiValue).order_by(KpiValue.kpi_id, KpiValue.period)
    if since is not None:
        stmt = stmt.where(KpiValue.period >= since)
    values: dict[int, list[KpiPoint]] = defaultdict(list)
    for v in session.exec(stmt):
        if v.value is not None:  # "not published" (a DfE suppression mark) is no value, never zero
            values[v.kpi_id].append(KpiPoint(v.period, v.value, v.note))
    return values


def _latest_comparators(session: Session) -> dict[int, Comparator]:
    """Each measure's comparators for its latest published period."""
    latest: dict[int, Comparator] = {}
    stmt = select(Comparator).order_by(Comparator.kpi_id, col(Comparator.period_end).is_(None), Comparator.period_end,
                                       Comparator.period)
    for c in session.exec(stmt):
        latest[c.kpi_id] = c
    return latest


def scorecard(*, session: Session) -> list[ScorecardRow]:
    """Every measure ordered by code, with its two latest values, RAG against target and direction."""
    values = _values_by_kpi(session)
    comparators = _latest_comparators(session)
    stmt = (select(Kpi, Theme.code).outerjoin(Theme, Theme.id == Kpi.theme_id)
            .where(col(Kpi.retired_at).is_(None)).order_by(Kpi.sort_order, Kpi.code))
    rows = []
    for k, theme_code in session.exec(stmt):
        assert k.id is not None
        series = values.get(k.id, [])
        latest = series[-1] if series else None
        previous = series[-2] if len(series) > 1 else None
        latest_value = latest.value if latest else None
        previous_value = previous.value if previous else None
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
        ))
    return rows


def kpi_series(kpi_id: int, *, session: Session, since: date | None = None) -> KpiSeries:
    """One measure's values (from ``since`` when given); LookupError if it does not exist."""
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise LookupError(f"measure {kpi_id} does not exist")
    stmt = select(KpiValue).where(KpiValue.kpi_id == kpi_id).order_by(KpiValue.period)
    if since is not None:
        stmt = stmt.where(KpiValue.period >= since)
    points = tuple(KpiPoint(v.period, v.value, v.note) for v in session.exec(stmt) if v.value is not None)
    return KpiSeries(kpi_id, kpi.code, kpi.title, kpi.unit, kpi.target, points)


def all_series(*, session: Session, since: date | None = None) -> list[KpiSeries]:
    """Every measure's values, ordered by code: the pack's charts in one query."""
    values = _values_by_kpi(session, since)
    return [
        KpiSeries(k.id, k.code, k.title, k.unit, k.target, tuple(values.get(k.id, ())))  # type: ignore[arg-type]
        for k in session.exec(select(Kpi).order_by(col(Kpi.code)))
    ]


def list_kpis(*, session: Session) -> list[KpiRow]:
    """Every measure, by code (the action editor's link list)."""
    return [KpiRow(k.id, k.code, k.title, k.unit, k.polarity, k.target) for k in session.exec(select(Kpi).order_by(Kpi.code))]  # type: ignore[arg-type]
