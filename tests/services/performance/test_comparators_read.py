"""The comparator reads the scorecard and the trend chart use: latest period per measure, a measure's series."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from boardapp.services.performance.comparators import (
    comparator_series,
    comparator_steps,
    latest_comparators,
)


def _add(db: sqlite3.Connection, kpi_id: int, period: str, end: str | None, england: float | None) -> None:
    db.execute("INSERT INTO comparator (kpi_id, period, period_end, england, region, region_name, neighbours, "
               "neighbours_used, own, source) VALUES (?, ?, ?, ?, NULL, '', NULL, 0, NULL, 'test')",
               (kpi_id, period, end, england))


def test_latest_and_series_in_period_order(demo_path: Path) -> None:
    with closing(sqlite3.connect(demo_path)) as db:
        kpi_id = db.execute("SELECT id FROM kpi WHERE code = 'K07'").fetchone()[0]
        db.execute("DELETE FROM comparator WHERE kpi_id = ?", (kpi_id,))
        _add(db, kpi_id, "2023-24", "2024-03-31", 17.8)
        _add(db, kpi_id, "2021-22", "2022-03-31", 16.3)
        _add(db, kpi_id, "2022-23", "2023-03-31", 17.0)
        db.commit()
        series = comparator_series(db, kpi_id)
        assert [r.period for r in series] == ["2021-22", "2022-23", "2023-24"]
        assert series[-1].period_end == date(2024, 3, 31)
        latest = latest_comparators(db, [kpi_id])
        assert list(latest) == [kpi_id] and latest[kpi_id].period == "2023-24" and latest[kpi_id].england == 17.8
        assert comparator_steps(series)[0] == (date(2022, 3, 31), 16.3)
        assert latest_comparators(db, []) == {}
        assert kpi_id in latest_comparators(db)


def test_reads_take_a_session(session: object) -> None:
    every = latest_comparators(session)  # type: ignore[arg-type]
    assert every, "the demo has comparators"
    first = next(iter(every.values()))
    assert comparator_series(session, first.kpi_id)[-1] == first  # type: ignore[arg-type]
