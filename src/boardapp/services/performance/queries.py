"""Reads of the performance scorecard: each measure with its latest value, RAG, direction and comparators.

Comparators (England / region / statistical neighbours) come from the Comparator table, one row
per published period (an EES reporting year or quarter), filled by the DfE comparators import;
the scorecard shows the latest published period's and the trend chart all of them as steps.
No ORM: the pack's command reads them without importing SQLAlchemy (a session works too).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from boardapp.domain.enums import Direction
from boardapp.domain.kpi import Rag, kpi_direction, kpi_rag, rag_reason
from boardapp.services.performance.comparators import (
    ComparatorRow, all_comparator_series, comparator_series, latest_comparators,
)
from boardapp.services.connection import Reader, dbapi
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


def _values_by_kpi(session: Reader, since: date | None = None) -> dict[int, list[KpiPoint]]:
    sql = "SELECT kpi_id, period, value, note FROM kpivalue"
    if since is not None:
        sql += " WHERE period >= ?"
    values: dict[int, list[KpiPoint]] = defaultdict(list)
    for kpi_id, period, value, note in dbapi(session).execute(sql + " ORDER BY kpi_id, period",
                                                              () if since is None else (since.isoformat(),)):
        if value is not None:  # "not published" (a DfE suppression mark) is no value, never zero
            values[kpi_id].append(KpiPoint(date.fromisoformat(period), value, note))
    return values


@dataclass(frozen=True, slots=True)
class _Measure:
    """A measure's own columns, as the scorecard and the series read them."""

    id: int
    code: str
    title: str
    unit: str
    polarity: str
    target: float | None
    floor: float | None
    theme_id: int | None
    frequency: str
    period_note: str


_MEASURE = "k.id, k.code, k.title, k.unit, k.polarity, k.target, k.floor, k.theme_id, k.frequency, k.period_note"
_LIVE_IN_ORDER = " WHERE k.retired_at IS NULL ORDER BY k.sort_order, k.code"


def _year_before(period: date) -> date:
    return date(period.year - 1, period.month, 1)


def scorecard(*, session: Reader, include_retired: bool = False) -> list[ScorecardRow]:
    """Every live measure in scorecard order, with its latest values, RAG against target and direction."""
    values = _values_by_kpi(session)
    comparators = latest_comparators(session)
    sql = f"SELECT {_MEASURE}, t.code FROM kpi k LEFT JOIN theme t ON t.id = k.theme_id"
    sql += _LIVE_IN_ORDER if not include_retired else " ORDER BY k.sort_order, k.code"
    rows = []
    for found in dbapi(session).execute(sql):
        k, theme_code = _Measure(*found[:-1]), found[-1]
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


def _series(k: _Measure, points: Iterable[KpiPoint], comparators: Iterable[ComparatorRow]) -> KpiSeries:
    return KpiSeries(k.id, k.code, k.title, k.unit, k.target, tuple(points), floor=k.floor,
                     polarity=k.polarity, comparators=tuple(comparators))


def kpi_series(kpi_id: int, *, session: Reader, since: date | None = None) -> KpiSeries:
    """One measure's values (from ``since`` when given); LookupError if it does not exist."""
    found = dbapi(session).execute(f"SELECT {_MEASURE} FROM kpi k WHERE k.id = ?", (kpi_id,)).fetchone()
    if found is None:
        raise LookupError(f"measure {kpi_id} does not exist")
    points = _values_by_kpi(session, since).get(kpi_id, [])
    return _series(_Measure(*found), points, comparator_series(session, kpi_id))


def all_series(*, session: Reader, since: date | None = None) -> list[KpiSeries]:
    """Every live measure's values in scorecard order: the pack's charts in one query."""
    values = _values_by_kpi(session, since)
    comparators = all_comparator_series(session)
    measures = [_Measure(*found) for found in dbapi(session).execute(f"SELECT {_MEASURE} FROM kpi k{_LIVE_IN_ORDER}")]
    return [_series(k, values.get(k.id, ()), comparators.get(k.id, ())) for k in measures]


def list_kpis(*, session: Reader) -> list[KpiRow]:
    """Every measure, by code (the action editor's link list)."""
    found = dbapi(session).execute("SELECT id, code, title, unit, polarity, target FROM kpi ORDER BY code")
    return [KpiRow(*row) for row in found]
