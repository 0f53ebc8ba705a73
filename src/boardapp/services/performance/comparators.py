"""Reads of the published comparators (England, region, statistical neighbours, the council's own).

Comparators are kept per *published* period (an EES reporting year or quarter, e.g. "2023-24"),
beside a measure's own monthly values: the scorecard shows the latest period's, the trend chart
draws them as steps from one published period's end to the next. Plain sqlite3 (or a Session's
own connection), so the Performance page can read them on its open path without the ORM.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from boardapp.services.connection import Reader, dbapi, to_date


@dataclass(frozen=True, slots=True)
class ComparatorRow:
    """One measure's comparators for one published period."""

    kpi_id: int
    period: str
    period_end: date | None
    england: float | None
    region: float | None
    region_name: str
    neighbours: float | None
    neighbours_used: int
    own: float | None
    source: str


_COLUMNS = "kpi_id, period, period_end, england, region, region_name, neighbours, neighbours_used, own, source"
#: Published periods in time order: by the day they end (a period without one last), then by their text.
_ORDER = "kpi_id, period_end IS NULL, period_end, period"


def _row(found: tuple) -> ComparatorRow:  # type: ignore[type-arg]
    kpi_id, period, end, england, region, region_name, neighbours, used, own, source = found
    return ComparatorRow(int(kpi_id), period, to_date(end), england, region, region_name or "", neighbours,
                         int(used or 0), own, source or "")


def comparator_series(reader: Reader, kpi_id: int) -> list[ComparatorRow]:
    """Every published period of one measure, oldest first (the chart's steps)."""
    db = dbapi(reader)
    found = db.execute(f"SELECT {_COLUMNS} FROM comparator WHERE kpi_id = ? ORDER BY {_ORDER}", (kpi_id,))
    return [_row(r) for r in found.fetchall()]


def latest_comparators(reader: Reader, kpi_ids: Iterable[int] | None = None) -> dict[int, ComparatorRow]:
    """Each measure's comparators for its latest published period (``kpi_ids`` None: every measure's)."""
    db = dbapi(reader)
    wanted = None if kpi_ids is None else {int(i) for i in kpi_ids}
    if wanted is not None and not wanted:
        return {}
    latest: dict[int, ComparatorRow] = {}
    for found in db.execute(f"SELECT {_COLUMNS} FROM comparator ORDER BY {_ORDER}").fetchall():
        row = _row(found)
        if wanted is None or row.kpi_id in wanted:
            latest[row.kpi_id] = row  # later periods come later: the last one stays
    return latest


def all_comparator_series(reader: Reader) -> dict[int, list[ComparatorRow]]:
    """Every measure's published periods, oldest first (the pack's charts in one query)."""
    series: dict[int, list[ComparatorRow]] = {}
    for found in dbapi(reader).execute(f"SELECT {_COLUMNS} FROM comparator ORDER BY {_ORDER}").fetchall():
        row = _row(found)
        series.setdefault(row.kpi_id, []).append(row)
    return series


def comparator_steps(series: Iterable[ComparatorRow], which: str = "england") -> list[tuple[date, float]]:
    """(day the period ends, value) of one comparator ("england", "region", "neighbours", "own") for a
    step chart: each published value holds until the next period ends. Periods without an end day or
    without that value are left out."""
    steps = []
    for row in series:
        value = getattr(row, which)
        if row.period_end is not None and value is not None:
            steps.append((row.period_end, float(value)))
    return steps


@dataclass(frozen=True, slots=True)
class MappableMeasure:
    """A measure the comparators dialog offers to map a column to."""

    kpi_id: int
    code: str
    title: str
    unit: str


def mappable_measures(reader: Reader) -> list[MappableMeasure]:
    """The measures still reported (not retired), in scorecard order."""
    found = dbapi(reader).execute(
        "SELECT id, code, title, unit FROM kpi WHERE retired_at IS NULL ORDER BY sort_order, code").fetchall()
    return [MappableMeasure(int(i), code, title, unit or "") for i, code, title, unit in found]
